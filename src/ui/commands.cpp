#include "ui/commands.hpp"

#include <algorithm>
#include <cctype>

namespace h2h::ui {

Command command_of(const std::string& word) {
  std::string w = word;
  std::transform(w.begin(), w.end(), w.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (w == "?" || w == "help" || w == "hulp") return Command::help;
  if (w == "back" || w == "terug") return Command::back;
  if (w == "skip" || w == "overslaan") return Command::skip;
  if (w == "note" || w == "notitie") return Command::note;
  if (w == "unnote" || w == "weg") return Command::unnote;
  if (w == "reveal" || w == "onthul") return Command::reveal;
  if (w == "next" || w == "verder") return Command::next;
  if (w == "quit" || w == "stop") return Command::quit;
  if (w == "action" || w == "actie") return Command::action;
  if (w == "warning" || w == "signaal") return Command::warning;
  if (w == "map" || w == "kaart") return Command::map;
  if (w == "codes") return Command::codes;
  return Command::none;
}

}  // namespace h2h::ui
