// The full-screen both-and grid picker on a terminal: draws the screen
// (render/picker_screen), reads keys in raw mode (ui/raw_mode, ui/keys),
// moves the dot (ui/picker_model), and says what the person did. It records
// nothing itself: the session front end turns the result into the same
// session events a typed line gives.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/answer.hpp"
#include "render/picker_screen.hpp"
#include "render/style.hpp"
#include "ui/line_input.hpp"
#include "ui/picker_model.hpp"

namespace h2h::ui {

struct PickerRun {
  // The texts around the dot at this moment (the prompt holds the time left).
  std::function<render::PickerView(const Picker&)> view;
  std::optional<LineReader::Clock::time_point> deadline;
  bool ticking = false;  // draw again each second (the time left counts down)
  render::Style style;
  std::string need_both;  // the message when Enter comes too early
};

struct PickerResult {
  enum class Kind {
    answer,      // Enter on the dot: `point`
    line,        // a typed line: `line`, handled as if typed at the line prompt
    fallback,    // Esc: the line prompt instead
    help,        // ?: the line prompt, with the commands
    no_room,     // the terminal is too small (or not one): the line prompt
    timeout,     // the deadline passed
    end,         // end of input
    interrupted  // a signal (SIGINT, SIGTERM, SIGHUP)
  };
  Kind kind = Kind::no_room;
  Point point;
  std::string line;
};

// The terminal's size (80x24 when it cannot be asked).
struct TerminalSize {
  std::size_t cols = 80;
  std::size_t rows = 24;
};
TerminalSize terminal_size(int fd);

PickerResult run_picker(const PickerRun& run, LineReader& in);

}  // namespace h2h::ui
