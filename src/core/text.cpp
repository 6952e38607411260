#include "core/text.hpp"

namespace h2h {

bool Text::has(std::string_view lang) const {
  for (const auto& [l, s] : variants)
    if (l == lang || l.empty()) return true;
  return false;
}

const std::string& Text::in(std::string_view lang) const {
  static const std::string none;
  for (const auto& [l, s] : variants)
    if (l == lang) return s;
  for (const auto& [l, s] : variants)
    if (l.empty()) return s;
  return variants.empty() ? none : variants.front().second;
}

}  // namespace h2h
