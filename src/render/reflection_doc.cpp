#include "render/reflection_doc.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "i18n/i18n.hpp"
#include "render/session_text.hpp"

namespace h2h::render {

using i18n::tr;
using report::Group;
using report::Pattern;
using report::Reflection;

namespace {

std::string one(const std::optional<double>& x) {
  return x ? i18n::decimal(*x, 1) : "-";
}
std::string whole(const std::optional<double>& x) {
  return x ? i18n::decimal(*x, 0) : "-";
}

// A change between two ordered groups; "≈" when it is smaller than `same`
// (on the figure's own scale), so noise is not read as change.
std::string change(const std::optional<double>& now, const std::optional<double>& before,
                   double same, int places) {
  if (!now || !before) return "";
  const double d = *now - *before;
  if (std::fabs(d) < same) return "≈";
  return (d > 0 ? "+" : "") + i18n::decimal(d, places);
}

// The order in which patterns are listed in the summary.
constexpr Pattern kPatternOrder[] = {Pattern::enen,       Pattern::two_camps, Pattern::ofof,
                                     Pattern::compromise, Pattern::divided,   Pattern::scattered};

class Writer {
 public:
  explicit Writer(const ReflectionInput& in)
      : in_(in),
        deck_(*in.deck),
        lang_(in.lang),
        reflection_(report::reflect(*in.total)),
        solo_(reflection_.figures.participants == 1 || one_person(*in.total)) {}

  Document write() {
    header();
    for (std::size_t d = 0; d < deck_.dilemmas.size(); ++d)
      if (asked(d)) dilemma(d);
    stands_out();
    profile();
    agreed();
    if (!in_.groups.empty()) groups();
    return std::move(doc_);
  }

 private:
  // Whether any session asked dilemma d (a session run with --dilemmas asks
  // only some); response files, which name no sessions, ask every one.
  bool asked(std::size_t d) const {
    const Group& g = *in_.total;
    if (g.sessions.empty() || g.has_then) return true;
    const std::string& id = deck_.dilemmas[d].id;
    return std::any_of(g.sessions.begin(), g.sessions.end(), [&](const report::SessionInfo& s) {
      return s.dilemmas.empty() ||
             std::find(s.dilemmas.begin(), s.dilemmas.end(), id) != s.dilemmas.end();
    });
  }

  // How many people took part: different names over named sessions (the
  // same team twice is still its own people), else the participants counted.
  std::int64_t people(const Group& g) const {
    if (one_person(g)) return 1;
    if (const auto n = g.people()) return static_cast<std::int64_t>(*n);
    return reflection_.figures.participants;
  }

  // Solo sessions, all of one named person (a manager's sessions over time),
  // and no respondents of response files besides.
  static bool one_person(const Group& g) {
    if (g.sessions.empty() || g.respondents_without_session > 0) return false;
    for (const auto& s : g.sessions)
      if (s.solo_name.empty() || s.anonymous || s.solo_name != g.sessions.front().solo_name)
        return false;
    return true;
  }

  // The message for one person when the reflection is of one person (the
  // catalogs hold "KEY.solo" where the wording differs), else for a group.
  template <typename... Args>
  std::string say(const std::string& key, Args&&... args) const {
    const std::string solo_key = key + ".solo";
    return tr(solo_ && i18n::has_message(solo_key) ? solo_key : key, std::forward<Args>(args)...);
  }

  // A heading over a list: "KEY.one" above a single item.
  std::string heading(const std::string& key, std::size_t items) const {
    const bool one = items == 1 && i18n::has_message(key + ".one");
    if (one && solo_ && !i18n::has_message(key + ".one.solo") && i18n::has_message(key + ".solo"))
      return tr(key + ".solo");  // the solo wording already speaks of one
    return say(one ? key + ".one" : key);
  }

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

  // Then and now side by side only in the reflection of one follow-up
  // session: over several sessions "now" would mix them.
  bool follow_up() const { return in_.total->has_then && in_.total->sessions.size() == 1; }

