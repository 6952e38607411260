#include "ui/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

namespace h2h::ui {

bool is_terminal(std::FILE* stream) {
  return isatty(fileno(stream)) == 1;
}

bool use_color(bool is_tty, const char* no_color_env, const char* term_env, bool no_color_flag) {
  if (!is_tty || no_color_flag) return false;
  if (no_color_env != nullptr && *no_color_env != '\0') return false;
  if (term_env != nullptr && std::string_view(term_env) == "dumb") return false;
  return true;
}

bool use_color(std::FILE* stream, bool no_color_flag) {
  return use_color(is_terminal(stream), std::getenv("NO_COLOR"), std::getenv("TERM"),
                   no_color_flag);
}

render::Style style_for(std::FILE* stream, bool no_color_flag) {
  return use_color(stream, no_color_flag) ? render::Style::colored() : render::Style::plain();
}

}  // namespace h2h::ui
