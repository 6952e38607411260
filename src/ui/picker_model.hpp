// The dot on the both-and grid as keys move it: arrow keys and h j k l move
// it, Enter records it once both values were chosen, Esc and ? leave for
// the line prompt, and any other character starts a typed line (an answer
// such as 8 3, or a command) with that character kept. Pure: no terminal.
#pragma once

#include <optional>
#include <string>

#include "core/answer.hpp"
#include "ui/keys.hpp"

namespace h2h::ui {

struct Picker {
  // Where the dot is drawn. It starts in the middle, but nothing is chosen:
  // a value counts only once a key moved the dot along its axis, and Enter
  // records nothing until both were chosen (no default answer).
  Point dot{5, 5};
  bool a_chosen = false;
  bool b_chosen = false;
  std::string typed;  // a line typed instead; not empty: keys are text

  std::optional<Point> answer() const {
    return a_chosen && b_chosen ? std::optional<Point>(dot) : std::nullopt;
  }
};

enum class PickerAction {
  none,       // nothing changed
  moved,      // the dot moved
  need_both,  // Enter before both values were chosen
  record,     // Enter with both chosen: record answer()
  typed,      // `typed` changed
  submit,     // Enter on a typed line: it is handled as a typed line
  fallback,   // Esc: the line prompt instead
  help,       // ?: the line prompt, with the commands
  redraw,     // Ctrl-L
  end         // Ctrl-D with nothing typed: end of input
};

PickerAction press(Picker& picker, const Key& key);

}  // namespace h2h::ui
