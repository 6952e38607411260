#include "core/reflection.hpp"

#include <algorithm>
#include <numeric>

namespace h2h::report {

Group::Group(std::shared_ptr<const Weights> weights, std::string group_name)
    : name(std::move(group_name)),
      tally(weights),
      ideas(weights->dilemma_ids.size()),
      enen_without_idea(weights->dilemma_ids.size()),
      notes(weights->dilemma_ids.size()) {}

void Group::add_session(const session::Record& r) {
  const Weights& w = tally.weights();
  sessions.push_back(SessionInfo{r.team, r.mode, r.anonymous, r.started, r.finished,
                                 r.participants.size(), r.language});
  tally.add_participant(static_cast<std::int64_t>(r.participants.size()));
  for (const auto& resp : r.responses) {
    const auto d = w.dilemma_index(resp.dilemma);
    if (!d || !resp.point) continue;
    tally.add(*d, *resp.point);
    if (zone_of(*resp.point) == Zone::en_en) {
      if (resp.idea.empty())
        ++enen_without_idea[*d];
      else
        ideas[*d].push_back(resp.idea);
    }
  }
  for (const auto& rating : r.ratings)
    if (auto k = w.checkin_need(rating.item); k && rating.value)
      tally.add_checkin(*k, *rating.value);
  for (const auto& note : r.notes) {
    if (auto d = w.dilemma_index(note.dilemma))
      notes[*d].push_back(note.text);
    else
      general_notes.push_back(note.text);
  }
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
  for (std::size_t d = 0; d < ideas.size() && d < o.ideas.size(); ++d) {
    ideas[d].insert(ideas[d].end(), o.ideas[d].begin(), o.ideas[d].end());
    enen_without_idea[d] += o.enen_without_idea[d];
    notes[d].insert(notes[d].end(), o.notes[d].begin(), o.notes[d].end());
  }
  general_notes.insert(general_notes.end(), o.general_notes.begin(), o.general_notes.end());
  respondents_without_session += o.respondents_without_session;
}

Pattern pattern_of(const DilemmaFigures& f) {
  if (f.n == 0) return Pattern::none;
  auto count = [&](Zone z) { return f.zones[static_cast<std::size_t>(z)]; };
  const std::int64_t enen = count(Zone::en_en);
  const std::int64_t ofof = count(Zone::a) + count(Zone::b);
  const std::int64_t compromise = count(Zone::compromise);
  const std::int64_t scattered = count(Zone::neither) + count(Zone::mixed);
  const std::int64_t most = std::max({enen, ofof, compromise, scattered});
  if (enen == most) return Pattern::enen;
  if (ofof == most) return Pattern::ofof;
  if (compromise == most) return Pattern::compromise;
  return Pattern::scattered;
}

Reflection reflect(const Group& g) {
  Reflection r;
  r.figures = g.tally.figures();
  const auto& dilemmas = r.figures.dilemmas;
  for (std::size_t d = 0; d < dilemmas.size(); ++d) {
    const Pattern p = pattern_of(dilemmas[d]);
    r.patterns.push_back(p);
    if (p == Pattern::enen) r.enen.push_back(d);
    if (p == Pattern::compromise) r.compromise.push_back(d);
    if (p == Pattern::ofof) r.ofof.push_back(d);
    if (dilemmas[d].spread &&
        (!r.most_divided || *dilemmas[d].spread > *dilemmas[*r.most_divided].spread))
      r.most_divided = d;
  }
  const auto& tallies = g.tally.dilemmas();
  const std::size_t needs = r.figures.needs.size();
  for (std::size_t k = 0; k < needs; ++k) {
    std::vector<std::pair<std::int64_t, std::size_t>> unused;
    for (std::size_t d = 0; d < tallies.size(); ++d) {
      const auto& n = tallies[d].needs[k];
      if (n.denominator - n.numerator > 0) unused.emplace_back(n.denominator - n.numerator, d);
    }
    std::stable_sort(unused.begin(), unused.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    std::vector<std::size_t> top;
    for (std::size_t i = 0; i < unused.size() && i < 2; ++i) top.push_back(unused[i].second);
    r.starving.push_back(std::move(top));
    const auto& nf = r.figures.needs[k];
    if (nf.score && (!r.least_fed || *nf.score < *r.figures.needs[*r.least_fed].score))
      r.least_fed = k;
    if (nf.checkin && (!r.least_satisfied ||
                       nf.checkin->mean < r.figures.needs[*r.least_satisfied].checkin->mean))
      r.least_satisfied = k;
  }
  return r;
}

}  // namespace h2h::report
