#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace h2h {

std::string format_problem(const Problem& p) {
  const Place& at = p.place;
  if (at.source.empty()) return fmt::format("h2h: error: {}", p.message);
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
