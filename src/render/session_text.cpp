#include "render/session_text.hpp"

#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "core/reveal.hpp"
#include "core/tally.hpp"
#include "core/utf8.hpp"
#include "i18n/i18n.hpp"
#include "render/document.hpp"
#include "render/grid_text.hpp"
#include "render/layout.hpp"
#include "render/reflection_doc.hpp"
#include "render/safe_text.hpp"

namespace h2h::render {

using i18n::tr;
using session::Record;

namespace {

std::string number(std::optional<double> x) {
  return x ? i18n::decimal(*x, 1) : "-";
}

std::string means_line(const DilemmaFigures& df, std::string_view indent) {
  return wrap_indented(
      tr("run.means", fmt::arg("a", number(df.mean_a)), fmt::arg("b", number(df.mean_b)),
         fmt::arg("spread", number(df.spread)), fmt::arg("enen", number(df.enen))),
      kWidth, indent);
}

}  // namespace

std::string zone_label(Zone z) {
  return tr(fmt::format("zone.{}", zone_name(z)));
}

std::string session_opening(const Deck& deck, const Record& r, const Style& style) {
  const std::string& lang = r.language;
  std::string out;
  out += paint(style.heading, visible(deck.title.in(lang))) + "\n\n";
  out += wrap_indented(tr("run.intro"), kWidth, "") + "\n\n";
  out += paint(style.label, tr("run.needs_heading")) + "\n";
  for (const auto& n : deck.needs) {
    std::string line = visible(n.name.in(lang));
    if (!n.description.empty()) line += ": " + visible(n.description.in(lang));
    out += wrap_indented(line, kWidth, "  ") + "\n";
  }
  out += "\n" + wrap_indented(tr("run.enen"), kWidth, "") + "\n\n";
  std::string promise;
  if (r.mode == session::Mode::solo)
    promise = tr(r.anonymous ? "run.promise.solo_anonymous" : "run.promise.solo");
  else
    promise = tr(r.anonymous ? "run.promise.team_anonymous" : "run.promise.team");
  out += paint(style.dim, wrap_indented(promise, kWidth, "")) + "\n";
  return out;
}

std::string dilemma_card(const Deck& deck, const Dilemma& d, std::size_t number, std::size_t count,
                         const std::string& lang, const Style& style) {
  (void)deck;
  std::string out;
  out += paint(style.heading, fmt::format("{}/{}  {}", number, count, visible(d.title.in(lang))));
  out += "\n\n" + wrap_indented(visible(d.question.in(lang)), kWidth, "") + "\n\n";
  // Each pole with its upsides, compact: both poles are something a team
  // could want, and the card says why before anyone answers.
  const Pole* poles[2] = {&d.a, &d.b};
  const char* letters[2] = {"A  ", "B  "};
  for (int p = 0; p < 2; ++p) {
    out += paint(p == 0 ? style.pole_a : style.pole_b,
                 wrap_indented(letters[p] + visible(poles[p]->label.in(lang)), kWidth, "   ")) +
           "\n";
    std::vector<std::string> ups;
    for (const auto& u : poles[p]->upsides) ups.push_back(visible(u.in(lang)));
    if (!ups.empty())
      out += paint(style.dim,
                   wrap_indented(fmt::format("   + {}", fmt::join(ups, "; ")), kWidth, "     ")) +
             "\n";
  }
  out += "\n" + paint(style.dim, wrap_indented(tr("run.scale_hint"), kWidth, "")) + "\n";
  return out;
}

std::string grid_picture(const std::vector<std::pair<std::string, Point>>& points,
                         const Style& style) {
  std::map<std::pair<int, int>, std::vector<std::string>> cells;
  for (const auto& [label, p] : points) cells[{p.a, p.b}].push_back(label);
  GridLabels labels;
  for (const auto& [at, names] : cells) {
    std::string joined = fmt::format("{}", fmt::join(names, ","));
    labels[static_cast<std::size_t>(at.first)][static_cast<std::size_t>(at.second)] =
        utf8::length(joined) <= 3 ? joined : fmt::format("{}x", names.size());
  }
  return grid_text(labels, style, tr("run.grid_numbers"));
}

std::string reveal_text(const Deck& deck, const Record& r, std::size_t dilemma,
                        const Style& style) {
  const std::string& lang = r.language;
  const std::string& id = r.dilemmas.at(dilemma);
  const Dilemma* d = deck.find_dilemma(id);
  // Participants by number (the table below names them): letters would
  // look like the axes A and B.
  std::vector<std::string> labels;
  for (std::size_t p = 0; p < r.participants.size(); ++p) labels.push_back(std::to_string(p + 1));
  const Reveal reveal = reveal_of(Weights::of(deck), r, dilemma);
  std::vector<std::pair<std::string, Point>> points;
  for (const auto& dot : reveal.dots) points.emplace_back(labels[dot.participant], dot.point);
  std::string out;
  out += paint(style.heading,
               tr("run.reveal_heading", fmt::arg("title", visible(d ? d->title.in(lang) : id))));
  out += "\n\n" + grid_picture(points, style) + "\n";

  std::size_t name_width = 6;
  for (const auto& p : r.participants)
    name_width = std::max(name_width, utf8::length(visible(p.name)));
  name_width = std::min<std::size_t>(name_width, 24);
  out += paint(style.label,
               fmt::format("{}  {:>2}  {:>2}  {}", pad(tr("run.col_name"), name_width + 5), "A",
                           "B", tr("run.col_zone"))) +
         "\n";
  for (std::size_t p = 0; p < r.participants.size(); ++p) {
    const auto* resp = r.response(id, r.participants[p].id);
    std::string who =
        pad(fmt::format("{:<3}  {}", visible(labels[p]), visible(r.participants[p].name)),
            name_width + 5);
    if (!resp) {
      out += fmt::format("{}   -   -  {}\n", who, tr("run.not_answered"));
    } else if (!resp->point) {
      out += fmt::format("{}   -   -  {}\n", who, tr("run.skipped"));
    } else {
      out += fmt::format("{}  {:>2}  {:>2}  {}\n", who, resp->point->a, resp->point->b,
                         zone_label(zone_of(*resp->point)));
      if (!resp->idea.empty())
        out += paint(style.dim,
                     wrap_indented(tr("run.idea_line", fmt::arg("idea", visible(resp->idea))),
                                   kWidth, std::string(name_width + 7, ' '))) +
               "\n";
    }
  }
  out += "\n" + means_line(reveal.figures, "") + "\n";
  if (d) {
    out += "\n" + paint(style.heading, tr("show.en_en")) + "\n";
    out += wrap_indented(visible(d->en_en.in(lang)), kWidth, "  ") + "\n";
    out += "\n" + map_text(*d, lang, style);
  }
  return out;
}

namespace {

// The width on screen of a line that may hold colour escape codes.
std::size_t screen_width(std::string_view line) {
  std::string plain;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\x1b') {
      while (i < line.size() && line[i] != 'm') ++i;
      continue;
    }
    plain += line[i];
  }
  return utf8::length(plain);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string reveal_screen(const Deck& deck, const Record& r, std::size_t dilemma,
                          const Style& style) {
  const std::string& lang = r.language;
  const std::string& id = r.dilemmas.at(dilemma);
  const Dilemma* d = deck.find_dilemma(id);
  const Reveal reveal = reveal_of(Weights::of(deck), r, dilemma);
  std::vector<std::pair<std::string, Point>> points;
  for (const auto& dot : reveal.dots)
    points.emplace_back(std::to_string(dot.participant + 1), dot.point);
  // The grid on the left (its zone legend under it), the table beside it:
  // with a dozen participants the whole reveal stays within 80x24.
  const std::vector<std::string> grid = lines_of(grid_picture(points, style));
  const std::size_t grid_rows = std::min<std::size_t>(grid.size(), 14);
  std::size_t left = 0;
  for (std::size_t i = 0; i < grid_rows; ++i) left = std::max(left, screen_width(grid[i]));
  left += 2;
  std::vector<std::string> table;
  std::size_t name_width = 4;
  for (const auto& p : r.participants)
    name_width = std::max(name_width, utf8::length(visible(p.name)));
  std::size_t zone_width = 4;
  for (int z = 0; z < kZoneCount; ++z)
    zone_width = std::max(zone_width, utf8::length(zone_label(static_cast<Zone>(z))));
  zone_width =
      std::max({zone_width, utf8::length(tr("run.not_answered")), utf8::length(tr("run.skipped"))});
  const std::size_t room = kWidth - left;
  name_width =
      std::clamp<std::size_t>(room > zone_width + 10 ? room - zone_width - 10 : 4, 4, name_width);
  table.push_back(
      paint(style.label, fmt::format("{} {:>2} {:>2} {}", pad(tr("run.col_name"), name_width + 3),
                                     "A", "B", tr("run.col_zone"))));
  std::vector<std::string> ideas;
  for (std::size_t p = 0; p < r.participants.size(); ++p) {
    const auto* resp = r.response(id, r.participants[p].id);
    const std::string who = fmt::format(
        "{:>2} {}", p + 1, pad(cut(visible(r.participants[p].name), name_width), name_width));
    if (!resp || !resp->point)
      table.push_back(
          fmt::format("{}  -  - {}", who, tr(resp ? "run.skipped" : "run.not_answered")));
    else
      table.push_back(fmt::format("{} {:>2} {:>2} {}", who, resp->point->a, resp->point->b,
                                  zone_label(zone_of(*resp->point))));
    if (resp && !resp->idea.empty())
      ideas.push_back(cut(fmt::format("{:>2} {}", p + 1,
                                      tr("run.idea_line", fmt::arg("idea", visible(resp->idea)))),
                          room));
  }
  // Ideas under the table while there is room beside the grid.
  for (const auto& idea : ideas)
    if (table.size() < grid_rows) table.push_back(paint(style.dim, idea));

  std::string out =
      paint(style.heading,
            cut(tr("run.reveal_heading", fmt::arg("title", visible(d ? d->title.in(lang) : id))),
                kWidth - 1)) +
      "\n";
  for (std::size_t i = 0; i < std::max(grid_rows, table.size()); ++i) {
    std::string line = i < grid_rows ? grid[i] : "";
    if (i < table.size()) line += std::string(left - screen_width(line), ' ') + table[i];
    out += line + "\n";
  }
  if (grid.size() > grid_rows) out += grid[grid_rows] + "\n";  // the zone legend
  out += means_line(reveal.figures, "") + "\n";
  if (d)
    out += wrap_indented(paint(style.heading, tr("show.en_en")) + " " + visible(d->en_en.in(lang)),
                         kWidth - 1, "") +
           "\n";
  return out;
}

std::string map_text(const Dilemma& d, const std::string& lang, const Style& style) {
  const PolarityMap m = polarity_map(d, lang);
  if (m.empty()) return {};
  Block b;
  b.kind = Block::Kind::map;
  b.map = m;
  return paint(style.heading, tr("run.map_heading")) + "\n" + to_text(Document{b}, style);
}

std::string then_text(const Deck& deck, const session::Record& r, std::size_t dilemma,
                      const Style& style) {
  const std::string& lang = r.language;
  const std::string& id = r.dilemmas.at(dilemma);
  const session::Earlier* e = r.earlier_of(id);
  std::string out;
  bool any_action = false;
  for (const auto& a : r.actions) any_action = any_action || (a.earlier && a.dilemma == id);
  if ((!e || e->n == 0) && !any_action) return {};  // nothing from then on this one
  const Dilemma* d = deck.find_dilemma(id);
  out += paint(style.heading,
               tr("run.then_heading", fmt::arg("title", visible(d ? d->title.in(lang) : id)))) +
         "\n";
  if (e && e->n > 0) {
    const Moments a{e->n, e->sum_a, e->sumsq_a}, b{e->n, e->sum_b, e->sumsq_b};
    std::vector<std::string> zones;
    for (int z = 0; z < kZoneCount; ++z)
      if (const auto c = e->zones[static_cast<std::size_t>(z)]; c > 0)
        zones.push_back(fmt::format("{} {}", zone_label(static_cast<Zone>(z)), c));
    out += wrap_indented(tr("run.then", fmt::arg("n", i18n::count("answer", e->n)),
                            fmt::arg("a", number(a.mean())), fmt::arg("b", number(b.mean())),
                            fmt::arg("zones", fmt::join(zones, ", "))),
                         kWidth, "  ") +
           "\n";
    for (const auto& idea : e->ideas)
      out += paint(style.dim, wrap_indented(tr("run.idea_line", fmt::arg("idea", visible(idea))),
                                            kWidth, "    ")) +
             "\n";
  }
  return out;
}

std::string action_text(const session::Action& a) {
  std::vector<std::string> details;
  if (!a.who.empty()) details.push_back(tr("report.action_who", fmt::arg("who", a.who)));
  if (!a.due.empty()) details.push_back(tr("report.action_due", fmt::arg("due", a.due)));
  if (details.empty()) return a.text;
  return fmt::format("{} ({})", a.text, fmt::join(details, ", "));
}

std::string session_summary(const Deck& deck, const Record& r, const Style& style) {
  auto weights = std::make_shared<const Weights>(Weights::of(deck));
  report::Group group(weights, r.team);
  group.add_session(r);
  ReflectionInput in{&deck, deck.language_for(r.language), &group, {}, "", false};
  return to_text(reflection_document(in), style);
}

std::string session_help() {
  return tr("run.help");
}

}  // namespace h2h::render
