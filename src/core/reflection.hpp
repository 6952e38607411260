// The EN EN reflection as values: answers gathered into groups (all
// answers, or one group per team or per session), and what the figures say
// about them: each dilemma's pattern (when there are enough answers to
// speak of one), where the answers differ most, and which need (if any)
// stands apart. It describes; it never judges. Pure: renderers turn it into
// text, Markdown, HTML, CSV or JSON.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
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
  std::string solo_name;              // a solo session: who answered
  std::vector<std::string> dilemmas;  // the dilemmas it asked (empty: not known)
};

// A response file a group's answers came from, for the header of a
// reflection: what was read, and the days its timestamp column spans.
struct SourceFile {
  std::string path;
  std::int64_t rows = 0;            // records after the header
  std::int64_t respondents = 0;     // valid rows, whose answers count
  std::string timestamp_column;     // empty when the file has none
  std::string first_day, last_day;  // YYYY-MM-DD; empty when no date was read
};

// Everything one group of answers says. Its size grows with the sessions'
// ideas and notes, never with the number of answers.
struct Group {
  Group(std::shared_ptr<const Weights> weights, std::string group_name);

  std::string name;  // the team, the session, or empty for all answers
  Tally tally;
  std::vector<SessionInfo> sessions;
  std::vector<SourceFile> files;                // response files (one entry per file given)
  std::vector<std::vector<std::string>> ideas;  // per dilemma of the weights
  std::vector<std::int64_t> enen_without_idea;  // per dilemma
  std::vector<std::vector<std::string>> notes;  // per dilemma
  std::vector<std::string> general_notes;
  std::vector<std::vector<session::Action>> actions;  // per dilemma
  std::vector<std::vector<std::string>> warnings;     // per dilemma
  // A follow-up: where the team stood in the earlier sessions.
  Tally then;
  bool has_then = false;
  std::int64_t respondents_without_session = 0;  // from response files (batch)
  // The names met in sessions that were not anonymous: the same team over
  // time is four people, not four per session. (Pseudonyms say nothing.)
  std::set<std::string> names;
  bool unnamed = false;  // a session was anonymous: names cannot be counted

  // Adds a session's participants, answers, check-in ratings, ideas and notes.
  void add_session(const session::Record& record);
  // The same, piece by piece, for a session read as a stream.
  void add_session_info(SessionInfo info);
  void add_name(const std::string& name, bool anonymous);
  // How many different people took part, when that can be known.
  std::optional<std::size_t> people() const;
  void add_response(const session::Response& response);
  void add_rating(const session::Rating& rating);
  void add_note(const session::Note& note);
  // Action steps, early warnings and a follow-up's earlier figures.
  void add_follow_up(const session::Record& record);
  // Adds one respondent of a response file: answers per dilemma (none when
  // unanswered) and check-in ratings as (need index, rating).
  void add_respondent(const std::vector<std::optional<Point>>& answers,
                      const std::vector<std::pair<std::size_t, int>>& checkin);
  void merge(const Group& other);
};

// A dilemma's pattern, from its zone counts:
// - none: fewer than kPatternMinAnswers answers (no pattern is claimed);
// - two_camps: the A zone and the B zone each hold at least a quarter;
// - else the zone family with most answers: enen (EN EN), ofof (A and B
//   zones together: one pole wins), compromise, scattered (neither and
//   mixed); divided when two families share the top.
enum class Pattern { none, enen, ofof, two_camps, compromise, scattered, divided };
constexpr std::int64_t kPatternMinAnswers = 3;

// The stable names used in report JSON: "en-en", "of-of", "two-camps",
// "compromise", "scattered", "divided"; empty for none.
std::string_view pattern_name(Pattern p);

// A need stands apart when its score is at least this many points (on
// 0..100) below each of the other needs' scores.
constexpr double kStandApart = 10.0;

// The index of the one lowest score that stands apart; none when fewer than
// two scores are known or the lowest lies close to another.
std::optional<std::size_t> stands_apart(const std::vector<std::optional<double>>& scores);

struct Reflection {
  Figures figures;
  std::vector<Pattern> patterns;  // per dilemma
  // The dilemmas (with a pattern) whose spread is largest; several when
  // they lie within 0.5 of it. Empty when no dilemma has a pattern.
  std::vector<std::size_t> most_divided;
  // The need whose weight stands apart as the lowest, and the check-in
  // need that stands apart as least satisfied; none on a (near) tie.
  std::optional<std::size_t> least_weight;
  std::optional<std::size_t> least_checkin;
  // For least_weight: up to two dilemmas where that need gets least
  // weight, below its score over all dilemmas (lowest first).
  std::vector<std::size_t> least_weight_at;
};

Pattern pattern_of(const DilemmaFigures& figures);

// The action steps of a dilemma as they stand now: an action carried into a
// follow-up (with its outcome) replaces the same action as first agreed, so
// a report over both sessions lists it once.
std::vector<session::Action> current_actions(const std::vector<session::Action>& actions);

Reflection reflect(const Group& group);

}  // namespace h2h::report
