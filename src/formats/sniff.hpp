// What the first bytes of a file say about it, for input that is not the
// UTF-8 text h2h reads: a clear message instead of an empty or garbled
// result. Only UTF-16 today (a spreadsheet's "Unicode text" export).
#pragma once

#include <string_view>

namespace h2h::formats {

enum class Sniffed { text, utf16 };

// From the start of a file (a few dozen bytes are enough): UTF-16 when it
// begins with a UTF-16 byte order mark, or when a quarter or more of its
// bytes are NUL, as in ASCII text stored as UTF-16 without one.
Sniffed sniff(std::string_view head);

}  // namespace h2h::formats
