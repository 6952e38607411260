// A deck of dilemmas as plain values: what h2h shows and scores. Loaded and
// validated by formats/deck_yaml; the format is documented in man/h2h.1.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace h2h {

struct Need {
  std::string id;
  Text name;
  Text description;
};

struct Pole {
  Text label;
  std::vector<Text> upsides;
  std::vector<Text> downsides;
  std::vector<Text> early_warnings;  // optional: signs the team overdoes this pole
  std::map<std::string, int> needs;  // need id -> weight 0..3; absent = 0
  Text why;                          // optional: why these weights

  int weight(std::string_view need) const;
};

struct Dilemma {
  std::string id;
  Text title;
  Text question;
  Pole a;
  Pole b;
  Text en_en;    // the both-and question
  Text purpose;  // optional: the greater purpose both poles serve
  Text fear;     // optional: the deeper fear, what is lost when both are lost
};

struct CheckinItem {
  std::string id;
  std::string need;
  Text text;  // a statement rated 1..5
};

struct Deck {
  std::string id;
  int version = 1;
  Text title;
  Text description;
  Text source;
  std::vector<std::string> languages;
  std::vector<Need> needs;
  std::vector<Dilemma> dilemmas;
  std::vector<CheckinItem> checkin;

  const Dilemma* find_dilemma(std::string_view id) const;
  const Need* find_need(std::string_view id) const;
  // The language to show texts in: `wanted` if the deck has it, else its first.
  std::string language_for(std::string_view wanted) const;
};

}  // namespace h2h

namespace h2h {

// A fingerprint of everything a deck says (ids, weights, every text in every
// language), not of its file: reformatting or comments do not change it.
// "fnv1a64:" and 16 hex digits. Sessions store it to notice a changed deck.
std::string fingerprint(const Deck& deck);

}  // namespace h2h
