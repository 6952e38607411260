// Response files from surveys: CSV (exports of online forms), workbooks
// (.xlsx, as Microsoft Forms exports them) and JSON Lines,
// one respondent per record, with the columns respondent, team,
// <dilemma>.a, <dilemma>.b and checkin.<need> (or checkin.<item>). Read as
// a stream: each respondent goes to the caller and is forgotten, so memory
// does not grow with the number of rows.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/answer.hpp"
#include "core/error.hpp"
#include "core/tally.hpp"
#include "formats/csv_reader.hpp"
#include "formats/csv_split.hpp"

namespace h2h::formats {

// One respondent; the views are valid during the callback only.
struct Respondent {
  std::string_view id;                               // empty when the file has no respondent column
  std::string_view team;                             // empty when none
  std::vector<std::optional<Point>> answers;         // per dilemma of the weights
  std::vector<std::pair<std::size_t, int>> checkin;  // (need index, rating 1..5)
  std::vector<std::string_view> checkin_keys;        // the item or need id of each rating
  std::vector<std::pair<std::size_t, std::string_view>> ideas;  // (dilemma, "how to get both")
  std::int64_t row = 0;
};

// Maps a form's own headers (question texts) to h2h's column names.
using HeaderMap = std::map<std::string, std::string, std::less<>>;

// Reads a --map file: a YAML map from header text to column name. Headers
// are looked up by header_key, so that a map written by h2h form reads a
// CSV export and a workbook alike, whatever whitespace each one keeps.
HeaderMap read_header_map(const std::string& path);

// A header as the map knows it: trimmed, and every run of whitespace (line
// breaks and no-break spaces too) one space.
std::string header_key(std::string_view header);

struct ResponseOptions {
  std::optional<char> delimiter;  // CSV; detected when not given
  std::string sheet;              // a workbook's sheet; the first when empty
  std::string team_column;        // a header that holds the team, besides "team" and the map's
  const HeaderMap* map = nullptr;
  bool skip_invalid = false;
  // When no column is a dilemma's: what to tell the user to do, given the
  // headers (the caller knows the deck's question texts). Unset: a general hint.
  std::function<std::string(const std::vector<std::string>& headers)> no_dilemma_hint;
  // Called now and then with the bytes read so far (for a progress line).
  std::function<void(std::uint64_t bytes)> progress;
  // A CSV file of at least this many bytes is read in two parts at once
  // when the caller gives a second sink.
  std::uint64_t split_bytes = 8 << 20;
  // The CSV reader's first read and the step of the search for the cut:
  // tests make them small, so that a small file is cut and every byte
  // falls on a buffer's edge.
  std::size_t csv_buffer = kCsvBufferBytes;
  std::size_t split_step = kCsvSplitStep;
};

struct ResponseSummary {
  std::int64_t rows = 0;         // records after the header (JSON Lines: non-blank lines)
  std::int64_t respondents = 0;  // rows handed to the sink
  std::int64_t skipped = 0;
  std::vector<Problem> first_reasons;  // of skipped rows, at most 5
  std::vector<std::string> ignored_columns;
  std::string team_column;          // the header whose values are the teams; empty when none
  std::string timestamp_column;     // the header whose values date the responses; empty when none
  std::string first_day, last_day;  // YYYY-MM-DD of the respondents' dates; empty when none
};

enum class ResponseFormat { csv, jsonl, xlsx };

// Reads `path` ("-" for standard input) and calls `sink` for every valid
// respondent. Throws Error (exit 3) at the first invalid value unless
// options.skip_invalid.
//
// With a `second` sink, a large CSV file is read in two parts on two
// threads: the respondents of the first part go to `sink`, those of the
// second part (on the other thread) to `second`, each in file order. The
// caller keeps what each sink gathers apart and puts the second after the
// first; that gives what one pass gives. Every problem and the summary are
// those of one pass; only Respondent::row of the second part counts from
// the cut (the rows before it are not counted yet), so a problem the
// second sink throws is placed in the whole file by read_responses.
ResponseSummary read_responses(const std::string& path, ResponseFormat format,
                               const Weights& weights, const ResponseOptions& options,
                               const std::function<void(const Respondent&)>& sink,
                               const std::function<void(const Respondent&)>* second = nullptr);

}  // namespace h2h::formats
