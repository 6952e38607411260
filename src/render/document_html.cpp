// The reflection document as one self-contained HTML5 page: inline CSS only
// (large type for a projector; for print, A4 or Letter, one dilemma a page,
// headed with the deck and the dates), the both-and grid as inline
// SVG, need scores as CSS bars. No scripts, no external resources, no time
// of writing: the same document gives the same bytes.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/answer.hpp"
#include "i18n/i18n.hpp"
#include "render/document.hpp"
#include "render/safe_text.hpp"

namespace h2h::render {

namespace {

constexpr const char* kStyle = R"(
html { color-scheme: light; }
body { max-width: 60rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; color: #111;
  background: #fff; font: 1.375rem/1.5 system-ui, "Segoe UI", Roboto, Helvetica, Arial,
  sans-serif; }
h1 { font-size: 2.1em; line-height: 1.2; margin: 0.5em 0; }
h2 { font-size: 1.6em; margin: 1.4em 0 0.5em; border-bottom: 2px solid #333; }
h3 { font-size: 1.25em; margin: 1.2em 0 0.4em; }
p, ul { margin: 0.6em 0; }
.question { border-left: 0.4rem solid #1c6b3a; background: #edf7f0; padding: 0.4em 0.9em;
  font-weight: 600; }
.aside { font-size: 0.8em; color: #555; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border-bottom: 1px solid #999; padding: 0.25em 0.7em; text-align: left;
  vertical-align: top; }
thead th { border-bottom: 2px solid #333; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.grid { margin: 1em 0; }
.grid svg { display: block; width: 22rem; max-width: 100%; height: auto; }
.legend { font-size: 0.8em; }
.key { margin-right: 1.2em; white-space: nowrap; }
.swatch { display: inline-block; width: 0; height: 0; border: 0.5em solid;
  outline: 1px solid #888; margin-right: 0.35em; vertical-align: -0.1em; }
table.bars { width: 100%; }
table.bars th { font-weight: normal; }
td.bar { width: 60%; }
.track { border: 1px solid #444; }
.track.none { border-style: dashed; height: 1em; }
.fill { height: 0; border-top: 1em solid #1c6b3a; }
.map { margin: 1em 0; font-size: 0.85em; }
.map .poles { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5em; }
.map h4 { margin: 0.3em 0; }
.map .purpose, .map .fear { font-weight: 600; margin: 0.3em 0; }
.map ul { margin: 0 0 0.4em; padding-left: 1.2em; }
.map p.up, .map p.down, .map p.warn { margin: 0.3em 0 0; font-style: italic; }
@page { margin: 18mm 15mm 15mm;
  @top-left { font: 8pt system-ui, sans-serif; color: #444; vertical-align: bottom;
    padding-bottom: 3mm; }
  @top-right { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif;
    color: #444; vertical-align: bottom; padding-bottom: 3mm; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; color: #000; background: #fff; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .question { background: #fff; }
  .aside { color: #333; }
  section, .grid, table, .question, .map { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  .grid { float: left; margin: 0 6mm 2mm 0; }
  .grid svg { width: 62mm; }
  .grid .legend { max-width: 62mm; }
  section::after { content: ""; display: block; clear: both; }
}
)";

// The grid in SVG units: one cell per answer value, margins for the ticks.
constexpr int kCell = 20;
constexpr int kLeft = 34;
constexpr int kTop = 8;
constexpr int kSide = kCell * kGridSide;
constexpr int kWidth = kLeft + kSide + 8;
constexpr int kHeight = kTop + kSide + 34;

int cell_x(int a) {
  return kLeft + (a - kAnswerMin) * kCell;
}  // left edge
int cell_y(int b) {
  return kTop + (kAnswerMax - b) * kCell;
}  // top edge

const char* zone_fill(Zone z) {
  switch (z) {
    case Zone::en_en:
      return "#cdebc9";
    case Zone::compromise:
      return "#eee8c3";
    case Zone::a:
    case Zone::b:
      return "#d3e4f4";
    default:
      return "none";
  }
}

std::string esc(const std::string& s) {
  return html_escape(visible(s));
}

// The move of the mean from an earlier session to now, as an arrow.
std::string arrow_svg(const Block& b) {
  if (!b.then_mean || !b.now_mean) return {};
  auto x = [](double a) { return cell_x(0) + kCell / 2.0 + a * kCell; };
  auto y = [](double v) { return cell_y(0) + kCell / 2.0 - v * kCell; };
  const auto& t = *b.then_mean;
  const auto& n = *b.now_mean;
  const double x0 = x(t[0]), y0 = y(t[1]), x1 = x(n[0]), y1 = y(n[1]);
  std::string out = fmt::format(
      "<g stroke=\"#b3261e\" stroke-width=\"2.5\" fill=\"none\"><circle cx=\"{:.1f}\" "
      "cy=\"{:.1f}\" r=\"4\"/>",
      x0, y0);
  const double len = std::hypot(x1 - x0, y1 - y0);
  if (len >= 1) {
    // The head drawn as a triangle, so the page needs no ids.
    const double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/></g>"
        "<polygon fill=\"#b3261e\" points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\"/>\n",
        x0, y0, x1 - 6 * ux, y1 - 6 * uy, x1, y1, x1 - 9 * ux - 5 * uy, y1 - 9 * uy + 5 * ux,
        x1 - 9 * ux + 5 * uy, y1 - 9 * uy - 5 * ux);
  } else {
    out += "</g>\n";
  }
  return out;
}

std::string map_html(const PolarityMap& m) {
  std::string out = "<div class=\"map\">\n";
  if (!m.purpose.empty())
    out += "<p class=\"purpose\">" +
           esc(i18n::tr("report.map.purpose", fmt::arg("text", m.purpose))) + "</p>\n";
  out += "<div class=\"poles\">\n";
  const char* letters[2] = {"A", "B"};
  for (int p = 0; p < 2; ++p) {
    out += fmt::format("<div class=\"pole\"><h4>{}: {}</h4>\n", letters[p], esc(m.labels[p]));
    auto list = [&](const char* key, const char* cls, const std::vector<std::string>& items) {
      if (items.empty()) return;
      out += fmt::format("<p class=\"{}\">{}</p><ul class=\"{}\">", cls, esc(i18n::tr(key)), cls);
      for (const auto& item : items) out += "<li>" + esc(item) + "</li>";
      out += "</ul>\n";
    };
    list("report.map.upsides", "up", m.upsides[p]);
    list("report.map.downsides", "down", m.downsides[p]);
    list("report.map.warnings", "warn", m.warnings[p]);
    out += "</div>\n";
  }
  out += "</div>\n";
  if (!m.fear.empty())
    out += "<p class=\"fear\">" + esc(i18n::tr("report.map.fear", fmt::arg("text", m.fear))) +
           "</p>\n";
  return out + "</div>\n";
}

std::string grid_html(const Block& block) {
  const auto& cells = block.cells;
  std::int64_t max = 0;
  std::string summary = "A 0-10, B 0-10";
  const char* sep = ": ";
  for (int a = kAnswerMin; a <= kAnswerMax; ++a)
    for (int b = kAnswerMin; b <= kAnswerMax; ++b)
      if (const auto n = cells[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)]; n > 0) {
        max = std::max(max, n);
        summary += fmt::format("{}{}/{} ({})", sep, a, b, n);
        sep = ", ";
      }
  std::string out = fmt::format(
      "<div class=\"grid\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\" font-size=\"11\">\n<title>{}</title>\n",
      kWidth, kHeight, summary, summary);
  // The zones, lightly shaded, one group per zone.
  for (Zone z : {Zone::en_en, Zone::compromise, Zone::a, Zone::b}) {
    out += fmt::format("<g fill=\"{}\" shape-rendering=\"crispEdges\">", zone_fill(z));
    for (int a = kAnswerMin; a <= kAnswerMax; ++a)
      for (int b = kAnswerMin; b <= kAnswerMax; ++b)
        if (zone_of({a, b}) == z)
          out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", cell_x(a),
                             cell_y(b), kCell, kCell);
    out += "</g>\n";
  }
  out += "<g stroke=\"#b0b0b0\" stroke-width=\"0.5\">";
  for (int i = 1; i < kGridSide; ++i)
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>"
        "<line x1=\"{3}\" y1=\"{4}\" x2=\"{5}\" y2=\"{4}\"/>",
        kLeft + i * kCell, kTop, kTop + kSide, kLeft, kTop + i * kCell, kLeft + kSide);
  out += fmt::format(
      "</g>\n<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" "
      "stroke=\"#333\"/>\n",
      kLeft, kTop, kSide, kSide);
  // Ticks 0..10 and the axis names: A across, B up.
  out += "<g fill=\"#111\" text-anchor=\"middle\">";
  for (int v = kAnswerMin; v <= kAnswerMax; ++v)
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", cell_x(v) + kCell / 2,
                       kTop + kSide + 14, v);
  out += "</g>\n<g fill=\"#111\" text-anchor=\"end\">";
  for (int v = kAnswerMin; v <= kAnswerMax; ++v)
    out +=
        fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", kLeft - 5, cell_y(v) + kCell / 2 + 4, v);
  out += fmt::format(
      "</g>\n<g fill=\"#111\" font-size=\"14\" font-weight=\"bold\" "
      "text-anchor=\"middle\"><text x=\"{}\" y=\"{}\">A</text>"
      "<text x=\"{}\" y=\"{}\">B</text></g>\n",
      kLeft + kSide / 2, kHeight - 3, 9, kTop + kSide / 2 + 5);
  // One circle per cell with answers, its area growing with the count.
  if (max > 0) {
    std::string circles, counts;
    for (int a = kAnswerMin; a <= kAnswerMax; ++a)
      for (int b = kAnswerMin; b <= kAnswerMax; ++b) {
        const auto n = cells[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
        if (n <= 0) continue;
        const double share = static_cast<double>(n) / static_cast<double>(max);
        const double r = std::max(6.5, 9.8 * std::sqrt(share));  // area ~ count
        const int cx = cell_x(a) + kCell / 2, cy = cell_y(b) + kCell / 2;
        circles += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{:.1f}\"/>", cx, cy, r);
        counts += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", cx, cy + 4,
                              n > 99 ? std::string("99+") : std::to_string(n));
      }
    out += "<g fill=\"#1d4f7a\" fill-opacity=\"0.9\" stroke=\"#0b2a45\">" + circles + "</g>\n";
    out += "<g fill=\"#fff\" font-size=\"10\" font-weight=\"bold\" text-anchor=\"middle\">" +
           counts + "</g>\n";
  }
  out += arrow_svg(block);
  out += "</svg>\n<p class=\"legend\">";
  auto key = [](Zone z, const std::string& label) {
    return fmt::format(
        "<span class=\"key\"><span class=\"swatch\" style=\"border-color:{}\">"
        "</span>{}</span>",
        zone_fill(z), esc(label));
  };
  auto name = [](Zone z) { return i18n::tr("zone." + std::string(zone_name(z))); };
  out += key(Zone::en_en, name(Zone::en_en)) + key(Zone::compromise, name(Zone::compromise)) +
         key(Zone::a, name(Zone::a) + " / " + name(Zone::b));
  if (block.then_mean && block.now_mean)
    out += "<br><span class=\"key\">" + esc(i18n::tr("report.arrow_legend")) + "</span>";
  return out + "</p>\n</div>\n";
}

std::string table_html(const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty()) return {};
  const auto& probe = rows.size() > 1 ? rows[1] : rows[0];
  std::string out = "<table>\n<thead><tr>";
  for (std::size_t c = 0; c < rows[0].size(); ++c)
    out += (c < probe.size() && figure_cell(probe[c]) ? "<th class=\"num\">" : "<th>") +
           esc(rows[0][c]) + "</th>";
  out += "</tr></thead>\n";
  if (rows.size() > 1) {
    out += "<tbody>\n";
    for (std::size_t r = 1; r < rows.size(); ++r) {
      out += "<tr>";
      for (const auto& cell : rows[r])
        out += (figure_cell(cell) ? "<td class=\"num\">" : "<td>") + esc(cell) + "</td>";
      out += "</tr>\n";
    }
    out += "</tbody>\n";
  }
  return out + "</table>\n";
}

std::string bars_html(const std::vector<std::pair<std::string, std::optional<double>>>& bars) {
  std::string out = "<table class=\"bars\">\n";
  for (const auto& [name, score] : bars) {
    const bool known = score && std::isfinite(*score);
    const std::string bar =
        known ? fmt::format(
                    "<div class=\"track\"><div class=\"fill\" style=\"width:{:.0f}%\">"
                    "</div></div>",
                    std::clamp(*score, 0.0, 100.0))
              : "<div class=\"track none\"></div>";
    out += fmt::format(
        "<tr><th scope=\"row\">{}</th><td class=\"bar\">{}</td>"
        "<td class=\"num\">{}</td></tr>\n",
        esc(name), bar, known ? fmt::format("{:.0f}", *score) : "-");
  }
  return out + "</table>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A CSS string: quotes, backslashes and '<' (which could close the style
// element) as CSS escapes, control characters dropped.
std::string css_string(const std::string& text) {
  std::string out = "\"";
  for (char c : visible(text)) {
    if (c == '"' || c == '\\' || c == '<')
      out += fmt::format("\\{:x} ", static_cast<unsigned char>(c));
    else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f)
      out += c;
  }
  return out + "\"";
}

std::string to_html(const Document& doc, const std::string& lang) {
  std::string title = "h2h";
  // On paper, each page is headed with the deck and the dates (a page
  // margin box, as Chromium prints it) and numbered.
  std::string running_head;
  for (const Block& b : doc)
    if (b.kind == Block::Kind::title) {
      title = esc(b.text);
      std::string head;
      for (const auto& item : b.items) head += (head.empty() ? "" : " · ") + item;
      running_head = "@page { @top-left { content: " + css_string(head) + "; } }\n";
      break;
    }
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + html_escape(visible(lang)) +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" +
                    title + "</title>\n<style>" + kStyle + running_head +
                    "</style>\n</head>\n<body>\n";
  // Sections nest: a section (level 2) holds its dilemmas' subsections (level 3).
  std::vector<int> open;
  auto close_to = [&](int level) {
    while (!open.empty() && open.back() >= level) {
      out += "</section>\n";
      open.pop_back();
    }
  };
  for (const Block& b : doc) {
    const std::string text = esc(b.text);
    switch (b.kind) {
      case Block::Kind::title:
        close_to(0);
        out += "<h1>" + text + "</h1>\n";
        break;
      case Block::Kind::section:
        close_to(2);
        open.push_back(2);
        out += "<section>\n<h2>" + text + "</h2>\n";
        break;
      case Block::Kind::subsection:
        close_to(3);
        open.push_back(3);
        out += "<section class=\"dilemma\">\n<h3>" + text + "</h3>\n";
        break;
      case Block::Kind::paragraph:
        out += "<p>" + text + "</p>\n";
        break;
      case Block::Kind::question:
        out += "<p class=\"question\">" + text + "</p>\n";
        break;
      case Block::Kind::aside:
        out += "<p class=\"aside\">" + text + "</p>\n";
        break;
      case Block::Kind::bullets:
        out += "<ul>\n";
        for (const auto& item : b.items) out += "<li>" + esc(item) + "</li>\n";
        out += "</ul>\n";
        break;
      case Block::Kind::table:
        out += table_html(b.rows);
        break;
      case Block::Kind::grid:
        out += grid_html(b);
        break;
      case Block::Kind::map:
        out += map_html(b.map);
        break;
      case Block::Kind::bars:
        out += bars_html(b.bars);
        break;
    }
  }
  close_to(0);
  return out + "</body>\n</html>\n";
}

}  // namespace h2h::render
