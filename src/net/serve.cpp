#include "net/serve.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <httplib.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/tally.hpp"
#include "core/utf8.hpp"
#include "i18n/i18n.hpp"
#include "net/page.hpp"
#include "render/grid_text.hpp"
#include "render/safe_text.hpp"
#include "render/session_text.hpp"
#include "ui/clock.hpp"

namespace h2h::net {

using i18n::tr;
using nlohmann::json;
using session::Event;

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

constexpr std::size_t kMaxBody = 4096;
constexpr std::size_t kMaxIdea = 1000;
constexpr int kFailedJoinsPerMinute = 30;
constexpr int kRequestsPerSecond = 400;  // all clients together

std::string random_hex(std::size_t bytes) {
  std::random_device rd;
  std::string out;
  for (std::size_t i = 0; i < bytes; ++i) out += fmt::format("{:02x}", rd() & 0xff);
  return out;
}

std::string join_code() {
  std::random_device rd;
  return fmt::format("{:06}", rd() % 1000000);
}

bool same(const std::string& x, const std::string& y) {  // constant time for equal lengths
  if (x.size() != y.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < x.size(); ++i) diff |= static_cast<unsigned char>(x[i] ^ y[i]);
  return diff == 0;
}

std::string cookie_token(const httplib::Request& req) {
  const std::string cookies = req.get_header_value("Cookie");
  const std::string key = "h2h_token=";
  auto at = cookies.find(key);
  if (at == std::string::npos) return {};
  at += key.size();
  const auto end = cookies.find(';', at);
  return cookies.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void error_reply(httplib::Response& res, int status, const std::string& key) {
  reply(res, status, {{"error", tr(key)}});
}

// Counts events in the current window, for simple rate limits.
class Window {
 public:
  explicit Window(std::chrono::seconds length) : length_(length) {}
  bool allow(int limit) {
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ > length_) {
      start_ = now;
      count_ = 0;
    }
    return ++count_ <= limit;
  }

 private:
  std::chrono::seconds length_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  int count_ = 0;
};

class Room {
 public:
  Room(session::State& state, const Deck& deck, ui::SessionIO& io)
      : s_(state), deck_(deck), io_(io), code_(join_code()) {}

  const std::string& code() const { return code_; }
  std::mutex& lock() { return mutex_; }
  std::uint64_t version() const { return version_; }

