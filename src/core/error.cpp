#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <tuple>

namespace h2h {

namespace {

// A cell's name as a spreadsheet shows it: column 4, row 14 is D14.
std::string cell_name(int line, int column) {
  std::string letters;
  for (int c = column; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(line);
}

// Sheet names with spaces or punctuation are quoted, as in a formula.
std::string sheet_name(const std::string& sheet) {
  for (const char ch : sheet)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' ||
          static_cast<unsigned char>(ch) >= 0x80)) {
      std::string quoted = "'";
      for (const char q : sheet) quoted += q == '\'' ? std::string("''") : std::string(1, q);
      return quoted + "'";
    }
  return sheet;
}

}  // namespace

std::string format_problem(const Problem& p) {
  const Place& at = p.place;
  if (at.source.empty()) return fmt::format("h2h: error: {}", p.message);
  if (!at.sheet.empty()) {
    if (at.line <= 0) return fmt::format("{}:{}: {}", at.source, sheet_name(at.sheet), p.message);
    if (at.column <= 0)
      return fmt::format("{}:{}!{}: {}", at.source, sheet_name(at.sheet), at.line, p.message);
    return fmt::format("{}:{}!{}: {}", at.source, sheet_name(at.sheet),
                       cell_name(at.line, at.column), p.message);
  }
  if (at.line <= 0) return fmt::format("{}: {}", at.source, p.message);
  if (at.column <= 0) return fmt::format("{}:{}: {}", at.source, at.line, p.message);
  return fmt::format("{}:{}:{}: {}", at.source, at.line, at.column, p.message);
}

void sort_problems(std::vector<Problem>& problems) {
  std::stable_sort(problems.begin(), problems.end(), [](const Problem& x, const Problem& y) {
    return std::tie(x.place.source, x.place.line, x.place.column) <
           std::tie(y.place.source, y.place.line, y.place.column);
  });
}

}  // namespace h2h