  void header() {
    const Group& g = *in_.total;
    const Figures& f = reflection_.figures;
    const std::size_t title_at = doc_.size();
    add(Block::Kind::title, tr("report.title", fmt::arg("deck", deck_.title.in(lang_))));
    std::set<std::string> teams;
    std::string first, last;
    std::size_t named = 0, anonymous = 0;
    for (const auto& s : g.sessions) {
      if (!s.team.empty()) teams.insert(s.team);
      // A solo session without a team: the person it was.
      if (s.team.empty() && !s.solo_name.empty() && !s.anonymous) teams.insert(s.solo_name);
      const std::string day = s.started.substr(0, 10);
      if (first.empty() || day < first) first = day;
      if (last.empty() || day > last) last = day;
      (s.anonymous ? anonymous : named) += 1;
    }
    std::string who =
        teams.empty() ? tr("report.no_team") : fmt::format("{}", fmt::join(teams, ", "));
    std::string when =
        first.empty()   ? "-"
        : first == last ? first
                        : tr("report.when_range", fmt::arg("first", first), fmt::arg("last", last));
    doc_[title_at].items = {deck_.title.in(lang_)};  // the running head of printed pages
    if (!first.empty()) doc_[title_at].items.push_back(when);
    if (!g.sessions.empty() || g.files.empty())
      add(Block::Kind::paragraph,
          tr("report.who", fmt::arg("teams", who), fmt::arg("when", when),
             fmt::arg("deck", deck_.id), fmt::arg("version", deck_.version),
             fmt::arg("sessions",
                      i18n::count("session", static_cast<std::int64_t>(g.sessions.size()))),
             fmt::arg("participants", i18n::count("participant", people(g))),
             fmt::arg("answers", i18n::count("answer", f.answers))));
    if (!g.files.empty()) sources(g, f, !g.sessions.empty());
    const char* mode = anonymous == 0 ? "report.anonymity.named"
                       : named == 0   ? "report.anonymity.anonymous"
                                      : "report.anonymity.mixed";
    if (!g.sessions.empty()) add(Block::Kind::paragraph, say(mode));
    if (follow_up()) add(Block::Kind::paragraph, tr("report.follow_up"));
    bullets(g.general_notes);
  }

  // What response files the answers came from: files, rows, respondents,
  // and the days their timestamp columns span.
  void sources(const Group& g, const Figures& f, bool after_sessions) {
    std::int64_t rows = 0, respondents = 0;
    std::string first, last;
    std::set<std::string> columns;
    std::vector<std::string> each;
    for (const auto& file : g.files) {
      rows += file.rows;
      respondents += file.respondents;
      if (!file.timestamp_column.empty()) columns.insert(file.timestamp_column);
      if (!file.first_day.empty() && (first.empty() || file.first_day < first))
        first = file.first_day;
      if (!file.last_day.empty() && (last.empty() || file.last_day > last)) last = file.last_day;
      each.push_back(tr("report.file", fmt::arg("file", file.path),
                        fmt::arg("rows", i18n::count("row", file.rows)),
                        fmt::arg("respondents", i18n::count("respondent", file.respondents))));
    }
    // A long list of files would bury the rest: beyond three, the sums.
    const std::string files =
        each.size() <= 3 ? fmt::format("{}", fmt::join(each, "; "))
                         : tr("report.files", fmt::arg("count", each.size()),
                              fmt::arg("rows", i18n::count("row", rows)),
                              fmt::arg("respondents", i18n::count("respondent", respondents)));
    const std::string column = fmt::format("{}", fmt::join(columns, "', '"));
    std::string when;
    if (!first.empty())
      when = tr("report.when_column",
                fmt::arg("days", first == last ? first
                                               : tr("report.when_range", fmt::arg("first", first),
                                                    fmt::arg("last", last))),
                fmt::arg("column", column));
    else if (!columns.empty())
      when = tr("report.when_unread", fmt::arg("column", column));
    else
      when = tr("report.when_none");
    if (after_sessions)
      add(Block::Kind::paragraph,
          tr("report.also_from", fmt::arg("files", files), fmt::arg("when", when)));
    else
      add(Block::Kind::paragraph,
          tr("report.from", fmt::arg("files", files), fmt::arg("when", when),
             fmt::arg("deck", deck_.id), fmt::arg("version", deck_.version),
             fmt::arg("participants", i18n::count("participant", f.participants)),
             fmt::arg("answers", i18n::count("answer", f.answers))));
  }

