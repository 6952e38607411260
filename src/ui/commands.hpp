// The facilitator's commands, in English and Dutch whatever the session's
// language: one table for the terminal session and the served room's console.
#pragma once

#include <string>

namespace h2h::ui {

enum class Command {
  none,
  help,
  back,
  skip,
  note,
  unnote,  // removes the last note
  reveal,
  next,
  quit,
  action,
  warning,
  map,
  codes  // a served session: everyone's rejoin code
};

Command command_of(const std::string& word);

}  // namespace h2h::ui
