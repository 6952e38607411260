// A --map suggested from a response file's headers, when no column is one
// of h2h's: headers that are the questions h2h form writes, or that name a
// dilemma's pole label (as a Google Forms grid exports "Growth [Expand
// fast]"), a check-in statement, or the team ("Afdeling", "Department").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/deck.hpp"

namespace h2h::cli {

struct MapSuggestion {
  std::string lang;                                          // the deck language the headers are in
  std::vector<std::pair<std::string, std::string>> entries;  // header -> column, in header order
  int dilemmas = 0;                                          // dilemmas with both poles found
  bool form_only = true;  // every entry is a question of h2h form in `lang`
};

// The best suggestion over the deck's languages; no entries when no
// dilemma has both poles among the headers. Each header and each column is
// used once: a header that could be two things, or two headers that could
// be one column, are left out.
MapSuggestion suggest_map(const Deck& deck, const std::vector<std::string>& headers);

// The suggestion as --map YAML, one "header": column line each.
std::string map_yaml(const MapSuggestion& suggestion);

}  // namespace h2h::cli
