// The colours and emphasis of terminal text. Chosen once (ui/terminal.cpp
// decides whether colour is on); an empty style prints no escape codes.
#pragma once

#include <fmt/color.h>

namespace h2h::render {

struct Style {
  fmt::text_style heading;
  fmt::text_style label;
  fmt::text_style dim;
  fmt::text_style good;
  fmt::text_style bad;
  fmt::text_style pole_a;
  fmt::text_style pole_b;
  // The both-and grid picker: its zones shaded, and the dot.
  fmt::text_style shade_enen;
  fmt::text_style shade_compromise;
  fmt::text_style shade_a;
  fmt::text_style shade_b;
  fmt::text_style dot;

  static Style plain() { return {}; }
  static Style colored() {
    return {fmt::emphasis::bold,
            fmt::emphasis::bold,
            fmt::fg(fmt::terminal_color::bright_black),
            fmt::fg(fmt::terminal_color::green),
            fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold,
            fmt::fg(fmt::terminal_color::cyan),
            fmt::fg(fmt::terminal_color::magenta),
            fmt::bg(fmt::terminal_color::green) | fmt::fg(fmt::terminal_color::black),
            fmt::bg(fmt::terminal_color::yellow) | fmt::fg(fmt::terminal_color::black),
            fmt::bg(fmt::terminal_color::cyan) | fmt::fg(fmt::terminal_color::black),
            fmt::bg(fmt::terminal_color::magenta) | fmt::fg(fmt::terminal_color::black),
            fmt::bg(fmt::terminal_color::bright_white) | fmt::fg(fmt::terminal_color::black) |
                fmt::emphasis::bold};
  }
};

}  // namespace h2h::render
