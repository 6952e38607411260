#include "ui/grid_picker.hpp"

#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>

#include "core/utf8.hpp"
#include "ui/keys.hpp"
#include "ui/raw_mode.hpp"
#include "ui/terminal.hpp"

namespace h2h::ui {

namespace {

// How long the rest of an escape sequence may take to arrive before a lone
// ESC counts as the Esc key.
constexpr int kEscapeWaitMs = 80;
constexpr int kSignalCheckMs = 250;

void write_out(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fflush(stdout);
}

// The screen: cleared first, or drawn over from the top.
bool draw(const PickerRun& run, const Picker& p, bool clear, const std::string& notice) {
  const TerminalSize size = terminal_size(STDOUT_FILENO);
  render::PickerView v = run.view(p);
  v.dot = p.dot;
  v.a_chosen = p.a_chosen;
  v.b_chosen = p.b_chosen;
  v.typed = p.typed;
  if (!notice.empty()) v.notice = notice;
  const auto lines = render::picker_screen(v, size.cols, size.rows, run.style);
  if (lines.empty()) return false;
  std::string out = clear ? kClearScreen : "\x1b[H";
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) out += lines[i] + "\x1b[K\n";
  // The prompt last, after clearing what is below: the cursor stays after it.
  out += "\x1b[J" + lines.back();
  write_out(out);
  return true;
}

// What is typed after the prompt changed from `shown` to `now`: rub out the
// characters that went, write the ones that came.
void echo(const std::string& shown, const std::string& now) {
  std::size_t common = 0;
  while (common < shown.size() && common < now.size() && shown[common] == now[common]) ++common;
  while (common > 0 && common < shown.size() &&
         (static_cast<unsigned char>(shown[common]) & 0xC0) == 0x80)
    --common;  // not inside a character
  std::string out;
  for (std::size_t i = 0; i < utf8::length(shown.substr(common)); ++i) out += "\b \b";
  out += now.substr(common);
  write_out(out);
}

}  // namespace

TerminalSize terminal_size(int fd) {
  winsize ws{};
  if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0)
    return {ws.ws_col, ws.ws_row};
  return {};
}

PickerResult run_picker(const PickerRun& run, LineReader& in) {
  using Kind = PickerResult::Kind;
  const TerminalSize size = terminal_size(STDOUT_FILENO);
  if (!render::picker_cell(size.cols, size.rows)) return {Kind::no_room, {}, {}};
  RawMode raw(in.fd());
  if (!raw.active()) return {Kind::no_room, {}, {}};
  Picker p;
  std::string notice;
  std::string pending = in.take_buffered();  // typed ahead at an earlier prompt
  bool eof = in.at_end();
  // Leaves with the bytes not taken given back to the line reader.
  auto leave = [&](Kind kind) {
    in.unread(pending);
    return PickerResult{kind, p.answer().value_or(Point{}), p.typed};
  };
  if (!draw(run, p, true, notice)) return leave(Kind::no_room);
  std::chrono::seconds shown_left{-1};
  if (run.deadline)
    shown_left = std::chrono::ceil<std::chrono::seconds>(*run.deadline - LineReader::Clock::now());
  while (true) {
    if (pending_signal() != 0) return leave(Kind::interrupted);
    if (take_redraw_request() && !draw(run, p, true, notice)) return leave(Kind::no_room);
    // Every whole key that has arrived.
    bool dirty = false;
    while (!pending.empty()) {
      const DecodedKey d = decode_key(pending, true);
      if (d.used == 0) break;
      pending.erase(0, d.used);
      const std::string typed_before = p.typed;
      switch (press(p, d.key)) {
        case PickerAction::none:
          break;
        case PickerAction::moved:
          notice.clear();
          dirty = true;
          break;
        case PickerAction::need_both:
          notice = run.need_both;
          dirty = true;
          break;
        case PickerAction::redraw:
          if (!draw(run, p, true, notice)) return leave(Kind::no_room);
          break;
        case PickerAction::typed:
          if (dirty) {
            if (!draw(run, p, false, notice)) return leave(Kind::no_room);
            dirty = false;
          } else {
            echo(typed_before, p.typed);
          }
          break;
        case PickerAction::record: {
          const Point a = *p.answer();
          // As if typed: the two numbers after the prompt, then a new line.
          if (dirty) draw(run, p, false, notice);
          write_out(std::to_string(a.a) + " " + std::to_string(a.b) + "\r\n");
          return leave(Kind::answer);
        }
        case PickerAction::submit:
          write_out("\r\n");
          return leave(Kind::line);
        case PickerAction::fallback:
          return leave(Kind::fallback);
        case PickerAction::help:
          return leave(Kind::help);
        case PickerAction::end:
          return leave(Kind::end);
      }
    }
    if (dirty && !draw(run, p, false, notice)) return leave(Kind::no_room);
    if (eof) {
      // End of input: a last incomplete key counts as it is, then the end.
      if (!pending.empty()) {
        const DecodedKey d = decode_key(pending, false);
        pending.erase(0, std::max<std::size_t>(d.used, 1));
        continue;
      }
      return leave(Kind::end);
    }

    // Wait for a key, the rest of an escape sequence, the next second of a
    // countdown, or the deadline.
    const auto now = LineReader::Clock::now();
    if (run.deadline && now >= *run.deadline) return leave(Kind::timeout);
    // A signal that comes between the check at the top and poll() would not
    // interrupt it: poll() wakes now and then to look again.
    int timeout_ms = pending.empty() ? kSignalCheckMs : kEscapeWaitMs;
    if (run.deadline) {
      auto wake = *run.deadline;
      if (run.ticking) {
        const auto left = *run.deadline - now;
        const auto whole = std::chrono::floor<std::chrono::seconds>(left);
        wake = *run.deadline - (whole == left ? whole - std::chrono::seconds(1) : whole);
      }
      const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wake - now).count();
      const int until = static_cast<int>(std::clamp<long long>(ms, 1, 60'000));
      timeout_ms = std::min(timeout_ms, until);
    }
    pollfd pfd{in.fd(), POLLIN, 0};
    const int ready = ::poll(&pfd, 1, timeout_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;  // a signal: checked at the top
      eof = true;
      continue;
    }
    if (ready == 0) {
      if (!pending.empty()) {
        // No more bytes came: a lone ESC is the Esc key.
        const DecodedKey d = decode_key(pending, false);
        pending.erase(0, d.used);
        const std::string typed_before = p.typed;
        switch (press(p, d.key)) {
          case PickerAction::fallback:
            return leave(Kind::fallback);
          case PickerAction::typed:
            echo(typed_before, p.typed);
            break;
          default:
            break;
        }
        continue;
      }
      if (run.ticking && run.deadline) {  // the time left, when its second changed
        const auto left =
            std::chrono::ceil<std::chrono::seconds>(*run.deadline - LineReader::Clock::now());
        if (left.count() > 0 && left != shown_left) {
          shown_left = left;
          if (!draw(run, p, false, notice)) return leave(Kind::no_room);
        }
      }
      continue;
    }
    char chunk[1024];
    const ssize_t n = ::read(in.fd(), chunk, sizeof chunk);
    if (n < 0) {
      if (errno != EINTR && errno != EAGAIN) eof = true;
    } else if (n == 0) {
      eof = true;
    } else {
      pending.append(chunk, static_cast<std::size_t>(n));
    }
  }
}

}  // namespace h2h::ui
