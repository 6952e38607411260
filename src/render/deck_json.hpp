// Decks as JSON for scripts (`--format json` of decks, list and show). Texts
// are given in the chosen language; keys are documented in man/h2h.1.
#pragma once

#include <string>
#include <vector>

#include "core/deck.hpp"
#include "formats/deck_library.hpp"

namespace h2h::render {

std::string decks_json(const std::vector<formats::DeckListing>& decks, const std::string& lang);
std::string list_json(const Deck& deck, const std::string& lang);
std::string show_json(const Deck& deck, const Dilemma& dilemma, const std::string& lang);

}  // namespace h2h::render
