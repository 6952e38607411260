#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "core/tally.hpp"

using namespace h2h;

namespace {

std::shared_ptr<const Weights> two_dilemmas() {
  auto w = std::make_shared<Weights>();
  w->dilemma_ids = {"d1", "d2"};
  w->need_ids = {"autonomy", "belonging"};
  // d1: A feeds autonomy 2; B feeds belonging 3. d2: no weights at all.
  w->poles = {{{2, 0}, {0, 3}}, {{0, 0}, {0, 0}}};
  return w;
}

}  // namespace

TEST_CASE("figures of a small session, computed by hand") {
  Tally t(two_dilemmas());
  t.add_participant(3);
  t.add(0, {8, 3});   // a
  t.add(0, {10, 2});  // a
  t.add(0, {9, 9});   // en-en
  const Figures f = t.figures();
  CHECK(f.participants == 3);
  CHECK(f.answers == 3);
  const auto& d = f.dilemmas[0];
  CHECK(d.n == 3);
  CHECK(*d.mean_a == doctest::Approx(9.0));
  CHECK(*d.sd_a == doctest::Approx(1.0));  // 8, 10, 9
  CHECK(*d.mean_b == doctest::Approx(14.0 / 3));
  CHECK(*d.sd_b == doctest::Approx(std::sqrt(43.0 / 3)));  // 3, 2, 9: var = 43/3
  CHECK(*d.spread == doctest::Approx((1.0 + std::sqrt(43.0 / 3)) / 2));
  CHECK(*d.enen == doctest::Approx((3 + 2 + 9) / 3.0));  // a 10/2 counts 2
  CHECK(d.zones[static_cast<int>(Zone::a)] == 2);
  CHECK(d.zones[static_cast<int>(Zone::en_en)] == 1);
  // autonomy: (8+10+9) x 2 / (3 x 10 x 2) = 54/60
  CHECK(*f.needs[0].score == doctest::Approx(90.0));
  // belonging: (3+2+9) x 3 / (3 x 10 x 3) = 42/90
  CHECK(*f.needs[1].score == doctest::Approx(100.0 * 42 / 90));
  CHECK_FALSE(f.needs[0].checkin);
}

TEST_CASE("n = 1, no answers, all equal, zero weights") {
  Tally t(two_dilemmas());
  t.add(1, {5, 5});
  Figures f = t.figures();
  CHECK(f.dilemmas[1].n == 1);
  CHECK(*f.dilemmas[1].mean_a == 5.0);
  CHECK_FALSE(f.dilemmas[1].sd_a);
  CHECK_FALSE(f.dilemmas[1].spread);
  CHECK(f.dilemmas[0].n == 0);
  CHECK_FALSE(f.dilemmas[0].mean_a);
  CHECK_FALSE(f.dilemmas[0].enen);
  CHECK_FALSE(f.needs[0].score);  // d2 has no weights: denominator 0
  t.add(1, {5, 5});
  CHECK(*t.figures().dilemmas[1].sd_a == 0.0);
}

TEST_CASE("check-in scores and merging shards") {
  Tally a(two_dilemmas()), b(two_dilemmas()), whole(two_dilemmas());
  a.add_checkin(0, 5);
  b.add_checkin(0, 3);
  a.add(0, {7, 7});
  b.add(0, {1, 9});
  whole.add_checkin(0, 5);
  whole.add_checkin(0, 3);
  whole.add(0, {7, 7});
  whole.add(0, {1, 9});
  a.merge(b);
  const Figures m = a.figures(), w = whole.figures();
  CHECK(m.needs[0].checkin->n == 2);
  CHECK(m.needs[0].checkin->mean == 4.0);
  CHECK(m.needs[0].checkin->score == 75.0);
  CHECK(*m.dilemmas[0].sd_b == *w.dilemmas[0].sd_b);
  CHECK(*m.needs[1].score == *w.needs[1].score);
}
