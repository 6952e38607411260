// The EN EN reflection's content, in the session's language: who answered,
// each dilemma (zones, grid, figures, ideas, notes, the both-and question),
// the turning points, the ABC profile and, with groups, the groups side by
// side. Written as questions for the team, not as a verdict.
#pragma once

#include <string>
#include <vector>

#include "core/deck.hpp"
#include "core/reflection.hpp"
#include "render/document.hpp"

namespace h2h::render {

struct ReflectionInput {
  const Deck* deck = nullptr;
  std::string lang;                          // of the deck texts
  const report::Group* total = nullptr;      // every answer
  std::vector<const report::Group*> groups;  // with --by: one per team or session
  std::string by;                            // "", "team" or "session"
  bool with_map = true;  // each dilemma's polarity map (the end of h2h run has shown them)
};

Document reflection_document(const ReflectionInput& input);

}  // namespace h2h::render
