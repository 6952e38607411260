// The EN EN reflection as values: answers gathered into groups (all
// answers, or one group per team or per session), and what the figures say
// about them: where a team thinks both-and, sits in compromise or thinks
// either-or, where it is most divided, which needs its choices starve.
// Pure: renderers turn it into text, Markdown, HTML, CSV or JSON.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/session.hpp"
#include "core/tally.hpp"

namespace h2h::report {

// Where a session came from, for the header of a reflection.
struct SessionInfo {
  std::string team;
  session::Mode mode = session::Mode::team;
  bool anonymous = false;
  std::string started;
  std::string finished;
  std::size_t participants = 0;
  std::string language;
};

// Everything one group of answers says. Its size grows with the sessions'
// ideas and notes, never with the number of answers.
struct Group {
  Group(std::shared_ptr<const Weights> weights, std::string group_name);

  std::string name;  // the team, the session, or empty for all answers
  Tally tally;
  std::vector<SessionInfo> sessions;
  std::vector<std::vector<std::string>> ideas;  // per dilemma of the weights
  std::vector<std::int64_t> enen_without_idea;  // per dilemma
  std::vector<std::vector<std::string>> notes;  // per dilemma
  std::vector<std::string> general_notes;
  std::int64_t respondents_without_session = 0;  // from response files (batch)

  // Adds a session's participants, answers, check-in ratings, ideas and notes.
  void add_session(const session::Record& record);
  // Adds one respondent of a response file: answers per dilemma (none when
  // unanswered) and check-in ratings as (need index, rating).
  void add_respondent(const std::vector<std::optional<Point>>& answers,
                      const std::vector<std::pair<std::size_t, int>>& checkin);
  void merge(const Group& other);
};

enum class Pattern { none, enen, compromise, ofof, scattered };

struct Reflection {
  Figures figures;
  std::vector<Pattern> patterns;            // per dilemma
  std::optional<std::size_t> most_divided;  // the largest spread
  std::vector<std::size_t> enen;            // dilemmas where EN EN answers lead
  std::vector<std::size_t> compromise;      // where compromise leads
  std::vector<std::size_t> ofof;            // where one pole wins (A or B zone)
  // Per need: up to two dilemmas whose answers leave most of what the poles
  // offer that need unused (most first).
  std::vector<std::vector<std::size_t>> starving;
  std::optional<std::size_t> least_fed;        // the need with the lowest score
  std::optional<std::size_t> least_satisfied;  // the lowest check-in mean
};

// A dilemma's pattern: the zone family with most answers (EN EN; OF OF = A
// and B zones together; compromise; scattered = neither and mixed); ties
// go to EN EN, then OF OF, then compromise.
Pattern pattern_of(const DilemmaFigures& figures);

Reflection reflect(const Group& group);

}  // namespace h2h::report
