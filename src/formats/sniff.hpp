// What the first bytes of a file say about it, for input that is not what
// h2h reads: a clear message instead of an empty or garbled result. A
// response file that is not what its name says (a workbook named .csv, a
// PDF, UTF-16 text from Excel's "Unicode text", an old .xls) is named for
// what it looks like, with what to do, instead of failing later with a
// field-count error. The one place that looks at a file's first bytes.
#pragma once

#include <string>
#include <string_view>

#include "formats/responses.hpp"

namespace h2h::formats {

enum class Sniffed { text, utf16 };

// From the start of a file (a few dozen bytes are enough): UTF-16 when it
// begins with a UTF-16 byte order mark, or when a quarter or more of its
// bytes are NUL, as in ASCII text stored as UTF-16 without one.
Sniffed sniff(std::string_view head);

// Throws Error (exit 3) when the first bytes of `path` do not fit `format`.
// Standard input and unreadable files are left to the reader.
void check_file_kind(const std::string& path, ResponseFormat format);

}  // namespace h2h::formats
