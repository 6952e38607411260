// The both-and grid as text: B up, A across, 0..10 each, the zones marked
// (+ EN EN, ~ compromise, . OF OF), and a label (initials or a count) in
// every cell that holds answers. About 40 columns wide.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/tally.hpp"
#include "render/style.hpp"

namespace h2h::render {

// labels[a][b]: what to write in a cell ("" for none); at most 3 characters.
using GridLabels = std::array<std::array<std::string, kGridSide>, kGridSide>;

std::string grid_text(const GridLabels& labels, const Style& style);

// Labels from counts: "7", "42", "99+".
GridLabels count_labels(const std::array<std::array<std::int64_t, kGridSide>, kGridSide>& cells);

}  // namespace h2h::render
