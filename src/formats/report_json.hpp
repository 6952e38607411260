// The report as JSON (h2h report --format json): the figures per dilemma
// and need, unrounded, with the counts, sums and sums of squares that let
// reports of shards be merged exactly. Schema in man/h2h.1 (REPORT JSON).
#pragma once

#include <string>
#include <vector>

#include "core/deck.hpp"
#include "core/reflection.hpp"

namespace h2h::formats {

inline constexpr const char* kReportSchema = "h2h-report/1";

std::string report_to_json(const Deck& deck, const report::Group& total,
                           const std::vector<const report::Group*>& groups);

}  // namespace h2h::formats
