// A facilitated session as a state machine: what has been recorded (the
// Record, which is what the session file holds), where the session is, and
// step(state, event) -> effects. Terminal and network front ends turn input
// into events and draw the state; the machine itself does no I/O, so it is
// tested without any terminal.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/answer.hpp"

namespace h2h::session {

enum class Mode { team, solo };

struct Participant {
  std::string id;    // "p1", "p2", ...
  std::string name;  // a name, or a pseudonym in an anonymous session
};

struct Rating {
  std::string participant;
  std::string item;          // a check-in item id of the deck
  std::optional<int> value;  // 1..5; none when skipped
  std::string time;
};

struct Response {
  std::string dilemma;
  std::string participant;
  std::optional<Point> point;  // none when skipped
  std::string idea;            // how to get both (after an en-en answer)
  std::string time;
};

struct Note {
  std::string dilemma;  // empty: about the session as a whole
  std::string text;
  std::string time;
};

// An action step the team agreed on after a reveal ("action TEXT", with an
// optional "@WHO" and a YYYY-MM-DD date), or one carried in from an earlier
// session by --follow-up, whose outcome the follow-up asks.
struct Action {
  std::string dilemma;
  std::string text;
  std::string who;  // empty: nobody named
  std::string due;  // YYYY-MM-DD, or empty
  std::string time;
  bool earlier = false;  // carried in from an earlier session
  // For an earlier action: "done", "partly", "not", "none" (asked, no
  // outcome given), or empty (not asked yet).
  std::string outcome;
};

// An early warning the team will watch for ("warning TEXT").
struct Warning {
  std::string dilemma;
  std::string text;
  std::string time;
};

// Where the team stood on a dilemma in the earlier sessions of a follow-up.
struct Earlier {
  std::string dilemma;
  std::int64_t n = 0;
  std::int64_t sum_a = 0, sumsq_a = 0, sum_b = 0, sumsq_b = 0;
  std::array<std::int64_t, kZoneCount> zones{};
  std::vector<std::string> ideas;
};

// Splits "TEXT @WHO 2026-12-01" into its parts; @WHO and the date may stand
// anywhere. An "@" followed by blanks or a date that is not a real day stays text.
Action parse_action(std::string_view text);

// The outcome words of a follow-up: "done", "partly", "not" (Dutch:
// "gedaan", "deels", "niet"); an empty line is "none". Nothing otherwise.
std::optional<std::string> parse_outcome(std::string_view word);

// What a session file holds (schema h2h-session/1).
struct Record {
  std::string deck_id;
  int deck_version = 1;
  std::string deck_hash;
  std::string language = "en";
  Mode mode = Mode::team;
  std::string team;
  bool anonymous = false;
  std::vector<std::string> dilemmas;       // the dilemma ids of this session, in order
  std::vector<std::string> checkin_items;  // empty: no check-in
  int timebox_seconds = 0;                 // 0: none
  std::vector<Participant> participants;
  std::vector<Rating> ratings;
  std::vector<Response> responses;
  std::vector<std::string> revealed;  // dilemmas whose answers were revealed (closed)
  std::vector<Note> notes;
  std::vector<Action> actions;    // new ones, and earlier ones in a follow-up
  std::vector<Warning> warnings;  // early warnings the team named
  // A follow-up: the earlier sessions ("TEAM STARTED" each) and where they stood.
  std::vector<std::string> follow_up;
  std::vector<Earlier> earlier;
  std::string started;
  std::string finished;  // empty while the session is open

  const Response* response(std::string_view dilemma, std::string_view participant) const;
  const Rating* rating(std::string_view participant, std::string_view item) const;
  bool is_revealed(std::string_view dilemma) const;
  const Earlier* earlier_of(std::string_view dilemma) const;
};

// Where a session is: what the next input answers.
struct Position {
  // outcome: a follow-up asks what became of an earlier action (item: its
  // index in Record::actions) before the dilemma's answers.
  enum class Kind { checkin, outcome, answer, idea, discuss, done };
  Kind kind = Kind::done;
  std::size_t dilemma = 0;      // index into Record::dilemmas
  std::size_t participant = 0;  // index into Record::participants
  std::size_t item = 0;         // index into Record::checkin_items (or actions)

