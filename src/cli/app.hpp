// The entry point behind main(): parse the command line, run the command,
// print any error once, and turn it into an exit code.
#pragma once

namespace h2h::cli {

int run_app(int argc, const char* const* argv);

}  // namespace h2h::cli
