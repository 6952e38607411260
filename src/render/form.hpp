// The survey form of a deck: the question texts (also the headers a form
// tool exports, so that a --map file can turn them back into h2h's column
// names), the empty CSV, and a printable questionnaire.
#pragma once

#include <string>
#include <vector>

#include "core/deck.hpp"
#include "render/document.hpp"

namespace h2h::render {

struct FormQuestion {
  std::string column;  // respondent, team, <dilemma>.a, <dilemma>.b, checkin.<item>
  std::string text;    // the question as the form asks it
};

std::vector<FormQuestion> form_questions(const Deck& deck, const std::string& lang);

// The empty response CSV: the header only (UTF-8 with BOM, CRLF).
std::string form_csv(const Deck& deck, char delimiter);

// The printable questionnaire (Markdown or HTML through the Document writers).
Document form_document(const Deck& deck, const std::string& lang);

// The --map file for a form built from these question texts (YAML).
std::string form_map(const Deck& deck, const std::string& lang);

}  // namespace h2h::render
