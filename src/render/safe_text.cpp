#include "render/safe_text.hpp"

#include <fmt/format.h>

#include "core/utf8.hpp"

namespace h2h::render {

std::string visible(std::string_view text) {
  if (!utf8::first_invalid(text) && !utf8::first_control(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8::sequence_length(text, i);
    const auto c = static_cast<unsigned char>(text[i]);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for each byte that is not UTF-8
      ++i;
      continue;
    }
    if (n == 1 && ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)) {
      out += '^';
      out += static_cast<char>(c == 0x7F ? '?' : c + 0x40);
    } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out += fmt::format("<U+{:04X}>", static_cast<unsigned char>(text[i + 1]));
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

}  // namespace h2h::render
