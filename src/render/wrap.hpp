// Word wrapping for terminal text (UTF-8 aware, width in characters).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace h2h::render {

// Splits `text` into lines of at most `width` characters, breaking at
// spaces; a word longer than the width gets a line of its own. Newlines in
// the text are kept.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

// `text` wrapped, each line after `indent`, joined with newlines (no final one).
std::string wrap_indented(std::string_view text, std::size_t width, std::string_view indent);

}  // namespace h2h::render
