#include "core/tally.hpp"

#include <algorithm>
#include <cmath>

namespace h2h {

std::optional<double> Moments::mean() const {
  if (n == 0) return std::nullopt;
  return static_cast<double>(sum) / static_cast<double>(n);
}

std::optional<double> Moments::sd() const {
  if (n < 2) return std::nullopt;
  // Exact in integers first: n*sumsq - sum^2 = n * (n-1) * variance.
  const double nd = static_cast<double>(n);
  // In 128 bits: merged shards can hold counts whose products pass int64.
  const double scaled =
      static_cast<double>(static_cast<Wide>(n) * sumsq - static_cast<Wide>(sum) * sum);
  return std::sqrt(std::max(0.0, scaled) / (nd * (nd - 1)));
}

Weights Weights::of(const Deck& deck) {
  Weights w;
  for (const auto& n : deck.needs) w.need_ids.push_back(n.id);
  for (const auto& d : deck.dilemmas) {
    w.dilemma_ids.push_back(d.id);
    std::vector<std::array<int, 2>> row;
    for (const auto& n : deck.needs) row.push_back({d.a.weight(n.id), d.b.weight(n.id)});
    w.poles.push_back(std::move(row));
  }
  for (const auto& c : deck.checkin)
    if (auto k = w.need_index(c.need)) w.checkin_needs.emplace_back(c.id, *k);
  return w;
}

std::optional<std::size_t> Weights::checkin_need(std::string_view item) const {
  for (const auto& [id, k] : checkin_needs)
    if (id == item) return k;
  return need_index(item);  // a rating of the need as a whole (imported responses)
}

std::optional<std::size_t> Weights::dilemma_index(std::string_view id) const {
  auto it = std::find(dilemma_ids.begin(), dilemma_ids.end(), id);
  if (it == dilemma_ids.end()) return std::nullopt;
  return static_cast<std::size_t>(it - dilemma_ids.begin());
}

std::optional<std::size_t> Weights::need_index(std::string_view id) const {
  auto it = std::find(need_ids.begin(), need_ids.end(), id);
  if (it == need_ids.end()) return std::nullopt;
  return static_cast<std::size_t>(it - need_ids.begin());
}

Tally::Tally(std::shared_ptr<const Weights> weights)
    : weights_(std::move(weights)),
      dilemmas_(weights_->dilemma_ids.size()),
      needs_(weights_->need_ids.size()) {
  for (auto& d : dilemmas_) d.needs.resize(needs_.size());
}

namespace {

std::optional<double> score(const Nourishment& n) {
  if (n.denominator <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(n.numerator) / static_cast<double>(n.denominator);
}

}  // namespace

void Tally::add(std::size_t d, Point p) {
  DilemmaTally& t = dilemmas_.at(d);
  t.a.add(p.a);
  t.b.add(p.b);
  ++t.zones[static_cast<std::size_t>(zone_of(p))];
  t.sum_min += std::min(p.a, p.b);
  ++t.cells[static_cast<std::size_t>(p.a - kAnswerMin)][static_cast<std::size_t>(p.b - kAnswerMin)];
  const auto& row = weights_->poles[d];
  for (std::size_t k = 0; k < row.size(); ++k) {
    t.needs[k].numerator += p.a * row[k][0] + p.b * row[k][1];
    t.needs[k].denominator += kAnswerMax * (row[k][0] + row[k][1]);
  }
}

void Tally::add(std::size_t d, Point p, std::int64_t count) {
  if (count == 0) return;
  DilemmaTally& t = dilemmas_.at(d);
  t.a.add(p.a, count);
  t.b.add(p.b, count);
  checked_add(t.zones[static_cast<std::size_t>(zone_of(p))], count);
  checked_add(t.sum_min, std::min(p.a, p.b) * count);
  checked_add(t.cells[static_cast<std::size_t>(p.a - kAnswerMin)]
                     [static_cast<std::size_t>(p.b - kAnswerMin)],
              count);
  const auto& row = weights_->poles[d];
  for (std::size_t k = 0; k < row.size(); ++k) {
    checked_add(t.needs[k].numerator, (p.a * row[k][0] + p.b * row[k][1]) * count);
    checked_add(t.needs[k].denominator, kAnswerMax * (row[k][0] + row[k][1]) * count);
  }
}

void Tally::add_checkin(std::size_t k, int rating, std::int64_t count) {
  if (count == 1)
    needs_.at(k).checkin.add(rating);
  else if (count > 0)
    needs_.at(k).checkin.add(rating, count);
}

void GridCounts::add_to(Tally& tally) const {
  tally.add_participant(participants_);
  for (std::size_t d = 0; d < cells_.size(); ++d)
    for (int a = kAnswerMin; a <= kAnswerMax; ++a)
      for (int b = kAnswerMin; b <= kAnswerMax; ++b)
        tally.add(d, Point{a, b},
                  cells_[d][static_cast<std::size_t>(a - kAnswerMin)]
                        [static_cast<std::size_t>(b - kAnswerMin)]);
  for (std::size_t k = 0; k < ratings_.size(); ++k)
    for (int r = 1; r <= 5; ++r)
      tally.add_checkin(k, r, ratings_[k][static_cast<std::size_t>(r - 1)]);
}

void Tally::merge(const Tally& other) {
  checked_add(participants_, other.participants_);
  for (std::size_t d = 0; d < dilemmas_.size() && d < other.dilemmas_.size(); ++d) {
    DilemmaTally& t = dilemmas_[d];
    const DilemmaTally& o = other.dilemmas_[d];
    t.a.merge(o.a);
    t.b.merge(o.b);
    for (std::size_t z = 0; z < t.zones.size(); ++z) checked_add(t.zones[z], o.zones[z]);
    checked_add(t.sum_min, o.sum_min);
    for (std::size_t x = 0; x < t.cells.size(); ++x)
      for (std::size_t y = 0; y < t.cells[x].size(); ++y) checked_add(t.cells[x][y], o.cells[x][y]);
    for (std::size_t k = 0; k < t.needs.size() && k < o.needs.size(); ++k)
      t.needs[k].merge(o.needs[k]);
  }
  for (std::size_t k = 0; k < needs_.size() && k < other.needs_.size(); ++k) {
    needs_[k].checkin.merge(other.needs_[k].checkin);
  }
  // The figures add up over dilemmas too: the answers, and each need's total.
  std::int64_t answers = 0;
  for (const auto& d : dilemmas_) checked_add(answers, d.a.n);
  for (std::size_t k = 0; k < needs_.size(); ++k) (void)need_total(k);
}

Nourishment Tally::need_total(std::size_t k) const {
  Nourishment sum;
  for (const auto& d : dilemmas_) sum.merge(d.needs.at(k));
  return sum;
}

Figures Tally::figures() const {
  Figures f;
  f.participants = participants_;
  for (std::size_t d = 0; d < dilemmas_.size(); ++d) {
    const DilemmaTally& t = dilemmas_[d];
    DilemmaFigures df;
    df.id = weights_->dilemma_ids[d];
    df.n = t.a.n;
    df.mean_a = t.a.mean();
    df.sd_a = t.a.sd();
    df.mean_b = t.b.mean();
    df.sd_b = t.b.sd();
    df.zones = t.zones;
    if (df.sd_a && df.sd_b) df.spread = (*df.sd_a + *df.sd_b) / 2;
    if (df.n > 0) df.enen = static_cast<double>(t.sum_min) / static_cast<double>(df.n);
    for (const auto& n : t.needs) df.need_scores.push_back(score(n));
    f.answers += df.n;
    f.dilemmas.push_back(std::move(df));
  }
  for (std::size_t k = 0; k < needs_.size(); ++k) {
    const NeedTally& t = needs_[k];
    NeedFigures nf;
    nf.id = weights_->need_ids[k];
    nf.score = score(need_total(k));
    if (t.checkin.n > 0) {
      const double mean = *t.checkin.mean();
      nf.checkin = CheckinFigures{t.checkin.n, mean, 100.0 * (mean - 1) / 4};
    }
    f.needs.push_back(std::move(nf));
  }
  return f;
}

}  // namespace h2h
