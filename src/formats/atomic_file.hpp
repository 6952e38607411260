// Writing a file so that a crash, a full disk or a kill at any moment leaves
// either the old file or the new one, never half of either: a temporary file
// in the same folder (created exclusively, never through a symlink), written,
// flushed and fsynced, then renamed over the target, and the folder fsynced.
#pragma once

#include <string>
#include <string_view>

namespace h2h::formats {

// Throws Error (exit code 1) when the file cannot be written; the previous
// file is then left as it was. `mode` is the new file's permission bits.
void write_atomically(const std::string& path, std::string_view bytes, unsigned mode = 0600);

}  // namespace h2h::formats
