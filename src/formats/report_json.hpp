// The report as JSON (h2h report --format json): the figures per dilemma
// and need, unrounded, with the counts, sums and sums of squares that let
// reports of shards be merged exactly. Schema in man/h2h.1 (REPORT JSON).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/deck.hpp"
#include "core/reflection.hpp"

namespace h2h::formats {

inline constexpr const char* kReportSchema = "h2h-report/1";

std::string report_to_json(const Deck& deck, const report::Group& total,
                           const std::vector<const report::Group*>& groups);

}  // namespace h2h::formats

namespace h2h::formats {

// A report's own JSON read back, for merging shards: its totals and its
// groups, as Groups over `weights` (of `deck`, which must be the deck and
// version the report was made with). Checked like a session file (types,
// ranges, sums that must agree, duplicate keys); throws Error (exit 3) with
// the file and the JSON path of every problem (report_shard.cpp).
struct ReportShard {
  std::string deck_id;
  report::Group total;
  std::vector<report::Group> groups;
};

ReportShard report_from_json(std::string_view bytes, const std::string& source, const Deck& deck,
                             std::shared_ptr<const Weights> weights);

// The deck id a report JSON names, or empty when it names none.
std::string report_deck_id(std::string_view bytes);

}  // namespace h2h::formats
