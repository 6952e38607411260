// The completion scripts' description of the commands, read off the same
// CLI11 tree that parses the command line.
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/completion_spec.hpp"

namespace {

using h2h::render::ValueKind;

const h2h::render::CompletionArg* option(const h2h::render::CompletionCommand& c,
                                         const std::string& name) {
  for (const auto& o : c.options)
    if (std::find(o.names.begin(), o.names.end(), name) != o.names.end()) return &o;
  return nullptr;
}

const h2h::render::CompletionCommand* command(const h2h::render::CompletionSpec& spec,
                                              const std::string& name) {
  for (const auto& c : spec.commands)
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("completion: every command of the table, with its options and their values") {
  CLI::App app("h2h", "h2h");
  h2h::cli::Context ctx;
  for (const auto& entry : h2h::cli::kCommands) entry.add(app, ctx);
  const auto spec = h2h::cli::completion_spec(app);
  REQUIRE(spec.commands.size() == h2h::cli::kCommands.size());

  const auto* report = command(spec, "report");
  REQUIRE(report != nullptr);
  REQUIRE(option(*report, "--format") != nullptr);
  CHECK(option(*report, "--format")->kind == ValueKind::choice);
  CHECK(option(*report, "--format")->choices ==
        std::vector<std::string>{"text", "markdown", "json", "csv", "html"});
  CHECK(option(*report, "--delimiter")->choices == std::vector<std::string>{",", ";"});
  CHECK(option(*report, "--deck")->kind == ValueKind::deck);
  CHECK(option(*report, "-o")->kind == ValueKind::file);
  CHECK(option(*report, "--force")->kind == ValueKind::none);
  REQUIRE(report->positionals.size() == 1);
  CHECK(report->positionals[0].kind == ValueKind::file);
  CHECK(report->positionals[0].many);

  const auto* run = command(spec, "run");
  REQUIRE(run != nullptr);
  CHECK(option(*run, "--dilemmas")->kind == ValueKind::dilemma_list);
  CHECK(option(*run, "--team")->kind == ValueKind::text);
  const auto* show = command(spec, "show");
  REQUIRE(show != nullptr);
  REQUIRE(show->positionals.size() == 1);
  CHECK(show->positionals[0].kind == ValueKind::dilemma);

  const std::string bash = h2h::render::bash_completion(spec);
  CHECK(bash.find("complete -F _h2h h2h") != std::string::npos);
  CHECK(h2h::render::zsh_completion(spec).starts_with("#compdef h2h\n"));
  CHECK(h2h::render::fish_completion(spec).find("-l skip-invalid") != std::string::npos);
}

TEST_CASE("completion: an option whose value kind is unknown is refused") {
  CLI::App app("h2h", "h2h");
  std::string value;
  app.add_subcommand("x", "x")->add_option("--colour", value, "a colour")->option_text("COLOUR");
  CHECK_THROWS_AS(h2h::cli::completion_spec(app), std::logic_error);
}
