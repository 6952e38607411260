// The command table: every subcommand of h2h, in the order --help lists
// them. Dispatch, help and the man-page test all read this one table.
#pragma once

#include <array>

#include "cli/context.hpp"

namespace h2h::cli {

Command add_run(CLI::App& parent, Context& ctx);
Command add_report(CLI::App& parent, Context& ctx);
Command add_import(CLI::App& parent, Context& ctx);
Command add_form(CLI::App& parent, Context& ctx);
Command add_decks(CLI::App& parent, Context& ctx);
Command add_list(CLI::App& parent, Context& ctx);
Command add_show(CLI::App& parent, Context& ctx);
Command add_validate(CLI::App& parent, Context& ctx);
Command add_template(CLI::App& parent, Context& ctx);
Command add_completion(CLI::App& parent, Context& ctx);

struct CommandEntry {
  const char* name;
  Command (*add)(CLI::App& parent, Context& ctx);
};

inline constexpr std::array kCommands = {
    CommandEntry{"run", add_run},           CommandEntry{"report", add_report},
    CommandEntry{"import", add_import},     CommandEntry{"form", add_form},
    CommandEntry{"decks", add_decks},       CommandEntry{"list", add_list},
    CommandEntry{"show", add_show},         CommandEntry{"validate", add_validate},
    CommandEntry{"template", add_template}, CommandEntry{"completion", add_completion},
};

}  // namespace h2h::cli
