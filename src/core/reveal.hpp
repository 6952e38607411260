// What a reveal shows, for every front end (the terminal, the served
// console, the phones and the big screen): each answer as a dot with its
// zone, who skipped or has not answered, the ideas, and the figures, which
// come from Tally like every other figure h2h prints.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/answer.hpp"
#include "core/session.hpp"
#include "core/tally.hpp"

namespace h2h {

struct RevealDot {
  std::size_t participant = 0;  // index into Record::participants
  Point point;
  Zone zone = Zone::mixed;
};

struct Reveal {
  std::string dilemma;
  DilemmaFigures figures;               // n, means, spread, zone counts, need scores
  std::vector<RevealDot> dots;          // in participant order
  std::vector<std::size_t> skipped;     // participants who skipped it
  std::vector<std::size_t> unanswered;  // participants with no answer yet
  std::vector<std::pair<std::size_t, std::string>> ideas;              // participant, idea
  std::array<std::array<std::int64_t, kGridSide>, kGridSide> cells{};  // answers per point [a][b]
};

// The reveal of dilemma `d` (an index into record.dilemmas).
Reveal reveal_of(const Weights& weights, const session::Record& record, std::size_t d);

}  // namespace h2h
