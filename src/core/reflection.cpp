#include "core/reflection.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace h2h::report {

Group::Group(std::shared_ptr<const Weights> weights, std::string group_name)
    : name(std::move(group_name)),
      tally(weights),
      ideas(weights->dilemma_ids.size()),
      enen_without_idea(weights->dilemma_ids.size()),
      notes(weights->dilemma_ids.size()),
      actions(weights->dilemma_ids.size()),
      warnings(weights->dilemma_ids.size()),
      then(weights) {}

void Group::add_session(const session::Record& r) {
  add_session_info(SessionInfo{
      r.team, r.mode, r.anonymous, r.started, r.finished, r.participants.size(), r.language,
      r.mode == session::Mode::solo && r.participants.size() == 1 ? r.participants[0].name
                                                                  : std::string(),
      r.dilemmas});
  for (const auto& p : r.participants) add_name(p.name, r.anonymous);
  for (const auto& resp : r.responses) add_response(resp);
  for (const auto& rating : r.ratings) add_rating(rating);
  for (const auto& note : r.notes) add_note(note);
  add_follow_up(r);
}

void Group::add_follow_up(const session::Record& r) {
  const Weights& w = tally.weights();
  for (const auto& a : r.actions)
    if (auto d = w.dilemma_index(a.dilemma)) actions[*d].push_back(a);
  for (const auto& x : r.warnings)
    if (auto d = w.dilemma_index(x.dilemma)) warnings[*d].push_back(x.text);
  for (const auto& e : r.earlier) {
    const auto d = w.dilemma_index(e.dilemma);
    if (!d) continue;
    has_then = true;
    DilemmaTally& t = then.dilemmas()[*d];
    t.a.merge(Moments{e.n, e.sum_a, e.sumsq_a});
    t.b.merge(Moments{e.n, e.sum_b, e.sumsq_b});
    for (std::size_t z = 0; z < t.zones.size(); ++z) t.zones[z] += e.zones[z];
  }
}

void Group::add_name(const std::string& name, bool anonymous) {
  if (anonymous)
    unnamed = true;
  else
    names.insert(name);
}

std::optional<std::size_t> Group::people() const {
  if (unnamed || sessions.empty() || respondents_without_session > 0) return std::nullopt;
  return names.size();
}

void Group::add_session_info(SessionInfo info) {
  tally.add_participant(static_cast<std::int64_t>(info.participants));
  sessions.push_back(std::move(info));
}

void Group::add_response(const session::Response& resp) {
  const auto d = tally.weights().dilemma_index(resp.dilemma);
  if (!d || !resp.point) return;
  tally.add(*d, *resp.point);
  if (zone_of(*resp.point) == Zone::en_en) {
    if (resp.idea.empty())
      ++enen_without_idea[*d];
    else
      ideas[*d].push_back(resp.idea);
  }
}

void Group::add_rating(const session::Rating& rating) {
  if (auto k = tally.weights().checkin_need(rating.item); k && rating.value)
    tally.add_checkin(*k, *rating.value);
}

void Group::add_note(const session::Note& note) {
  if (auto d = tally.weights().dilemma_index(note.dilemma))
    notes[*d].push_back(note.text);
  else
    general_notes.push_back(note.text);
}

void Group::add_respondent(const std::vector<std::optional<Point>>& answers,
                           const std::vector<std::pair<std::size_t, int>>& checkin) {
  tally.add_participant();
  for (std::size_t d = 0; d < answers.size(); ++d)
    if (answers[d]) tally.add(d, *answers[d]);
  for (const auto& [k, rating] : checkin) tally.add_checkin(k, rating);
  ++respondents_without_session;
}

void Group::merge(const Group& o) {
  tally.merge(o.tally);
  sessions.insert(sessions.end(), o.sessions.begin(), o.sessions.end());
  files.insert(files.end(), o.files.begin(), o.files.end());
  for (std::size_t d = 0; d < ideas.size() && d < o.ideas.size(); ++d) {
    ideas[d].insert(ideas[d].end(), o.ideas[d].begin(), o.ideas[d].end());
    enen_without_idea[d] += o.enen_without_idea[d];
    notes[d].insert(notes[d].end(), o.notes[d].begin(), o.notes[d].end());
  }
  for (std::size_t d = 0; d < actions.size() && d < o.actions.size(); ++d) {
    actions[d].insert(actions[d].end(), o.actions[d].begin(), o.actions[d].end());
    warnings[d].insert(warnings[d].end(), o.warnings[d].begin(), o.warnings[d].end());
  }
  then.merge(o.then);
  has_then = has_then || o.has_then;
  general_notes.insert(general_notes.end(), o.general_notes.begin(), o.general_notes.end());
  respondents_without_session += o.respondents_without_session;
  names.insert(o.names.begin(), o.names.end());
  unnamed = unnamed || o.unnamed;
}

