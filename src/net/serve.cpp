#include "net/serve.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "formats/session_yaml.hpp"
#include "i18n/i18n.hpp"
#include "net/addresses.hpp"
#include "net/console_text.hpp"
#include "net/qr.hpp"
#include "net/room.hpp"
#include "net/screen_page.hpp"
#include "render/layout.hpp"
#include "render/safe_text.hpp"
#include "render/session_text.hpp"
#include "ui/clock.hpp"
#include "ui/commands.hpp"

namespace h2h::net {

using i18n::tr;

ServeOptions parse_listen(const std::string& text) {
  ServeOptions o;
  if (text.empty()) return o;
  const auto colon = text.rfind(':');
  std::string host = colon == std::string::npos ? text : text.substr(0, colon);
  std::string port = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (colon == std::string::npos && text.find_first_not_of("0123456789") == std::string::npos) {
    port = text;
    host.clear();
  }
  if (!host.empty()) o.host = host;
  if (!port.empty()) {
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port) > 65535)
      throw Error(ExitCode::usage, tr("serve.bad_listen", fmt::arg("value", text)));
    o.port = std::stoi(port);
  }
  return o;
}

namespace {

bool all_addresses(const std::string& host) {
  return host == "0.0.0.0" || host == "::" || host == "[::]";
}

// The server's thread takes no signals: Ctrl-C and SIGTERM reach the console.
std::thread server_thread(http::Server& server) {
  sigset_t block, old;
  sigemptyset(&block);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&block, sig);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  std::thread t([&server] { server.run(); });
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return t;
}

}  // namespace

