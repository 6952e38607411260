// Decks as terminal text: the deck table (`h2h decks`), a deck's dilemmas
// (`h2h list`) and one dilemma in full (`h2h show`). Fits 80 columns.
#pragma once

#include <string>
#include <vector>

#include "core/deck.hpp"
#include "formats/deck_library.hpp"
#include "render/style.hpp"

namespace h2h::render {

std::string decks_text(const std::vector<formats::DeckListing>& decks, const std::string& lang,
                       const Style& style);
std::string list_text(const Deck& deck, const std::string& lang, const Style& style);
std::string show_text(const Deck& deck, const Dilemma& dilemma, const std::string& lang,
                      const Style& style);

}  // namespace h2h::render