std::string_view pattern_name(Pattern p) {
  switch (p) {
    case Pattern::enen:
      return "en-en";
    case Pattern::ofof:
      return "of-of";
    case Pattern::two_camps:
      return "two-camps";
    case Pattern::compromise:
      return "compromise";
    case Pattern::scattered:
      return "scattered";
    case Pattern::divided:
      return "divided";
    case Pattern::none:
      break;
  }
  return {};
}

Pattern pattern_of(const DilemmaFigures& f) {
  if (f.n < kPatternMinAnswers) return Pattern::none;
  auto count = [&](Zone z) { return f.zones[static_cast<std::size_t>(z)]; };
  // "At least a quarter" in integers: 4 x count >= n.
  if (4 * count(Zone::a) >= f.n && 4 * count(Zone::b) >= f.n) return Pattern::two_camps;
  const std::array<std::pair<std::int64_t, Pattern>, 4> families = {{
      {count(Zone::en_en), Pattern::enen},
      {count(Zone::a) + count(Zone::b), Pattern::ofof},
      {count(Zone::compromise), Pattern::compromise},
      {count(Zone::neither) + count(Zone::mixed), Pattern::scattered},
  }};
  std::int64_t most = 0;
  for (const auto& [n, p] : families) most = std::max(most, n);
  Pattern top = Pattern::none;
  int at_top = 0;
  for (const auto& [n, p] : families)
    if (n == most) {
      top = p;
      ++at_top;
    }
  return at_top > 1 ? Pattern::divided : top;
}

std::vector<session::Action> current_actions(const std::vector<session::Action>& actions) {
  auto same = [](const session::Action& x, const session::Action& y) {
    return x.dilemma == y.dilemma && x.text == y.text && x.who == y.who && x.due == y.due;
  };
  std::vector<session::Action> out;
  for (const auto& a : actions) {
    if (!a.earlier && std::any_of(actions.begin(), actions.end(), [&](const auto& later) {
          return later.earlier && same(a, later);
        }))
      continue;
    out.push_back(a);
  }
  return out;
}

std::optional<std::size_t> stands_apart(const std::vector<std::optional<double>>& scores) {
  std::optional<std::size_t> low;
  std::size_t known = 0;
  for (std::size_t k = 0; k < scores.size(); ++k) {
    if (!scores[k]) continue;
    ++known;
    if (!low || *scores[k] < *scores[*low]) low = k;
  }
  if (!low || known < 2) return std::nullopt;
  for (std::size_t k = 0; k < scores.size(); ++k)
    if (k != *low && scores[k] &&
        std::round(*scores[k]) - std::round(*scores[*low]) < kStandApart)  // as printed
      return std::nullopt;
  return low;
}

Reflection reflect(const Group& g) {
  Reflection r;
  r.figures = g.tally.figures();
  const auto& dilemmas = r.figures.dilemmas;
  std::optional<double> widest;
  for (std::size_t d = 0; d < dilemmas.size(); ++d) {
    const Pattern p = pattern_of(dilemmas[d]);
    r.patterns.push_back(p);
    if (p != Pattern::none && dilemmas[d].spread && (!widest || *dilemmas[d].spread > *widest))
      widest = dilemmas[d].spread;
  }
  for (std::size_t d = 0; d < dilemmas.size() && widest; ++d)
    if (r.patterns[d] != Pattern::none && dilemmas[d].spread &&
        *dilemmas[d].spread >= *widest - 0.5)
      r.most_divided.push_back(d);

  std::vector<std::optional<double>> weight, checkin;
  for (const auto& nf : r.figures.needs) {
    weight.push_back(nf.score);
    checkin.push_back(nf.checkin ? std::optional<double>(nf.checkin->score) : std::nullopt);
  }
  r.least_weight = stands_apart(weight);
  r.least_checkin = stands_apart(checkin);
  if (r.least_weight) {
    const std::size_t k = *r.least_weight;
    std::vector<std::pair<double, std::size_t>> low;
    for (std::size_t d = 0; d < dilemmas.size(); ++d) {
      const auto& s = dilemmas[d].need_scores[k];
      if (s && *s < *weight[k]) low.emplace_back(*s, d);
    }
    std::stable_sort(low.begin(), low.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (std::size_t i = 0; i < low.size() && i < 2; ++i)
      r.least_weight_at.push_back(low[i].second);
  }
  return r;
}

}  // namespace h2h::report
