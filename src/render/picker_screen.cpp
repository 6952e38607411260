#include "render/picker_screen.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/utf8.hpp"
#include "i18n/i18n.hpp"
#include "render/layout.hpp"
#include "render/session_text.hpp"

namespace h2h::render {

using i18n::tr;

namespace {

constexpr std::size_t kValues = kAnswerMax - kAnswerMin + 1;  // 11 values per axis
constexpr std::size_t kAxisWidth = 5;                         // " 10 |"
constexpr std::size_t kMinPanel = 24;  // the poles and the numbers beside the grid
// Lines besides the grid and the question: whose turn, title, a blank,
// the message and the prompt.
constexpr std::size_t kFixedRows = 5;

std::size_t grid_width(const GridCell& c) {
  return kAxisWidth + kValues * c.width + 3;  // "  A" after the numbers
}
std::size_t grid_height(const GridCell& c) {
  return kValues * c.height + 3;  // "B" above, the axis and its numbers below
}

// `text` wrapped to `width`, at most `max` lines (the last cut with "…").
std::vector<std::string> wrap_at_most(const std::string& text, std::size_t width, std::size_t max) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {  // each line of the text as it is when it fits
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (utf8::length(line) <= width)
      lines.push_back(line);
    else
      for (auto& l : wrap(line, width)) lines.push_back(l);
    start = end + 1;
  }
  if (lines.size() > max) {
    lines.resize(max);
    if (max > 0) lines.back() = cut(lines.back() + " …", width);
  }
  return lines;
}

struct Painted {
  std::string text;   // with escape codes
  std::size_t width;  // on screen
};

// One row of one cell: the dot, or the zone's shading.
Painted cell(const PickerView& v, int a, int b, bool middle, std::size_t width,
             const Style& style) {
  if (a == v.dot.a && b == v.dot.b) {
    const std::string mark = v.a_chosen && v.b_chosen ? "●" : "○";
    return {paint(style.dot, center(middle ? "[" + mark + "]" : "", width)), width};
  }
  fmt::text_style shade;
  std::string mark = " ";
  switch (zone_of({a, b})) {
    case Zone::en_en:
      shade = style.shade_enen, mark = "+";
      break;
    case Zone::compromise:
      shade = style.shade_compromise, mark = "~";
      break;
    case Zone::a:
      shade = style.shade_a, mark = ".";
      break;
    case Zone::b:
      shade = style.shade_b, mark = ".";
      break;
    default:
      break;
  }
  return {paint(shade, center(middle ? mark : " ", width)), width};
}

std::vector<Painted> grid_rows(const PickerView& v, const GridCell& c, const Style& style) {
  std::vector<Painted> rows;
  rows.push_back({paint(style.pole_b, "  B"), 3});
  for (int b = kAnswerMax; b >= kAnswerMin; --b)
    for (std::size_t r = 0; r < c.height; ++r) {
      const bool middle = r == c.height / 2;
      std::string axis = middle ? fmt::format("{:>3}", b) : "   ";
      if (middle && v.b_chosen && b == v.dot.b) axis = paint(style.heading, axis);
      Painted row{axis + " |", kAxisWidth};
      for (int a = kAnswerMin; a <= kAnswerMax; ++a) {
        const Painted p = cell(v, a, b, middle, c.width, style);
        row.text += p.text;
        row.width += p.width;
      }
      rows.push_back(row);
    }
  rows.push_back({"    +" + std::string(kValues * c.width, '-'), kAxisWidth + kValues * c.width});
  Painted numbers{"     ", kAxisWidth};
  for (int a = kAnswerMin; a <= kAnswerMax; ++a) {
    std::string n = center(std::to_string(a), c.width);
    if (v.a_chosen && a == v.dot.a) n = paint(style.heading, n);
    numbers.text += n;
    numbers.width += c.width;
  }
  numbers.text += paint(style.pole_a, "  A");
  numbers.width += 3;
  rows.push_back(numbers);
  return rows;
}

// Beside the grid: both poles (their upsides as room allows), the two
// numbers and the zone, and the keys.
std::vector<Painted> panel(const PickerView& v, std::size_t width, std::size_t height,
                           const Style& style) {
  auto painted = [](const std::vector<std::string>& lines, fmt::text_style ts) {
    std::vector<Painted> out;
    for (const auto& l : lines) out.push_back({paint(ts, l), utf8::length(l)});
    return out;
  };
  const std::string unset = tr("picker.unset");
  const std::string a = v.a_chosen ? std::to_string(v.dot.a) : unset;
  const std::string b = v.b_chosen ? std::to_string(v.dot.b) : unset;
  std::vector<Painted> values = painted(
      wrap_at_most(tr("picker.values", fmt::arg("a", a), fmt::arg("b", b)), width, 1), style.label);
  std::string zone =
      v.a_chosen && v.b_chosen ? zone_label(zone_of(v.dot)) : tr("picker.not_chosen");
  for (auto& z : painted(wrap_at_most(zone, width, 2), style.heading)) values.push_back(z);
  const std::vector<Painted> keys = painted(wrap_at_most(tr("picker.keys"), width, 4), style.dim);

  // The poles: their labels first (two lines each at most), then upsides
  // with what room is left.
  const std::size_t fixed = values.size() + keys.size() + 2;  // blanks between the blocks
  const std::size_t for_poles = height > fixed ? height - fixed : 0;
  auto label = [&](const char* letter, const std::string& text) {
    return wrap_at_most(std::string(letter) + "  " + text, width, 2);
  };
  const auto label_a = label("A", v.pole_a), label_b = label("B", v.pole_b);
  const std::size_t labels = label_a.size() + label_b.size();
  const std::size_t ups_each = for_poles > labels ? (for_poles - labels) / 2 : 0;
  std::vector<Painted> out;
  for (auto& l : painted(label_a, style.pole_a)) out.push_back(l);
  for (auto& l : painted(wrap_at_most(v.upsides_a, width, ups_each), style.dim)) out.push_back(l);
  for (auto& l : painted(label_b, style.pole_b)) out.push_back(l);
  for (auto& l : painted(wrap_at_most(v.upsides_b, width, ups_each), style.dim)) out.push_back(l);
  if (out.size() > for_poles) out.resize(for_poles);
  out.push_back({"", 0});
  for (auto& l : values) out.push_back(l);
  out.push_back({"", 0});
  for (auto& l : keys) out.push_back(l);
  if (out.size() > height) out.resize(height);
  return out;
}

}  // namespace

