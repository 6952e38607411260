// Where decks come from: built into the binary, the user's deck folder
// ($XDG_DATA_HOME/h2h/dilemmas, default ~/.local/share/h2h/dilemmas), or a
// file named on the command line. Every deck goes through read_deck.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/deck.hpp"
#include "core/error.hpp"

namespace h2h::formats {

inline constexpr const char* kDefaultDeck = "h2h";

struct DeckOrigin {
  std::string origin;  // "built-in" or the file's path
  bool builtin = false;
};

struct LoadedDeck {
  Deck deck;
  DeckOrigin origin;
  std::string bytes;  // the file as read, for hashing by sessions
};

// A deck listed by `h2h decks`: valid, or with the problems it has.
struct DeckListing {
  DeckOrigin origin;
  std::optional<Deck> deck;
  std::vector<Problem> problems;
};

// The user's deck folder from the environment ($XDG_DATA_HOME, $HOME).
std::filesystem::path user_deck_dir();

// Built-in decks first, then the user's decks (sorted by file name).
std::vector<DeckListing> list_decks(const std::filesystem::path& user_dir);

// `spec` is a file path (it contains '/' or ends in .yaml or .yml; "-" is
// standard input) or a deck id: a user deck with that id wins over a
// built-in one. Empty means the built-in "h2h". Throws Error: exit 3 for an
// invalid deck, exit 1 for an unreadable file, exit 2 for an unknown id.
LoadedDeck load_deck(const std::string& spec, const std::filesystem::path& user_dir);

}  // namespace h2h::formats
