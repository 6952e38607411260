// Shell completion scripts (bash, zsh, fish) from a description of h2h's
// commands and options. cli/cmd_completion builds that description from the
// CLI11 command tree that parses the command line and prints --help, so the
// scripts cannot offer a command or an option h2h does not have.
#pragma once

#include <string>
#include <vector>

namespace h2h::render {

// What an option's value (or a positional argument) is, for completion.
enum class ValueKind {
  none,          // a flag: no value
  text,          // free text (a name, a time): nothing to complete
  file,          // a file name
  deck,          // a deck id (from `h2h completion decks`) or a file name
  dilemma,       // a dilemma id of the deck given with --deck
  dilemma_list,  // dilemma ids separated by commas
  choice,        // one of `choices`
};

struct CompletionArg {
  std::vector<std::string> names;  // "-o", "--output"; empty for a positional
  std::string help;                // the --help text
  ValueKind kind = ValueKind::none;
  std::vector<std::string> choices;
  bool many = false;  // a positional that takes several values
};

struct CompletionCommand {
  std::string name;
  std::string help;
  std::vector<CompletionArg> options;
  std::vector<CompletionArg> positionals;
};

struct CompletionSpec {
  std::string program = "h2h";
  std::vector<CompletionArg> global;  // options before (or after) any command
  std::vector<CompletionCommand> commands;
};

std::string bash_completion(const CompletionSpec& spec);
std::string zsh_completion(const CompletionSpec& spec);
std::string fish_completion(const CompletionSpec& spec);

}  // namespace h2h::render
