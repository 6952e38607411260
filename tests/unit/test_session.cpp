#include <doctest/doctest.h>

#include "core/session.hpp"

using namespace h2h;
using namespace h2h::session;
using K = Position::Kind;
using E = Event::Kind;

namespace {

State team_state(int people, std::vector<std::string> dilemmas,
                 std::vector<std::string> items = {}) {
  State s;
  s.record.mode = people == 1 ? Mode::solo : Mode::team;
  for (int i = 1; i <= people; ++i)
    s.record.participants.push_back({"p" + std::to_string(i), "Name" + std::to_string(i)});
  s.record.dilemmas = std::move(dilemmas);
  s.record.checkin_items = std::move(items);
  return s;
}

Effects answer(State& s, int a, int b) {
  return step(s, Event::answer({a, b}, "t"));
}

}  // namespace

TEST_CASE("a team answers in turn, then the reveal, then the next dilemma") {
  State s = team_state(2, {"d1", "d2"});
  CHECK(position(s) == Position{K::answer, 0, 0, 0});
  auto fx = answer(s, 8, 3);
  CHECK(fx.save);
  CHECK(fx.next_person);
  CHECK_FALSE(fx.reveal);
  CHECK(position(s) == Position{K::answer, 0, 1, 0});
  fx = answer(s, 2, 9);
  CHECK(fx.reveal);
  CHECK(position(s).kind == K::discuss);
  CHECK(s.record.revealed.empty());  // revealed when the team moves on
  fx = step(s, Event::of(E::next, "t"));
  CHECK(fx.save);
  CHECK(s.record.revealed == std::vector<std::string>{"d1"});
  CHECK(position(s) == Position{K::answer, 1, 0, 0});
  answer(s, 5, 5);
  answer(s, 4, 6);
  fx = step(s, Event::of(E::next, "t2"));
  CHECK(fx.done);
  CHECK(s.record.finished == "t2");
  CHECK(position(s).kind == K::done);
  CHECK(s.record.responses.size() == 4);
}

TEST_CASE("an en-en answer asks for the idea, which is optional") {
  State s = team_state(1, {"d1"});
  auto fx = answer(s, 9, 8);
  CHECK(fx.ask_idea);
  CHECK(fx.save);  // the answer is saved before the idea is asked
  CHECK(position(s).kind == K::idea);
  fx = step(s, Event::idea("co-op with suppliers", "t"));
  CHECK(fx.reveal);
  CHECK(s.record.responses[0].idea == "co-op with suppliers");

  State t = team_state(1, {"d1"});
  answer(t, 10, 10);
  fx = step(t, Event::idea("", "t"));
  CHECK(fx.reveal);
  CHECK(t.record.responses[0].idea.empty());
}

TEST_CASE("skip leaves an answer blank; reveal comes early on command") {
  State s = team_state(3, {"d1"});
  step(s, Event::of(E::skip, "t"));
  REQUIRE(s.record.responses.size() == 1);
  CHECK_FALSE(s.record.responses[0].point);
  answer(s, 3, 3);
  auto fx = step(s, Event::of(E::reveal, "t"));
  CHECK(fx.reveal);
  CHECK(position(s).kind == K::discuss);
  step(s, Event::of(E::next, "t"));
  CHECK(position(s).kind == K::done);
  CHECK(s.record.response("d1", "p3") == nullptr);  // never answered
}

TEST_CASE("back redoes the previous answer, across a reveal") {
  State s = team_state(2, {"d1", "d2"});
  answer(s, 1, 1);
  answer(s, 2, 2);
  step(s, Event::of(E::next, "t"));
  CHECK(position(s) == Position{K::answer, 1, 0, 0});
  auto fx = step(s, Event::of(E::back, "t"));
  CHECK(fx.save);
  CHECK(position(s) == Position{K::answer, 0, 1, 0});
  CHECK(s.record.revealed.empty());
  CHECK(s.record.response("d1", "p1") != nullptr);
  CHECK(s.record.response("d1", "p2") == nullptr);
  answer(s, 7, 2);
  CHECK(s.record.response("d1", "p2")->point == Point{7, 2});
  // Back from the discussion redoes the last answer of that dilemma.
  CHECK(position(s).kind == K::discuss);
  step(s, Event::of(E::back, "t"));
  CHECK(position(s) == Position{K::answer, 0, 1, 0});
}

