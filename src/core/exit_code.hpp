// The exit codes of h2h, documented in man/h2h.1 (EXIT STATUS).
#pragma once

namespace h2h {

enum class ExitCode : int {
  ok = 0,            // success
  failure = 1,       // runtime or I/O error
  usage = 2,         // wrong command line (CLI11's own codes are mapped here)
  invalid_data = 3,  // a deck, session or response file is not valid
  interrupted = 130  // Ctrl-C (SIGINT)
};

constexpr int to_int(ExitCode c) {
  return static_cast<int>(c);
}

}  // namespace h2h
