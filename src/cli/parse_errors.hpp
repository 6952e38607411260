// CLI11 in h2h's words: its help labels ("Usage", "Options", ...) and its
// parse errors in the user's language, with "did you mean" for a misspelled
// command or option. CLI11's own texts are English only.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace h2h::cli {

// Sets the help labels and the option group name of `app` in the current
// language; call before adding options and subcommands.
void translate_help(CLI::App& app);

// Names the subcommands' group (the "Subcommands:" heading) in the current
// language; call after adding them.
void translate_subcommand_group(CLI::App& app);

// The candidate nearest to `word` (a few edits at most), if any.
std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates);

// The message for a failed parse, without the "h2h: error: " prefix.
std::string parse_error_text(const CLI::App& app, const CLI::ParseError& error);

}  // namespace h2h::cli
