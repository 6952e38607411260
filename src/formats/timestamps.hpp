// The dates in a response file's timestamp column, for the "When" of a
// report: Google Forms' "Timestamp" ("Tijdstempel"), Microsoft Forms'
// "Completion time" and "Start time", LimeSurvey's "submitdate". Cells may
// be text (2026-03-02 10:00:00, 2026/03/02 10:00:00 AM GMT+1, 2-3-2026
// 10:00, 3/2/26 9:00) or a spreadsheet's date serial number (46083.375).
// Day and month in D-M-Y or M/D/Y text are told apart by the column as a
// whole: a first number above 12 makes it day-first, a second one above
// 12 month-first; when no value decides, '/' means month-first (as US
// exports write it) and '-' or '.' day-first (as Dutch ones do).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace h2h::formats {

// The 0-based column that holds the responses' times among `headers`, or
// nothing. When a file has several (Microsoft Forms: start and
// completion), the completion time wins.
std::optional<std::size_t> timestamp_column(const std::vector<std::string>& headers);

// How good a name `header` is for the responses' times (0 is best), or
// nothing when it is none of them; timestamp_column picks the lowest.
std::optional<std::size_t> timestamp_rank(std::string_view header);

class DateSpan {
 public:
  // One cell's text; text that is no date is passed over.
  void add(std::string_view text);
  // Adds what another part of the same column read.
  void merge(const DateSpan& other);
  // The first and last day as YYYY-MM-DD, when any date was read.
  std::optional<std::pair<std::string, std::string>> range() const;

 private:
  struct Span {
    int lo = 0, hi = 0;
    bool any = false;
    void add(int day);
    void merge(const Span& other);
  };
  Span sure_;                     // ISO dates and serial numbers
  Span day_first_, month_first_;  // the other dates, read both ways
  long long only_day_first_ = 0, only_month_first_ = 0;
  long long slash_ = 0, other_ = 0;  // separators of the undecided ones
};

}  // namespace h2h::formats
