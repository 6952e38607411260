// The room of a served session: turns phone and screen requests into
// changes of the session state, under one lock shared with the console.
// Answers are acknowledged only once the session file holds them: they are
// saved together (one write for all that arrived meanwhile) on the server's
// thread, then every waiting phone is told saved or not saved.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/deck.hpp"
#include "core/session.hpp"
#include "core/tally.hpp"
#include "live/session.hpp"
#include "net/guard.hpp"
#include "net/http.hpp"
#include "net/views.hpp"
#include "ui/commands.hpp"
#include "ui/session_terminal.hpp"

namespace h2h::net {

struct RoomOptions {
  bool show_names = false;  // names on the reveal (phones and screen)
  std::string tokens_path;  // where the phones' tokens are kept for --resume
  std::string screen_html;  // the screen page, made once (it holds the QR code)
  GuardLimits guard;
};

class Room {
 public:
  using Clock = std::chrono::steady_clock;

  Room(live::Session& live, const Deck& deck, ui::SessionIO& io, RoomOptions options);
  ~Room();
  Room(const Room&) = delete;
  Room& operator=(const Room&) = delete;

  const std::string& code() const { return code_; }
  const std::string& screen_key() const { return screen_key_; }
  void set_screen_html(std::string html) { options_.screen_html = std::move(html); }
  std::mutex& lock() { return mutex_; }

  // On the server's thread.
  std::optional<http::Response> handle(const http::Request& req, http::ConnectionId id);
  void tick(http::Server& server);

  // Under lock(): a facilitator's command (from the console or the screen's
  // keys) as an event of the session; returns a catalog key when refused.
  std::string command(ui::Command c, const std::string& text = {});
  // Under lock(): in a follow-up, what became of the earlier action step
  // being asked ("done", "partly", "not", or empty: none); a catalog key when refused.
  std::string outcome(const std::string& word);
  // Under lock(): the session stops; phones are told so.
  void end();
  // Under lock(): every change so far, and whether the last save worked.
  std::uint64_t version() const { return version_; }
  bool saved() const { return !save_failed_; }
  // Under lock(): nothing waits for a write or a change.
  bool idle() const {
    return parked_.empty() && unsaved_acks_.empty() && writing_acks_.empty() && !dirty_ &&
           live_.changes() == snapshot_change_ && !writing_;
  }
  // Not under lock(): finishes the write under way and stops the saver.
  void stop_saving();
  // Under lock(): saves now (at the end, once the server and saver stopped).
  void save_now();
  // Under lock(): participants not heard from for a while.
  bool away(std::size_t participant, Clock::time_point now) const;
  // Under lock(): participant p's rejoin code, which the facilitator can
  // tell someone whose phone lost its page ("codes" on the console).
  std::string rejoin_code_of(std::size_t participant) const;
  // When the open dilemma was opened (for the timebox).
  int remaining_seconds(Clock::time_point now) const;

 private:
  struct Parked {
    http::ConnectionId id;
    std::optional<std::size_t> who;  // a phone; none: the screen
    std::uint64_t after;
    Clock::time_point deadline;
  };
  ViewContext view() const;
  // A phone's state as sent: the reveal, the same for every phone, is made
  // and serialised once per change, not once per phone.
  http::Response phone_reply(std::optional<std::size_t> me, int status = 200,
                             const nlohmann::json& extra = nlohmann::json::object());
  const std::string& reveal_text();
  std::optional<std::size_t> who(const http::Request& req) const;
  bool screen_allowed(const http::Request& req) const;
  std::optional<http::Response> join(const http::Request& req);
  std::optional<http::Response> answer(const http::Request& req, http::ConnectionId id);
  std::optional<http::Response> checkin(const http::Request& req, http::ConnectionId id);
  std::optional<http::Response> poll(const http::Request& req, http::ConnectionId id, bool screen);
  std::optional<http::Response> screen_command(const http::Request& req);
  void phase_changed();
  void save_tokens();
  void save_loop();
  void saved_as(bool ok, const std::string& problems);

  live::Session& live_;      // every change goes through it
  const session::State& s_;  // read only
  const Deck& deck_;
  ui::SessionIO& io_;
  RoomOptions options_;
  Weights weights_;
  std::string code_, screen_key_, page_;
  mutable std::mutex mutex_;
  Guard guard_;
  const std::string* rejoin_code_of(const std::string& id) const;
  std::vector<std::pair<std::string, std::string>> tokens_;  // token -> participant id
  std::vector<std::pair<std::string, std::string>> rejoin_;  // rejoin code -> participant id
  std::vector<Clock::time_point> seen_;                      // per participant
  std::vector<Parked> parked_;
  std::vector<std::pair<http::ConnectionId, std::size_t>> unsaved_acks_;  // wait for a save
  std::uint64_t version_ = 1;                                             // any change (the screen)
  std::uint64_t phase_version_ = 1;  // what phones show changed
  Clock::time_point screen_sent_{};
  std::string reveal_text_;
  std::uint64_t reveal_version_ = 0;
  std::optional<std::size_t> opened_dilemma_;
  Clock::time_point opened_at_ = Clock::now();
  std::uint64_t snapshot_change_ = 0;  // the live session's changes the last write was given
  bool map_shown_ = false;             // the screen shows the polarity map instead of the reveal
  // dirty_: a write is wanted for the tokens alone (session changes are
  // counted by the live session).
  bool dirty_ = false, tokens_dirty_ = false, save_failed_ = false, ended_ = false;
  // The saver: a thread that writes snapshots of the record.
  std::condition_variable wanted_;
  std::optional<session::Record> snapshot_;
  std::optional<std::pair<bool, std::string>> written_;  // a write finished: ok, problems
  std::vector<std::pair<http::ConnectionId, std::size_t>> writing_acks_;  // in that write
  bool writing_ = false, stop_saving_ = false;
  http::Server* server_ = nullptr;
  std::thread saver_;  // last: started once everything above is ready
};

}  // namespace h2h::net
