// The terminal front end of a session: turns typed or piped lines, and the
// keys of the grid picker, into session events, draws the state, and saves
// after every change. On a terminal it clears the screen between
// participants of a team; with piped input it reads exactly the lines
// docs/FORMATS describe and sends prompts to standard error.
#pragma once

#include <functional>
#include <string>

#include "core/deck.hpp"
#include "core/session.hpp"
#include "render/style.hpp"
#include "ui/line_input.hpp"

namespace h2h::ui {

struct SessionIO {
  bool interactive = false;  // standard input is a terminal
  // On a terminal, a team's introduction and hand-overs wait for Enter;
  // --no-input keeps the plain line protocol.
  bool hand_over = true;
  // Both streams are terminals, TERM is not dumb and --no-input was not
  // given: answers on the full-screen grid picker, the polarity map as a
  // screen after the reveal, and the summary a screen at a time.
  bool full_screen = false;
  render::Style style;  // for standard output
  std::string path;     // the session file, for messages
  // Writes the session file; throws h2h::Error when it cannot.
  std::function<void(const session::Record&)> save;
};

enum class Outcome { done, quit, end_of_input, interrupted };

struct SessionEnd {
  Outcome outcome = Outcome::done;
  int signal = 0;     // for Outcome::interrupted
  bool saved = true;  // the last save succeeded
};

SessionEnd run_session(session::State& state, const Deck& deck, SessionIO& io, LineReader& in);

}  // namespace h2h::ui
