// The report as CSV for spreadsheets: one row per group and dilemma with
// its figures, then one row per group and need. UTF-8 with BOM and CRLF, so
// Excel reads it as it is; with ';' as delimiter, decimal commas (what Dutch
// Excel expects). Cells that a spreadsheet would run as a formula are
// prefixed with ' unless formula escaping is turned off.
#pragma once

#include <string>
#include <vector>

#include "core/reflection.hpp"

namespace h2h::render {

// Figures in the CSV (means, sds, spread, enen, scores) are rounded to this
// many decimals; the report's JSON keeps them unrounded.
inline constexpr int kCsvDecimals = 2;

struct CsvOptions {
  char delimiter = ',';
  bool formula_escape = true;
};

std::string report_csv(const report::Group& total, const std::vector<const report::Group*>& groups,
                       const CsvOptions& options);

// One CSV cell: control characters made visible and invalid UTF-8 replaced,
// formula escape (when on), then RFC 4180 quoting.
std::string csv_cell(std::string_view text, const CsvOptions& options);

}  // namespace h2h::render
