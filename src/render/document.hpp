// A reflection as a small document of blocks, written once and put out as
// terminal text, Markdown or HTML by the writers below: the content lives
// in one place (render/reflection_doc.cpp), the formats in theirs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/deck.hpp"
#include "core/tally.hpp"
#include "render/style.hpp"

namespace h2h::render {

// A dilemma's polarity map (Barry Johnson): both poles' upsides, downsides
// and early warnings, between the greater purpose and the deeper fear.
struct PolarityMap {
  std::string purpose;
  std::string fear;
  std::array<std::string, 2> labels;
  std::array<std::vector<std::string>, 2> upsides, downsides, warnings;
  bool empty() const;
};

struct Block {
  enum class Kind {
    title,       // the document's title; items: the running head of printed pages
                 // (the deck, the dates), which only HTML shows
    section,     // a section heading
    subsection,  // a dilemma's heading
    paragraph,
    question,  // a reflection question for the team
    bullets,
    table,  // rows[0] is the header
    grid,   // the both-and grid with counts
    bars,   // need scores 0..100 side by side
    aside,  // small print: caveats, sources
    map     // a polarity map
  };
  Kind kind = Kind::paragraph;
  std::string text;
  std::vector<std::string> items;
  std::vector<std::vector<std::string>> rows;
  std::array<std::array<std::int64_t, kGridSide>, kGridSide> cells{};  // cells[a][b]
  std::vector<std::pair<std::string, std::optional<double>>> bars;
  // grid: the means then (an earlier session) and now, drawn as an arrow.
  std::optional<std::array<double, 2>> then_mean, now_mean;
  PolarityMap map;  // map
};

// The polarity map of a dilemma in one language; empty when the deck has
// none of its fields.
PolarityMap polarity_map(const Dilemma& d, const std::string& lang);

using Document = std::vector<Block>;

// A table cell that holds a figure ("62", "4,5", "+3", "(12)", "≈"): every
// writer aligns it to the right.
inline bool figure_cell(const std::string& cell) {
  if (cell == "≈") return true;
  return !cell.empty() && cell.find_first_not_of("0123456789.,-+%() ") == std::string::npos;
}

std::string to_text(const Document& doc, const Style& style);       // fits 80 columns
std::string to_markdown(const Document& doc);                       // deterministic
std::string to_html(const Document& doc, const std::string& lang);  // self-contained

// Escaping for the writers (exposed for the tests).
std::string markdown_escape(std::string_view text);
std::string html_escape(std::string_view text);

}  // namespace h2h::render