  // "8/3 (A), 9/9 (EN EN)": the answers themselves, when there are too few
  // to speak of a pattern.
  std::string points(std::size_t d) const {
    const auto& cells = in_.total->tally.dilemmas()[d].cells;
    std::vector<std::string> out;
    for (int a = kAnswerMin; a <= kAnswerMax; ++a)
      for (int b = kAnswerMin; b <= kAnswerMax; ++b)
        for (std::int64_t i = 0;
             i < cells[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)]; ++i)
          out.push_back(fmt::format("{}/{}: {}", a, b, zone_label(zone_of({a, b}))));
    return fmt::format("{}", fmt::join(out, "; "));
  }

  void pattern(std::size_t d, const DilemmaFigures& f) {
    const Pattern p = reflection_.patterns[d];
    auto count = [&](Zone z) { return f.zones[static_cast<std::size_t>(z)]; };
    if (p == Pattern::none) {
      if (f.n == 1 && solo_) return;  // the figures line said it all
      add(Block::Kind::paragraph,
          tr("report.few", fmt::arg("n", i18n::count("answer", f.n)),
             fmt::arg("min", report::kPatternMinAnswers), fmt::arg("points", points(d))));
      return;
    }
    const std::string name(report::pattern_name(p));
    // How many answers make the pattern: said as a count, never as "most".
    std::int64_t k = 0;
    if (p == Pattern::enen) k = count(Zone::en_en);
    if (p == Pattern::ofof) k = count(Zone::a) + count(Zone::b);
    if (p == Pattern::compromise) k = count(Zone::compromise);
    if (p == Pattern::scattered) k = count(Zone::neither) + count(Zone::mixed);
    add(Block::Kind::paragraph,
        tr("report.pattern." + name, fmt::arg("a", count(Zone::a)), fmt::arg("b", count(Zone::b)),
           fmt::arg("k", k), fmt::arg("n", f.n)));
    add(Block::Kind::question, tr("report.pattern." + name + ".q"));
  }

  std::string action_line(const session::Action& a) const { return action_text(a); }

