// The both-and grid picker as one terminal screen: whose turn, the dilemma
// (title, question), the 11x11 grid with its zones shaded and the dot, both
// poles beside it with the two numbers and the zone of the dot, the keys,
// one line for the last message, and the answer prompt at the bottom. Pure:
// a view in, lines out, fitted to the terminal's size (80x24 and up; larger
// terminals get larger cells).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/answer.hpp"
#include "render/style.hpp"

namespace h2h::render {

struct PickerView {
  std::string heading;   // whose turn (a team), or empty
  std::string title;     // "1/5  Title"
  std::string question;  // the dilemma's question
  std::string pole_a, pole_b;
  std::string upsides_a, upsides_b;  // "+ ...; ...", or empty
  Point dot{5, 5};
  bool a_chosen = false, b_chosen = false;
  std::string notice;  // the last message, or empty
  std::string prompt;  // the answer prompt, as on the line
  std::string typed;   // what is typed after it
};

// A cell of the grid: characters across, rows down.
struct GridCell {
  std::size_t width = 3;
  std::size_t height = 1;
};

// The largest cell that fits `cols` x `rows`; nothing when even the
// smallest grid does not fit (the line prompt is used then).
std::optional<GridCell> picker_cell(std::size_t cols, std::size_t rows);

// The screen's lines, each at most `cols` - 1 characters wide but the last
// (the prompt and what is typed), at most `rows` of them; empty when it does
// not fit.
std::vector<std::string> picker_screen(const PickerView& view, std::size_t cols, std::size_t rows,
                                       const Style& style);

}  // namespace h2h::render
