#include "cli/response_options.hpp"

#include <fmt/ranges.h>

namespace h2h::cli {

using i18n::tr;

formats::ResponseOptions ResponseCli::options() {
  if (!map.empty() && !header_map) header_map = formats::read_header_map(map);
  formats::ResponseOptions o;
  if (!input_delimiter.empty())
    o.delimiter = input_delimiter == "tab" ? '\t' : input_delimiter.front();
  o.map = header_map ? &*header_map : nullptr;
  o.skip_invalid = skip_invalid;
  return o;
}

void add_response_options(CLI::App& app, ResponseCli& o) {
  app.add_option("--map", o.map, tr("help.report.map"))->option_text("MAP.yaml");
  app.add_option("--input-delimiter", o.input_delimiter, tr("help.report.input_delimiter"))
      ->check(CLI::IsMember({",", ";", "tab"}))
      ->option_text(",|;|tab");
  app.add_flag("--skip-invalid", o.skip_invalid, tr("help.report.skip_invalid"));
}

void report_summary(const Context& ctx, const std::string& path,
                    const formats::ResponseSummary& summary) {
  if (!summary.ignored_columns.empty())
    ctx.err(format_problem(
                {Place{path}, tr("responses.ignored",
                                 fmt::arg("columns", fmt::join(summary.ignored_columns, ", ")))}) +
            "\n");
  if (summary.skipped > 0) {
    ctx.err(
        format_problem({Place{path}, tr("responses.skipped", fmt::arg("count", summary.skipped))}) +
        "\n");
    for (const auto& p : summary.first_reasons) ctx.err("  " + format_problem(p) + "\n");
  }
}

}  // namespace h2h::cli
