#include "cli/response_options.hpp"

#include <fmt/ranges.h>

#include <cctype>
#include <filesystem>

#include "cli/map_suggestion.hpp"
#include "render/safe_text.hpp"

namespace h2h::cli {

using i18n::tr;

namespace {

// When the headers are the deck's questions or pole labels (a form built
// by hand, or with h2h form), the map that reads them: printed, so that
// the user can check it and save it.
std::string hint(const Deck& deck, const std::vector<std::string>& headers) {
  const MapSuggestion s = suggest_map(deck, headers);
  if (s.entries.empty()) return tr("responses.no_dilemma_hint");
  // Only h2h form's own questions: the map h2h form writes is the one to use.
  if (s.form_only)
    return tr("responses.no_dilemma_hint_questions", fmt::arg("count", s.entries.size()),
              fmt::arg("lang", s.lang), fmt::arg("deck", deck.id));
  return tr("responses.no_dilemma_suggestion", fmt::arg("count", s.entries.size()),
            fmt::arg("lang", s.lang), fmt::arg("deck", deck.id)) +
         "\n" + map_yaml(s);
}

}  // namespace

formats::ResponseOptions ResponseCli::options() {
  if (!map.empty() && !header_map) header_map = formats::read_header_map(map);
  formats::ResponseOptions o;
  if (!input_delimiter.empty())
    o.delimiter = input_delimiter == "tab" ? '\t' : input_delimiter.front();
  o.map = header_map ? &*header_map : nullptr;
  o.skip_invalid = skip_invalid;
  o.sheet = sheet;
  o.team_column = team_column;
  if (deck != nullptr)
    o.no_dilemma_hint = [d = deck](const auto& headers) { return hint(*d, headers); };
  return o;
}

void add_response_options(CLI::App& app, ResponseCli& o) {
  app.add_option("--map", o.map, tr("help.report.map"))->option_text("MAP.yaml");
  app.add_option("--input-delimiter", o.input_delimiter, tr("help.report.input_delimiter"))
      ->check(CLI::IsMember({",", ";", "tab"}))
      ->option_text(",|;|tab");
  app.add_option("--team-column", o.team_column, tr("help.report.team_column"))
      ->option_text("NAME");
  app.add_option("--sheet", o.sheet, tr("help.report.sheet"))->option_text("NAME");
  app.add_flag("--skip-invalid", o.skip_invalid, tr("help.report.skip_invalid"));
}

formats::ResponseFormat response_format(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == ".jsonl" || ext == ".ndjson") return formats::ResponseFormat::jsonl;
  if (ext == ".xlsx" || ext == ".xlsm") return formats::ResponseFormat::xlsx;
  return formats::ResponseFormat::csv;
}

void report_summary(const Context& ctx, const std::string& path,
                    const formats::ResponseSummary& summary, bool by_team) {
  // Headers and cell values from the file, shown harmlessly.
  auto say = [&ctx](const std::string& line) { ctx.err(render::visible(line)); };
  if (by_team && summary.rows > 0)
    say(format_problem({Place{path}, summary.team_column.empty()
                                         ? tr("responses.no_team_column")
                                         : tr("responses.team_column",
                                              fmt::arg("column", summary.team_column))}) +
        "\n");
  if (!summary.ignored_columns.empty())
    say(format_problem(
            {Place{path}, tr("responses.ignored",
                             fmt::arg("columns", fmt::join(summary.ignored_columns, ", ")))}) +
        "\n");
  if (summary.skipped > 0) {
    say(format_problem({Place{path}, tr("responses.skipped", fmt::arg("count", summary.skipped))}) +
        "\n");
    for (const auto& p : summary.first_reasons) say("  " + format_problem(p) + "\n");
  }
}

}  // namespace h2h::cli
