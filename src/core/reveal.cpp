#include "core/reveal.hpp"

#include <memory>

namespace h2h {

Reveal reveal_of(const Weights& weights, const session::Record& r, std::size_t d) {
  Reveal out;
  out.dilemma = r.dilemmas.at(d);
  Tally tally(std::make_shared<const Weights>(weights));
  const auto index = weights.dilemma_index(out.dilemma);
  for (std::size_t p = 0; p < r.participants.size(); ++p) {
    const auto* resp = r.response(out.dilemma, r.participants[p].id);
    if (!resp) {
      out.unanswered.push_back(p);
      continue;
    }
    if (!resp->point) {
      out.skipped.push_back(p);
      continue;
    }
    const Point point = *resp->point;
    out.dots.push_back({p, point, zone_of(point)});
    ++out.cells[static_cast<std::size_t>(point.a - kAnswerMin)]
               [static_cast<std::size_t>(point.b - kAnswerMin)];
    if (index) tally.add(*index, point);
    if (!resp->idea.empty()) out.ideas.emplace_back(p, resp->idea);
  }
  if (index) {
    out.figures = tally.figures().dilemmas[*index];
  } else {
    // A dilemma the deck no longer has: the counts still hold.
    out.figures.id = out.dilemma;
    out.figures.n = static_cast<std::int64_t>(out.dots.size());
    for (const auto& dot : out.dots) ++out.figures.zones[static_cast<std::size_t>(dot.zone)];
  }
  return out;
}

}  // namespace h2h