  friend bool operator==(const Position&, const Position&) = default;
};

struct State {
  Record record;
  // Transient: the en-en answer whose idea is asked next; the dilemma whose
  // reveal is on screen. Neither is needed to resume.
  std::optional<std::pair<std::size_t, std::size_t>> pending_idea;
  std::optional<std::size_t> discussing;
  // A room (h2h run --serve): everyone answers the open dilemma at once, in
  // any order; the facilitator reveals, reopens and moves on.
  bool room = false;
};

struct Event {
  enum class Kind {
    answer,
    rating,
    idea,
    back,
    skip,
    note,
    unnote,  // removes the last note
    reveal,
    next,
    quit,
    action,   // text: "TEXT @WHO YYYY-MM-DD"
    warning,  // text
    outcome,  // text: "done", "partly", "not" or "none"
    reopen    // a room: the revealed answers open again
  };
  Kind kind = Kind::next;
  Point point;       // answer
  int rating = 0;    // rating
  std::string text;  // idea, note
  std::string time;  // when it happened (ISO 8601, UTC), given by the front end

  static Event answer(Point p, std::string time) {
    return {Kind::answer, p, 0, {}, std::move(time)};
  }
  static Event rate(int r, std::string time) { return {Kind::rating, {}, r, {}, std::move(time)}; }
  static Event idea(std::string text, std::string time) {
    return {Kind::idea, {}, 0, std::move(text), std::move(time)};
  }
  static Event note(std::string text, std::string time) {
    return {Kind::note, {}, 0, std::move(text), std::move(time)};
  }
  static Event with_text(Kind k, std::string text, std::string time) {
    return {k, {}, 0, std::move(text), std::move(time)};
  }
  static Event of(Kind k, std::string time = {}) { return {k, {}, 0, {}, std::move(time)}; }
};

struct Effects {
  bool save = false;         // the record changed: write the session file
  bool reveal = false;       // show the reveal of position().dilemma
  bool ask_idea = false;     // an en-en answer: ask how to get both
  bool next_person = false;  // another participant answers next (team: clear the screen)
  bool quit = false;         // stop; the file is saved
  bool done = false;         // the session is complete
  std::string refused;       // a catalog key saying why the event was not taken
};

Position position(const State& state);

// Applies one event. Events that do not fit the position are refused (the
// state is unchanged and Effects::refused says why); nothing is lost.
Effects step(State& state, const Event& event);

// Rooms larger than one laptop (h2h run --serve): participants join while
// the session runs and answer the open dilemma in any order, each on their
// own device, changing their answer until the facilitator reveals it. In a
// follow-up, position() asks the facilitator the outcomes of the earlier
// action steps of the open dilemma meanwhile; the reveal waits for them.

// The dilemma being answered: the first one not moved on from; none at the end.
std::optional<std::size_t> open_dilemma(const State& state);

// Adds a participant; in an anonymous session the name is replaced by a
// pseudonym and never kept. Returns the participant's index.
std::size_t join(State& state, const std::string& name, const std::string& time);

// Records or replaces participant `who`'s answer (and idea) to the open
// dilemma. Refused once that dilemma is revealed.
Effects answer_as(State& state, std::size_t who, Point point, const std::string& idea,
                  const std::string& time);

// A room's check-in: each participant rates the check-in items on their own
// device before answering the first dilemma, while that is still open for
// answers; whoever joins later goes straight to the open dilemma. The index
// (into Record::checkin_items) of the item `who` rates next; none when
// they have rated (or skipped) them all or the check-in has closed.
std::optional<std::size_t> checkin_item_of(const State& state, std::size_t who);

// Records `who`'s rating of check-in item `item` (1..5; none: skipped),
// replacing an earlier one. Refused once the check-in has closed.
Effects rate_as(State& state, std::size_t who, std::string_view item, std::optional<int> value,
                const std::string& time);

// Makes `record` a follow-up of `earlier` (sessions of the same deck):
// where they stood on each of its dilemmas (counts, sums, zones, ideas), and
// the action steps they agreed on, whose outcome the follow-up will ask.
void start_follow_up(Record& record, const std::vector<Record>& earlier);

// Pseudonyms "P1", "P2", ... for an anonymous session; initials for names.
std::vector<std::string> initials(const std::vector<Participant>& participants);

}  // namespace h2h::session
