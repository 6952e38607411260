// A text of a deck: one string for every language, or one per language.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace h2h {

struct Text {
  // (language, text); a plain string is stored with an empty language and
  // stands for every language.
  std::vector<std::pair<std::string, std::string>> variants;

  static Text plain(std::string s) { return Text{{{std::string{}, std::move(s)}}}; }

  bool empty() const { return variants.empty(); }
  bool has(std::string_view lang) const;
  // The text in `lang`; else the plain text; else the first variant; else "".
  const std::string& in(std::string_view lang) const;
};

}  // namespace h2h
