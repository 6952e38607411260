// The reflection's rules: when a pattern is named, when a need stands apart.
#include <doctest/doctest.h>

#include <memory>

#include "core/reflection.hpp"

using namespace h2h;
using report::Pattern;

namespace {

DilemmaFigures zones(std::int64_t enen, std::int64_t a, std::int64_t b, std::int64_t compromise,
                     std::int64_t neither, std::int64_t mixed) {
  DilemmaFigures f;
  f.zones = {enen, a, b, compromise, neither, mixed};
  f.n = enen + a + b + compromise + neither + mixed;
  return f;
}

std::shared_ptr<const Weights> weights() {
  auto w = std::make_shared<Weights>();
  w->dilemma_ids = {"d1", "d2"};
  w->need_ids = {"autonomy", "belonging", "competence"};
  // d1: A feeds autonomy, B belonging. d2: A feeds competence, B autonomy.
  w->poles = {{{2, 0}, {0, 2}, {0, 0}}, {{0, 1}, {0, 0}, {2, 0}}};
  return w;
}

report::Group group_of(const std::vector<std::pair<std::size_t, Point>>& answers,
                       std::int64_t people) {
  report::Group g(weights(), "");
  g.tally.add_participant(people);
  for (const auto& [d, p] : answers) g.tally.add(d, p);
  return g;
}

}  // namespace

TEST_CASE("patterns: names and small numbers") {
  CHECK(report::pattern_name(Pattern::two_camps) == "two-camps");
  CHECK(report::pattern_name(Pattern::ofof) == "of-of");
  CHECK(report::pattern_name(Pattern::none).empty());
  // Fewer than three answers: no pattern, whatever they are.
  CHECK(report::pattern_of(zones(2, 0, 0, 0, 0, 0)) == Pattern::none);
  CHECK(report::pattern_of(zones(0, 1, 1, 0, 0, 0)) == Pattern::none);
  CHECK(report::pattern_of(zones(0, 0, 0, 0, 0, 0)) == Pattern::none);
}

TEST_CASE("patterns: camps before families, ties are divided") {
  // Two EN EN, one A, one B: A and B each hold a quarter, so two camps,
  // not "already thinking EN EN".
  CHECK(report::pattern_of(zones(2, 1, 1, 0, 0, 0)) == Pattern::two_camps);
  // Half strongly A, half strongly B.
  CHECK(report::pattern_of(zones(0, 3, 3, 0, 0, 0)) == Pattern::two_camps);
  // Two B and one A: the A zone holds a third.
  CHECK(report::pattern_of(zones(0, 1, 2, 0, 0, 0)) == Pattern::two_camps);
  // One pole wins when the other side is under a quarter.
  CHECK(report::pattern_of(zones(0, 4, 1, 0, 0, 0)) == Pattern::ofof);
  CHECK(report::pattern_of(zones(4, 0, 0, 1, 0, 0)) == Pattern::enen);
  CHECK(report::pattern_of(zones(1, 0, 0, 3, 0, 0)) == Pattern::compromise);
  CHECK(report::pattern_of(zones(0, 0, 0, 1, 2, 1)) == Pattern::scattered);
  CHECK(report::pattern_of(zones(2, 0, 0, 2, 0, 0)) == Pattern::divided);
  CHECK(report::pattern_of(zones(2, 1, 0, 0, 1, 1)) == Pattern::divided);  // 2 EN EN, 2 scattered
}

TEST_CASE("a need stands apart only 10 points below each other") {
  using V = std::vector<std::optional<double>>;
  CHECK_FALSE(report::stands_apart(V{65.11, 65.33, 67.0}));  // the near-tie of the issue
  CHECK_FALSE(report::stands_apart(V{50.0, 50.0, 50.0}));
  CHECK_FALSE(report::stands_apart(V{100.0, 100.0, 100.0}));
  CHECK_FALSE(report::stands_apart(V{40.0, 49.4, 80.0}));  // printed 40 and 49: 9 below
  // Judged on the figures as printed (whole numbers): 40.4 and 49.6 read 40 and 50.
  CHECK(report::stands_apart(V{40.4, 49.6, 80.0}) == std::optional<std::size_t>(0));
  CHECK(report::stands_apart(V{40.0, 50.0, 80.0}) == std::optional<std::size_t>(0));
  CHECK(report::stands_apart(V{70.0, 30.0, 50.0}) == std::optional<std::size_t>(1));
  CHECK_FALSE(report::stands_apart(V{30.0, std::nullopt, std::nullopt}));  // nothing to compare
  CHECK(report::stands_apart(V{30.0, std::nullopt, 45.0}) == std::optional<std::size_t>(0));
  CHECK_FALSE(report::stands_apart(V{}));
}

TEST_CASE("reflect: all 5/5 and all 10/10 single out no need") {
  for (int v : {5, 10}) {
    CAPTURE(v);
    auto g =
        group_of({{0, {v, v}}, {0, {v, v}}, {0, {v, v}}, {1, {v, v}}, {1, {v, v}}, {1, {v, v}}}, 3);
    const auto r = report::reflect(g);
    CHECK_FALSE(r.least_weight);
    CHECK(r.least_weight_at.empty());
    CHECK(r.patterns[0] == (v == 5 ? Pattern::compromise : Pattern::enen));
  }
}

TEST_CASE("reflect: a need that stands apart, and where it gets least") {
  // d1 answered strongly for A (autonomy), weakly for B (belonging).
  auto g =
      group_of({{0, {9, 2}}, {0, {8, 1}}, {0, {9, 3}}, {1, {6, 6}}, {1, {5, 5}}, {1, {6, 5}}}, 3);
  const auto r = report::reflect(g);
  REQUIRE(r.least_weight);
  CHECK(*r.least_weight == 1);  // belonging
  // Belonging is fed in d1 alone: no dilemma lies below its own score.
  CHECK(r.least_weight_at.empty());
  CHECK(r.patterns[0] == Pattern::ofof);
  CHECK(r.patterns[1] == Pattern::compromise);
}

TEST_CASE("reflect: the most divided needs a pattern, and near ties are listed together") {
  auto g = group_of({{0, {0, 10}}, {0, {10, 0}}, {0, {5, 5}}, {1, {0, 10}}, {1, {10, 0}}}, 3);
  const auto r = report::reflect(g);
  // d2 has two answers: no pattern, so it cannot be "most divided".
  CHECK(r.patterns[1] == Pattern::none);
  REQUIRE(r.most_divided.size() == 1);
  CHECK(r.most_divided[0] == 0);
}

TEST_CASE("reflect: a solo session makes no pattern claim") {
  auto g = group_of({{0, {8, 3}}, {1, {9, 9}}}, 1);
  const auto r = report::reflect(g);
  CHECK(r.patterns[0] == Pattern::none);
  CHECK(r.patterns[1] == Pattern::none);
  CHECK(r.most_divided.empty());
}
