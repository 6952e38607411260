// The both-and grid as text: B up, A across, 0..10 each, the zones marked
// (+ EN EN, ~ compromise, . OF OF), and a label (initials or a count) in
// every cell that holds answers. About 40 columns wide.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/tally.hpp"
#include "render/style.hpp"

namespace h2h::render {

// labels[a][b]: what to write in a cell ("" for none); at most 3 characters.
using GridLabels = std::array<std::array<std::string, kGridSide>, kGridSide>;

// `legend` is printed under the zone legend (what the labels mean), if any.
std::string grid_text(const GridLabels& labels, const Style& style, std::string_view legend = {});

// Labels from counts: "7", "42", "99+".
GridLabels count_labels(const std::array<std::array<std::int64_t, kGridSide>, kGridSide>& cells);

// Draws the move of the mean from `then` to `now` (A, B) on the empty cells:
// "o" then, "*" now, "." on the way. Cells with answers keep their label.
void draw_arrow(GridLabels& labels, std::array<double, 2> then, std::array<double, 2> now);

}  // namespace h2h::render
