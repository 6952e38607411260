#include <doctest/doctest.h>

#include <string>

#include "core/reveal.hpp"
#include "core/session.hpp"
#include "live/session.hpp"
#include "net/guard.hpp"
#include "net/qr.hpp"
#include "net/views.hpp"

using namespace h2h::net;

TEST_CASE("guard: a token bucket per address") {
  Guard g({.requests_per_second = 10, .burst = 5});
  const auto t = Guard::Clock::now();
  for (int i = 0; i < 5; ++i) CHECK(g.allow_request("10.0.0.1", t));
  CHECK_FALSE(g.allow_request("10.0.0.1", t));
  CHECK(g.allow_request("10.0.0.2", t));  // another address is not affected
  CHECK(g.allow_request("10.0.0.1", t + std::chrono::milliseconds(100)));  // refilled
}

TEST_CASE("guard: wrong codes lock one address out for a while, even with the right code") {
  Guard g({.wrong_codes = 3, .lockout = std::chrono::seconds(60)});
  const auto t = Guard::Clock::now();
  CHECK_FALSE(g.wrong_code("a", t));
  CHECK_FALSE(g.wrong_code("a", t));
  CHECK(g.wrong_code("a", t));
  CHECK(g.locked_out("a", t + std::chrono::seconds(59)));
  CHECK_FALSE(g.locked_out("b", t));
  CHECK_FALSE(g.locked_out("a", t + std::chrono::seconds(61)));
  CHECK_FALSE(g.wrong_code("a", t + std::chrono::seconds(61)));  // counting starts again
}

TEST_CASE("guard: joins per address") {
  Guard g({.registrations = 2});
  CHECK(g.may_register("a"));
  g.registered("a");
  g.registered("a");
  CHECK_FALSE(g.may_register("a"));
  CHECK(g.may_register("b"));
}

TEST_CASE("qr: the matrix, its SVG and its half blocks agree in size") {
  const std::string url = "http://192.168.1.20:8080/#code=123456";
  const QrCode q = qr_encode(url);
  CHECK(q.size == 29);  // version 3 at level M
  // The three finder patterns: dark corners.
  CHECK(q.at(0, 0));
  CHECK(q.at(q.size - 1, 0));
  CHECK(q.at(0, q.size - 1));
  const std::string svg = qr_svg(q, "<x>");
  CHECK(svg.find("viewBox=\"0 0 37 37\"") != std::string::npos);  // 4 modules of quiet zone
  CHECK(svg.find("aria-label=\"&lt;x&gt;\"") != std::string::npos);
  const std::string blocks = qr_half_blocks(q);
  std::size_t lines = 0;
  for (char c : blocks) lines += c == '\n';
  CHECK(lines == 19);  // 37 rows, two per line
}

TEST_CASE("views: the zone map is the zone rule, once") {
  const auto zones = zone_map();
  CHECK(zones[9][8] == "en-en");
  CHECK(zones[9][2] == "a");
  CHECK(zones[2][9] == "b");
  CHECK(zones[5][5] == "compromise");
  CHECK(zones[1][1] == "neither");
  CHECK(zones.size() == 11);
}

TEST_CASE("session: a room reveals, reopens and moves on as events") {
  using namespace h2h::session;
  State s;
  s.room = true;
  s.record.dilemmas = {"d1", "d2"};
  const auto p = join(s, "Anna", "t");
  CHECK(position(s).kind == Position::Kind::answer);
  CHECK(answer_as(s, p, {8, 8}, "", "t").refused.empty());
  // Everyone answered, still open until the facilitator reveals.
  CHECK(position(s).kind == Position::Kind::answer);
  CHECK(step(s, Event::of(Event::Kind::next, "t")).refused == "session.refused.not_discuss");
  CHECK(step(s, Event::of(Event::Kind::reveal, "t")).reveal);
  CHECK(position(s).kind == Position::Kind::discuss);
  CHECK_FALSE(answer_as(s, p, {1, 1}, "", "t").refused.empty());  // closed
  CHECK(step(s, Event::of(Event::Kind::reopen, "t")).refused.empty());
  CHECK(answer_as(s, p, {1, 1}, "", "t").refused.empty());  // open again
  CHECK(step(s, Event::with_text(Event::Kind::action, "try it @Anna", "t")).refused.empty());
  CHECK(s.record.actions.at(0).who == "Anna");
  CHECK(step(s, Event::of(Event::Kind::reveal, "t")).refused.empty());
  CHECK(step(s, Event::of(Event::Kind::next, "t")).refused.empty());
  CHECK(position(s).dilemma == 1);
  CHECK(s.record.response("d1", "p1")->point->a == 1);
}

