#include "render/grid_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "i18n/i18n.hpp"
#include "render/layout.hpp"

namespace h2h::render {

std::string grid_text(const GridLabels& labels, const Style& style, std::string_view legend) {
  std::string out = "  B\n";
  for (int b = kAnswerMax; b >= kAnswerMin; --b) {
    out += fmt::format("{:>3} |", b);
    for (int a = kAnswerMin; a <= kAnswerMax; ++a) {
      const std::string& label = labels[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
      if (!label.empty()) {
        out += paint(style.label, center(label, 3));
        continue;
      }
      switch (zone_of({a, b})) {
        case Zone::en_en:
          out += paint(style.good, " + ");
          break;
        case Zone::compromise:
          out += paint(style.dim, " ~ ");
          break;
        case Zone::a:
        case Zone::b:
          out += paint(style.dim, " . ");
          break;
        default:
          out += "   ";
      }
    }
    // No trailing blanks: the grid is also copied into Markdown and tests.
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\n";
  }
  out += "    +" + std::string(33, '-') + "\n     ";
  for (int a = kAnswerMin; a <= kAnswerMax; ++a) out += fmt::format("{:>3}", a);
  out += "  A\n";
  out += paint(style.dim, "     " + i18n::tr("run.grid_legend")) + "\n";
  if (!legend.empty())
    out += paint(style.dim, wrap_indented(std::string(legend), kWidth, "     ")) + "\n";
  return out;
}

GridLabels count_labels(const std::array<std::array<std::int64_t, kGridSide>, kGridSide>& cells) {
  GridLabels labels;
  for (std::size_t a = 0; a < cells.size(); ++a)
    for (std::size_t b = 0; b < cells[a].size(); ++b)
      if (cells[a][b] > 0) labels[a][b] = cells[a][b] > 99 ? "99+" : std::to_string(cells[a][b]);
  return labels;
}

void draw_arrow(GridLabels& labels, std::array<double, 2> then, std::array<double, 2> now) {
  auto cell = [](double x) {
    return static_cast<int>(
        std::clamp(std::lround(x), static_cast<long>(kAnswerMin), static_cast<long>(kAnswerMax)));
  };
  const int a0 = cell(then[0]), b0 = cell(then[1]), a1 = cell(now[0]), b1 = cell(now[1]);
  auto mark = [&](int a, int b, const char* label) {
    std::string& at = labels[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
    if (at.empty()) at = label;
  };
  const int steps = std::max(std::abs(a1 - a0), std::abs(b1 - b0));
  for (int i = 1; i < steps; ++i)
    mark(static_cast<int>(std::lround(a0 + (a1 - a0) * static_cast<double>(i) / steps)),
         static_cast<int>(std::lround(b0 + (b1 - b0) * static_cast<double>(i) / steps)), "·");
  mark(a0, b0, "o");
  mark(a1, b1, "*");
}

}  // namespace h2h::render
