// What h2h knows about the terminal: whether a stream is one, and whether
// to colour it. Colour is decided here and nowhere else.
#pragma once

#include <cstdio>

#include "render/style.hpp"

namespace h2h::ui {

// Clears the screen and its scrollback, cursor to the top left.
inline constexpr const char* kClearScreen = "\x1b[H\x1b[2J\x1b[3J";

bool is_terminal(std::FILE* stream);

// Colour only when the stream is a terminal, NO_COLOR is unset or empty,
// TERM is not "dumb", and --no-color was not given.
bool use_color(bool is_tty, const char* no_color_env, const char* term_env, bool no_color_flag);
bool use_color(std::FILE* stream, bool no_color_flag);

render::Style style_for(std::FILE* stream, bool no_color_flag);

}  // namespace h2h::ui
