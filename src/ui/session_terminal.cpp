#include "ui/session_terminal.hpp"

#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <utility>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "formats/session_yaml.hpp"
#include "i18n/i18n.hpp"
#include "live/session.hpp"
#include "render/layout.hpp"
#include "render/safe_text.hpp"
#include "render/session_text.hpp"
#include "ui/clock.hpp"
#include "ui/commands.hpp"
#include "ui/grid_picker.hpp"
#include "ui/terminal.hpp"

namespace h2h::ui {

using i18n::tr;
using session::Event;
using session::Position;
using Kind = Position::Kind;

namespace {

// Colour and cursor codes, to measure and quote text without them.
const std::regex& escape_codes() {
  static const std::regex codes("\x1b\\[[0-9;?]*[A-Za-z]");
  return codes;
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

class Driver {
 public:
  Driver(session::State& state, const Deck& deck, SessionIO& io, LineReader& in)
      : live_(state, now_utc), s_(state), deck_(deck), io_(io), in_(in) {}

  SessionEnd run() {
    if (team() && io_.interactive) say(kClearScreen);
    say(render::session_opening(deck_, s_.record, style()) + "\n");
    save();
    // In a team the introduction is read together before the first turn
    // clears it.
    if (team() && io_.interactive && io_.hand_over)
      wait_for_enter(tr("run.press_enter_start"));
    else if (io_.full_screen)  // solo: the grid's screen would clear it at once
      wait_for_enter(tr("run.press_enter_start_solo"));
    while (true) {
      const Position at = session::position(s_);
      if (at.kind == Kind::done) break;
      if (at.kind == Kind::discuss && !shown_reveal_) {
        show_reveal(at.dilemma);
        continue;
      }
      if (at.kind == Kind::discuss && !io_.interactive) {
        apply(Event::of(Event::Kind::next, now_utc()));  // piped input: reveals take no line
        continue;
      }
      if (use_picker(at)) {
        introduce(at, true);
        if (const auto end = pick(at)) return finish(*end);
        if (quit_) return finish(Outcome::quit);
        continue;
      }
      introduce(at);
      std::string line;
      LineReader::Status status = LineReader::Status::line;
      if (waiting_line_)
        line = std::exchange(*waiting_line_, std::string()), waiting_line_.reset();
      else
        status = read_counting_down(at, line);
      if (status == LineReader::Status::timeout) {
        time_up_announced_ = current_dilemma_;
        say(paint(style().bad, tr("run.time_up", fmt::arg("time", clock(io_timebox())))) + "\n");
        continue;
      }
      if (status == LineReader::Status::end) return finish(Outcome::end_of_input);
      if (status == LineReader::Status::interrupted) return finish(Outcome::interrupted);
      handle(at, line);
      if (quit_) return finish(Outcome::quit);
    }
    if (s_.record.finished.empty()) {  // resumed a session whose last dilemma was closed
      live_.close();
      save();
    }
    const std::string summary = render::session_summary(
        deck_, s_.record, io_.interactive ? style() : render::Style::plain());
    if (io_.full_screen)
      page(summary, 2);  // room for the line that says where it was saved
    else
      result(summary);
    return finish(Outcome::done);
  }

 private:
  const render::Style& style() const { return io_.style; }
  std::string paint(fmt::text_style ts, std::string_view text) const {
    return fmt::format(ts, "{}", text);
  }
  int io_timebox() const { return s_.record.timebox_seconds; }

  // Conversation goes to the terminal; with piped input, to standard error,
  // so that standard output carries only the reveals and the summary.
  void say(std::string_view text) {
    if (collecting_) notice_ += text;
    std::FILE* to = io_.interactive ? stdout : stderr;
    std::fwrite(text.data(), 1, text.size(), to);
    std::fflush(to);
  }
  void result(std::string_view text) const {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  }

  const std::string& name_of(std::size_t p) const { return s_.record.participants.at(p).name; }
  const Dilemma& dilemma_at(std::size_t d) const {
    return *deck_.find_dilemma(s_.record.dilemmas.at(d));
  }
  bool team() const { return s_.record.mode == session::Mode::team; }

  static std::string clock(int seconds) {
    return fmt::format("{}:{:02}", std::max(seconds, 0) / 60, std::max(seconds, 0) % 60);
  }

  std::optional<LineReader::Clock::time_point> deadline(const Position& at) const {
    if (io_timebox() <= 0 || (at.kind != Kind::answer && at.kind != Kind::idea))
      return std::nullopt;
    if (time_up_announced_ == current_dilemma_) return std::nullopt;
    return dilemma_started_ + std::chrono::seconds(io_timebox());
  }

  std::string time_left() const {
    if (io_timebox() <= 0 || current_dilemma_ == kNone) return {};
    const auto left = std::chrono::ceil<std::chrono::seconds>(
        dilemma_started_ + std::chrono::seconds(io_timebox()) - LineReader::Clock::now());
    if (left.count() <= 0) return " " + tr("run.time_over");
    // The minutes keep their width, so the countdown redrawn in place
    // never leaves a stray character behind.
    const std::size_t width = std::to_string(io_timebox() / 60).size();
    std::string time = clock(static_cast<int>(left.count()));
    time.insert(0, width + 3 > time.size() ? width + 3 - time.size() : 0, ' ');
    return " " + tr("run.time_left", fmt::arg("time", time));
  }

  // Reads the next line; on a terminal, the time left in the answer prompt
  // counts down every second meanwhile, redrawn in place (the cursor and
  // whatever is typed stay where they are).
  LineReader::Status read_counting_down(const Position& at, std::string& line) {
    const auto until = deadline(at);
    const char* term = std::getenv("TERM");
    const bool ticking = until && io_.interactive && at.kind == Kind::answer &&
                         clock_column_ != kNone && !(term && std::string_view(term) == "dumb");
    while (true) {
      auto wake = until;
      if (ticking) {
        // Wake when the shown time changes: at the next whole second before
        // the deadline, so a late wake-up never skips a second.
        const auto left = *until - LineReader::Clock::now();
        const auto whole = std::chrono::floor<std::chrono::seconds>(left);
        wake = *until - (whole == left ? whole - std::chrono::seconds(1) : whole);
      }
      const auto status = in_.read(line, wake, limits::kInputLine);
      if (status != LineReader::Status::timeout || !ticking || LineReader::Clock::now() >= *until)
        return status;
      const std::string left = time_left();
      say(fmt::format(
          "\x1b"
          "7\r{}{}\x1b"
          "8",
          clock_column_ > 0 ? fmt::format("\x1b[{}C", clock_column_) : "", left.substr(1)));
    }
  }

  // Shows what the next input is about, once per participant and item.
  // For the grid picker (`picker`), only the hand-over: the picker's screen
  // shows the dilemma and the prompt.
  void introduce(const Position& at, bool picker = false) {
    const bool same_slot =
        at.dilemma == last_.dilemma && at.participant == last_.participant &&
        (at.kind == last_.kind || (at.kind == Kind::idea && last_.kind == Kind::answer));
    if (!same_slot) notice_.clear();
    if (!same_slot && at.kind == Kind::checkin &&
        (last_.kind != Kind::checkin || last_.participant != at.participant)) {
      private_turn(at.participant);
      say(render::wrap_indented(tr(!team()               ? "run.checkin_intro_solo"
                                   : s_.record.anonymous ? "run.checkin_intro_anonymous"
                                                         : "run.checkin_intro"),
                                render::kWidth, "") +
          "\n\n");
    }
    if (at.kind == Kind::outcome && then_shown_ != at.dilemma) {
      // A follow-up opens the dilemma with where the team stood then, and
      // asks about the earlier action steps before anyone answers.
      new_dilemma(at.dilemma);
      say(card(at.dilemma) + "\n");
      say(render::then_text(deck_, s_.record, at.dilemma, style()) + "\n");
      then_shown_ = at.dilemma;
      card_shown_ = at.dilemma;
    }
    if (!same_slot && at.kind == Kind::answer) {
      const bool fresh = at.dilemma != current_dilemma_;
      if (fresh) new_dilemma(at.dilemma);
      if (fresh && then_shown_ != at.dilemma) {
        // A follow-up: the dilemma, then where the team stood last time.
        if (std::string then = render::then_text(deck_, s_.record, at.dilemma, style());
            !then.empty()) {
          say(card(at.dilemma) + "\n" + then + "\n");
          card_shown_ = at.dilemma;
          // The grid's screen (or a hand-over) would clear it at once.
          if (picker) wait_for_enter(tr("run.press_enter_answer"));
        }
        then_shown_ = at.dilemma;
      }
      if (picker) {
        if (team() && io_.hand_over) hand_over(at.participant);
        card_shown_ = kNone;  // the picker's screen replaces the card
        last_ = at;
        return;
      }
      const bool cleared = private_turn(at.participant);
      if (cleared || card_shown_ != at.dilemma) say(card(at.dilemma) + "\n");
      card_shown_ = at.dilemma;
    }
    last_ = at;
    if (picker) return;
    prompt(at);
  }

  // The grid picker for an answer: both streams are terminals (and more, see
  // SessionIO::full_screen), unless Esc or ? chose the line prompt for this
  // answer, or a command typed at a hand-over waits.
  bool use_picker(const Position& at) const {
    return io_.full_screen && at.kind == Kind::answer && !(typed_slot_ && *typed_slot_ == at) &&
           !waiting_line_;
  }

  // One round of the picker. The answer it gives becomes the same event a
  // typed "8 3" does; a typed line is handled as typed at the line prompt.
  // Returns how the session ends, when it does.
  std::optional<Outcome> pick(const Position& at) {
    const Dilemma& d = dilemma_at(at.dilemma);
    const std::string& lang = s_.record.language;
    const std::string name = render::visible(name_of(at.participant));
    PickerRun run;
    run.style = style();
    run.need_both = tr("picker.need_both");
    run.deadline = deadline(at);
    run.ticking = run.deadline.has_value();
    auto upsides = [&](const Pole& pole) {
      std::vector<std::string> ups;
      for (const auto& u : pole.upsides) ups.push_back(render::visible(u.in(lang)));
      return ups.empty() ? std::string() : fmt::format("+ {}", fmt::join(ups, "; "));
    };
    render::PickerView base;
    if (team()) base.heading = tr("run.turn", fmt::arg("name", name));
    base.title = fmt::format("{}/{}  {}", at.dilemma + 1, s_.record.dilemmas.size(),
                             render::visible(d.title.in(lang)));
    base.question = render::visible(d.question.in(lang));
    base.pole_a = render::visible(d.a.label.in(lang));
    base.pole_b = render::visible(d.b.label.in(lang));
    base.upsides_a = upsides(d.a);
    base.upsides_b = upsides(d.b);
    base.notice = last_line(notice_);
    run.view = [&](const Picker&) {
      render::PickerView v = base;
      v.prompt = tr("run.prompt_answer", fmt::arg("name", name), fmt::arg("time", time_left()));
      return v;
    };
    const PickerResult r = run_picker(run, in_);
    notice_.clear();
    using R = PickerResult::Kind;
    switch (r.kind) {
      case R::answer:
        collecting_ = true;
        apply(Event::answer(r.point, now_utc()));
        collecting_ = false;
        break;
      case R::line:
        collecting_ = true;
        handle(at, r.line);
        collecting_ = false;
        break;
      case R::fallback:
      case R::no_room:
        to_line_prompt(at, false);
        break;
      case R::help:
        to_line_prompt(at, true);
        break;
      case R::timeout:
        time_up_announced_ = current_dilemma_;
        notice_ = tr("run.time_up", fmt::arg("time", clock(io_timebox())));
        break;
      case R::end:
        return Outcome::end_of_input;
      case R::interrupted:
        return Outcome::interrupted;
    }
    return std::nullopt;
  }

  // Today's line prompt for this answer, on a clean screen with the card.
  void to_line_prompt(const Position& at, bool help) {
    typed_slot_ = at;
    say(kClearScreen);
    if (team())
      say(paint(style().heading,
                tr("run.turn", fmt::arg("name", render::visible(name_of(at.participant))))) +
          "\n\n");
    if (help) {  // the title and the commands: the card too would not fit 80x24
      const Dilemma& d = dilemma_at(at.dilemma);
      say(paint(style().heading, fmt::format("{}/{}  {}", at.dilemma + 1, s_.record.dilemmas.size(),
                                             render::visible(d.title.in(s_.record.language)))) +
          "\n\n" + render::session_help() + "\n\n");
    } else {
      say(card(at.dilemma) + "\n");
    }
    card_shown_ = at.dilemma;
    last_ = at;  // the prompt follows; no second hand-over
  }

  // The last line of what was said, without colour: the picker shows it.
  static std::string last_line(const std::string& said) {
    std::string plain = std::regex_replace(said, escape_codes(), "");
    while (!plain.empty() && (plain.back() == '\n' || plain.back() == ' ')) plain.pop_back();
    const auto nl = plain.rfind('\n');
    return nl == std::string::npos ? plain : plain.substr(nl + 1);
  }

  // Text taller than the terminal, a screen at a time (Enter for more).
  // `reserve` rows stay free under the last screen for what follows.
  void page(const std::string& text, std::size_t reserve) {
    const TerminalSize size = terminal_size(STDOUT_FILENO);
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      lines.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    auto rows_of = [&](const std::string& line) {
      const std::size_t w = utf8::length(std::regex_replace(line, escape_codes(), ""));
      return std::max<std::size_t>(1, (w + size.cols - 1) / size.cols);
    };
    std::size_t total = 0;
    for (const auto& l : lines) total += rows_of(l);
    if (total + reserve <= size.rows) {
      say(kClearScreen);
      result(text);
      return;
    }
    // Screens of rows - 1 (the last: rows - reserve); the prompt below each.
    std::vector<std::pair<std::size_t, std::size_t>> pages;  // [first, end)
    std::size_t first = 0;
    while (first < lines.size()) {
      std::size_t used = 0, end = first;
      std::size_t left_rows = 0;
      for (std::size_t i = first; i < lines.size(); ++i) left_rows += rows_of(lines[i]);
      const std::size_t room = left_rows + reserve <= size.rows
                                   ? size.rows - reserve
                                   : std::max<std::size_t>(size.rows, 2) - 1;
      while (end < lines.size() && (end == first || used + rows_of(lines[end]) <= room))
        used += rows_of(lines[end++]);
      pages.emplace_back(first, end);
      first = end;
    }
    for (std::size_t p = 0; p < pages.size(); ++p) {
      say(kClearScreen);
      std::string screen;
      for (std::size_t i = pages[p].first; i < pages[p].second; ++i) screen += lines[i] + "\n";
      if (p + 1 == pages.size()) {
        result(screen);
        break;
      }
      result(screen);
      say(paint(style().dim,
                tr("run.more", fmt::arg("page", p + 1), fmt::arg("pages", pages.size()))));
      std::string line;
      if (in_.read(line, std::nullopt, limits::kInputLine) != LineReader::Status::line) {
        say("\n");
        return;  // the end of input or a signal: the session stops as it would
      }
      if (!trim(line).empty()) {  // a note or a command instead: it is the next input
        waiting_line_ = line;
        return;
      }
    }
  }

  std::string card(std::size_t d) const {
    return render::dilemma_card(deck_, dilemma_at(d), d + 1, s_.record.dilemmas.size(),
                                s_.record.language, style());
  }

  void new_dilemma(std::size_t d) {
    if (d == current_dilemma_) return;
    current_dilemma_ = d;
    dilemma_started_ = LineReader::Clock::now();
  }

  // In a team on a terminal, each participant answers on a clean screen.
  // Returns whether the screen was cleared.
  bool private_turn(std::size_t participant) {
    if (!team()) return false;
    if (io_.interactive && io_.hand_over) hand_over(participant);
    if (io_.interactive) say(kClearScreen);
    say(paint(style().heading,
              tr("run.turn", fmt::arg("name", render::visible(name_of(participant))))) +
        "\n\n");
    return io_.interactive;
  }

  // The hand-over: a screen with nothing on it but who is next.
  void hand_over(std::size_t participant) {
    say(kClearScreen);
    say(paint(style().heading,
              tr("run.hand_over", fmt::arg("name", render::visible(name_of(participant))))) +
        "\n");
    wait_for_enter(tr("run.press_enter", fmt::arg("name", render::visible(name_of(participant)))));
  }

  void prompt(const Position& at) {
    const auto& r = s_.record;
    std::string text;
    switch (at.kind) {
      case Kind::checkin: {
        const auto& item_id = r.checkin_items.at(at.item);
        std::string statement = item_id;
        for (const auto& c : deck_.checkin)
          if (c.id == item_id) statement = c.text.in(deck_.language_for(r.language));
        text = tr("run.prompt_checkin", fmt::arg("number", at.item + 1),
                  fmt::arg("count", r.checkin_items.size()),
                  fmt::arg("statement", render::visible(statement)));
        break;
      }
      case Kind::answer: {
        const std::string name = render::visible(name_of(at.participant));
        text = tr("run.prompt_answer", fmt::arg("name", name), fmt::arg("time", time_left()));
        // Where the time left stands on the line, to count it down there.
        const std::string marked =
            tr("run.prompt_answer", fmt::arg("name", name), fmt::arg("time", std::string("\x1f")));
        clock_column_ = io_timebox() > 0 && marked.find('\x1f') != std::string::npos
                            ? utf8::length(marked.substr(0, marked.find('\x1f'))) + 1
                            : kNone;
        break;
      }
      case Kind::idea:
        text = tr("run.prompt_idea");
        break;
      case Kind::outcome: {
        text = tr("run.prompt_outcome",
                  fmt::arg("action", render::visible(render::action_text(r.actions.at(at.item)))));
        break;
      }
      case Kind::discuss:
        text = tr(map_pending_ == at.dilemma ? "run.prompt_discuss_map" : "run.prompt_discuss");
        break;
      case Kind::done:
        return;
    }
    // On a terminal the answer is typed after the prompt; in a log of piped
    // input, each prompt stands on its own line.
    say(io_.interactive ? text : text + "\n");
  }

  void show_reveal(std::size_t d) {
    if ((team() || io_.full_screen) && io_.interactive) say(kClearScreen);
    // On a full screen the polarity map is the next screen (Enter).
    map_pending_ =
        io_.full_screen && !render::map_text(dilemma_at(d), s_.record.language, style()).empty()
            ? d
            : kNone;
    // On a terminal, one screen; piped, the full reveal as always.
    if (io_.interactive)
      result(render::reveal_screen(deck_, s_.record, d, style()));
    else
      result(render::reveal_text(deck_, s_.record, d, render::Style::plain()) + "\n");
    shown_reveal_ = true;
  }

  // Waits for Enter. A command typed instead (quit) is kept as the next
  // input; an answer is not, as its card was not on screen yet.
  void wait_for_enter(const std::string& prompt) {
    say(prompt);
    std::string line;
    const auto status = in_.read(line, std::nullopt, limits::kInputLine);
    const std::string word = trim(line).substr(0, trim(line).find(' '));
    if (status == LineReader::Status::line && command_of(word) != Command::none)
      waiting_line_ = line;
  }

  void handle(const Position& at, const std::string& raw) {
    const std::string line = trim(raw);
    const std::string word = lower(line.substr(0, line.find(' ')));
    const std::string rest =
        line.find(' ') == std::string::npos ? "" : trim(line.substr(line.find(' ')));
    const Command cmd = command_of(word);
    const std::string time = now_utc();
    // Text answers (ideas, discussion notes) take any line but a command word.
    if (cmd == Command::help) {
      say(render::session_help() + "\n");
      return;
    }
    if (cmd == Command::note) {
      std::string text = rest;
      if (text.empty()) {
        say(tr("run.prompt_note"));
        const auto status = in_.read(text, std::nullopt, limits::kInputLine);
        if (status != LineReader::Status::line) return;
        text = trim(text);
        // At the note prompt, back takes back the last note.
        if (const Command c = command_of(text); c == Command::back || c == Command::unnote)
          return unnote(time);
      }
      save_note(at, text, time);
      return;
    }
    // Only the bare word: a note may well start with "weg".
    if (cmd == Command::unnote && rest.empty()) return unnote(time);
    if (cmd == Command::action || cmd == Command::warning) {
      const auto kind = cmd == Command::action ? Event::Kind::action : Event::Kind::warning;
      if (apply(Event::with_text(kind, rest, time)))
        say(tr(cmd == Command::action ? "run.action_saved" : "run.warning_saved") + "\n");
      return;
    }
    if (cmd == Command::map) {
      if (at.kind == Kind::checkin || at.kind == Kind::done) return;
      const std::string map = render::map_text(dilemma_at(at.dilemma), s_.record.language, style());
      say(map.empty() ? tr("run.no_map") + "\n" : map);
      return;
    }
    if (cmd == Command::back) return (void)apply(Event::of(Event::Kind::back, time));
    if (cmd == Command::skip) return (void)apply(Event::of(Event::Kind::skip, time));
    if (cmd == Command::reveal) return (void)apply(Event::of(Event::Kind::reveal, time));
    if (cmd == Command::next) return (void)apply(Event::of(Event::Kind::next, time));
    if (cmd == Command::quit) {
      apply(Event::of(Event::Kind::quit, time));
      return;
    }
    switch (at.kind) {
      case Kind::checkin: {
        if (line.size() == 1 && line[0] >= '1' && line[0] <= '5') {
          apply(Event::rate(line[0] - '0', time));
        } else {
          say(tr("run.hint_checkin") + "\n");
        }
        return;
      }
      case Kind::answer: {
        if (auto p = parse_point(line)) {
          apply(Event::answer(*p, time));
        } else {
          say(tr("run.hint_answer") + "\n");
        }
        return;
      }
      case Kind::idea:
        apply(Event::idea(line, time));
        return;
      case Kind::outcome:
        if (!session::parse_outcome(line))
          say(tr("session.refused.outcome_word") + "\n");
        else
          apply(Event::with_text(Event::Kind::outcome, line, time));
        return;
      case Kind::discuss:
        if (line.empty() && map_pending_ == at.dilemma) {
          map_pending_ = kNone;
          page(render::map_text(dilemma_at(at.dilemma), s_.record.language, style()), 2);
        } else if (line.empty())
          apply(Event::of(Event::Kind::next, time));
        else
          save_note(at, line, time);
        return;
      case Kind::done:
        return;
    }
  }

  void unnote(const std::string& time) {
    const std::string text = s_.record.notes.empty() ? "" : s_.record.notes.back().text;
    if (apply(Event::of(Event::Kind::unnote, time)))
      say(tr("run.note_removed", fmt::arg("text", render::visible(text))) + "\n");
  }

  // A note that looks like an answer ("9 9" typed at the note prompt when
  // the next answer was meant) is not kept as a note without asking.
  void save_note(const Position& at, const std::string& text, const std::string& time) {
    if (const auto p = parse_point(text); p && io_.interactive) {
      say(tr("run.note_or_answer", fmt::arg("text", render::visible(text))));
      std::string choice;
      if (in_.read(choice, std::nullopt, limits::kInputLine) != LineReader::Status::line) return;
      choice = lower(trim(choice));
      if (choice == "a" || choice == "antwoord" || choice == "answer") {
        // After a reveal, the next dilemma's card comes first: an answer
        // is never recorded for a card nobody has seen.
        if (at.kind == Kind::discuss)
          apply(Event::of(Event::Kind::next, time));
        else if (at.kind == Kind::answer)
          apply(Event::answer(*p, time));
        else
          say(tr("session.refused.not_answer") + "\n");
        return;
      }
      if (choice != "n") {
        say(tr("run.note_dropped") + "\n");
        return;
      }
    }
    if (apply(Event::note(text, time))) say(tr("run.note_saved") + "\n");
  }

  // Steps the machine and carries out its effects. Returns whether the
  // event was taken.
  bool apply(const Event& e) {
    const session::Effects fx = live_.apply(e);
    if (!fx.refused.empty()) {
      say(tr(fx.refused) + "\n");
      return false;
    }
    if (fx.save) save();
    if (fx.reveal) shown_reveal_ = false;
    if (e.kind == Event::Kind::back) last_ = Position{Kind::done, kNone, kNone, 0};
    if (e.kind == Event::Kind::back) say(tr("run.back") + "\n");
    if (fx.quit) quit_ = true;
    return true;
  }

  void save() {
    try {
      const auto upto = live_.changes();
      io_.save(s_.record);
      live_.saved(upto);
      if (!saved_) say(tr("run.save_recovered", fmt::arg("path", io_.path)) + "\n");
      saved_ = true;
    } catch (const Error& e) {
      saved_ = false;
      for (const auto& p : e.problems()) say(paint(style().bad, format_problem(p)) + "\n");
      say(tr("run.save_failed") + "\n");
    }
  }

  std::string where() const {
    const Position at = session::position(s_);
    const auto& r = s_.record;
    switch (at.kind) {
      case Kind::checkin:
        return tr("run.where_checkin", fmt::arg("name", render::visible(name_of(at.participant))));
      case Kind::outcome:
      case Kind::answer:
      case Kind::idea:
      case Kind::discuss:
        return tr("run.where_dilemma", fmt::arg("number", at.dilemma + 1),
                  fmt::arg("count", r.dilemmas.size()), fmt::arg("id", r.dilemmas[at.dilemma]),
                  fmt::arg("name", at.kind == Kind::discuss || at.kind == Kind::outcome
                                       ? "-"
                                       : render::visible(name_of(at.participant))));
      case Kind::done:
        return tr("run.where_done");
    }
    return {};
  }

  SessionEnd finish(Outcome outcome) {
    SessionEnd end{outcome, pending_signal(), saved_};
    if (!saved_) save();  // one more try
    end.saved = saved_;
    std::size_t answers = 0;
    for (const auto& resp : s_.record.responses) answers += resp.point ? 1 : 0;
    if (!saved_) {
      // Never "saved" when nothing reached the file.
      std::fputs(("\n" + tr("run.not_saved", fmt::arg("path", io_.path)) + "\n").c_str(), stderr);
    } else if (outcome == Outcome::done) {
      say("\n" + tr("run.saved_done", fmt::arg("path", io_.path)) + "\n");
    } else {
      const char* key = outcome == Outcome::quit           ? "run.stopped_quit"
                        : outcome == Outcome::end_of_input ? "run.stopped_eof"
                                                           : "run.stopped_signal";
      std::fputs("\n", stderr);
      std::fputs((tr(key, fmt::arg("where", where()), fmt::arg("answers", answers),
                     fmt::arg("path", io_.path)) +
                  "\n")
                     .c_str(),
                 stderr);
    }
    if (!saved_) {
      // Never lose answers: when the file cannot be written, print them.
      std::fputs((tr("run.dump") + "\n").c_str(), stderr);
      std::fputs(formats::session_to_yaml(s_.record).c_str(), stderr);
    }
    return end;
  }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  live::Session live_;       // every change goes through it
  const session::State& s_;  // read only
  const Deck& deck_;
  SessionIO& io_;
  LineReader& in_;
  Position last_{Kind::done, kNone, kNone, 0};
  std::size_t current_dilemma_ = kNone;
  std::size_t time_up_announced_ = kNone;
  std::size_t then_shown_ = kNone;
  std::size_t card_shown_ = kNone;
  LineReader::Clock::time_point dilemma_started_{};
  std::optional<std::string> waiting_line_;  // typed at a hand-over
  std::optional<Position> typed_slot_;       // Esc or ?: the line prompt for this answer
  std::string notice_;                       // what was said since the picker was left
  bool collecting_ = false;                  // say() adds to notice_
  std::size_t map_pending_ = kNone;          // the map follows this dilemma's reveal
  std::size_t clock_column_ = kNone;         // of the time left in the answer prompt
  bool shown_reveal_ = true;
  bool quit_ = false;
  bool saved_ = true;
};

}  // namespace

SessionEnd run_session(session::State& state, const Deck& deck, SessionIO& io, LineReader& in) {
  return Driver(state, deck, io, in).run();
}

}  // namespace h2h::ui