  void dilemma(std::size_t d) {
    const Dilemma& dl = dilemma_of(d);
    const Group& g = *in_.total;
    const DilemmaFigures& f = reflection_.figures.dilemmas[d];
    const auto& t = g.tally.dilemmas()[d];
    const DilemmaTally* then =
        g.has_then && g.then.dilemmas()[d].a.n > 0 ? &g.then.dilemmas()[d] : nullptr;
    add(Block::Kind::section, fmt::format("{}. {}", d + 1, dl.title.in(lang_)));
    add(Block::Kind::paragraph, tr("report.poles", fmt::arg("a", dl.a.label.in(lang_)),
                                   fmt::arg("b", dl.b.label.in(lang_))));
    if (PolarityMap map = polarity_map(dl, lang_); in_.with_map && !map.empty()) {
      Block b;
      b.kind = Block::Kind::map;
      b.map = std::move(map);
      doc_.push_back(std::move(b));
    }
    if (then)
      add(Block::Kind::paragraph,
          tr("report.then", fmt::arg("n", i18n::count("answer", then->a.n)),
             fmt::arg("mean_a", one(then->a.mean())), fmt::arg("mean_b", one(then->b.mean()))));
    if (f.n == 0) {
      add(Block::Kind::paragraph, tr("report.no_answers"));
    } else {
      Block grid;
      grid.kind = Block::Kind::grid;
      grid.cells = t.cells;
      if (then) {
        grid.then_mean = std::array<double, 2>{*then->a.mean(), *then->b.mean()};
        grid.now_mean = std::array<double, 2>{*f.mean_a, *f.mean_b};
      }
      doc_.push_back(std::move(grid));
      std::vector<std::vector<std::string>> rows = {
          {tr("report.col_zone"), then ? tr("report.col_then") : tr("report.col_count")}};
      if (then) rows[0].push_back(tr("report.col_now"));
      for (int z = 0; z < kZoneCount; ++z) {
        const auto i = static_cast<std::size_t>(z);
        rows.push_back({zone_label(static_cast<Zone>(z))});
        if (then) rows.back().push_back(std::to_string(then->zones[i]));
        rows.back().push_back(std::to_string(f.zones[i]));
      }
      if (!(f.n == 1 && solo_ && !then)) table(std::move(rows));  // one answer says it all
      if (f.n == 1 && solo_)
        add(Block::Kind::paragraph,
            tr("report.your_answer", fmt::arg("a", whole(f.mean_a)), fmt::arg("b", whole(f.mean_b)),
               fmt::arg("zone", zone_label(zone_of({static_cast<int>(std::lround(*f.mean_a)),
                                                    static_cast<int>(std::lround(*f.mean_b))})))));
      else
        add(Block::Kind::paragraph,
            tr("report.figures", fmt::arg("n", i18n::count("answer", f.n)),
               fmt::arg("mean_a", one(f.mean_a)), fmt::arg("sd_a", one(f.sd_a)),
               fmt::arg("mean_b", one(f.mean_b)), fmt::arg("sd_b", one(f.sd_b)),
               fmt::arg("spread", one(f.spread)), fmt::arg("enen", one(f.enen))));
      pattern(d, f);
    }
    if (const auto& ideas = g.ideas[d]; !ideas.empty()) {
      add(Block::Kind::paragraph, heading("report.ideas", ideas.size()));
      bullets(ideas);
    }
    if (const auto without = g.enen_without_idea[d]; without > 0)
      add(Block::Kind::question,
          say("report.without_idea", fmt::arg("count", i18n::count("answer", without))));
    if (const auto& notes = g.notes[d]; !notes.empty()) {
      add(Block::Kind::paragraph, tr("report.notes"));
      bullets(notes);
    }
    std::vector<std::string> earlier, agreed;
    for (const auto& a : report::current_actions(g.actions[d])) {
      if (a.earlier) {
        const std::string outcome = a.outcome.empty() || a.outcome == "none"
                                        ? tr("report.outcome.none")
                                        : tr("report.outcome." + a.outcome);
        earlier.push_back(tr("report.earlier_action", fmt::arg("action", action_line(a)),
                             fmt::arg("outcome", outcome)));
      } else {
        agreed.push_back(action_line(a));
      }
    }
    if (!earlier.empty()) {
      add(Block::Kind::paragraph, heading("report.earlier_actions", earlier.size()));
      bullets(std::move(earlier));
      add(Block::Kind::question, say("report.earlier_actions_q"));
    }
    if (!agreed.empty()) {
      add(Block::Kind::paragraph, heading("report.actions", agreed.size()));
      bullets(std::move(agreed));
    }
    if (!g.warnings[d].empty()) {
      add(Block::Kind::paragraph, heading("report.warnings", g.warnings[d].size()));
      bullets(g.warnings[d]);
    }
    add(Block::Kind::question, dl.en_en.in(lang_));
  }

