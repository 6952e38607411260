#include "core/deck.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace h2h {

int Pole::weight(std::string_view need) const {
  auto it = needs.find(std::string(need));
  return it == needs.end() ? 0 : it->second;
}

const Dilemma* Deck::find_dilemma(std::string_view wanted) const {
  auto it = std::find_if(dilemmas.begin(), dilemmas.end(),
                         [&](const Dilemma& d) { return d.id == wanted; });
  return it == dilemmas.end() ? nullptr : &*it;
}

const Need* Deck::find_need(std::string_view wanted) const {
  auto it = std::find_if(needs.begin(), needs.end(), [&](const Need& n) { return n.id == wanted; });
  return it == needs.end() ? nullptr : &*it;
}

std::string Deck::language_for(std::string_view wanted) const {
  if (languages.empty()) return std::string(wanted);
  if (std::find(languages.begin(), languages.end(), wanted) != languages.end())
    return std::string(wanted);
  return languages.front();
}

}  // namespace h2h

namespace h2h {

namespace {

// FNV-1a over length-prefixed fields, so that no two decks serialise alike.
class Hasher {
 public:
  void add(std::string_view s) {
    add_number(s.size());
    for (char c : s) byte(static_cast<unsigned char>(c));
  }
  void add_number(std::uint64_t n) {
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(n >> (8 * i)));
  }
  void add(const Text& t) {
    add_number(t.variants.size());
    for (const auto& [lang, s] : t.variants) {
      add(lang);
      add(s);
    }
  }
  void add(const std::vector<Text>& list) {
    add_number(list.size());
    for (const auto& t : list) add(t);
  }
  void add(const Pole& p) {
    add(p.label);
    add(p.upsides);
    add(p.downsides);
    add_number(p.needs.size());
    for (const auto& [need, w] : p.needs) {
      add(need);
      add_number(static_cast<std::uint64_t>(w));
    }
    add(p.why);
    // Optional polarity-map fields join the hash only when present, so a deck
    // written before they existed keeps its fingerprint (and its sessions resume).
    // The '+' marker cannot begin an id or a text count, so nothing reads alike.
    if (!p.early_warnings.empty()) {
      add(std::string_view("+early_warnings"));
      add(p.early_warnings);
    }
  }
  void add_optional(std::string_view key, const Text& t) {
    if (t.empty()) return;
    add(key);
    add(t);
  }
  std::uint64_t value() const { return hash_; }

 private:
  void byte(unsigned char c) {
    hash_ ^= c;
    hash_ *= 0x100000001b3ULL;
  }
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::string fingerprint(const Deck& deck) {
  Hasher h;
  h.add(deck.id);
  h.add_number(static_cast<std::uint64_t>(deck.version));
  h.add(deck.title);
  h.add(deck.description);
  h.add(deck.source);
  h.add_number(deck.languages.size());
  for (const auto& l : deck.languages) h.add(l);
  h.add_number(deck.needs.size());
  for (const auto& n : deck.needs) {
    h.add(n.id);
    h.add(n.name);
    h.add(n.description);
  }
  h.add_number(deck.dilemmas.size());
  for (const auto& d : deck.dilemmas) {
    h.add(d.id);
    h.add(d.title);
    h.add(d.question);
    h.add(d.a);
    h.add(d.b);
    h.add(d.en_en);
    h.add_optional("+purpose", d.purpose);
    h.add_optional("+fear", d.fear);
  }
  h.add_number(deck.checkin.size());
  for (const auto& c : deck.checkin) {
    h.add(c.id);
    h.add(c.need);
    h.add(c.text);
  }
  char out[32];
  std::snprintf(out, sizeof out, "fnv1a64:%016llx", static_cast<unsigned long long>(h.value()));
  return out;
}

}  // namespace h2h
