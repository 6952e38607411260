// Reading input files with a cap, so that a huge file is refused before it
// fills memory. "-" reads standard input.
#pragma once

#include <cstddef>
#include <string>

namespace h2h::formats {

// At most max_bytes + 1 bytes of the file (one more than allowed, so that
// the caller can tell "too large"). Throws Error (exit 1) when the file
// cannot be read.
std::string read_capped(const std::string& path, std::size_t max_bytes);

}  // namespace h2h::formats
