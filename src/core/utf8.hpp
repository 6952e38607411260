// UTF-8 checks for text that comes from files and people.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace h2h::utf8 {

// The byte offset of the first byte that is not part of well-formed UTF-8
// (no overlongs, no surrogates, nothing above U+10FFFF), or nothing.
std::optional<std::size_t> first_invalid(std::string_view s);

// The length of the well-formed UTF-8 sequence starting at s[i], or 0.
std::size_t sequence_length(std::string_view s, std::size_t i);

// 1-based line and column (in characters) of byte offset `offset`.
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn locate(std::string_view s, std::size_t offset);

// The first C0 or C1 control character other than newline and tab, as a
// byte offset, or nothing. Used to keep hostile text off the terminal.
std::optional<std::size_t> first_control(std::string_view s);

// The number of characters (code points) of valid UTF-8 text.
std::size_t length(std::string_view s);

}  // namespace h2h::utf8
