#include <doctest/doctest.h>

#include "formats/timestamps.hpp"

using h2h::formats::DateSpan;
using h2h::formats::timestamp_column;

namespace {

std::pair<std::string, std::string> span(std::initializer_list<const char*> cells) {
  DateSpan d;
  for (const char* c : cells) d.add(c);
  const auto r = d.range();
  return r ? *r : std::pair<std::string, std::string>{"none", "none"};
}

}  // namespace

TEST_CASE("the timestamp column: the completion time before the start") {
  CHECK(timestamp_column({"ID", "Start time", "Completion time", "Email"}) == 2u);
  CHECK(timestamp_column({"Tijdstempel", "Afdeling"}) == 0u);
  CHECK(timestamp_column({"id", "submitdate", "startdate"}) == 1u);
  CHECK(timestamp_column({" Timestamp ", "x"}) == 0u);
  CHECK(!timestamp_column({"respondent", "When"}));
}

TEST_CASE("a timestamp's rank: lower is better, as timestamp_column picks") {
  using h2h::formats::timestamp_rank;
  CHECK(*timestamp_rank("Completion time") < *timestamp_rank("Start time"));
  CHECK(*timestamp_rank(" TIJDSTEMPEL") < *timestamp_rank("begintijd"));
  CHECK(!timestamp_rank("growth.a"));
  CHECK(!timestamp_rank(""));
}

TEST_CASE("dates as forms write them") {
  using P = std::pair<std::string, std::string>;
  // ISO and Google Forms' own text.
  CHECK(span({"2026-03-02 10:00:00", "2026-03-05T08:00"}) == P{"2026-03-02", "2026-03-05"});
  CHECK(span({"2026/03/02 10:00:00 AM GMT+1"}) == P{"2026-03-02", "2026-03-02"});
  // Serial numbers (Excel counts days from 1899-12-30).
  CHECK(span({"46083.375", "46084"}) == P{"2026-03-02", "2026-03-03"});
  // Day first, decided by a day above 12.
  CHECK(span({"2/3/2026 10:00", "15/3/2026 10:00"}) == P{"2026-03-02", "2026-03-15"});
  // Month first, decided by a day above 12 in second place.
  CHECK(span({"3/2/2026 10:00", "3/15/2026"}) == P{"2026-03-02", "2026-03-15"});
  // Undecided: '/' is month first (US), '-' day first (Dutch).
  CHECK(span({"3/2/26 9:00:00"}) == P{"2026-03-02", "2026-03-02"});
  CHECK(span({"2-3-2026 10:00:00"}) == P{"2026-03-02", "2026-03-02"});
  // Not dates: passed over.
  CHECK(span({"", "yesterday", "2026-13-01", "31-02-2026", "12", "1.5.x"}) == P{"none", "none"});
  CHECK(span({"x", "2026-02-29", "2024-02-29"}) == P{"2024-02-29", "2024-02-29"});
}
