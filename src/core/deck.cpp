#include "core/deck.hpp"

#include <algorithm>

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
