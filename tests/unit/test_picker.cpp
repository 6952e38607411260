// The grid picker's pure parts: keys from bytes, the dot's moves, and the
// screen laid out for the terminal's size.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "i18n/i18n.hpp"
#include "render/picker_screen.hpp"
#include "ui/keys.hpp"
#include "ui/picker_model.hpp"
#include "ui/raw_mode.hpp"

using namespace h2h;
using ui::decode_key;
using ui::Key;
using ui::Picker;
using ui::PickerAction;
using ui::press;

namespace {

Key::Kind kind_of(std::string_view bytes, bool more = true) {
  return decode_key(bytes, more).key.kind;
}

Key text(const char* t) {
  return Key{Key::Kind::text, t};
}
Key key(Key::Kind k) {
  return Key{k, {}};
}

std::string plain(const std::string& s) {
  return std::regex_replace(s, std::regex("\x1b\\[[0-9;?]*[A-Za-z]"), "");
}

}  // namespace

TEST_CASE("keys: arrows in both forms, with modifiers, Enter, Esc, Backspace, text") {
  CHECK(kind_of("\x1b[A") == Key::Kind::up);
  CHECK(kind_of("\x1b[B") == Key::Kind::down);
  CHECK(kind_of("\x1b[C") == Key::Kind::right);
  CHECK(kind_of("\x1b[D") == Key::Kind::left);
  CHECK(kind_of("\x1bOA") == Key::Kind::up);        // application mode
  CHECK(kind_of("\x1b[1;5C") == Key::Kind::right);  // Ctrl+Right
  CHECK(decode_key("\x1b[1;5C", true).used == 6);
  CHECK(kind_of("\x1b[5~") == Key::Kind::ignored);  // Page Up: not used
  CHECK(decode_key("\x1b[5~x", true).used == 4);
  CHECK(kind_of("\r") == Key::Kind::enter);
  CHECK(kind_of("\n") == Key::Kind::enter);
  CHECK(decode_key("\r\n", true).used == 2);  // one Enter
  CHECK(kind_of("\x7f") == Key::Kind::backspace);
  CHECK(kind_of("\x08") == Key::Kind::backspace);
  CHECK(kind_of("\x15") == Key::Kind::kill_line);
  CHECK(kind_of("\x0c") == Key::Kind::redraw);
  CHECK(kind_of("\x04") == Key::Kind::end_of_input);
  CHECK(kind_of("\x01") == Key::Kind::ignored);
  const auto h = decode_key("hj", true);
  CHECK(h.key.kind == Key::Kind::text);
  CHECK(h.key.text == "h");
  CHECK(h.used == 1);
  const auto e = decode_key("é8", true);
  CHECK(e.key.text == "é");
  CHECK(e.used == 2);
}

TEST_CASE("keys: a lone ESC waits for the rest of a sequence, then is Esc") {
  CHECK(decode_key("\x1b", true).used == 0);  // more may come
  CHECK(decode_key("\x1b[", true).used == 0);
  CHECK(decode_key("\x1b[1;", true).used == 0);
  CHECK(kind_of("\x1b", false) == Key::Kind::escape);
  CHECK(decode_key("\x1b", false).used == 1);
  CHECK(kind_of("\x1b\x1b[A") == Key::Kind::escape);  // Esc, then an arrow
  CHECK(decode_key("\xc3", true).used == 0);          // half a character
  CHECK(kind_of("\xc3", false) == Key::Kind::ignored);
  CHECK(kind_of("\xff") == Key::Kind::ignored);  // not UTF-8
  CHECK(decode_key("", true).used == 0);
}

TEST_CASE("picker: no default answer; both values must be chosen") {
  Picker p;
  CHECK_FALSE(p.answer());
  CHECK(press(p, key(Key::Kind::enter)) == PickerAction::need_both);
  CHECK(press(p, key(Key::Kind::right)) == PickerAction::moved);
  CHECK(p.a_chosen);
  CHECK_FALSE(p.b_chosen);
  CHECK(press(p, key(Key::Kind::enter)) == PickerAction::need_both);
  CHECK(press(p, key(Key::Kind::down)) == PickerAction::moved);
  REQUIRE(p.answer());
  CHECK(*p.answer() == Point{6, 4});
  CHECK(press(p, key(Key::Kind::enter)) == PickerAction::record);
  // The middle itself is an answer once the dot was moved there.
  Picker q;
  press(q, text("l"));
  press(q, text("h"));
  press(q, text("k"));
  press(q, text("j"));
  CHECK(*q.answer() == Point{5, 5});
}

