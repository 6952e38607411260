// Limits per client address for a served session: requests per second (a
// token bucket), wrong join codes (then the address is locked out for a
// while, even with the right code) and participants registered. One
// guessing or flooding client is stopped without locking out the room.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>

namespace h2h::net {

struct GuardLimits {
  double requests_per_second = 10;  // sustained, per address
  double burst = 40;                // requests in a burst, per address
  int wrong_codes = 10;             // wrong join codes before the lockout
  std::chrono::seconds lockout{15 * 60};
  std::size_t registrations = 8;  // participants one address may add
};

class Guard {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Guard(GuardLimits limits = {}) : limits_(limits) {}

  bool allow_request(const std::string& peer, Clock::time_point now);
  bool locked_out(const std::string& peer, Clock::time_point now) const;
  // Counts a wrong code; true when this one locks the address out.
  bool wrong_code(const std::string& peer, Clock::time_point now);
  bool may_register(const std::string& peer) const;
  void registered(const std::string& peer);

  const GuardLimits& limits() const { return limits_; }

 private:
  struct Client {
    double tokens = 0;
    Clock::time_point refilled{};
    int wrong = 0;
    Clock::time_point locked_until{};
    std::size_t registered = 0;
  };
  Client& client(const std::string& peer, Clock::time_point now);

  GuardLimits limits_;
  std::map<std::string, Client> clients_;
};

}  // namespace h2h::net
