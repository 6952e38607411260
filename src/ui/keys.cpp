#include "ui/keys.hpp"

#include "core/utf8.hpp"

namespace h2h::ui {

namespace {

DecodedKey key(Key::Kind kind, std::size_t used) {
  return {Key{kind, {}}, used};
}

Key::Kind arrow(char final) {
  switch (final) {
    case 'A':
      return Key::Kind::up;
    case 'B':
      return Key::Kind::down;
    case 'C':
      return Key::Kind::right;
    case 'D':
      return Key::Kind::left;
    default:
      return Key::Kind::ignored;
  }
}

// An escape sequence at the start of `bytes` (which starts with ESC).
DecodedKey escape_sequence(std::string_view bytes, bool more_may_come) {
  if (bytes.size() == 1) return more_may_come ? DecodedKey{} : key(Key::Kind::escape, 1);
  const char second = bytes[1];
  if (second == 'O') {  // SS3: arrows in application mode
    if (bytes.size() == 2) return more_may_come ? DecodedKey{} : key(Key::Kind::escape, 1);
    return key(arrow(bytes[2]), 3);
  }
  if (second == '[') {  // CSI: parameters, then one final byte 0x40..0x7e
    std::size_t i = 2;
    while (i < bytes.size() && static_cast<unsigned char>(bytes[i]) >= 0x20 &&
           static_cast<unsigned char>(bytes[i]) <= 0x3f)
      ++i;
    if (i == bytes.size()) return more_may_come ? DecodedKey{} : key(Key::Kind::ignored, i);
    const auto final = static_cast<unsigned char>(bytes[i]);
    if (final < 0x40 || final > 0x7e) return key(Key::Kind::ignored, i);  // broken: drop it
    return key(arrow(static_cast<char>(final)), i + 1);
  }
  if (second == '\x1b') return key(Key::Kind::escape, 1);  // Esc pressed twice
  // Alt+key arrives as ESC and the key: Esc, then the key on its own.
  return key(Key::Kind::escape, 1);
}

}  // namespace

DecodedKey decode_key(std::string_view bytes, bool more_may_come) {
  if (bytes.empty()) return {};
  const auto c = static_cast<unsigned char>(bytes[0]);
  if (c == 0x1b) return escape_sequence(bytes, more_may_come);
  if (c == '\r' || c == '\n') {
    // CR LF from a terminal that sends both is one Enter.
    const std::size_t used = c == '\r' && bytes.size() > 1 && bytes[1] == '\n' ? 2 : 1;
    return key(Key::Kind::enter, used);
  }
  if (c == 0x7f || c == 0x08) return key(Key::Kind::backspace, 1);
  if (c == 0x15) return key(Key::Kind::kill_line, 1);
  if (c == 0x0c) return key(Key::Kind::redraw, 1);
  if (c == 0x04) return key(Key::Kind::end_of_input, 1);
  if (c < 0x20) return key(Key::Kind::ignored, 1);
  if (c < 0x80) return {Key{Key::Kind::text, std::string(1, static_cast<char>(c))}, 1};
  // A UTF-8 character: all of its bytes, or wait for the rest.
  const std::size_t expected = c >= 0xC2 && c <= 0xDF   ? 2
                               : c >= 0xE0 && c <= 0xEF ? 3
                               : c >= 0xF0 && c <= 0xF4 ? 4
                                                        : 0;
  if (expected == 0) return key(Key::Kind::ignored, 1);
  if (bytes.size() < expected && more_may_come) return {};
  const std::size_t len = utf8::sequence_length(bytes, 0);
  if (len == 0) return key(Key::Kind::ignored, 1);  // not UTF-8
  return {Key{Key::Kind::text, std::string(bytes.substr(0, len))}, len};
}

}  // namespace h2h::ui
