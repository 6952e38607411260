// The reflection document as terminal text (80 columns) and as Markdown.
#include <fmt/format.h>

#include <algorithm>

#include "core/utf8.hpp"
#include "i18n/i18n.hpp"
#include "render/document.hpp"
#include "render/grid_text.hpp"
#include "render/layout.hpp"
#include "render/safe_text.hpp"

namespace h2h::render {

namespace {

constexpr std::size_t kBarWidth = 20;

std::string score_text(const std::optional<double>& score) {
  return score ? fmt::format("{:.0f}", *score) : "-";
}

// Cuts `s` to `width` characters, ending in "..." when cut.
std::string fit(const std::string& s, std::size_t width) {
  if (utf8::length(s) <= width) return s;
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size() && chars + 3 < width;) {
    const std::size_t n = std::max<std::size_t>(1, utf8::sequence_length(s, i));
    out.append(s, i, n);
    i += n;
    ++chars;
  }
  return out + "...";
}

std::string table_text(const std::vector<std::vector<std::string>>& rows, const Style& style) {
  if (rows.empty()) return {};
  std::vector<std::size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], utf8::length(row[c]));
  // Fit 80 columns: the first column gives way.
  std::size_t total = 2;
  for (std::size_t c = 0; c < widths.size(); ++c) total += widths[c] + 2;
  if (total > kWidth && widths[0] > 12)
    widths[0] = std::max<std::size_t>(12, widths[0] - (total - kWidth));
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line = "  ";
    for (std::size_t c = 0; c < rows[r].size() && c < widths.size(); ++c) {
      const std::string cell = fit(visible(rows[r][c]), widths[c]);
      const std::size_t len = utf8::length(cell);
      const std::string padding(widths[c] > len ? widths[c] - len : 0, ' ');
      line += (c > 0 && figure_cell(cell) ? padding + cell : cell + padding) + "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += (r == 0 ? paint(style.label, line) : line) + "\n";
  }
  return out;
}

GridLabels grid_labels(const Block& b) {
  GridLabels labels = count_labels(b.cells);
  if (b.then_mean && b.now_mean) draw_arrow(labels, *b.then_mean, *b.now_mean);
  return labels;
}

std::string grid_legend(const Block& b) {
  std::string legend = i18n::tr("report.grid_counts");
  if (b.then_mean && b.now_mean) legend += " " + i18n::tr("report.arrow_legend");
  return legend;
}

std::string map_text(const PolarityMap& m, const Style& style) {
  std::string out;
  if (!m.purpose.empty())
    out += wrap_indented(i18n::tr("report.map.purpose", fmt::arg("text", visible(m.purpose))),
                         kWidth, "  ") +
           "\n";
  const char* letters[2] = {"A", "B"};
  for (int p = 0; p < 2; ++p) {
    out += paint(p == 0 ? style.pole_a : style.pole_b,
                 wrap_indented(fmt::format("{}  {}", letters[p], visible(m.labels[p])), kWidth,
                               "   ")) +
           "\n";
    auto list = [&](const std::vector<std::string>& items, const char* mark) {
      for (const auto& item : items)
        out += wrap_indented(fmt::format("   {} {}", mark, visible(item)), kWidth, "     ") + "\n";
    };
    list(m.upsides[p], "+");
    list(m.downsides[p], "-");
    list(m.warnings[p], "!");
  }
  if (!m.fear.empty())
    out += wrap_indented(i18n::tr("report.map.fear", fmt::arg("text", visible(m.fear))), kWidth,
                         "  ") +
           "\n";
  out += paint(style.dim, wrap_indented(i18n::tr("report.map.legend"), kWidth, "")) + "\n";
  return out;
}

}  // namespace

