#include "cli/app.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <new>
#include <string_view>

#include "cli/commands.hpp"
#include "cli/parse_errors.hpp"
#include "core/error.hpp"
#include "core/exit_code.hpp"
#include "render/safe_text.hpp"

#ifndef H2H_VERSION
#define H2H_VERSION "unknown"
#endif

namespace h2h::cli {

namespace {

// The language must be known before the help texts are built, so --lang is
// looked for ahead of the real parse (which then checks it).
std::optional<i18n::Lang> language_from_args(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    std::string_view value;
    if (arg == "--lang" && i + 1 < argc)
      value = argv[i + 1];
    else if (arg.starts_with("--lang="))
      value = arg.substr(7);
    else
      continue;
    if (auto lang = i18n::parse_lang(value)) return *lang;
  }
  return std::nullopt;
}

void print_problems(const Context& ctx, const std::vector<Problem>& problems) {
  // Messages quote file names, headers and cell values: whatever control
  // characters those hold are shown, never sent to the terminal.
  std::string text;
  for (const auto& p : problems) text += render::visible(format_problem(p)) + "\n";
  ctx.err(text);
}

int run(int argc, const char* const* argv, Context& ctx) {
  const auto given = language_from_args(argc, argv);
  const i18n::Lang lang = given.value_or(i18n::lang_from_environment());
  ctx.lang_explicit = given.has_value();
  i18n::set_language(lang);
  ctx.lang = std::string(i18n::code(lang));

  CLI::App app(i18n::tr("help.app"), "h2h");
  translate_help(app);
  app.footer(i18n::tr("help.app.footer"));
  app.set_version_flag("--version", std::string("h2h ") + H2H_VERSION, i18n::tr("help.version"));
  app.set_help_flag("-h,--help", i18n::tr("help.help"));
  app.fallthrough();
  app.require_subcommand(0, 1);
  std::string lang_option = ctx.lang;
  app.add_option("--lang", lang_option, i18n::tr("help.lang"))
      ->check(CLI::IsMember({"nl", "en"}))
      ->option_text("nl|en");
  app.add_flag("--no-color", ctx.no_color, i18n::tr("help.no_color"));

  std::vector<Command> commands;
  for (const auto& entry : kCommands) {
    Command c = entry.add(app, ctx);
    c.app->set_help_flag("-h,--help", i18n::tr("help.help"));
    commands.push_back(std::move(c));
  }
  translate_subcommand_group(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version
      app.exit(e);
      return to_int(ExitCode::ok);
    }
    ctx.err(fmt::format("h2h: error: {}\n{}\n", parse_error_text(app, e), i18n::tr("usage.hint")));
    return to_int(ExitCode::usage);
  }

  for (const auto& c : commands)
    if (c.app->parsed()) return c.run();
  ctx.out(app.help());
  return to_int(ExitCode::ok);
}

// Whatever a command printed (its own output, CLI11's help, a session's
// screens) reached standard output, or the exit code says it did not.
int check_stdout(const Context& ctx, int code) {
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int err = errno;
  if (flushed && !std::ferror(stdout)) return code;
  ctx.err(fmt::format("h2h: error: {}\n",
                      err != 0
                          ? i18n::tr("output.stdout_failed", fmt::arg("reason", std::strerror(err)))
                          : i18n::tr("output.stdout_incomplete")));
  return code == 0 ? to_int(ExitCode::failure) : code;
}

}  // namespace

int run_app(int argc, const char* const* argv) {
  // A file size limit (ulimit -f) makes writes fail with an error h2h
  // reports, instead of killing it before it can say what was not saved.
  std::signal(SIGXFSZ, SIG_IGN);
  Context ctx;
  try {
    return check_stdout(ctx, run(argc, argv, ctx));
  } catch (const Error& e) {
    print_problems(ctx, e.problems());
    return to_int(e.code());
  } catch (const std::bad_alloc&) {
    ctx.err("h2h: error: out of memory\n");
    return to_int(ExitCode::failure);
  } catch (const std::exception& e) {
    ctx.err(fmt::format("h2h: error: {}\n", e.what()));
    return to_int(ExitCode::failure);
  }
}

}  // namespace h2h::cli
