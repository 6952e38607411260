// One Tally computes every figure: counts, sums and sums of squares per
// pole, zone counts, the sum of min(a, b), and the need numerators and
// denominators. Sessions, response files and report JSON all feed it, so
// streaming, grouping and merging shards fall out of one type, and its size
// never grows with the number of answers.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/answer.hpp"
#include "core/deck.hpp"

namespace h2h {

// Merging tallies (of report JSON shards, of many files) whose counts
// together pass what an int64 holds: the callers say which input did it.
struct TallyOverflow : std::overflow_error {
  TallyOverflow() : std::overflow_error("tally overflow") {}
};

// 128-bit integers for products of counts (GCC and Clang).
__extension__ using Wide = __int128;

// x += y, or TallyOverflow.
inline void checked_add(std::int64_t& x, std::int64_t y) {
  if (__builtin_add_overflow(x, y, &x)) throw TallyOverflow();
}

// Running sums of one pole's numbers.
struct Moments {
  std::int64_t n = 0;
  std::int64_t sum = 0;
  std::int64_t sumsq = 0;

  void add(int x) {
    ++n;
    sum += x;
    sumsq += static_cast<std::int64_t>(x) * x;
  }
  void add(int x, std::int64_t count) {
    checked_add(n, count);
    checked_add(sum, x * count);
    checked_add(sumsq, static_cast<std::int64_t>(x) * x * count);
  }
  void merge(const Moments& o) {
    checked_add(n, o.n);
    checked_add(sum, o.sum);
    checked_add(sumsq, o.sumsq);
  }
  std::optional<double> mean() const;
  std::optional<double> sd() const;  // sample standard deviation (n - 1); none when n < 2
};

constexpr int kGridSide = kAnswerMax - kAnswerMin + 1;  // 11 points per axis

// A need's nourishment on offer and taken up: numerator = sum of
// a x wA + b x wB, denominator = sum of 10 x (wA + wB).
struct Nourishment {
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  void merge(const Nourishment& o) {
    checked_add(numerator, o.numerator);
    checked_add(denominator, o.denominator);
  }
};

struct DilemmaTally {
  Moments a;
  Moments b;
  std::array<std::int64_t, kZoneCount> zones{};
  std::int64_t sum_min = 0;  // sum of min(a, b)
  // How many answers fell on each point of the grid: cells[a][b].
  std::array<std::array<std::int64_t, kGridSide>, kGridSide> cells{};
  std::vector<Nourishment> needs;  // per need of the deck
};

struct NeedTally {
  Moments checkin;  // check-in ratings 1..5
};

struct DilemmaFigures {
  std::string id;
  std::int64_t n = 0;
  std::optional<double> mean_a, sd_a, mean_b, sd_b;
  std::array<std::int64_t, kZoneCount> zones{};
  std::optional<double> spread;  // (sd a + sd b) / 2
  std::optional<double> enen;    // mean of min(a, b)
  // Per need: 100 x numerator / denominator of this dilemma's answers alone.
  std::vector<std::optional<double>> need_scores;
};

struct CheckinFigures {
  std::int64_t n = 0;
  double mean = 0;
  double score = 0;  // 100 x (mean - 1) / 4
};

struct NeedFigures {
  std::string id;
  std::optional<double> score;  // 100 x numerator / denominator
  std::optional<CheckinFigures> checkin;
};

struct Figures {
  std::int64_t participants = 0;
  std::int64_t answers = 0;
  std::vector<DilemmaFigures> dilemmas;
  std::vector<NeedFigures> needs;
};

// The weights of a deck as indexes, so that adding an answer does no lookups.
struct Weights {
  std::vector<std::string> dilemma_ids;
  std::vector<std::string> need_ids;
  // [dilemma][need] -> {wA, wB}
  std::vector<std::vector<std::array<int, 2>>> poles;
  // check-in item id -> need index
  std::vector<std::pair<std::string, std::size_t>> checkin_needs;

  static Weights of(const Deck& deck);
  std::optional<std::size_t> dilemma_index(std::string_view id) const;
  std::optional<std::size_t> need_index(std::string_view id) const;
  // The need a check-in item rates; a need id stands for itself.
  std::optional<std::size_t> checkin_need(std::string_view item) const;
};

class Tally {
 public:
  explicit Tally(std::shared_ptr<const Weights> weights);

  void add_participant(std::int64_t count = 1) { participants_ += count; }
  // A complete answer to dilemma `d` (an index into the weights).
  void add(std::size_t d, Point p);
  // `count` complete answers `p` to dilemma `d` at once.
  void add(std::size_t d, Point p, std::int64_t count);
  // A check-in rating 1..5 for need `k`.
  void add_checkin(std::size_t k, int rating, std::int64_t count = 1);
  // Throws TallyOverflow (and leaves this tally partly merged) when a sum
  // would pass the int64 range.
  void merge(const Tally& other);

  Figures figures() const;

  const std::vector<DilemmaTally>& dilemmas() const { return dilemmas_; }
  const std::vector<NeedTally>& needs() const { return needs_; }
  std::vector<DilemmaTally>& dilemmas() { return dilemmas_; }
  std::vector<NeedTally>& needs() { return needs_; }
  std::int64_t participants() const { return participants_; }
  // A need's nourishment over every dilemma's answers.
  Nourishment need_total(std::size_t k) const;
  const Weights& weights() const { return *weights_; }

 private:
  std::shared_ptr<const Weights> weights_;
  std::int64_t participants_ = 0;
  std::vector<DilemmaTally> dilemmas_;
  std::vector<NeedTally> needs_;
};

// Answers counted per point of the grid and ratings per value, nothing
// else: the cheapest way to take in a great many answers (a response file
// of millions of rows). add_to puts them into a Tally once, with the same
// figures as adding each answer there.
class GridCounts {
 public:
  GridCounts(std::size_t dilemmas, std::size_t needs) : cells_(dilemmas), ratings_(needs) {}

  void add_participant() { ++participants_; }
  // A complete answer (both poles in kAnswerMin..kAnswerMax) to dilemma `d`.
  void add(std::size_t d, Point p) {
    ++cells_[d][static_cast<std::size_t>(p.a - kAnswerMin)]
            [static_cast<std::size_t>(p.b - kAnswerMin)];
  }
  // A check-in rating 1..5 for need `k`.
  void add_checkin(std::size_t k, int rating) {
    ++ratings_[k][static_cast<std::size_t>(rating - 1)];
  }

  std::int64_t participants() const { return participants_; }
  void add_to(Tally& tally) const;

 private:
  std::int64_t participants_ = 0;
  std::vector<std::array<std::array<std::int64_t, kGridSide>, kGridSide>> cells_;
  std::vector<std::array<std::int64_t, 5>> ratings_;
};

}  // namespace h2h
