// Keys from a terminal in raw mode: the bytes of arrow keys (CSI and SS3
// forms, with or without modifiers), Enter, Esc, Backspace and typed
// characters, decoded one key at a time. Pure: bytes in, a key out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace h2h::ui {

struct Key {
  enum class Kind {
    none,  // not a whole key yet: wait for more bytes
    up,
    down,
    left,
    right,
    enter,
    escape,
    backspace,
    kill_line,     // Ctrl-U
    redraw,        // Ctrl-L
    end_of_input,  // Ctrl-D
    text,          // one printable character (UTF-8) in `text`
    ignored        // a key h2h does not use (function keys, other controls)
  };
  Kind kind = Kind::none;
  std::string text;
};

struct DecodedKey {
  Key key;
  std::size_t used = 0;  // bytes taken from the input; 0 with Kind::none
};

// Decodes the first key in `bytes`. A lone ESC (or the start of an escape
// sequence) is a key of its own only when `more_may_come` is false: the
// caller waits a moment for the rest of a sequence before saying so.
DecodedKey decode_key(std::string_view bytes, bool more_may_come);

}  // namespace h2h::ui
