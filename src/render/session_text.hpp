// What a facilitated session shows on the terminal: the opening, a dilemma
// to answer, the reveal (grid picture, table, spread, both-and question) and
// the closing summary. Pure: state in, text out. Fits 80 columns.
#pragma once

#include <string>
#include <vector>

#include "core/deck.hpp"
#include "core/session.hpp"
#include "render/style.hpp"

namespace h2h::render {

// A zone's name in the current language, as every screen and the
// reflection print it.
std::string zone_label(Zone zone);

std::string session_opening(const Deck& deck, const session::Record& record, const Style& style);

// The dilemma as a participant sees it before answering.
std::string dilemma_card(const Deck& deck, const Dilemma& dilemma, std::size_t number,
                         std::size_t count, const std::string& lang, const Style& style);

// The grid picture alone: each participant's label at their point, zones marked.
std::string grid_picture(const std::vector<std::pair<std::string, Point>>& points,
                         const Style& style);

std::string reveal_text(const Deck& deck, const session::Record& record, std::size_t dilemma,
                        const Style& style);

// The reveal as one terminal screen (80x24 with up to a dozen
// participants): the grid with the table beside it, the means and the
// both-and question; the polarity map is left to the `map` command.
std::string reveal_screen(const Deck& deck, const session::Record& record, std::size_t dilemma,
                          const Style& style);

// The dilemma's polarity map (upsides, downsides, early warnings, purpose,
// fear), shown after the reveal and on the `map` command; empty without one.
std::string map_text(const Dilemma& dilemma, const std::string& lang, const Style& style);

// In a follow-up: where the team stood on this dilemma last time (zones,
// means, ideas); empty when nothing is known of it.
std::string then_text(const Deck& deck, const session::Record& record, std::size_t dilemma,
                      const Style& style);

// An action step as people read it: "TEXT (who: Anna, by 2026-12-01)".
std::string action_text(const session::Action& action);

// The EN EN reflection of this session, for its end.
std::string session_summary(const Deck& deck, const session::Record& record, const Style& style);

// The commands that work at every prompt.
std::string session_help();

}  // namespace h2h::render
