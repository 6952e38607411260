#include "render/reflection_doc.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "i18n/i18n.hpp"

namespace h2h::render {

using i18n::tr;
using report::Group;
using report::Reflection;

namespace {

std::string one(const std::optional<double>& x) {
  return x ? fmt::format("{:.1f}", *x) : "-";
}
std::string whole(const std::optional<double>& x) {
  return x ? fmt::format("{:.0f}", *x) : "-";
}

std::string signed_change(const std::optional<double>& now, const std::optional<double>& before,
                          const char* format) {
  if (!now || !before) return "";
  const double d = *now - *before;
  return fmt::format(fmt::runtime(format), d);
}

class Writer {
 public:
  explicit Writer(const ReflectionInput& in)
      : in_(in), deck_(*in.deck), lang_(in.lang), reflection_(report::reflect(*in.total)) {}

  Document write() {
    header();
    for (std::size_t d = 0; d < deck_.dilemmas.size(); ++d) dilemma(d);
    turning_points();
    profile();
    if (!in_.groups.empty()) groups();
    return std::move(doc_);
  }

 private:
  void add(Block::Kind kind, std::string text) {
    Block b;
    b.kind = kind;
    b.text = std::move(text);
    doc_.push_back(std::move(b));
  }
  void bullets(std::vector<std::string> items) {
    if (items.empty()) return;
    Block b;
    b.kind = Block::Kind::bullets;
    b.items = std::move(items);
    doc_.push_back(std::move(b));
  }
  void table(std::vector<std::vector<std::string>> rows) {
    Block b;
    b.kind = Block::Kind::table;
    b.rows = std::move(rows);
    doc_.push_back(std::move(b));
  }

  const Dilemma& dilemma_of(std::size_t d) const { return deck_.dilemmas[d]; }
  std::string title_of(std::size_t d) const { return dilemma_of(d).title.in(lang_); }
  std::string titles(const std::vector<std::size_t>& ds) const {
    std::vector<std::string> names;
    for (auto d : ds) names.push_back(title_of(d));
    return fmt::format("{}", fmt::join(names, ", "));
  }
  std::string need_name(std::size_t k) const { return deck_.needs[k].name.in(lang_); }

  void header() {
    const Group& g = *in_.total;
    const Figures& f = reflection_.figures;
    add(Block::Kind::title, tr("report.title", fmt::arg("deck", deck_.title.in(lang_))));
    std::set<std::string> teams;
    std::string first, last;
    std::size_t named = 0, anonymous = 0;
    for (const auto& s : g.sessions) {
      if (!s.team.empty()) teams.insert(s.team);
      const std::string day = s.started.substr(0, 10);
      if (first.empty() || day < first) first = day;
      if (last.empty() || day > last) last = day;
      (s.anonymous ? anonymous : named) += 1;
    }
    std::string who =
        teams.empty() ? tr("report.no_team") : fmt::format("{}", fmt::join(teams, ", "));
    std::string when = first.empty() ? "-" : (first == last ? first : first + " .. " + last);
    add(Block::Kind::paragraph,
        tr("report.who", fmt::arg("teams", who), fmt::arg("when", when), fmt::arg("deck", deck_.id),
           fmt::arg("version", deck_.version), fmt::arg("sessions", g.sessions.size()),
           fmt::arg("participants", f.participants), fmt::arg("answers", f.answers)));
    const char* mode = anonymous == 0 ? "report.anonymity.named"
                       : named == 0   ? "report.anonymity.anonymous"
                                      : "report.anonymity.mixed";
    if (!g.sessions.empty()) add(Block::Kind::paragraph, tr(mode));
    bullets(g.general_notes);
  }

  void dilemma(std::size_t d) {
    const Dilemma& dl = dilemma_of(d);
    const DilemmaFigures& f = reflection_.figures.dilemmas[d];
    const auto& t = in_.total->tally.dilemmas()[d];
    add(Block::Kind::section, fmt::format("{}. {}", d + 1, dl.title.in(lang_)));
    add(Block::Kind::paragraph, tr("report.poles", fmt::arg("a", dl.a.label.in(lang_)),
                                   fmt::arg("b", dl.b.label.in(lang_))));
    if (f.n == 0) {
      add(Block::Kind::paragraph, tr("report.no_answers"));
    } else {
      Block grid;
      grid.kind = Block::Kind::grid;
      grid.cells = t.cells;
      doc_.push_back(std::move(grid));
      std::vector<std::vector<std::string>> rows = {
          {tr("report.col_zone"), tr("report.col_count")}};
      for (int z = 0; z < kZoneCount; ++z)
        rows.push_back({tr(fmt::format("zone.{}", zone_name(static_cast<Zone>(z)))),
                        std::to_string(f.zones[static_cast<std::size_t>(z)])});
      table(std::move(rows));
      add(Block::Kind::paragraph,
          tr("report.figures", fmt::arg("n", f.n), fmt::arg("mean_a", one(f.mean_a)),
             fmt::arg("sd_a", one(f.sd_a)), fmt::arg("mean_b", one(f.mean_b)),
             fmt::arg("sd_b", one(f.sd_b)), fmt::arg("spread", one(f.spread)),
             fmt::arg("enen", one(f.enen))));
    }
    const auto& ideas = in_.total->ideas[d];
    if (!ideas.empty()) {
      add(Block::Kind::paragraph, tr("report.ideas"));
      bullets(ideas);
    }
    if (const auto without = in_.total->enen_without_idea[d]; without > 0)
      add(Block::Kind::question, tr("report.without_idea", fmt::arg("count", without)));
    const auto& notes = in_.total->notes[d];
    if (!notes.empty()) {
      add(Block::Kind::paragraph, tr("report.notes"));
      bullets(notes);
    }
    add(Block::Kind::question, dl.en_en.in(lang_));
  }

