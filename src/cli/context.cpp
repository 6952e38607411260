#include "cli/context.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "ui/terminal.hpp"

namespace h2h::cli {

render::Style Context::stdout_style() const {
  return ui::style_for(stdout, no_color);
}

void Context::out(std::string_view text) const {
  // A full disk or a closed file behind '>' must not pass for success.
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
    throw Error(ExitCode::failure,
                i18n::tr("output.stdout_failed", fmt::arg("reason", std::strerror(errno))));
}

void Context::err(std::string_view text) const {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

void add_format_option(CLI::App& app, std::string& format, std::vector<std::string> choices) {
  app.add_option("--format", format,
                 i18n::tr("help.format", fmt::arg("choices", fmt::join(choices, "|"))))
      ->check(CLI::IsMember(choices))
      ->capture_default_str();
}

}  // namespace h2h::cli
