#include "ui/picker_model.hpp"

#include <algorithm>

namespace h2h::ui {

namespace {

PickerAction move(Picker& p, int da, int db) {
  if (da != 0) {
    p.dot.a = std::clamp(p.dot.a + da, kAnswerMin, kAnswerMax);
    p.a_chosen = true;
  }
  if (db != 0) {
    p.dot.b = std::clamp(p.dot.b + db, kAnswerMin, kAnswerMax);
    p.b_chosen = true;
  }
  return PickerAction::moved;
}

// Removes the last UTF-8 character of `s`.
void erase_last(std::string& s) {
  while (!s.empty()) {
    const auto c = static_cast<unsigned char>(s.back());
    s.pop_back();
    if ((c & 0xC0) != 0x80) break;  // not a continuation byte: the character's start
  }
}

PickerAction press_typing(Picker& p, const Key& k) {
  using K = Key::Kind;
  switch (k.kind) {
    case K::text:
      p.typed += k.text;
      return PickerAction::typed;
    case K::backspace:
      erase_last(p.typed);
      return PickerAction::typed;
    case K::kill_line:
    case K::escape:  // back to the dot
      p.typed.clear();
      return PickerAction::typed;
    case K::enter:
      return PickerAction::submit;
    case K::redraw:
      return PickerAction::redraw;
    default:
      return PickerAction::none;
  }
}

}  // namespace

PickerAction press(Picker& p, const Key& k) {
  using K = Key::Kind;
  if (!p.typed.empty()) return press_typing(p, k);
  switch (k.kind) {
    case K::left:
      return move(p, -1, 0);
    case K::right:
      return move(p, 1, 0);
    case K::up:
      return move(p, 0, 1);
    case K::down:
      return move(p, 0, -1);
    case K::enter:
      return p.answer() ? PickerAction::record : PickerAction::need_both;
    case K::escape:
      return PickerAction::fallback;
    case K::redraw:
      return PickerAction::redraw;
    case K::end_of_input:
      return PickerAction::end;
    case K::text:
      if (k.text == "h") return move(p, -1, 0);
      if (k.text == "l") return move(p, 1, 0);
      if (k.text == "k") return move(p, 0, 1);
      if (k.text == "j") return move(p, 0, -1);
      if (k.text == "?") return PickerAction::help;
      if (k.text == " ") return PickerAction::none;  // a line does not start with a blank
      p.typed = k.text;
      return PickerAction::typed;
    default:
      return PickerAction::none;
  }
}

}  // namespace h2h::ui
