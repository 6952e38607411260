// Decks from YAML: parse, validate and convert to core values. Every load
// path of h2h goes through read_deck, so no command runs on a deck that
// `h2h validate` would reject.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/deck.hpp"
#include "core/error.hpp"

namespace h2h::formats {

struct DeckResult {
  std::optional<Deck> deck;       // set only when there are no problems
  std::vector<Problem> problems;  // every problem found, sorted by place
};

DeckResult read_deck(std::string_view bytes, const std::string& source);

// The deck, or an Error (exit code 3) carrying every problem.
Deck deck_or_throw(std::string_view bytes, const std::string& source);

}  // namespace h2h::formats