TEST_CASE("picker: hjkl move like the arrows, and the dot stays on the grid") {
  Picker p;
  for (int i = 0; i < 20; ++i) press(p, text("l"));
  for (int i = 0; i < 20; ++i) press(p, text("k"));
  CHECK(*p.answer() == Point{10, 10});
  for (int i = 0; i < 20; ++i) press(p, text("h"));
  for (int i = 0; i < 20; ++i) press(p, key(Key::Kind::down));
  CHECK(*p.answer() == Point{0, 0});
  press(p, key(Key::Kind::up));
  CHECK(p.dot == Point{0, 1});
}

TEST_CASE("picker: Esc and ? leave for the line prompt; Ctrl-D ends") {
  Picker p;
  CHECK(press(p, key(Key::Kind::escape)) == PickerAction::fallback);
  CHECK(press(p, text("?")) == PickerAction::help);
  CHECK(press(p, key(Key::Kind::end_of_input)) == PickerAction::end);
  CHECK(press(p, key(Key::Kind::redraw)) == PickerAction::redraw);
  CHECK(press(p, text(" ")) == PickerAction::none);
}

TEST_CASE("picker: digits and words start a typed line, kept whole") {
  Picker p;
  press(p, key(Key::Kind::right));  // a move first does not matter
  CHECK(press(p, text("8")) == PickerAction::typed);
  CHECK(p.typed == "8");
  // Now h j k l and ? are text, and arrows do nothing.
  for (const char* c : {" ", "3", "h", "?"}) press(p, text(c));
  CHECK(p.typed == "8 3h?");
  CHECK(press(p, key(Key::Kind::left)) == PickerAction::none);
  CHECK(press(p, key(Key::Kind::backspace)) == PickerAction::typed);
  press(p, key(Key::Kind::backspace));
  CHECK(p.typed == "8 3");
  CHECK(press(p, key(Key::Kind::enter)) == PickerAction::submit);
  // Backspace rubs out whole characters; Esc clears the line, back to the dot.
  Picker q;
  press(q, text("n"));
  press(q, text("é"));
  press(q, key(Key::Kind::backspace));
  CHECK(q.typed == "n");
  press(q, key(Key::Kind::escape));
  CHECK(q.typed.empty());
  CHECK(press(q, text("l")) == PickerAction::moved);
  press(q, text("q"));
  press(q, key(Key::Kind::kill_line));
  CHECK(q.typed.empty());
}

namespace {

render::PickerView view() {
  render::PickerView v;
  v.heading = "Deelnemer12's turn";
  v.title =
      "3/5  A title that is rather long for one line of a terminal, to see it cut at the edge";
  v.question = std::string(400, 'q');
  for (std::size_t i = 40; i < v.question.size(); i += 41) v.question[i] = ' ';
  v.pole_a = "Expand fast into every market there is, wherever it leads us in the end";
  v.pole_b = "Strong local impact";
  v.upsides_a = "+ New opportunities, roles and challenges; more of everything; and more";
  v.upsides_b = "+ Close relationships with customers, partners and the neighbourhood";
  v.prompt = "Deelnemer12, A and B: ";
  return v;
}

}  // namespace

TEST_CASE("picker screen: fits 80x24 with title, both poles and the prompt; larger cells above") {
  i18n::set_language(i18n::Lang::en);
  CHECK(render::picker_cell(80, 24)->width == 3);
  CHECK(render::picker_cell(80, 24)->height == 1);
  CHECK(render::picker_cell(120, 40)->width == 5);
  CHECK(render::picker_cell(120, 40)->height == 2);
  CHECK(render::picker_cell(200, 60)->width == 7);
  CHECK_FALSE(render::picker_cell(60, 24));  // too narrow: the line prompt
  CHECK_FALSE(render::picker_cell(80, 18));  // too low

  for (const auto& size : {std::pair<std::size_t, std::size_t>{80, 24}, {120, 40}, {200, 60}}) {
    const std::size_t cols = size.first, rows = size.second;  // CAPTURE: no bindings
    for (const auto lang : {i18n::Lang::en, i18n::Lang::nl})
      for (const auto& style : {render::Style::plain(), render::Style::colored()}) {
        i18n::set_language(lang);
        const auto lines = render::picker_screen(view(), cols, rows, style);
        CAPTURE(cols);
        CAPTURE(rows);
        REQUIRE(!lines.empty());
        CHECK(lines.size() <= rows);
        for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
          CAPTURE(lines[i]);
          CHECK(utf8::length(plain(lines[i])) < cols);
        }
        std::string all;
        for (const auto& l : lines) all += plain(l) + "\n";
        CHECK(all.find("Deelnemer12's turn") == 0);
        CHECK(all.find("3/5  A title") != std::string::npos);
        CAPTURE(all);
        CHECK(std::regex_search(all, std::regex("A +Expand fast")));
        CHECK(std::regex_search(all, std::regex("B +Strong local impact")));
        CHECK(plain(lines.back()) == "Deelnemer12, A and B: ");
        CHECK(all.find("○") != std::string::npos);  // the dot, not chosen yet
        CHECK(all.find(" 10 |") != std::string::npos);
      }
  }
  i18n::set_language(i18n::Lang::en);
}