TEST_CASE("back at the very start is refused; nothing changes") {
  State s = team_state(2, {"d1"});
  auto fx = step(s, Event::of(E::back, "t"));
  CHECK(fx.refused == "session.refused.no_back");
  CHECK_FALSE(fx.save);
}

TEST_CASE("check-in: each participant rates every item, back goes through it") {
  State s = team_state(2, {"d1"}, {"i1", "i2"});
  CHECK(position(s) == Position{K::checkin, 0, 0, 0});
  CHECK(step(s, Event::rate(6, "t")).refused == "session.refused.rating_range");
  CHECK(step(s, Event::answer({1, 1}, "t")).refused == "session.refused.not_answer");
  auto fx = step(s, Event::rate(4, "t"));
  CHECK_FALSE(fx.next_person);
  fx = step(s, Event::rate(5, "t"));
  CHECK(fx.next_person);
  CHECK(position(s) == Position{K::checkin, 0, 1, 0});
  step(s, Event::of(E::skip, "t"));
  step(s, Event::rate(2, "t"));
  CHECK(position(s) == Position{K::answer, 0, 0, 0});
  step(s, Event::of(E::back, "t"));
  CHECK(position(s) == Position{K::checkin, 0, 1, 1});
  step(s, Event::of(E::back, "t"));
  CHECK(position(s) == Position{K::checkin, 0, 1, 0});
  CHECK(s.record.ratings.size() == 2);
}

TEST_CASE("notes attach to the current dilemma; empty notes are refused") {
  State s = team_state(1, {"d1"});
  CHECK(step(s, Event::note("  ", "t")).refused == "session.refused.empty_note");
  CHECK(step(s, Event::note("first thoughts", "t")).save);
  CHECK(s.record.notes.at(0).dilemma == "d1");
}

TEST_CASE("unnote removes the last note only, and says when there is none") {
  State s = team_state(1, {"d1"});
  CHECK(step(s, Event::of(E::unnote, "t")).refused == "session.refused.no_note");
  step(s, Event::note("keep", "t"));
  step(s, Event::note("typo", "t"));
  const auto before = position(s);
  CHECK(step(s, Event::of(E::unnote, "t")).save);
  REQUIRE(s.record.notes.size() == 1);
  CHECK(s.record.notes[0].text == "keep");
  CHECK(position(s) == before);  // no answer is touched
}

TEST_CASE("resuming: the position is the first unanswered item") {
  State s = team_state(2, {"d1", "d2"});
  s.record.responses.push_back({"d1", "p1", Point{1, 1}, "", "t"});
  s.record.responses.push_back({"d1", "p2", Point{1, 1}, "", "t"});
  CHECK(position(s) == Position{K::discuss, 0, 0, 0});  // answered, not moved on
  s.record.revealed.push_back("d1");
  CHECK(position(s) == Position{K::answer, 1, 0, 0});
}

TEST_CASE("quit stops without changing the record; done refuses answers") {
  State s = team_state(1, {"d1"});
  CHECK(step(s, Event::of(E::quit, "t")).quit);
  answer(s, 1, 2);
  step(s, Event::of(E::next, "t"));
  CHECK(answer(s, 1, 1).refused == "session.refused.done");
}

TEST_CASE("initials: first letters, longer when they collide, pseudonyms") {
  auto labels = initials({{"p1", "anna"}, {"p2", "Bram"}, {"p3", "Bert"}, {"p4", "\xc3\x89mile"}});
  CHECK(labels == std::vector<std::string>{"A", "Br", "Be", "\xc3\x89"});
  labels = initials({{"p1", "P1"}, {"p2", "P2"}});
  CHECK(labels == std::vector<std::string>{"P1", "P2"});
}