ui::SessionEnd serve_session(session::State& state, const Deck& deck, ui::SessionIO& io,
                             ui::LineReader& in, const ServeOptions& options) {
  live::Session live(state, ui::now_utc);
  live.open_room();  // everyone answers the open dilemma at once
  RoomOptions ro;
  ro.show_names = options.show_names;
  ro.tokens_path = io.path + ".tokens";
  Room room(live, deck, io, ro);
  http::Server* server_ptr = nullptr;
  http::Server server(
      http::Limits{},
      [&room](const http::Request& req, http::ConnectionId id) { return room.handle(req, id); },
      [&room, &server_ptr] { room.tick(*server_ptr); });
  server_ptr = &server;
  const int port = server.listen(options.host, options.port);
  if (port < 0)
    throw Error(ExitCode::failure, tr("serve.cannot_listen", fmt::arg("host", options.host),
                                      fmt::arg("port", options.port)));
  std::vector<std::string> hosts{options.host};
  if (all_addresses(options.host)) {
    hosts = lan_addresses();
    if (hosts.empty()) hosts = {"127.0.0.1"};
  }
  const std::string url = fmt::format("http://{}:{}/", hosts.front(), port);
  const std::string join_url = url + "#code=" + room.code();
  const QrCode qr = qr_encode(join_url);
  room.set_screen_html(screen_page(state.record.language, url, room.code(), qr_svg(qr, join_url)));
  std::thread thread = server_thread(server);

  // The console: conversation to the terminal, or to stderr when piped.
  std::FILE* talk = io.interactive ? stdout : stderr;
  auto say = [&](const std::string& text) {
    std::fputs(text.c_str(), talk);
    std::fflush(talk);
  };
  say(served_opening(deck, state.record, io.style) + "\n");
  if (io.interactive) say(qr_half_blocks(qr));
  // Every line within 80 columns (addresses are never broken).
  auto wrapped = [](const std::string& text) {
    return render::wrap_indented(text, render::kWidth, "") + "\n";
  };
  for (const auto& h : hosts)
    say(wrapped(tr("serve.listening", fmt::arg("url", fmt::format("http://{}:{}/", h, port)),
                   fmt::arg("code", room.code()))));
  say(wrapped(tr("serve.screen_at",
                 fmt::arg("local", fmt::format("http://127.0.0.1:{}/screen", port)),
                 fmt::arg("remote", fmt::format("{}screen?key={}", url, room.screen_key())))));
  if (options.host == "127.0.0.1" || options.host == "localhost")
    say(wrapped(tr("serve.loopback_hint")));
  say(wrapped(tr("serve.console_help")));

  ui::SessionEnd end{ui::Outcome::done, 0, true};
  Console console(state, deck, room, io.style);
  bool reading = true;
  while (true) {
    {
      std::lock_guard guard(room.lock());
      if (!session::open_dilemma(state)) break;
      say(console.changes(Room::Clock::now()));
    }
    if (!reading) {
      // No console (standard input ended): serve until a signal or the end.
      ::poll(nullptr, 0, 300);
      if (ui::pending_signal()) {
        end = {ui::Outcome::interrupted, ui::pending_signal(), true};
        break;
      }
      continue;
    }
    std::string line;
    const auto status = in.read(line, ui::LineReader::Clock::now() + std::chrono::milliseconds(400),
                                limits::kInputLine);
    if (status == ui::LineReader::Status::timeout) continue;
    if (status == ui::LineReader::Status::interrupted) {
      end = {ui::Outcome::interrupted, ui::pending_signal(), true};
      break;
    }
    if (status == ui::LineReader::Status::end) {
      reading = false;
      say(wrapped(tr("serve.no_console")));
      continue;
    }
    const std::string word = line.substr(0, line.find(' '));
    const std::string rest =
        line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
    std::string refused, said;
    bool known = true;
    ui::Command cmd = ui::command_of(word);
    {
      std::lock_guard guard(room.lock());
      if (word.empty() && state.discussing) cmd = ui::Command::next;  // Enter goes on
      // A follow-up asks what became of an earlier action step: an outcome
      // word, or Enter for none.
      const bool outcome = session::position(state).kind == session::Position::Kind::outcome &&
                           (word.empty() || session::parse_outcome(word));
      if (outcome) refused = room.outcome(word.empty() ? "none" : word);
      if (!outcome) switch (cmd) {
          case ui::Command::help:
            said = wrapped(tr("serve.console_help"));
            break;
          case ui::Command::quit:
            end = {ui::Outcome::quit, 0, true};
            break;
          case ui::Command::map: {
            // On the console, and on the screen after a reveal (map again: the reveal).
            const auto d = session::open_dilemma(state);
            if (d) {
              const std::string map = render::map_text(
                  *deck.find_dilemma(state.record.dilemmas[*d]), state.record.language, io.style);
              said = map.empty() ? tr("run.no_map") + "\n" : map;
              if (state.discussing == d) room.command(cmd);
            }
            break;
          }
          case ui::Command::none:
          case ui::Command::skip:
            known = word.empty();
            break;
          case ui::Command::codes:
            said = console.codes(Room::Clock::now());
            break;
          case ui::Command::unnote: {
            const std::string text =
                state.record.notes.empty() ? "" : state.record.notes.back().text;
            refused = room.command(cmd);
            if (refused.empty())
              said = tr("run.note_removed", fmt::arg("text", render::visible(text))) + "\n";
            break;
          }
          default:
            refused = room.command(cmd, rest);
            if (refused.empty() && cmd == ui::Command::note) said = tr("run.note_saved") + "\n";
            if (refused.empty() && cmd == ui::Command::action) said = tr("run.action_saved") + "\n";
            if (refused.empty() && cmd == ui::Command::warning)
              said = tr("run.warning_saved") + "\n";
        }
    }
    if (cmd == ui::Command::quit) break;
    say(said);
    server.wake();
    if (!known) say(tr("serve.unknown_command") + "\n");
    if (!refused.empty()) say(tr(refused) + "\n");
  }

  // Every phone hears that the session ended (parked polls at once), then
  // the server stops; answers still waiting for their save get it first.
  {
    std::lock_guard guard(room.lock());
    room.end();
  }
  server.wake();
  for (int i = 0; i < 30; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::lock_guard guard(room.lock());
    if (room.idle()) break;
  }
  server.stop();
  thread.join();
  room.stop_saving();

  std::lock_guard guard(room.lock());
  const bool done = !session::open_dilemma(state);
  live.close();
  room.save_now();
  if (done && room.saved())
    std::filesystem::remove(ro.tokens_path);  // nobody rejoins a finished session
  end.saved = room.saved();
  std::size_t answers = 0;
  for (const auto& resp : state.record.responses) answers += resp.point ? 1 : 0;
  if (done && end.outcome == ui::Outcome::done)
    std::fputs(render::session_summary(deck, state.record,
                                       io.interactive ? io.style : render::Style::plain())
                   .c_str(),
               stdout);
  if (done && end.saved) {
    say("\n" + tr("run.saved_done", fmt::arg("path", io.path)) + "\n");
  } else if (end.saved) {
    const char* key =
        end.outcome == ui::Outcome::quit ? "serve.stopped_quit" : "serve.stopped_signal";
    say("\n" + tr(key, fmt::arg("answers", answers), fmt::arg("path", io.path)) + "\n");
  }
  if (!end.saved) {
    say("\n" + tr("run.not_saved", fmt::arg("path", io.path)) + "\n");
    // Never lose answers: when the file cannot be written, print them.
    std::fputs((tr("run.dump") + "\n").c_str(), stderr);
    std::fputs(formats::session_to_yaml(state.record).c_str(), stderr);
  }
  return end;
}

}  // namespace h2h::net