TEST_CASE("picker screen: the dot, the numbers and the zone from zone_of") {
  i18n::set_language(i18n::Lang::en);
  auto v = view();
  v.dot = {8, 9};
  v.a_chosen = true;
  const auto half = render::picker_screen(v, 80, 24, render::Style::plain());
  std::string all;
  for (const auto& l : half) all += l + "\n";
  CHECK(all.find("A 8   B –") != std::string::npos);
  CHECK(all.find("not chosen yet") != std::string::npos);
  v.b_chosen = true;
  all.clear();
  for (const auto& l : render::picker_screen(v, 80, 24, render::Style::plain())) all += l + "\n";
  CHECK(all.find("A 8   B 9") != std::string::npos);
  CHECK(all.find("EN EN") != std::string::npos);
  // The row of B = 9: the dot in column A = 8, EN EN shading around it.
  const auto row = all.find("  9 |");
  REQUIRE(row != std::string::npos);
  const std::string line = all.substr(row, all.find('\n', row) - row);
  CHECK(line.find("  + [●] +  +") != std::string::npos);
  v.dot = {5, 5};
  all.clear();
  for (const auto& l : render::picker_screen(v, 80, 24, render::Style::plain())) all += l + "\n";
  CHECK(all.find("compromise") != std::string::npos);
  v.typed = "8 3";
  v.notice = "Type two numbers";
  const auto typed = render::picker_screen(v, 80, 24, render::Style::plain());
  CHECK(typed.back() == "Deelnemer12, A and B: 8 3");
  CHECK(typed[typed.size() - 2] == "Type two numbers");
}

namespace {

// A pseudo-terminal's two ends; the guard works on the terminal end.
struct Pty {
  int main = -1, term = -1;
  Pty() {
    main = posix_openpt(O_RDWR | O_NOCTTY);
    if (main >= 0 && grantpt(main) == 0 && unlockpt(main) == 0)
      term = open(ptsname(main), O_RDWR | O_NOCTTY);
  }
  ~Pty() {
    if (term >= 0) close(term);
    if (main >= 0) close(main);
  }
  termios attrs() const {
    termios t{};
    tcgetattr(term, &t);
    return t;
  }
};

bool same(const termios& x, const termios& y) {
  return x.c_iflag == y.c_iflag && x.c_oflag == y.c_oflag && x.c_cflag == y.c_cflag &&
         x.c_lflag == y.c_lflag && std::equal(std::begin(x.c_cc), std::end(x.c_cc), y.c_cc);
}

}  // namespace

TEST_CASE(
    "raw mode: keys one by one while it lives; the terminal as it was after, also when an "
    "error unwinds") {
  Pty pty;
  REQUIRE(pty.term >= 0);
  const termios before = pty.attrs();
  REQUIRE((before.c_lflag & ICANON) != 0);
  {
    ui::RawMode raw(pty.term);
    REQUIRE(raw.active());
    CHECK((pty.attrs().c_lflag & (ICANON | ECHO)) == 0);
    CHECK((pty.attrs().c_lflag & ISIG) != 0);  // Ctrl-C and Ctrl-Z still signal
    ui::RawMode second(pty.term);              // one at a time: the second changes nothing
    CHECK_FALSE(second.active());
  }
  CHECK(same(pty.attrs(), before));
  try {
    ui::RawMode raw(pty.term);
    CHECK((pty.attrs().c_lflag & ICANON) == 0);
    throw std::runtime_error("on its way to an error message");
  } catch (const std::runtime_error&) {
    CHECK(same(pty.attrs(), before));
  }
  ui::RawMode not_a_terminal(-1);
  CHECK_FALSE(not_a_terminal.active());
}