TEST_CASE("session: a room's check-in, per participant, until the first reveal") {
  using namespace h2h::session;
  State s;
  s.room = true;
  s.record.dilemmas = {"d1", "d2"};
  s.record.checkin_items = {"c1", "c2"};
  const auto anna = join(s, "Anna", "t");
  const auto bram = join(s, "Bram", "t");
  CHECK(checkin_item_of(s, anna) == 0u);
  CHECK(rate_as(s, anna, "c1", 4, "t").refused.empty());
  CHECK(checkin_item_of(s, anna) == 1u);
  CHECK(rate_as(s, anna, "c2", std::nullopt, "t").refused.empty());  // skipped
  CHECK_FALSE(checkin_item_of(s, anna));
  CHECK(rate_as(s, anna, "c1", 5, "t").refused.empty());  // changed, not added
  CHECK(s.record.ratings.size() == 2);
  CHECK(s.record.rating("p1", "c1")->value == 5);
  CHECK(rate_as(s, bram, "c1", 6, "t").refused == "session.refused.rating_range");
  CHECK(rate_as(s, bram, "c9", 3, "t").refused == "session.refused.not_checkin");
  CHECK(checkin_item_of(s, bram) == 0u);
  // Whoever answered the first dilemma is past the check-in.
  CHECK(answer_as(s, bram, {5, 5}, "", "t").refused.empty());
  CHECK_FALSE(checkin_item_of(s, bram));
  // The reveal closes it for everyone.
  const auto chris = join(s, "Chris", "t");
  CHECK(checkin_item_of(s, chris) == 0u);
  CHECK(step(s, Event::of(Event::Kind::reveal, "t")).reveal);
  CHECK_FALSE(checkin_item_of(s, chris));
  CHECK(rate_as(s, chris, "c1", 3, "t").refused == "session.refused.not_checkin");
}

TEST_CASE("reveal: dots, skips, ideas and the figures from Tally") {
  using namespace h2h;
  using namespace h2h::session;
  Deck deck;
  deck.id = "t";
  deck.needs = {{"autonomy", {}, {}}};
  Dilemma d;
  d.id = "d1";
  d.a.needs = {{"autonomy", 2}};
  d.b.needs = {{"autonomy", 1}};
  deck.dilemmas = {d};
  Record r;
  r.dilemmas = {"d1"};
  r.participants = {{"p1", "Anna"}, {"p2", "Bram"}, {"p3", "Chris"}, {"p4", "Dee"}};
  r.responses = {{"d1", "p1", Point{9, 9}, "both", "t"},
                 {"d1", "p2", std::nullopt, "", "t"},
                 {"d1", "p3", Point{1, 9}, "", "t"}};
  const Reveal reveal = reveal_of(Weights::of(deck), r, 0);
  REQUIRE(reveal.dots.size() == 2);
  CHECK(reveal.dots[0].participant == 0);
  CHECK(reveal.dots[0].zone == Zone::en_en);
  CHECK(reveal.dots[1].zone == Zone::b);
  CHECK(reveal.skipped == std::vector<std::size_t>{1});
  CHECK(reveal.unanswered == std::vector<std::size_t>{3});
  CHECK(reveal.ideas.at(0).second == "both");
  CHECK(reveal.cells[9][9] == 1);
  CHECK(reveal.figures.n == 2);
  CHECK(*reveal.figures.mean_a == doctest::Approx(5.0));
  CHECK(reveal.figures.zones[static_cast<std::size_t>(Zone::en_en)] == 1);
}

TEST_CASE("live session: every front end's events stamped and counted for saving") {
  using namespace h2h;
  using namespace h2h::session;
  State s;
  s.record.dilemmas = {"d1"};
  int ticks = 0;
  live::Session live(s, [&] { return "t" + std::to_string(++ticks); });
  live.open_room();
  CHECK(s.room);
  CHECK_FALSE(live.unsaved());
  const auto anna = live.join("Anna");
  CHECK(live.unsaved());
  CHECK(live.answer_as(anna, {7, 2}, "").refused.empty());
  CHECK(s.record.responses.at(0).time == "t2");
  const auto upto = live.changes();
  live.saved(upto);
  CHECK_FALSE(live.unsaved());
  // A refused event changes nothing and needs no write.
  CHECK_FALSE(live.apply(Event::of(Event::Kind::next)).refused.empty());
  CHECK_FALSE(live.unsaved());
  // An event that carries its own time keeps it.
  CHECK(live.apply(Event::note("hi", "2026-01-01T00:00:00Z")).refused.empty());
  CHECK(s.record.notes.at(0).time == "2026-01-01T00:00:00Z");
  CHECK(live.apply(Event::of(Event::Kind::reveal)).refused.empty());
  CHECK(live.apply(Event::of(Event::Kind::next)).refused.empty());
  live.close();
  CHECK_FALSE(s.record.finished.empty());
  CHECK(live.unsaved());
  live.saved(upto);  // an older write does not cover the newer changes
  CHECK(live.unsaved());
}
