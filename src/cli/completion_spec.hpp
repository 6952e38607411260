// The description of h2h's commands that the shell completion scripts are
// made from, read off the CLI11 command tree (see cmd_completion.cpp).
#pragma once

#include <CLI/CLI.hpp>

#include "render/completion_script.hpp"

namespace h2h::cli {

// Throws std::logic_error for an option whose value kind is not known.
render::CompletionSpec completion_spec(CLI::App& app);

}  // namespace h2h::cli
