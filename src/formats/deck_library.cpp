#include "formats/deck_library.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>

#include "core/limits.hpp"
#include "formats/deck_yaml.hpp"
#include "formats/file_read.hpp"
#include "i18n/i18n.hpp"
#include "res/embedded.hpp"

namespace h2h::formats {

namespace fs = std::filesystem;
using i18n::tr;

fs::path user_deck_dir() {
  const char* data = std::getenv("XDG_DATA_HOME");
  if (data != nullptr && *data == '/') return fs::path(data) / "h2h" / "dilemmas";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return {};
  return fs::path(home) / ".local" / "share" / "h2h" / "dilemmas";
}

namespace {

bool is_deck_file(const fs::path& p) {
  return p.extension() == ".yaml" || p.extension() == ".yml";
}

std::vector<fs::path> user_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (is_deck_file(entry.path()) && entry.is_regular_file(ec)) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

DeckListing listing(std::string bytes, const std::string& source, DeckOrigin origin) {
  DeckResult r = read_deck(bytes, source);
  return DeckListing{std::move(origin), std::move(r.deck), std::move(r.problems)};
}

LoadedDeck load_file(const std::string& path) {
  std::string bytes = read_capped(path, limits::kDeckBytes);
  Deck deck = deck_or_throw(bytes, path);
  return LoadedDeck{std::move(deck), DeckOrigin{path, false}, std::move(bytes)};
}

}  // namespace

std::vector<DeckListing> list_decks(const fs::path& user_dir) {
  std::vector<DeckListing> out;
  for (const auto& file : embedded::files())
    if (file.name.starts_with("dilemmas/"))
      out.push_back(listing(std::string(file.bytes), "builtin:" + std::string(file.name),
                            DeckOrigin{"built-in", true}));
  for (const auto& path : user_files(user_dir)) {
    try {
      out.push_back(listing(read_capped(path.string(), limits::kDeckBytes), path.string(),
                            DeckOrigin{path.string(), false}));
    } catch (const Error& e) {
      out.push_back(DeckListing{DeckOrigin{path.string(), false}, std::nullopt, e.problems()});
    }
  }
  return out;
}

LoadedDeck load_deck(const std::string& spec_in, const fs::path& user_dir) {
  const std::string spec = spec_in.empty() ? kDefaultDeck : spec_in;
  if (spec == "-" || spec.find('/') != std::string::npos || is_deck_file(spec))
    return load_file(spec);

  // A user deck with this id wins: users can adapt a built-in deck.
  for (const auto& path : user_files(user_dir)) {
    DeckListing l;
    try {
      l = listing(read_capped(path.string(), limits::kDeckBytes), path.string(), {});
    } catch (const Error&) {
      continue;  // an unreadable file is not the deck asked for
    }
    if (l.deck && l.deck->id == spec) {
      LoadedDeck d = load_file(path.string());
      return d;
    }
  }
  // The built-in deck named after its file first: most runs then parse one
  // deck, not all of them (each costs start-up time).
  for (const auto& file : embedded::files()) {
    if (!file.name.starts_with("dilemmas/") || fs::path(std::string(file.name)).stem() != spec)
      continue;
    DeckResult r = read_deck(file.bytes, "builtin:" + std::string(file.name));
    if (!r.deck) throw Error(ExitCode::invalid_data, std::move(r.problems));
    if (r.deck->id == spec)
      return LoadedDeck{std::move(*r.deck), DeckOrigin{"built-in", true}, std::string(file.bytes)};
  }
  std::vector<std::string> known;
  for (const auto& file : embedded::files()) {
    if (!file.name.starts_with("dilemmas/")) continue;
    std::string source = "builtin:" + std::string(file.name);
    DeckResult r = read_deck(file.bytes, source);
    if (!r.deck) {
      if (fs::path(std::string(file.name)).stem() == spec)
        throw Error(ExitCode::invalid_data, std::move(r.problems));
      continue;
    }
    known.push_back(r.deck->id);
    if (r.deck->id == spec)
      return LoadedDeck{std::move(*r.deck), DeckOrigin{"built-in", true}, std::string(file.bytes)};
  }
  throw Error(ExitCode::usage,
              tr("deck.unknown", fmt::arg("id", spec), fmt::arg("known", fmt::join(known, ", "))));
}

}  // namespace h2h::formats
