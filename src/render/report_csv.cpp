#include "render/report_csv.hpp"

#include <fmt/format.h>

#include <cmath>

#include "render/safe_text.hpp"

namespace h2h::render {

std::string csv_cell(std::string_view text, const CsvOptions& o) {
  // Valid UTF-8 without control characters, whatever the input held.
  std::string cell = visible(text);
  if (o.formula_escape && !cell.empty() &&
      std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos)
    cell.insert(cell.begin(), '\'');
  if (cell.find_first_of(std::string{o.delimiter, '"', '\n', '\r'}) == std::string::npos)
    return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

namespace {

// A figure rounded to kCsvDecimals places and written as briefly as it
// reads: 4.67, 45 (not 44.99999999999999), 0 (not -0).
std::string number(const std::optional<double>& x, const CsvOptions& o) {
  if (!x) return "";
  const double scale = std::pow(10.0, kCsvDecimals);
  double rounded = std::round(*x * scale) / scale;
  if (rounded == 0) rounded = 0;
  std::string s = fmt::format("{}", rounded);
  if (o.delimiter == ';')
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

void row(std::string& out, const std::vector<std::string>& cells, const CsvOptions& o) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += o.delimiter;
    out += csv_cell(cells[i], o);
  }
  out += "\r\n";
}

void group_rows(std::string& out, const report::Group& g, const CsvOptions& o) {
  const Figures f = g.tally.figures();
  for (const auto& d : f.dilemmas) {
    std::vector<std::string> cells = {g.name,
                                      "dilemma",
                                      d.id,
                                      std::to_string(d.n),
                                      number(d.mean_a, o),
                                      number(d.sd_a, o),
                                      number(d.mean_b, o),
                                      number(d.sd_b, o)};
    for (auto count : d.zones) cells.push_back(std::to_string(count));
    cells.insert(cells.end(), {number(d.spread, o), number(d.enen, o), "", "", "", "",
                               std::string(report::pattern_name(report::pattern_of(d)))});
    row(out, cells, o);
  }
  for (const auto& n : f.needs) {
    std::vector<std::string> cells = {g.name, "need", n.id};
    cells.resize(3 + 5 + kZoneCount + 2);
    cells.push_back(number(n.score, o));
    if (n.checkin) {
      cells.insert(cells.end(), {std::to_string(n.checkin->n), number(n.checkin->mean, o),
                                 number(n.checkin->score, o)});
    } else {
      cells.insert(cells.end(), {"", "", ""});
    }
    cells.push_back("");  // pattern
    row(out, cells, o);
  }
}

}  // namespace

std::string report_csv(const report::Group& total, const std::vector<const report::Group*>& groups,
                       const CsvOptions& o) {
  std::string out = "\xEF\xBB\xBF";  // BOM: Excel reads the file as UTF-8
  row(out, {"group",  "kind",  "id",    "n",         "mean_a",       "sd_a",          "mean_b",
            "sd_b",   "en-en", "a",     "b",         "compromise",   "neither",       "mixed",
            "spread", "enen",  "score", "checkin_n", "checkin_mean", "checkin_score", "pattern"},
      o);
  if (groups.empty()) {
    group_rows(out, total, o);
  } else {
    for (const auto* g : groups) group_rows(out, *g, o);
  }
  return out;
}

}  // namespace h2h::render
