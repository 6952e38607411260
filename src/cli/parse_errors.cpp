#include "cli/parse_errors.hpp"

#include <fmt/format.h>

#include "formats/yaml_schema.hpp"
#include "i18n/i18n.hpp"

namespace h2h::cli {

using i18n::tr;

void translate_help(CLI::App& app) {
  auto f = app.get_formatter();
  for (const char* label : {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "Positionals",
                            "REQUIRED", "Needs", "Excludes", "TEXT"})
    f->label(label, tr(fmt::format("help.label.{}", label)));
  app.option_defaults()->group(tr("help.label.Options"));
}

void translate_subcommand_group(CLI::App& app) {
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
    sub->group(tr("help.label.Subcommands"));
}

std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  // Two edits catch a swapped pair of letters ("reprot") and a dropped or
  // doubled one; more than a third of the word is a different word.
  std::size_t best = std::min<std::size_t>(3, word.size() / 3 + 2);
  std::optional<std::string> found;
  for (const auto& c : candidates)
    if (const auto d = formats::edit_distance(word, c); d < best) {
      best = d;
      found = c;
    }
  return found;
}

namespace {

// The command whose options apply: the subcommand given, else h2h itself.
const CLI::App& command_of(const CLI::App& app) {
  for (const auto* sub : app.get_subcommands()) return *sub;
  return app;
}

std::vector<std::string> long_options(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* a = &command; a != nullptr; a = a->get_parent())
    for (const auto* opt : a->get_options())
      for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
  return names;
}

std::string unexpected(const CLI::App& app) {
  const CLI::App& command = command_of(app);
  std::vector<std::string> extras = command.remaining();
  if (&command != &app)
    for (const auto& e : app.remaining()) extras.push_back(e);
  if (extras.empty()) return {};
  // The first one explains the rest: a misspelled option's value follows it.
  std::string arg = extras.front();
  for (const auto& e : extras)
    if (e.starts_with("-")) {
      arg = e;
      break;
    }
  if (arg.starts_with("--")) {
    const std::string name = arg.substr(0, arg.find('='));
    if (auto hint = nearest(name, long_options(command)))
      return tr("cli.unknown_option_hint", fmt::arg("option", name), fmt::arg("hint", *hint));
    return tr("cli.unknown_option", fmt::arg("option", name));
  }
  if (arg.starts_with("-") && arg.size() > 1)
    return tr("cli.unknown_option", fmt::arg("option", arg));
  if (&command == &app) {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      names.push_back(sub->get_name());
    if (auto hint = nearest(arg, names))
      return tr("cli.unknown_command_hint", fmt::arg("command", arg), fmt::arg("hint", *hint));
    return tr("cli.unknown_command", fmt::arg("command", arg));
  }
  return tr("cli.unexpected", fmt::arg("argument", arg), fmt::arg("command", command.get_name()));
}

// CLI11's message after "NAME: " or the word before " requires " etc.
std::pair<std::string, std::string> split_at(const std::string& text, std::string_view sep) {
  const auto at = text.find(sep);
  if (at == std::string::npos) return {text, {}};
  return {text.substr(0, at), text.substr(at + sep.size())};
}

}  // namespace

std::string parse_error_text(const CLI::App& app, const CLI::ParseError& e) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    if (std::string text = unexpected(app); !text.empty()) return text;
  } else if (dynamic_cast<const CLI::RequiresError*>(&e) != nullptr) {
    const auto [option, other] = split_at(what, " requires ");
    return tr("cli.requires", fmt::arg("option", option), fmt::arg("other", other));
  } else if (dynamic_cast<const CLI::ExcludesError*>(&e) != nullptr) {
    const auto [option, other] = split_at(what, " excludes ");
    return tr("cli.excludes", fmt::arg("option", option), fmt::arg("other", other));
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    std::string option = split_at(what, ": ").first;
    if (what.starts_with("Expected ")) option = split_at(split_at(what, " to ").second, ",").first;
    return tr("cli.missing_value", fmt::arg("option", option));
  } else if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
    return tr("cli.required", fmt::arg("option", split_at(what, " is required").first));
  } else if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr ||
             dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) {
    const auto [option, detail] = split_at(what, ": ");
    // CLI::IsMember says "VALUE not in {a,b}".
    if (const auto [value, set] = split_at(detail, " not in "); !set.empty())
      return tr("cli.not_one_of", fmt::arg("option", option), fmt::arg("value", value),
                fmt::arg("choices", set.size() > 2 ? set.substr(1, set.size() - 2) : set));
    return tr("cli.bad_value", fmt::arg("option", option), fmt::arg("detail", detail));
  }
  return what;
}

}  // namespace h2h::cli
