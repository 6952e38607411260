#include "render/grid_text.hpp"

#include <fmt/format.h>

#include "i18n/i18n.hpp"
#include "render/layout.hpp"

namespace h2h::render {

std::string grid_text(const GridLabels& labels, const Style& style) {
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
  return out;
}

GridLabels count_labels(const std::array<std::array<std::int64_t, kGridSide>, kGridSide>& cells) {
  GridLabels labels;
  for (std::size_t a = 0; a < cells.size(); ++a)
    for (std::size_t b = 0; b < cells[a].size(); ++b)
      if (cells[a][b] > 0) labels[a][b] = cells[a][b] > 99 ? "99+" : std::to_string(cells[a][b]);
  return labels;
}

}  // namespace h2h::render
