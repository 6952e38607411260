// What the phone page and the screen page are sent: plain JSON built from
// the session state. Figures come from Tally and zones from zone_of, so the
// pages draw what they get and compute nothing of their own.
#pragma once

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/deck.hpp"
#include "core/session.hpp"
#include "core/tally.hpp"

namespace h2h::net {

struct ViewContext {
  const session::State& state;
  const Deck& deck;
  const Weights& weights;
  bool show_names = false;  // the facilitator asked for names on the reveal
  bool ended = false;       // the server is stopping
  bool map_shown = false;   // the screen shows the revealed dilemma's polarity map
};

// "open", "revealed", "done" (all dilemmas moved on from) or "ended" (stopped
// early); a phone still in the check-in sees "checkin".
std::string phase(const ViewContext& v);

// One participant's view (none: not joined); without the reveal when the
// caller adds it (made once for the whole room).
nlohmann::json phone_view(const ViewContext& v, std::optional<std::size_t> me,
                          bool with_reveal = true);

// The big screen's view: the current step, counts, never who answered what.
nlohmann::json screen_view(const ViewContext& v, int remaining_seconds);

// The reveal of dilemma d: dots with their zones, zone counts, means, spread.
nlohmann::json reveal_view(const ViewContext& v, std::size_t d);

// zones[a][b]: the zone name of every point of the grid, for pages that
// show the zone of a point being chosen.
nlohmann::json zone_map();

}  // namespace h2h::net
