// h2h run --serve: participants answer from their own phones on the local
// network, the terminal is the facilitator's console and /screen the big
// screen. The HTTP server (net/http) is one more front end of the same
// session state machine, the same session file and the same reflection.
#pragma once

#include <string>

#include "core/deck.hpp"
#include "core/session.hpp"
#include "ui/line_input.hpp"
#include "ui/session_terminal.hpp"

namespace h2h::net {

struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback unless --listen names another address
  int port = 8080;                 // 0: any free port
  bool show_names = false;         // names on the reveal (--show-names)
};

// Parses --listen ADDR:PORT (or just PORT, or ADDR).
ServeOptions parse_listen(const std::string& text);

ui::SessionEnd serve_session(session::State& state, const Deck& deck, ui::SessionIO& io,
                             ui::LineReader& in, const ServeOptions& options);

}  // namespace h2h::net