  void routes(httplib::Server& server) {
    server.set_payload_max_length(kMaxBody);
    server.set_pre_routing_handler([this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard guard(mutex_);
      if (!requests_.allow(kRequestsPerSecond)) {
        error_reply(res, 429, "serve.busy");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server.Get("/", [this](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                     "connect-src 'self'; base-uri 'none'; form-action 'none'");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_header("Cache-Control", "no-store");
      res.set_content(page_, "text/html; charset=utf-8");
    });
    server.Post("/api/join",
                [this](const httplib::Request& req, httplib::Response& res) { join(req, res); });
    server.Get("/api/state", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard guard(mutex_);
      reply(res, 200, state_for(who(req)));
    });
    server.Post("/api/answer",
                [this](const httplib::Request& req, httplib::Response& res) { answer(req, res); });
    page_ = participant_page(s_.record.language, s_.record.anonymous);
  }

  // Applies a facilitator's event under the lock; returns its effects.
  session::Effects step(const Event& e) {
    std::lock_guard guard(mutex_);
    auto fx = session::step(s_, e);
    changed(fx.save);
    return fx;
  }

  void changed(bool save) {
    ++version_;
    if (!save) return;
    try {
      io_.save(s_.record);
      save_failed_ = false;
    } catch (const Error& e) {
      save_failed_ = true;
      std::string text;
      for (const auto& p : e.problems()) text += format_problem(p) + "\n";
      std::fputs(text.c_str(), stderr);
    }
  }
  bool save_failed() const { return save_failed_; }

 private:
  std::optional<std::size_t> who(const httplib::Request& req) const {
    const std::string token = cookie_token(req);
    if (token.empty()) return std::nullopt;
    for (const auto& [t, index] : tokens_)
      if (same(t, token)) return index;
    return std::nullopt;
  }

  void join(const httplib::Request& req, httplib::Response& res) {
    json body;
    try {
      body = json::parse(req.body);
    } catch (const json::exception&) {
      return error_reply(res, 400, "serve.bad_request");
    }
    if (!body.is_object() || !body.contains("code") || !body["code"].is_string())
      return error_reply(res, 400, "serve.bad_request");
    std::lock_guard guard(mutex_);
    if (auto known = who(req)) return reply(res, 200, state_for(known));  // one per browser
    if (!same(body["code"].get<std::string>(), code_)) {
      if (!failed_joins_.allow(kFailedJoinsPerMinute)) return error_reply(res, 429, "serve.busy");
      return error_reply(res, 403, "serve.wrong_code");
    }
    std::string name =
        body.contains("name") && body["name"].is_string() ? body["name"].get<std::string>() : "";
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (!s_.record.anonymous &&
        (name.empty() || utf8::first_invalid(name) || utf8::first_control(name) ||
         utf8::length(name) > limits::kNameChars))
      return error_reply(res, 400, "serve.bad_name");
    // A name of the session that no browser holds yet is taken back: after
    // --resume, everyone rejoins as who they were.
    for (std::size_t i = 0; i < s_.record.participants.size(); ++i) {
      if (s_.record.anonymous || s_.record.participants[i].name != name) continue;
      bool held = false;
      for (const auto& [t, index] : tokens_) held = held || index == i;
      if (held) return error_reply(res, 409, "serve.name_taken");
      return admit(res, i);
    }
    if (s_.record.participants.size() >= limits::kParticipants)
      return error_reply(res, 403, "serve.full");
    const std::size_t index = session::join(s_, name, ui::now_utc());
    changed(true);
    admit(res, index);
  }

  // Gives this browser a token for participant `index`.
  void admit(httplib::Response& res, std::size_t index) {
    const std::string token = random_hex(16);
    tokens_.emplace(token, index);
    res.set_header("Set-Cookie", "h2h_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    ++version_;
    reply(res, 200, state_for(index));
  }

  void answer(const httplib::Request& req, httplib::Response& res) {
    json body;
    try {
      body = json::parse(req.body);
    } catch (const json::exception&) {
      return error_reply(res, 400, "serve.bad_request");
    }
    std::lock_guard guard(mutex_);
    const auto me = who(req);
    if (!me) return error_reply(res, 401, "serve.not_joined");
    if (!body.is_object() || !body.contains("a") || !body.contains("b") ||
        !body["a"].is_number_integer() || !body["b"].is_number_integer())
      return error_reply(res, 400, "serve.bad_request");
    const auto a = body["a"].get<long long>(), b = body["b"].get<long long>();
    if (a < kAnswerMin || a > kAnswerMax || b < kAnswerMin || b > kAnswerMax)
      return error_reply(res, 400, "session.refused.answer_range");
    std::string idea =
        body.contains("idea") && body["idea"].is_string() ? body["idea"].get<std::string>() : "";
    if (utf8::first_invalid(idea) || utf8::length(idea) > kMaxIdea)
      return error_reply(res, 400, "serve.bad_request");
    const auto fx = session::answer_as(s_, *me, {static_cast<int>(a), static_cast<int>(b)}, idea,
                                       ui::now_utc());
    if (!fx.refused.empty()) return error_reply(res, 409, fx.refused);
    changed(true);
    reply(res, 200, state_for(me));
  }

  json state_for(std::optional<std::size_t> me) const {
    json out = {{"joined", me.has_value()}};
    if (!me) return out;
    const auto& r = s_.record;
    out["name"] = r.participants[*me].name;
    const auto d = session::open_dilemma(s_);
    if (!d) {
      out["phase"] = "done";
      return out;
    }
    const Dilemma* dl = deck_.find_dilemma(r.dilemmas[*d]);
    const std::string lang = deck_.language_for(r.language);
    out["dilemma"] = {{"id", dl->id},
                      {"number", *d + 1},
                      {"count", r.dilemmas.size()},
                      {"title", dl->title.in(lang)},
                      {"question", dl->question.in(lang)},
                      {"a", dl->a.label.in(lang)},
                      {"b", dl->b.label.in(lang)}};
    const auto* mine = r.response(dl->id, r.participants[*me].id);
    out["answer"] = mine && mine->point
                        ? json{{"a", mine->point->a}, {"b", mine->point->b}, {"idea", mine->idea}}
                        : json(nullptr);
    if (s_.discussing != d) {
      out["phase"] = "open";
      return out;
    }
    out["phase"] = "revealed";
    json rows = json::array();
    const auto labels = session::initials(r.participants);
    std::array<std::array<std::int64_t, kGridSide>, kGridSide> cells{};
    Moments ma, mb;
    for (std::size_t p = 0; p < r.participants.size(); ++p) {
      const auto* resp = r.response(dl->id, r.participants[p].id);
      if (!resp || !resp->point) continue;
      ++cells[static_cast<std::size_t>(resp->point->a)][static_cast<std::size_t>(resp->point->b)];
      ma.add(resp->point->a);
      mb.add(resp->point->b);
      rows.push_back({{"label", labels[p] + " " + r.participants[p].name},
                      {"a", resp->point->a},
                      {"b", resp->point->b},
                      {"zone", tr(fmt::format("zone.{}", zone_name(zone_of(*resp->point))))}});
    }
    auto one = [](std::optional<double> x) {
      return x ? fmt::format("{:.1f}", *x) : std::string("-");
    };
    std::optional<double> spread;
    if (ma.sd() && mb.sd()) spread = (*ma.sd() + *mb.sd()) / 2;
    out["reveal"] = {
        {"rows", rows},
        {"grid", render::grid_text(render::count_labels(cells), render::Style::plain())},
        {"figures", tr("serve.figures", fmt::arg("n", ma.n), fmt::arg("a", one(ma.mean())),
                       fmt::arg("b", one(mb.mean())), fmt::arg("spread", one(spread)))},
        {"en_en", dl->en_en.in(lang)}};
    return out;
  }

  session::State& s_;
  const Deck& deck_;
  ui::SessionIO& io_;
  std::string code_;
  std::string page_;
  mutable std::mutex mutex_;
  std::map<std::string, std::size_t> tokens_;  // browser token -> participant
  std::uint64_t version_ = 0;
  bool save_failed_ = false;
  Window failed_joins_{std::chrono::seconds(60)};
  Window requests_{std::chrono::seconds(1)};
};

}  // namespace

ui::SessionEnd serve_session(session::State& state, const Deck& deck, ui::SessionIO& io,
                             ui::LineReader& in, const ServeOptions& options) {
  Room room(state, deck, io);
  httplib::Server server;
  room.routes(server);
  int port = options.port;
  if (port == 0)
    port = server.bind_to_any_port(options.host);
  else if (!server.bind_to_port(options.host, port))
    port = -1;
  if (port < 0)
    throw Error(ExitCode::failure, tr("serve.cannot_listen", fmt::arg("host", options.host),
                                      fmt::arg("port", options.port)));
  std::thread thread([&server] { server.listen_after_bind(); });

  // The console: conversation to the terminal, or to stderr when piped.
  std::FILE* talk = io.interactive ? stdout : stderr;
  auto say = [&](const std::string& text) {
    std::fputs(text.c_str(), talk);
    std::fflush(talk);
  };
  const std::string host = options.host == "0.0.0.0" ? tr("serve.this_computer") : options.host;
  say(render::session_opening(deck, state.record, io.style) + "\n");
  say(tr("serve.listening", fmt::arg("url", fmt::format("http://{}:{}/", host, port)),
         fmt::arg("code", room.code())) +
      "\n");
  if (options.host == "127.0.0.1" || options.host == "localhost")
    say(tr("serve.loopback_hint") + "\n");
  say(tr("serve.console_help") + "\n");

  ui::SessionEnd end;
  std::uint64_t shown = static_cast<std::uint64_t>(-1);
  std::optional<std::size_t> announced;
  while (true) {
    {
      std::lock_guard guard(room.lock());
      const auto d = session::open_dilemma(state);
      if (!d) break;
      if (announced != d) {
        announced = d;
        const Dilemma* dl = deck.find_dilemma(state.record.dilemmas[*d]);
        say(render::dilemma_card(deck, *dl, *d + 1, state.record.dilemmas.size(),
                                 deck.language_for(state.record.language), io.style) +
            "\n");
      }
      if (room.version() != shown) {
        shown = room.version();
        std::vector<std::string> answered;
        const std::string& id = state.record.dilemmas[*d];
        for (const auto& p : state.record.participants)
          if (state.record.response(id, p.id)) answered.push_back(render::visible(p.name));
        say(tr("serve.status", fmt::arg("answered", answered.size()),
               fmt::arg("joined", state.record.participants.size()),
               fmt::arg("names", fmt::join(answered, ", "))) +
            "\n");
      }
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
      end = {ui::Outcome::end_of_input, 0, true};
      break;
    }
    const std::string time = ui::now_utc();
    std::string word = line.substr(0, line.find(' '));
    const std::string rest =
        line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
    if (word == "?" || word == "help" || word == "hulp") {
      say(tr("serve.console_help") + "\n");
    } else if (word == "reveal" || word == "onthul") {
      std::lock_guard guard(room.lock());
      const auto d = session::open_dilemma(state);
      if (d && state.discussing != d) {
        state.discussing = d;  // revealed on the pages too; answers are closed
        room.changed(false);
        say(render::reveal_text(deck, state.record, *d, io.style) + "\n" +
            tr("serve.after_reveal") + "\n");
      }
    } else if (word == "next" || word == "verder" || (word.empty() && state.discussing)) {
      auto fx = room.step(Event::of(Event::Kind::next, time));
      if (!fx.refused.empty()) say(tr(fx.refused) + "\n");
    } else if (word == "note" || word == "notitie") {
      auto fx = room.step(Event::note(rest, time));
      say(tr(fx.refused.empty() ? "run.note_saved" : fx.refused) + "\n");
    } else if (word == "back" || word == "terug") {
      std::lock_guard guard(room.lock());
      if (state.discussing) {
        state.discussing.reset();  // answers open again
        room.changed(false);
        say(tr("serve.reopened") + "\n");
      }
    } else if (word == "quit" || word == "stop") {
      end = {ui::Outcome::quit, 0, true};
      break;
    } else if (!word.empty()) {
      say(tr("serve.unknown_command") + "\n");
    }
  }
  server.stop();
  thread.join();
  {
    std::lock_guard guard(room.lock());
    if (!session::open_dilemma(state) && state.record.finished.empty()) {
      state.record.finished = ui::now_utc();
      room.changed(true);
    }
    if (end.outcome == ui::Outcome::done && !session::open_dilemma(state))
      std::fputs(render::session_summary(deck, state.record,
                                         io.interactive ? io.style : render::Style::plain())
                     .c_str(),
                 stdout);
  }
  end.saved = !room.save_failed();
  say("\n" + tr(end.saved ? "run.saved_done" : "run.not_saved", fmt::arg("path", io.path)) + "\n");
  return end;
}

}  // namespace h2h::net
