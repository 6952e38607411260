// What every command gets from the top: the global options and the
// language, and a way to write its output.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "i18n/i18n.hpp"
#include "render/style.hpp"

namespace h2h::cli {

struct Context {
  std::string lang = "en";     // the UI language code, "nl" or "en"
  bool lang_explicit = false;  // given with --lang, not from the locale
  bool no_color = false;

  render::Style stdout_style() const;
  void out(std::string_view text) const;  // to stdout
  void err(std::string_view text) const;  // to stderr
};

// One subcommand: its CLI11 node and what it does once parsed.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// The option `--format` shared by the commands whose output is data.
void add_format_option(CLI::App& app, std::string& format, std::vector<std::string> choices);

}  // namespace h2h::cli
