#include "render/layout.hpp"

#include "core/utf8.hpp"

namespace h2h::render {

std::string cut(std::string_view s, std::size_t width) {
  if (utf8::length(s) <= width) return std::string(s);
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size() && chars + 1 < width; ++chars) {
    const std::size_t len = std::max<std::size_t>(1, utf8::sequence_length(s, i));
    out += s.substr(i, len);
    i += len;
  }
  return out + "…";
}

std::string pad(std::string_view s, std::size_t width) {
  std::string out(s);
  const std::size_t len = utf8::length(s);
  if (len < width) out.append(width - len, ' ');
  return out;
}

std::string center(std::string_view s, std::size_t width) {
  const std::size_t len = utf8::length(s);
  if (len >= width) return std::string(s);
  const std::size_t left = (width - len) / 2;
  return std::string(left, ' ') + std::string(s) + std::string(width - len - left, ' ');
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view paragraph = text.substr(start, end - start);
    std::string line;
    std::size_t line_len = 0;
    std::size_t pos = 0;
    while (pos < paragraph.size()) {
      std::size_t space = paragraph.find(' ', pos);
      if (space == std::string_view::npos) space = paragraph.size();
      std::string_view word = paragraph.substr(pos, space - pos);
      pos = space + 1;
      if (word.empty()) continue;
      const std::size_t word_len = utf8::length(word);
      if (line_len > 0 && line_len + 1 + word_len > width) {
        lines.push_back(std::move(line));
        line.clear();
        line_len = 0;
      }
      if (line_len > 0) {
        line += ' ';
        ++line_len;
      }
      line += word;
      line_len += word_len;
    }
    lines.push_back(std::move(line));
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

std::string wrap_indented(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out;
  const std::size_t inner = width > indent.size() + 10 ? width - indent.size() : 10;
  for (const auto& line : wrap(text, inner)) {
    if (!out.empty()) out += '\n';
    if (!line.empty()) out.append(indent).append(line);
  }
  return out;
}

}  // namespace h2h::render
