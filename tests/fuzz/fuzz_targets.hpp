// The fuzz targets: every parser that reads what comes from outside, fed
// arbitrary bytes. Used by the libFuzzer programs (tests/fuzz/run.sh) and by
// the unit tests, which replay the seed corpus and every input that once
// crashed (tests/fuzz/regressions/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace h2h::fuzz {

// Each returns normally for any input: invalid input is an h2h::Error, which
// the target catches. Anything else (a crash, a hang, another exception) is
// a bug.
void deck(std::string_view bytes);          // deck loader and validator, then rendering
void session(std::string_view bytes);       // session file loader, then a round trip
void csv(std::string_view bytes);           // response CSV reader
void csv_split(std::string_view bytes);     // a CSV file in two parts gives what one pass gives
void jsonl(std::string_view bytes);         // response JSON Lines reader
void answer_input(std::string_view bytes);  // typed answers, commands, safe display
void report_json(std::string_view bytes);   // a report's JSON read back for merging
void xlsx(std::string_view bytes);          // workbooks: zip, XML, shared strings, rows

struct Target {
  const char* name;
  void (*run)(std::string_view);
};

const std::vector<Target>& targets();

}  // namespace h2h::fuzz