std::string to_text(const Document& doc, const Style& style) {
  std::string out;
  bool after_heading = true;
  for (const Block& b : doc) {
    const std::string text = visible(b.text);
    const bool heading = b.kind == Block::Kind::title || b.kind == Block::Kind::section ||
                         b.kind == Block::Kind::subsection;
    if (!heading && !after_heading) out += "\n";
    after_heading = heading;
    switch (b.kind) {
      case Block::Kind::title:
        out += paint(style.heading, text) + "\n";
        out += std::string(std::min(utf8::length(text), kWidth), '=') + "\n";
        break;
      case Block::Kind::section:
        out += "\n" + paint(style.heading, text) + "\n";
        out += std::string(std::min(utf8::length(text), kWidth), '-') + "\n";
        break;
      case Block::Kind::subsection:
        out += "\n" + paint(style.heading, wrap_indented(text, kWidth, "")) + "\n";
        break;
      case Block::Kind::paragraph:
        out += wrap_indented(text, kWidth, "") + "\n";
        break;
      case Block::Kind::question:
        out += paint(style.good, wrap_indented("? " + text, kWidth, "  ").substr(2)) + "\n";
        break;
      case Block::Kind::aside:
        out += paint(style.dim, wrap_indented(text, kWidth, "")) + "\n";
        break;
      case Block::Kind::bullets:
        for (const auto& item : b.items) {
          std::string wrapped = wrap_indented("- " + visible(item), kWidth, "    ");
          out += "  " + wrapped.substr(std::min<std::size_t>(4, wrapped.size())) + "\n";
        }
        break;
      case Block::Kind::table:
        out += table_text(b.rows, style);
        break;
      case Block::Kind::grid:
        out += grid_text(grid_labels(b), style, grid_legend(b));
        break;
      case Block::Kind::map:
        out += map_text(b.map, style);
        break;
      case Block::Kind::bars: {
        std::size_t name_width = 0;
        for (const auto& [name, score] : b.bars)
          name_width = std::max(name_width, utf8::length(visible(name)));
        for (const auto& [name, score] : b.bars) {
          const auto filled = score ? static_cast<std::size_t>(
                                          std::clamp(*score, 0.0, 100.0) / 100.0 * kBarWidth + 0.5)
                                    : 0;
          out += "  " + pad(visible(name), name_width) + "  [" +
                 paint(style.good, std::string(filled, '#')) +
                 std::string(kBarWidth - filled, '.') + "] " +
                 fmt::format("{:>3}", score_text(score)) + "\n";
        }
        break;
      }
    }
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  // "1. text" at the start would become a numbered list.
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits > 0 && digits < text.size() && text[digits] == '.') {
    out.append(text.substr(0, digits));
    out += "\\.";
    text.remove_prefix(digits + 1);
  }
  bool line_start = out.empty();
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_[]<>|~").find(c) != std::string_view::npos ||
        (line_start && (c == '#' || c == '+' || c == '-' || c == '=')))
      out += '\\';
    out += c;
    line_start = false;
  }
  return out;
}

std::string to_markdown(const Document& doc) {
  std::string out;
  auto escaped = [](const std::string& s) { return markdown_escape(visible(s)); };
  for (const Block& b : doc) {
    switch (b.kind) {
      case Block::Kind::title:
        out += "# " + escaped(b.text) + "\n";
        break;
      case Block::Kind::section:
        out += "\n## " + escaped(b.text) + "\n";
        break;
      case Block::Kind::subsection:
        out += "\n### " + escaped(b.text) + "\n";
        break;
      case Block::Kind::paragraph:
        out += "\n" + escaped(b.text) + "\n";
        break;
      case Block::Kind::question:
        out += "\n> " + escaped(b.text) + "\n";
        break;
      case Block::Kind::aside:
        out += "\n*" + escaped(b.text) + "*\n";
        break;
      case Block::Kind::bullets:
        out += "\n";
        for (const auto& item : b.items) out += "- " + escaped(item) + "\n";
        break;
      case Block::Kind::table:
        out += "\n";
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
          out += "|";
          for (const auto& cell : b.rows[r]) out.append(" ").append(escaped(cell)).append(" |");
          out += "\n";
          if (r == 0) {
            const auto& probe = b.rows.size() > 1 ? b.rows[1] : b.rows[0];
            out += "|";
            for (const auto& cell : probe) out += figure_cell(cell) ? " ---: |" : " --- |";
            out += "\n";
          }
        }
        break;
      case Block::Kind::grid:
        out += "\n```text\n" + grid_text(grid_labels(b), Style::plain(), grid_legend(b)) + "```\n";
        break;
      case Block::Kind::map: {
        // Two columns, pole A beside pole B, as a polarity map is drawn.
        const PolarityMap& m = b.map;
        if (!m.purpose.empty())
          out += "\n" + escaped(i18n::tr("report.map.purpose", fmt::arg("text", m.purpose))) + "\n";
        out += "\n| | A: " + escaped(m.labels[0]) + " | B: " + escaped(m.labels[1]) + " |\n";
        out += "| --- | --- | --- |\n";
        auto row = [&](const char* key, const auto& lists) {
          if (lists[0].empty() && lists[1].empty()) return;
          out += "| " + escaped(i18n::tr(key)) + " |";
          for (int p = 0; p < 2; ++p) {
            std::string cell;
            for (const auto& item : lists[p]) cell += (cell.empty() ? "" : "<br>") + escaped(item);
            out += " " + cell + " |";
          }
          out += "\n";
        };
        row("report.map.upsides", m.upsides);
        row("report.map.downsides", m.downsides);
        row("report.map.warnings", m.warnings);
        if (!m.fear.empty())
          out += "\n" + escaped(i18n::tr("report.map.fear", fmt::arg("text", m.fear))) + "\n";
        break;
      }
      case Block::Kind::bars:
        out += "\n```text\n";
        out += to_text(Document{b}, Style::plain());
        out += "```\n";
        break;
    }
  }
  return out;
}

}  // namespace h2h::render