  void stands_out() {
    add(Block::Kind::section, tr("report.turning_points"));
    const auto& r = reflection_;
    const auto& dilemmas = r.figures.dilemmas;
    bool any = false;
    for (Pattern p : kPatternOrder) {
      std::vector<std::size_t> ds;
      for (std::size_t d = 0; d < r.patterns.size(); ++d)
        if (r.patterns[d] == p) ds.push_back(d);
      if (ds.empty()) continue;
      any = true;
      add(Block::Kind::paragraph, tr("report.summary." + std::string(report::pattern_name(p)),
                                     fmt::arg("dilemmas", titles(ds))));
    }
    if (!any) {
      if (solo_) {
        add(Block::Kind::paragraph, tr("report.where_solo"));
        std::vector<std::string> lines;
        for (int z = 0; z < kZoneCount; ++z) {
          std::vector<std::size_t> ds;
          for (std::size_t d = 0; d < dilemmas.size(); ++d)
            if (dilemmas[d].zones[static_cast<std::size_t>(z)] > 0) ds.push_back(d);
          if (!ds.empty())
            lines.push_back(fmt::format("{}: {}", zone_label(static_cast<Zone>(z)), titles(ds)));
        }
        bullets(std::move(lines));
        add(Block::Kind::question, tr("report.where_solo_q"));
      } else {
        add(Block::Kind::paragraph,
            tr("report.summary.none", fmt::arg("min", report::kPatternMinAnswers)));
      }
      return;
    }
    if (!r.most_divided.empty()) {
      const double spread = *dilemmas[r.most_divided.front()].spread;
      double widest = spread;
      for (auto d : r.most_divided) widest = std::max(widest, *dilemmas[d].spread);
      if (widest < 1.0) {
        add(Block::Kind::paragraph, tr("report.close_everywhere"));
      } else {
        std::vector<std::size_t> order = r.most_divided;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
          return *dilemmas[x].spread > *dilemmas[y].spread;
        });
        std::vector<std::string> items;
        for (auto d : order)
          items.push_back(tr("report.spread_item", fmt::arg("dilemma", title_of(d)),
                             fmt::arg("spread", one(dilemmas[d].spread))));
        add(Block::Kind::paragraph,
            tr("report.most_divided", fmt::arg("dilemmas", fmt::join(items, ", "))));
        add(Block::Kind::question, tr("report.most_divided_q"));
      }
    }
    add(Block::Kind::aside,
        tr("report.patterns_rule", fmt::arg("min", report::kPatternMinAnswers)));
  }

  // Whether the known scores, as printed, lie within kStandApart of each other.
  static bool close(const std::vector<std::optional<double>>& xs) {
    std::optional<double> lo, hi;
    for (const auto& x : xs) {
      if (!x) continue;
      lo = lo ? std::min(*lo, std::round(*x)) : std::round(*x);
      hi = hi ? std::max(*hi, std::round(*x)) : std::round(*x);
    }
    return lo && *hi - *lo < report::kStandApart;
  }

  // The lowest and highest of the known scores, as text.
  std::pair<std::string, std::string> range(const std::vector<std::optional<double>>& xs) const {
    std::optional<double> lo, hi;
    for (const auto& x : xs) {
      if (!x) continue;
      lo = lo ? std::min(*lo, *x) : *x;
      hi = hi ? std::max(*hi, *x) : *x;
    }
    return {whole(lo), whole(hi)};
  }

  void profile() {
    add(Block::Kind::section, tr("report.profile"));
    const auto& r = reflection_;
    Block bars;
    bars.kind = Block::Kind::bars;
    std::vector<std::optional<double>> weights, checkins;
    for (std::size_t k = 0; k < r.figures.needs.size(); ++k) {
      const auto& nf = r.figures.needs[k];
      bars.bars.emplace_back(need_name(k), nf.score);
      weights.push_back(nf.score);
      checkins.push_back(nf.checkin ? std::optional<double>(nf.checkin->score) : std::nullopt);
    }
    doc_.push_back(std::move(bars));
    add(Block::Kind::aside, tr("report.score_rule"));
    const std::size_t known = static_cast<std::size_t>(
        std::count_if(weights.begin(), weights.end(), [](const auto& x) { return x.has_value(); }));
    if (r.least_weight) {
      const std::size_t k = *r.least_weight;
      add(Block::Kind::paragraph,
          tr("report.least_weight", fmt::arg("need", need_name(k)),
             fmt::arg("score", whole(weights[k])), fmt::arg("apart", report::kStandApart)));
      if (!r.least_weight_at.empty())
        add(Block::Kind::paragraph, tr("report.least_weight_at", fmt::arg("need", need_name(k)),
                                       fmt::arg("dilemmas", titles(r.least_weight_at))));
      add(Block::Kind::question, say("report.least_weight_q", fmt::arg("need", need_name(k))));
    } else if (known >= 2) {
      const auto [low, high] = range(weights);
      add(Block::Kind::paragraph,
          tr(close(weights) ? "report.weights_close" : "report.weights_none_lowest",
             fmt::arg("low", low), fmt::arg("high", high), fmt::arg("apart", report::kStandApart)));
      add(Block::Kind::question, say("report.weights_close_q"));
    }
    const bool any_checkin =
        std::any_of(checkins.begin(), checkins.end(), [](const auto& x) { return x.has_value(); });
    if (!any_checkin) return;
    std::vector<std::vector<std::string>> rows = {
        {tr("report.col_need"), tr("report.col_score"), tr("report.col_checkin")}};
    for (std::size_t k = 0; k < r.figures.needs.size(); ++k)
      rows.push_back({need_name(k), whole(weights[k]), whole(checkins[k])});
    table(std::move(rows));
    if (r.least_checkin) {
      add(Block::Kind::paragraph,
          say("report.checkin_apart", fmt::arg("need", need_name(*r.least_checkin)),
              fmt::arg("score", whole(checkins[*r.least_checkin]))));
    } else {
      const auto [low, high] = range(checkins);
      add(Block::Kind::paragraph,
          say(close(checkins) ? "report.checkin_close" : "report.checkin_none_lowest",
              fmt::arg("low", low), fmt::arg("high", high)));
    }
    if (r.least_checkin && r.least_weight) {
      if (*r.least_checkin == *r.least_weight)
        add(Block::Kind::question,
            say("report.checkin_same_q", fmt::arg("need", need_name(*r.least_weight))));
      else
        add(Block::Kind::question,
            say("report.checkin_differ_q", fmt::arg("felt", need_name(*r.least_checkin)),
                fmt::arg("fed", need_name(*r.least_weight))));
    }
    add(Block::Kind::aside, tr("report.checkin_caveat"));
  }

  // One list of what was agreed, for the handout.
  void agreed() {
    const Group& g = *in_.total;
    std::vector<std::string> items;
    for (std::size_t d = 0; d < deck_.dilemmas.size(); ++d) {
      for (const auto& a : report::current_actions(g.actions[d]))
        if (!a.earlier)
          items.push_back(tr("report.agreed_action", fmt::arg("dilemma", title_of(d)),
                             fmt::arg("action", action_line(a))));
      for (const auto& w : g.warnings[d])
        items.push_back(
            tr("report.agreed_warning", fmt::arg("dilemma", title_of(d)), fmt::arg("warning", w)));
    }
    if (items.empty()) return;
    add(Block::Kind::section, say("report.agreed"));
    bullets(std::move(items));
  }

  void groups() {
    const bool ordered = in_.by == "session";
    add(Block::Kind::section, tr(ordered ? "report.by_session" : "report.by_team"));
    std::vector<Figures> figures;
    for (const Group* g : in_.groups) figures.push_back(g->tally.figures());
    for (std::size_t d = 0; d < deck_.dilemmas.size(); ++d) {
      add(Block::Kind::subsection, title_of(d));
      std::vector<std::vector<std::string>> rows = {
          {tr("report.col_group"), "n", tr("report.col_mean_a"), tr("report.col_mean_b"),
           tr("report.col_spread"), "EN EN"}};
      if (ordered) rows[0].push_back(tr("report.col_change"));
      for (std::size_t i = 0; i < figures.size(); ++i) {
        const auto& f = figures[i].dilemmas[d];
        rows.push_back({in_.groups[i]->name, std::to_string(f.n), one(f.mean_a), one(f.mean_b),
                        one(f.spread), one(f.enen)});
        if (ordered)
          rows.back().push_back(i == 0 ? ""
                                       : change(f.enen, figures[i - 1].dilemmas[d].enen, 1.0, 1));
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
        if (ordered && i > 0) {
          const std::string c =
              change(figures[i].needs[k].score, figures[i - 1].needs[k].score, 5.0, 0);
          if (!c.empty()) cell += " (" + c + ")";
        }
        row.push_back(cell);
      }
      rows.push_back(std::move(row));
    }
    table(std::move(rows));
    add(Block::Kind::aside, tr(ordered ? "report.change_rule" : "report.teams_rule"));
  }

  const ReflectionInput& in_;
  const Deck& deck_;
  std::string lang_;
  Reflection reflection_;
  bool solo_;
  Document doc_;
};

}  // namespace

Document reflection_document(const ReflectionInput& input) {
  return Writer(input).write();
}

}  // namespace h2h::render
