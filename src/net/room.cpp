#include "net/room.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "formats/atomic_file.hpp"
#include "i18n/i18n.hpp"
#include "net/page.hpp"
#include "ui/clock.hpp"

namespace h2h::net {

using i18n::tr;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxIdea = 1000;
constexpr auto kPollTime = std::chrono::seconds(25);           // a long poll waits at most this
constexpr auto kScreenEvery = std::chrono::milliseconds(200);  // the screen's updates, at most
constexpr auto kAway = std::chrono::seconds(60);               // not heard from: away
constexpr std::size_t kParked = 8000;

// A participant's own rejoin code: six characters that cannot be mistaken
// for one another (30 bits; guessing is limited per address like join codes).
std::string rejoin_code() {
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::random_device rd;
  std::string out;
  for (int i = 0; i < 6; ++i) out += kLetters[rd() % kLetters.size()];
  return out;
}

std::string random_hex(std::size_t bytes) {
  std::random_device rd;
  std::string out;
  for (std::size_t i = 0; i < bytes; ++i) out += fmt::format("{:02x}", rd() & 0xff);
  return out;
}

bool same(const std::string& x, const std::string& y) {  // constant time for equal lengths
  if (x.size() != y.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < x.size(); ++i) diff |= static_cast<unsigned char>(x[i] ^ y[i]);
  return diff == 0;
}

std::string cookie_token(const http::Request& req) {
  const std::string* cookies = req.header("cookie");
  if (!cookies) return {};
  const std::string key = "h2h_token=";
  std::size_t at = 0;
  while ((at = cookies->find(key, at)) != std::string::npos) {
    if (at == 0 || (*cookies)[at - 1] == ' ' || (*cookies)[at - 1] == ';') break;
    at += key.size();
  }
  if (at == std::string::npos) return {};
  at += key.size();
  const auto end = cookies->find(';', at);
  return cookies->substr(at, end == std::string::npos ? std::string::npos : end - at);
}

http::Response json_reply(int status, const json& body) {
  http::Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.headers = {{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}};
  return r;
}

http::Response error_reply(int status, const std::string& key, json extra = json::object()) {
  extra["error"] = tr(key);
  return json_reply(status, extra);
}

http::Response html_reply(const std::string& html) {
  http::Response r;
  r.content_type = "text/html; charset=utf-8";
  r.body = html;
  r.headers = {{"Content-Security-Policy",
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                "img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                "frame-ancestors 'none'"},
               {"X-Frame-Options", "DENY"},
               {"X-Content-Type-Options", "nosniff"},
               {"Referrer-Policy", "no-referrer"},
               {"Cache-Control", "no-store"}};
  return r;
}

bool loopback(const std::string& peer) {
  return peer == "::1" || peer.rfind("127.", 0) == 0;
}

std::optional<std::uint64_t> number(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoull(s);
}

// A POST must be JSON from this very page: no forms, no text/plain, no
// other site (the browser sends Origin on every cross-site POST).
std::optional<http::Response> refuse_cross_site(const http::Request& req) {
  const std::string* type = req.header("content-type");
  if (!type || type->rfind("application/json", 0) != 0)
    return error_reply(415, "serve.bad_request");
  const std::string* origin = req.header("origin");
  const std::string* host = req.header("host");
  if (origin && (!host || *origin != "http://" + *host))
    return error_reply(403, "serve.cross_site");
  const std::string* site = req.header("sec-fetch-site");
  if (site && *site == "cross-site") return error_reply(403, "serve.cross_site");
  return std::nullopt;
}

std::optional<json> parse_object(const std::string& body) {
  try {
    json j = json::parse(body);
    if (j.is_object()) return j;
  } catch (const json::exception&) {
  }
  return std::nullopt;
}

}  // namespace

Room::Room(live::Session& live, const Deck& deck, ui::SessionIO& io, RoomOptions options)
    : live_(live),
      s_(live.state()),
      deck_(deck),
      io_(io),
      options_(std::move(options)),
      weights_(Weights::of(deck)),
      code_(fmt::format("{:06}", std::random_device{}() % 1000000)),
      screen_key_(random_hex(12)),
      page_(participant_page(s_.record.language, s_.record.anonymous)),
      guard_(options_.guard),
      saver_([this] { save_loop(); }) {
  seen_.assign(s_.record.participants.size(), Clock::time_point{});
  // Phones of a resumed session keep their tokens: they rejoin by themselves.
  // Lines "ID TOKEN [REJOIN]"; files from before rejoin codes have none.
  std::ifstream in(options_.tokens_path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, token, rejoin;
    fields >> id >> token >> rejoin;
    for (const auto& p : s_.record.participants) {
      if (p.id != id) continue;
      if (token.size() == 32) tokens_.emplace_back(token, id);
      if (rejoin.size() == 6 && !rejoin_code_of(id)) rejoin_.emplace_back(rejoin, id);
    }
  }
  // Everyone has a rejoin code, also after a session file was moved.
  for (const auto& p : s_.record.participants)
    if (!rejoin_code_of(p.id)) {
      rejoin_.emplace_back(rejoin_code(), p.id);
      tokens_dirty_ = true;
    }
}

const std::string* Room::rejoin_code_of(const std::string& id) const {
  for (const auto& [code, who] : rejoin_)
    if (who == id) return &code;
  return nullptr;
}

std::string Room::rejoin_code_of(std::size_t participant) const {
  const auto* code = rejoin_code_of(s_.record.participants.at(participant).id);
  return code ? *code : std::string();
}

const std::string& Room::reveal_text() {
  if (reveal_version_ != version_) {
    const auto d = session::open_dilemma(s_);
    reveal_text_ =
        d ? reveal_view(view(), *d).dump(-1, ' ', false, json::error_handler_t::replace) : "null";
    reveal_version_ = version_;
  }
  return reveal_text_;
}

http::Response Room::phone_reply(std::optional<std::size_t> me, int status, const json& extra) {
  json j = phone_view(view(), me, false);
  if (me)
    if (const auto* code = rejoin_code_of(s_.record.participants[*me].id)) j["rejoin_code"] = *code;
  for (const auto& [k, v] : extra.items()) j[k] = v;
  j["version"] = phase_version_;
  auto r = json_reply(status, j);
  if (j.contains("phase") && j["phase"] == "revealed") {
    r.body.pop_back();  // the closing brace
    r.body += ",\"reveal\":" + reveal_text() + "}";
  }
  return r;
}

ViewContext Room::view() const {
  return {s_, deck_, weights_, options_.show_names, ended_, map_shown_};
}

std::optional<std::size_t> Room::who(const http::Request& req) const {
  const std::string token = cookie_token(req);
  if (token.size() != 32) return std::nullopt;
  for (const auto& [t, id] : tokens_) {
    if (!same(t, token)) continue;
    for (std::size_t i = 0; i < s_.record.participants.size(); ++i)
      if (s_.record.participants[i].id == id) return i;
  }
  return std::nullopt;
}

bool Room::screen_allowed(const http::Request& req) const {
  return loopback(req.peer) || same(req.param("key"), screen_key_);
}

bool Room::away(std::size_t p, Clock::time_point now) const {
  if (p >= seen_.size()) return true;
  for (const auto& k : parked_)
    if (k.who == p) return false;
  return now - seen_[p] > kAway;
}

int Room::remaining_seconds(Clock::time_point now) const {
  if (s_.record.timebox_seconds <= 0) return -1;
  const auto used = std::chrono::duration_cast<std::chrono::seconds>(now - opened_at_).count();
  return static_cast<int>(std::max<long long>(0, s_.record.timebox_seconds - used));
}

std::optional<http::Response> Room::handle(const http::Request& req, http::ConnectionId id) {
  const auto now = Clock::now();
  if (!guard_.allow_request(req.peer, now)) return error_reply(429, "serve.busy");
  const bool get = req.method == "GET", post = req.method == "POST";
  if (req.path == "/" && get) return html_reply(page_);
  if (req.path == "/screen" && get) {
    if (!screen_allowed(req)) return error_reply(403, "serve.screen_only");
    return html_reply(options_.screen_html);
  }
  if (req.path == "/api/state" && get) return poll(req, id, false);
  if (req.path == "/api/screen" && get) {
    if (!screen_allowed(req)) return error_reply(403, "serve.screen_only");
    return poll(req, id, true);
  }
  if (post && (req.path == "/api/join" || req.path == "/api/answer" || req.path == "/api/checkin" ||
               req.path == "/api/screen")) {
    if (auto refused = refuse_cross_site(req)) return refused;
    if (req.path == "/api/join") return join(req);
    if (req.path == "/api/answer") return answer(req, id);
    if (req.path == "/api/checkin") return checkin(req, id);
    if (!screen_allowed(req)) return error_reply(403, "serve.screen_only");
    return screen_command(req);
  }
  if (req.path == "/" || req.path == "/screen" || req.path.rfind("/api/", 0) == 0)
    return error_reply(405, "serve.bad_request");
  return error_reply(404, "serve.not_found");
}

std::optional<http::Response> Room::poll(const http::Request& req, http::ConnectionId id,
                                         bool screen) {
  std::lock_guard guard(mutex_);
  const auto now = Clock::now();
  std::optional<std::size_t> me;
  if (!screen) {
    me = who(req);
    if (me) seen_[*me] = now;
  }
  const std::uint64_t current = screen ? version_ : phase_version_;
  const auto after = number(req.param("after"));
  if (after == current && (screen || me) && parked_.size() < kParked && !ended_) {
    parked_.push_back({id, me, current, now + kPollTime});
    return std::nullopt;
  }
  if (!screen) return phone_reply(me);
  json body = screen_view(view(), remaining_seconds(now));
  body["version"] = current;
  return json_reply(200, body);
}

std::optional<http::Response> Room::join(const http::Request& req) {
  const auto body = parse_object(req.body);
  if (!body || !body->contains("code") || !(*body)["code"].is_string())
    return error_reply(400, "serve.bad_request");
  std::lock_guard guard(mutex_);
  const auto now = Clock::now();
  if (auto known = who(req)) {  // one participant per browser
    seen_[*known] = now;
    return phone_reply(*known);
  }
  // A locked-out address is refused even with the right code: guessing
  // stops there, whatever it guesses next.
  if (guard_.locked_out(req.peer, now)) return error_reply(429, "serve.locked_out");
  if (!same((*body)["code"].get<std::string>(), code_)) {
    if (guard_.wrong_code(req.peer, now)) return error_reply(429, "serve.locked_out");
    return error_reply(403, "serve.wrong_code");
  }
  // A participant whose phone lost its token (another browser, cleared
  // cookies) comes back with their own rejoin code; the old token stops working.
  const std::string rejoin = body->contains("rejoin") && (*body)["rejoin"].is_string()
                                 ? (*body)["rejoin"].get<std::string>()
                                 : "";
  if (!rejoin.empty()) {
    std::string wanted = rejoin;
    for (auto& c : wanted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::optional<std::size_t> found;
    for (const auto& [code, id] : rejoin_)
      if (same(code, wanted))
        for (std::size_t i = 0; i < s_.record.participants.size(); ++i)
          if (s_.record.participants[i].id == id) found = i;
    if (!found) {
      if (guard_.wrong_code(req.peer, now)) return error_reply(429, "serve.locked_out");
      return error_reply(403, "serve.wrong_rejoin");
    }
    const std::string& id = s_.record.participants[*found].id;
    std::erase_if(tokens_, [&](const auto& t) { return t.second == id; });
    const std::string token = random_hex(16);
    tokens_.emplace_back(token, id);
    dirty_ = tokens_dirty_ = true;  // the tokens are written after the next save
    ++version_;
    seen_[*found] = now;
    auto r = phone_reply(*found);
    r.headers.emplace_back(
        "Set-Cookie",
        "h2h_token=" + token + "; Path=/; Max-Age=2592000; HttpOnly; SameSite=Strict");
    return r;
  }
  std::string name = body->contains("name") && (*body)["name"].is_string()
                         ? (*body)["name"].get<std::string>()
                         : "";
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (!s_.record.anonymous &&
      (name.empty() || utf8::first_invalid(name) || utf8::first_control(name) ||
       utf8::length(name) > limits::kNameChars))
    return error_reply(400, "serve.bad_name");
  // A name already in the session belongs to the phone holding its token
  // (kept across --resume); nobody else can take it over.
  if (!s_.record.anonymous)
    for (const auto& p : s_.record.participants)
      if (p.name == name) return error_reply(409, "serve.name_taken");
  if (!guard_.may_register(req.peer)) return error_reply(429, "serve.too_many_joins");
  if (s_.record.participants.size() >= limits::kServedParticipants)
    return error_reply(403, "serve.full");
  const std::size_t index = live_.join(name);
  guard_.registered(req.peer);
  seen_.resize(s_.record.participants.size());
  const std::string token = random_hex(16);
  tokens_.emplace_back(token, s_.record.participants[index].id);
  rejoin_.emplace_back(rejoin_code(), s_.record.participants[index].id);
  tokens_dirty_ = true;
  ++version_;
  seen_[index] = now;
  auto r = phone_reply(index);
  r.headers.emplace_back(
      "Set-Cookie", "h2h_token=" + token + "; Path=/; Max-Age=2592000; HttpOnly; SameSite=Strict");
  return r;
}

std::optional<http::Response> Room::answer(const http::Request& req, http::ConnectionId id) {
  const auto body = parse_object(req.body);
  std::lock_guard guard(mutex_);
  const auto me = who(req);
  if (!me) return error_reply(401, "serve.not_joined");
  seen_[*me] = Clock::now();
  if (!body) return error_reply(400, "serve.bad_request");
  const json& b = *body;
  if (!b.contains("dilemma") || !b["dilemma"].is_string())
    return error_reply(400, "serve.no_dilemma");
  if (!b.contains("a") || !b.contains("b") || !b["a"].is_number_integer() ||
      !b["b"].is_number_integer())
    return error_reply(400, "serve.bad_request");
  const auto a = b["a"].get<long long>(), bb = b["b"].get<long long>();
  if (a < kAnswerMin || a > kAnswerMax || bb < kAnswerMin || bb > kAnswerMax)
    return error_reply(400, "session.refused.answer_range");
  std::string idea =
      b.contains("idea") && b["idea"].is_string() ? b["idea"].get<std::string>() : "";
  if (utf8::first_invalid(idea) || utf8::length(idea) > kMaxIdea)
    return error_reply(400, "serve.bad_request");
  // An answer names its dilemma: a late or resent one never lands on the next.
  const auto d = session::open_dilemma(s_);
  if (!d || s_.record.dilemmas[*d] != b["dilemma"].get<std::string>() || s_.discussing == d ||
      ended_) {
    json state = phone_view(view(), me);
    state["version"] = phase_version_;
    return error_reply(409, "serve.stale", {{"state", state}});
  }
  const auto fx = live_.answer_as(*me, {static_cast<int>(a), static_cast<int>(bb)}, idea);
  if (!fx.refused.empty()) return error_reply(409, fx.refused);
  ++version_;
  unsaved_acks_.emplace_back(id, *me);
  return std::nullopt;  // answered once saved (tick)
}

std::optional<http::Response> Room::checkin(const http::Request& req, http::ConnectionId id) {
  const auto body = parse_object(req.body);
  std::lock_guard guard(mutex_);
  const auto me = who(req);
  if (!me) return error_reply(401, "serve.not_joined");
  seen_[*me] = Clock::now();
  if (!body || !body->contains("item") || !(*body)["item"].is_string() ||
      !body->contains("value") ||
      !((*body)["value"].is_null() || (*body)["value"].is_number_integer()))
    return error_reply(400, "serve.bad_request");
  std::optional<int> value;
  if ((*body)["value"].is_number_integer()) {
    const auto v = (*body)["value"].get<long long>();
    if (v < 1 || v > 5) return error_reply(400, "session.refused.rating_range");
    value = static_cast<int>(v);
  }
  if (ended_) return error_reply(409, "serve.stale");
  const auto fx = live_.rate_as(*me, (*body)["item"].get<std::string>(), value);
  if (!fx.refused.empty()) {
    json state = phone_view(view(), me);
    state["version"] = phase_version_;
    return error_reply(409, fx.refused, {{"state", state}});
  }
  ++version_;
  unsaved_acks_.emplace_back(id, *me);
  return std::nullopt;  // answered once saved (tick)
}

std::optional<http::Response> Room::screen_command(const http::Request& req) {
  const auto body = parse_object(req.body);
  if (!body || !body->contains("command") || !(*body)["command"].is_string())
    return error_reply(400, "serve.bad_request");
  const std::string c = (*body)["command"].get<std::string>();
  std::lock_guard guard(mutex_);
  std::string refused;
  if (c == "reveal")
    refused = command(ui::Command::reveal);
  else if (c == "next")
    refused = command(ui::Command::next);
  else if (c == "back")
    refused = command(ui::Command::back);
  else if (c == "map")
    refused = command(ui::Command::map);
  else
    return error_reply(400, "serve.bad_request");
  if (!refused.empty()) return error_reply(409, refused);
  json j = screen_view(view(), remaining_seconds(Clock::now()));
  j["version"] = version_;
  return json_reply(200, j);
}

void Room::phase_changed() {
  map_shown_ = false;
  ++phase_version_;
  ++version_;
}

std::string Room::command(ui::Command c, const std::string& text) {
  using session::Event;
  const std::string now = ui::now_utc();
  switch (c) {
    case ui::Command::reveal: {  // answers close; the reveal is on the pages too
      const bool revealed = s_.discussing && s_.discussing == session::open_dilemma(s_);
      const auto fx = live_.apply(Event::of(Event::Kind::reveal, now));
      if (!fx.refused.empty()) return revealed ? "serve.revealed_already" : fx.refused;
      phase_changed();
      return {};
    }
    case ui::Command::next: {
      const auto fx = live_.apply(Event::of(Event::Kind::next, now));
      if (!fx.refused.empty()) return "serve.reveal_first";
      phase_changed();
      return {};
    }
    case ui::Command::back: {  // in a room: the revealed answers open again
      const auto fx = live_.apply(Event::of(Event::Kind::reopen, now));
      if (!fx.refused.empty()) return "serve.nothing_to_reopen";
      phase_changed();
      return {};
    }
    case ui::Command::note:
    case ui::Command::action:
    case ui::Command::warning: {
      const auto kind = c == ui::Command::note     ? Event::Kind::note
                        : c == ui::Command::action ? Event::Kind::action
                                                   : Event::Kind::warning;
      const auto fx = live_.apply(Event::with_text(kind, text, now));
      if (!fx.refused.empty()) return fx.refused;
      ++version_;
      return {};
    }
    case ui::Command::unnote: {
      const auto fx = live_.apply(Event::of(Event::Kind::unnote, now));
      if (!fx.refused.empty()) return fx.refused;
      ++version_;
      return {};
    }
    case ui::Command::map: {  // the screen shows the polarity map, or the reveal again
      if (!s_.discussing || s_.discussing != session::open_dilemma(s_)) return "serve.reveal_first";
      map_shown_ = !map_shown_;
      ++version_;
      return {};
    }
    default:
      return "serve.unknown_command";
  }
}

std::string Room::outcome(const std::string& word) {
  const auto fx =
      live_.apply(session::Event::with_text(session::Event::Kind::outcome, word, ui::now_utc()));
  if (!fx.refused.empty()) return fx.refused;
  ++version_;
  return {};
}

void Room::end() {
  ended_ = true;
  phase_changed();
}

// The result of a write, on the console (once per run of failures).
void Room::saved_as(bool ok, const std::string& problems) {
  if (ok && save_failed_)
    std::fputs((tr("run.save_recovered", fmt::arg("path", io_.path)) + "\n").c_str(), stderr);
  if (!ok && !save_failed_) std::fputs((problems + tr("serve.save_failed") + "\n").c_str(), stderr);
  save_failed_ = !ok;
  if (tokens_dirty_ && ok) save_tokens();
}

namespace {
std::string problems_of(const Error& e) {
  std::string text;
  for (const auto& p : e.problems()) text += format_problem(p) + "\n";
  return text;
}
}  // namespace

void Room::save_now() {
  dirty_ = false;
  snapshot_change_ = live_.changes();
  try {
    io_.save(s_.record);
    live_.saved(snapshot_change_);
    saved_as(true, {});
  } catch (const Error& e) {
    saved_as(false, problems_of(e));
  }
}

// The saver's thread: writes the newest snapshot, outside the lock, so that
// the server goes on serving while the disk syncs.
void Room::save_loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wanted_.wait(lock, [&] { return snapshot_.has_value() || stop_saving_; });
    if (!snapshot_) return;
    const session::Record record = std::move(*snapshot_);
    snapshot_.reset();
    lock.unlock();
    bool ok = true;
    std::string problems;
    try {
      io_.save(record);
    } catch (const Error& e) {
      ok = false;
      problems = problems_of(e);
    }
    lock.lock();
    written_ = {ok, problems};
    if (server_) server_->wake();
  }
}

