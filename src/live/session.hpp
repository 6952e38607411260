// One running session, whichever front end drives it: the terminal's typed
// lines, the phones, the big screen's keys. The front ends turn their input
// into events and draw; this layer applies the events to the state machine
// (core/session), stamps when they happened, and counts the changes the
// session file does not hold yet. Nothing else writes the session state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/answer.hpp"
#include "core/session.hpp"

namespace h2h::live {

class Session {
 public:
  using Now = std::function<std::string()>;  // the time of an event, ISO 8601 UTC

  Session(session::State& state, Now now) : s_(state), now_(std::move(now)) {}

  const session::State& state() const { return s_; }
  const session::Record& record() const { return s_.record; }
  session::Position position() const { return session::position(s_); }

  // Everyone answers the open dilemma at once, each on their own device.
  void open_room() { s_.room = true; }

  // An event from any front end, stamped now unless it carries its time.
  session::Effects apply(session::Event event);
  // A room: someone joins; their answer, or check-in rating, from their device.
  std::size_t join(const std::string& name);
  session::Effects answer_as(std::size_t who, Point point, const std::string& idea);
  session::Effects rate_as(std::size_t who, std::string_view item, std::optional<int> value);
  // At the end: a session whose every dilemma was moved on from is finished.
  void close();

  // Saving. Every change taken counts; a write of the record as it is now
  // holds every change up to changes().
  std::uint64_t changes() const { return changes_; }
  bool unsaved() const { return saved_ != changes_; }
  void saved(std::uint64_t upto) {
    if (upto > saved_) saved_ = upto;
  }

 private:
  session::Effects taken(session::Effects fx) {
    if (fx.refused.empty() && fx.save) ++changes_;
    return fx;
  }

  session::State& s_;
  Now now_;
  std::uint64_t changes_ = 0, saved_ = 0;
};

}  // namespace h2h::live
