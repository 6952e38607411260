#include <doctest/doctest.h>

#include "ui/terminal.hpp"

using h2h::ui::use_color;

TEST_CASE("colour only on a terminal, without NO_COLOR, TERM=dumb or --no-color") {
  CHECK(use_color(true, nullptr, "xterm-256color", false));
  CHECK(use_color(true, "", "xterm", false));  // empty NO_COLOR counts as unset
  CHECK_FALSE(use_color(false, nullptr, "xterm", false));
  CHECK_FALSE(use_color(true, "1", "xterm", false));
  CHECK_FALSE(use_color(true, nullptr, "dumb", false));
  CHECK_FALSE(use_color(true, nullptr, "xterm", true));
  CHECK(use_color(true, nullptr, nullptr, false));
}