void Room::stop_saving() {
  {
    std::lock_guard guard(mutex_);
    stop_saving_ = true;
  }
  wanted_.notify_all();
  if (saver_.joinable()) saver_.join();
}

Room::~Room() {
  stop_saving();
}

void Room::save_tokens() {
  if (options_.tokens_path.empty()) return;
  std::string text;
  for (const auto& [token, id] : tokens_) {
    const auto* code = rejoin_code_of(id);
    text += id + " " + token + " " + (code ? *code : "-") + "\n";
  }
  // Whoever has no token now (a lost phone) keeps their rejoin code.
  for (const auto& entry : rejoin_) {
    const std::string& id = entry.second;
    if (std::none_of(tokens_.begin(), tokens_.end(), [&](const auto& t) { return t.second == id; }))
      text += id + " - " + entry.first + "\n";
  }
  try {
    formats::write_atomically(options_.tokens_path, text, 0600);
    tokens_dirty_ = false;
  } catch (const Error&) {
    // Only rejoining after --resume needs it; answers are safe without it.
  }
}

void Room::tick(http::Server& server) {
  std::lock_guard guard(mutex_);
  const auto now = Clock::now();
  const auto open = session::open_dilemma(s_);
  if (open != opened_dilemma_) {
    opened_dilemma_ = open;
    opened_at_ = now;
  }
  server_ = &server;
  if (written_) {  // a write finished: tell the phones whose answers it holds
    saved_as(written_->first, written_->second);
    if (written_->first) live_.saved(snapshot_change_);
    written_.reset();
    writing_ = false;
    for (const auto& [id, me] : writing_acks_) {
      if (!save_failed_)
        server.respond(id, phone_reply(me, 200, {{"saved", true}}));
      else
        server.respond(id, error_reply(507, "serve.not_saved", {{"saved", false}}));
    }
    writing_acks_.clear();
  }
  if ((dirty_ || live_.changes() != snapshot_change_) && !writing_ && !stop_saving_) {
    // One write for every answer that arrived meanwhile.
    dirty_ = false;
    snapshot_change_ = live_.changes();
    writing_ = true;
    writing_acks_ = std::move(unsaved_acks_);
    unsaved_acks_.clear();
    snapshot_ = s_.record;
    wanted_.notify_one();
  }
  const bool screen_due = now - screen_sent_ >= kScreenEvery;
  bool screen_flushed = false;
  std::optional<json> screen;
  std::erase_if(parked_, [&](const Parked& p) {
    if (!server.open(p.id)) return true;
    if (p.who) {
      if (phase_version_ == p.after && now < p.deadline && !ended_) return false;
      seen_[*p.who] = now;
      server.respond(p.id, phone_reply(p.who));
      return true;
    }
    if ((version_ == p.after || !screen_due) && now < p.deadline && !ended_) return false;
    if (!screen) {
      screen = screen_view(view(), remaining_seconds(now));
      (*screen)["version"] = version_;
    }
    server.respond(p.id, json_reply(200, *screen));
    screen_flushed = true;
    return true;
  });
  if (screen_flushed) screen_sent_ = now;
}

}  // namespace h2h::net
