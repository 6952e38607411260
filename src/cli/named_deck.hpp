// The deck a session file or report names, loaded for the command that
// reads it: a deck that is not here is reported at the file that names it.
#pragma once

#include <string>

#include "formats/deck_library.hpp"

namespace h2h::cli {

// Loads `spec` (an id or a path). When `named_by` is a file (the deck was
// not given with --deck), an unknown deck is reported as that file's
// problem, with the way out (--deck FILE); exit 2 as for any unknown deck.
formats::LoadedDeck load_named_deck(const std::string& spec, const std::string& named_by);

}  // namespace h2h::cli
