// The facilitator's console of a served session: what to print when the
// room changes, whoever changed it (a typed command, the screen page's
// keys, a phone). Lines fit 80 columns whatever the size of the room.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/deck.hpp"
#include "core/session.hpp"
#include "net/room.hpp"
#include "render/style.hpp"

namespace h2h::net {

constexpr std::size_t kConsoleWidth = 80;
// From this many participants on, the console's reveal is a summary (the
// grid with counts, zone counts, figures) instead of a row per person.
constexpr std::size_t kSummaryFrom = 25;

// The session's opening and a dilemma's card as the terminal session shows
// them, with what is said about answering told for phones.
std::string served_opening(const Deck& deck, const session::Record& record,
                           const render::Style& style);
std::string served_card(const Deck& deck, const session::Record& record, std::size_t d,
                        const render::Style& style);

class Console {
 public:
  Console(const session::State& state, const Deck& deck, const Room& room, render::Style style)
      : s_(state), deck_(deck), weights_(Weights::of(deck)), room_(room), style_(style) {}

  // Under the room's lock: the text about what changed since the last call.
  std::string changes(Room::Clock::time_point now);
  // Under the room's lock: everyone's rejoin code (and who is away), in
  // columns within 80.
  std::string codes(Room::Clock::time_point now) const;

 private:
  std::string status(std::size_t d, Room::Clock::time_point now) const;
  std::string reveal(std::size_t d) const;

  const session::State& s_;
  const Deck& deck_;
  Weights weights_;
  const Room& room_;
  render::Style style_;
  std::optional<std::size_t> announced_;
  std::optional<std::size_t> asked_;  // the earlier action step asked about
  bool reveal_shown_ = false;
  std::uint64_t shown_version_ = 0;
  std::string last_status_;
  Room::Clock::time_point status_at_{};
};

}  // namespace h2h::net