std::optional<GridCell> picker_cell(std::size_t cols, std::size_t rows) {
  static constexpr GridCell kCells[] = {{7, 3}, {5, 2}, {3, 1}};
  for (const GridCell& c : kCells)
    if (grid_width(c) + 2 + kMinPanel + 1 <= cols && grid_height(c) + kFixedRows + 1 <= rows)
      return c;
  return std::nullopt;
}

std::vector<std::string> picker_screen(const PickerView& v, std::size_t cols, std::size_t rows,
                                       const Style& style) {
  const auto c = picker_cell(cols, rows);
  if (!c) return {};
  const std::size_t width = cols - 1;  // never the last column: no early wrap
  std::vector<std::string> out;
  if (!v.heading.empty()) out.push_back(paint(style.heading, cut(v.heading, width)));
  out.push_back(paint(style.heading, cut(v.title, width)));
  const std::size_t below = grid_height(*c) + 3;  // blank, message, prompt
  const std::size_t room = rows > out.size() + below ? rows - out.size() - below : 1;
  for (const auto& l : wrap_at_most(v.question, width, std::max<std::size_t>(room, 1)))
    out.push_back(l);
  out.push_back("");

  const std::vector<Painted> grid = grid_rows(v, *c, style);
  const std::size_t left = grid_width(*c) + 2;
  const std::vector<Painted> side = panel(v, width - left, grid.size(), style);
  for (std::size_t i = 0; i < grid.size(); ++i) {
    std::string line = grid[i].text;
    if (i < side.size() && side[i].width > 0)
      line += std::string(left - grid[i].width, ' ') + side[i].text;
    out.push_back(line);
  }
  out.push_back(v.notice.empty() ? "" : paint(style.bad, cut(v.notice, width)));
  out.push_back(v.prompt + v.typed);
  return out;
}

}  // namespace h2h::render
