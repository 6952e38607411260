// h2h completion: shell completion scripts made from the CLI11 command tree
// itself (every command, option and choice that parsing and --help know),
// and the deck and dilemma ids those scripts complete.
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/completion_spec.hpp"
#include "formats/deck_library.hpp"
#include "render/completion_script.hpp"

namespace h2h::cli {

namespace {

using render::CompletionArg;
using render::ValueKind;

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (true) {
    const std::size_t end = text.find(sep, at);
    parts.push_back(text.substr(at, end - at));
    if (end == std::string::npos) return parts;
    at = end + 1;
  }
}

// What an option's placeholder (its option text, or a positional's name)
// says its value is. A placeholder not in this table stops the build (the
// scripts are made at build time) and the tests: a new option must say how
// it completes.
ValueKind kind_of_placeholder(const std::string& text) {
  static const std::map<std::string, ValueKind> kinds = {
      {"ID|FILE", ValueKind::deck},    {"ID,ID", ValueKind::dilemma_list},
      {"DILEMMA", ValueKind::dilemma}, {"FILE", ValueKind::file},
      {"FILE...", ValueKind::file},    {"FILE|FOLDER", ValueKind::file},
      {"MAP.yaml", ValueKind::file},   {"NAME", ValueKind::text},
      {"NAMES|N", ValueKind::text},    {"TIME", ValueKind::text},
      {"ADDR:PORT", ValueKind::text},
  };
  const auto it = kinds.find(text);
  if (it == kinds.end())
    throw std::logic_error("completion: no value kind for the placeholder '" + text + "'");
  return it->second;
}

CompletionArg describe(CLI::Option& opt) {
  CompletionArg a;
  for (const auto& s : opt.get_snames()) a.names.push_back("-" + s);
  for (const auto& l : opt.get_lnames()) a.names.push_back("--" + l);
  a.help = opt.get_description();
  a.many = opt.get_items_expected_max() > 1;
  if (opt.get_items_expected_max() == 0) return a;  // a flag
  const std::string& text = opt.get_option_text();
  // A value checked against a set (CLI::IsMember): its option text lists
  // the choices (",|;"), or else the validator does ("{text,json}").
  std::string set;
  try {
    set = opt.get_validator()->get_description();
  } catch (const CLI::OptionNotFound&) {
  }
  if (set.size() >= 2 && set.front() == '{' && set.back() == '}') {
    a.kind = ValueKind::choice;
    a.choices = text.empty() ? split(set.substr(1, set.size() - 2), ',') : split(text, '|');
    return a;
  }
  a.kind = kind_of_placeholder(text.empty() ? opt.get_name() : text);
  return a;
}

}  // namespace

render::CompletionSpec completion_spec(CLI::App& app) {
  render::CompletionSpec spec;
  for (auto* opt : app.get_options())
    if (opt->nonpositional()) spec.global.push_back(describe(*opt));
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    render::CompletionCommand c{sub->get_name(), sub->get_description(), {}, {}};
    for (auto* opt : sub->get_options())
      (opt->nonpositional() ? c.options : c.positionals).push_back(describe(*opt));
    spec.commands.push_back(std::move(c));
  }
  return spec;
}

Command add_completion(CLI::App& parent, Context& ctx) {
  struct Options {
    std::string what;
    std::string deck;
  };
  auto o = std::make_shared<Options>();
  CLI::App* app = parent.add_subcommand("completion", i18n::tr("help.completion"));
  app->footer(i18n::tr("help.completion.example"));
  app->add_option("WHAT", o->what, i18n::tr("help.completion.what"))
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish", "decks", "dilemmas"}))
      ->option_text("bash|zsh|fish|decks|dilemmas");
  app->add_option("--deck", o->deck, i18n::tr("help.completion.deck"))->option_text("ID|FILE");
  return {app, [&ctx, &parent, o] {
            std::string text;
            if (o->what == "decks") {
              std::set<std::string> seen;  // a user deck can share a built-in id
              for (const auto& d : formats::list_decks(formats::user_deck_dir()))
                if (d.deck && seen.insert(d.deck->id).second) text += d.deck->id + "\n";
            } else if (o->what == "dilemmas") {
              const auto loaded = formats::load_deck(o->deck, formats::user_deck_dir());
              for (const auto& d : loaded.deck.dilemmas) text += d.id + "\n";
            } else {
              const auto spec = completion_spec(parent);
              text = o->what == "bash"  ? render::bash_completion(spec)
                     : o->what == "zsh" ? render::zsh_completion(spec)
                                        : render::fish_completion(spec);
            }
            ctx.out(text);
            return 0;
          }};
}

}  // namespace h2h::cli
