// The options of every command that reads response files (report, import):
// --map, --input-delimiter, --sheet, --skip-invalid, and what is said afterwards.
#pragma once

#include <optional>
#include <string>

#include "cli/context.hpp"
#include "core/deck.hpp"
#include "formats/responses.hpp"

namespace h2h::cli {

struct ResponseCli {
  std::string map;
  std::string input_delimiter;
  std::string sheet;
  std::string team_column;
  bool skip_invalid = false;

  std::optional<formats::HeaderMap> header_map;  // read by options()
  const Deck* deck = nullptr;  // set by the command: for hints that name its questions

  // The reader's options; reads the --map file once.
  formats::ResponseOptions options();
};

void add_response_options(CLI::App& app, ResponseCli& options);

// A response file's format by its name: .jsonl/.ndjson, .xlsx, else CSV.
formats::ResponseFormat response_format(const std::string& path);

// Says once which columns were ignored and which rows were skipped.
// With by_team, also which column gave the teams, or that none did.
void report_summary(const Context& ctx, const std::string& path,
                    const formats::ResponseSummary& summary, bool by_team = false);

}  // namespace h2h::cli
