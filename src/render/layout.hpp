// Laying out terminal text: word wrapping, padding and colouring, all
// UTF-8 aware (widths in characters). Pad before painting: fmt's width does
// not see escape codes.
#pragma once

#include <fmt/color.h>

#include <string>
#include <string_view>
#include <vector>

namespace h2h::render {

// The width h2h's terminal text fits in.
inline constexpr std::size_t kWidth = 80;

// `text` in a style (no escape codes when the style is empty).
inline std::string paint(fmt::text_style style, std::string_view text) {
  return fmt::format(style, "{}", text);
}

// `s` padded with spaces to `width` characters.
std::string pad(std::string_view s, std::size_t width);
// The first `width` characters of `s`, with an ellipsis when cut.
std::string cut(std::string_view s, std::size_t width);
// `s` centred in `width` characters.
std::string center(std::string_view s, std::size_t width);

// Splits `text` into lines of at most `width` characters, breaking at
// spaces; a word longer than the width gets a line of its own. Newlines in
// the text are kept.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

// `text` wrapped, each line after `indent`, joined with newlines (no final one).
std::string wrap_indented(std::string_view text, std::size_t width, std::string_view indent);

}  // namespace h2h::render