  void turning_points() {
    add(Block::Kind::section, tr("report.turning_points"));
    const auto& r = reflection_;
    if (r.most_divided) {
      add(Block::Kind::paragraph,
          tr("report.most_divided", fmt::arg("dilemma", title_of(*r.most_divided)),
             fmt::arg("spread", one(r.figures.dilemmas[*r.most_divided].spread))));
      add(Block::Kind::question, tr("report.most_divided_q"));
    }
    if (!r.enen.empty()) {
      add(Block::Kind::paragraph, tr("report.enen", fmt::arg("dilemmas", titles(r.enen))));
      add(Block::Kind::question, tr("report.enen_q"));
    } else {
      add(Block::Kind::paragraph, tr("report.enen_none"));
    }
    if (!r.compromise.empty()) {
      add(Block::Kind::paragraph,
          tr("report.compromise", fmt::arg("dilemmas", titles(r.compromise))));
      add(Block::Kind::question, tr("report.compromise_q"));
    }
    if (!r.ofof.empty()) {
      add(Block::Kind::paragraph, tr("report.ofof", fmt::arg("dilemmas", titles(r.ofof))));
      add(Block::Kind::question, tr("report.ofof_q"));
    }
    add(Block::Kind::aside, tr("report.patterns_rule"));
  }

  void profile() {
    add(Block::Kind::section, tr("report.profile"));
    const auto& r = reflection_;
    Block bars;
    bars.kind = Block::Kind::bars;
    for (std::size_t k = 0; k < r.figures.needs.size(); ++k)
      bars.bars.emplace_back(need_name(k), r.figures.needs[k].score);
    doc_.push_back(std::move(bars));
    add(Block::Kind::aside, tr("report.score_rule"));
    std::vector<std::string> starving;
    for (std::size_t k = 0; k < r.starving.size(); ++k)
      if (!r.starving[k].empty())
        starving.push_back(tr("report.starved_by", fmt::arg("need", need_name(k)),
                              fmt::arg("dilemmas", titles(r.starving[k]))));
    bullets(std::move(starving));
    if (r.least_fed)
      add(Block::Kind::question,
          tr("report.least_fed_q", fmt::arg("need", need_name(*r.least_fed))));
    if (r.least_satisfied) {
      const auto& c = *r.figures.needs[*r.least_satisfied].checkin;
      std::vector<std::vector<std::string>> rows = {
          {tr("report.col_need"), tr("report.col_score"), tr("report.col_checkin")}};
      for (std::size_t k = 0; k < r.figures.needs.size(); ++k) {
        const auto& nf = r.figures.needs[k];
        rows.push_back({need_name(k), whole(nf.score),
                        nf.checkin ? whole(nf.checkin->score) : std::string("-")});
      }
      table(std::move(rows));
      add(Block::Kind::paragraph,
          tr("report.checkin_compare", fmt::arg("felt", need_name(*r.least_satisfied)),
             fmt::arg("felt_score", whole(c.score)),
             fmt::arg("fed", r.least_fed ? need_name(*r.least_fed) : std::string("-")),
             fmt::arg("fed_score", r.least_fed ? whole(r.figures.needs[*r.least_fed].score)
                                               : std::string("-"))));
      add(Block::Kind::question,
          tr(r.least_fed && *r.least_fed == *r.least_satisfied ? "report.checkin_same_q"
                                                               : "report.checkin_differ_q"));
      add(Block::Kind::aside, tr("report.checkin_caveat"));
    }
  }

  void groups() {
    add(Block::Kind::section, tr(in_.by == "session" ? "report.by_session" : "report.by_team"));
    std::vector<Figures> figures;
    for (const Group* g : in_.groups) figures.push_back(g->tally.figures());
    for (std::size_t d = 0; d < deck_.dilemmas.size(); ++d) {
      add(Block::Kind::subsection, title_of(d));
      std::vector<std::vector<std::string>> rows = {
          {tr("report.col_group"), "n", tr("report.col_mean_a"), tr("report.col_mean_b"),
           tr("report.col_spread"), "EN EN", tr("report.col_change")}};
      for (std::size_t i = 0; i < figures.size(); ++i) {
        const auto& f = figures[i].dilemmas[d];
        rows.push_back(
            {in_.groups[i]->name, std::to_string(f.n), one(f.mean_a), one(f.mean_b), one(f.spread),
             one(f.enen),
             i == 0 ? "" : signed_change(f.enen, figures[i - 1].dilemmas[d].enen, "{:+.1f}")});
      }
      table(std::move(rows));
    }
    add(Block::Kind::subsection, tr("report.profile"));
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {tr("report.col_group")};
    for (std::size_t k = 0; k < deck_.needs.size(); ++k) header.push_back(need_name(k));
    rows.push_back(header);
    for (std::size_t i = 0; i < figures.size(); ++i) {
      std::vector<std::string> row = {in_.groups[i]->name};
      for (std::size_t k = 0; k < figures[i].needs.size(); ++k) {
        std::string cell = whole(figures[i].needs[k].score);
        if (i > 0) {
          const std::string change =
              signed_change(figures[i].needs[k].score, figures[i - 1].needs[k].score, "{:+.0f}");
          if (!change.empty()) cell += " (" + change + ")";
        }
        row.push_back(cell);
      }
      rows.push_back(std::move(row));
    }
    table(std::move(rows));
    add(Block::Kind::aside, tr("report.change_rule"));
  }

  const ReflectionInput& in_;
  const Deck& deck_;
  std::string lang_;
  Reflection reflection_;
  Document doc_;
};

}  // namespace

Document reflection_document(const ReflectionInput& input) {
  return Writer(input).write();
}

}  // namespace h2h::render
