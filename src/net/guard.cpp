#include "net/guard.hpp"

#include <algorithm>

namespace h2h::net {

namespace {
// Distinct addresses remembered; beyond it, idle buckets are forgotten (an
// address that returns starts with a full bucket, but keeps its lockout).
constexpr std::size_t kClients = 100000;
}  // namespace

Guard::Client& Guard::client(const std::string& peer, Clock::time_point now) {
  auto it = clients_.find(peer);
  if (it != clients_.end()) return it->second;
  if (clients_.size() >= kClients)
    std::erase_if(clients_, [&](const auto& kv) {
      return kv.second.wrong == 0 && kv.second.registered == 0;
    });
  Client c;
  c.tokens = limits_.burst;
  c.refilled = now;
  return clients_.emplace(peer, c).first->second;
}

bool Guard::allow_request(const std::string& peer, Clock::time_point now) {
  Client& c = client(peer, now);
  const double elapsed = std::chrono::duration<double>(now - c.refilled).count();
  c.tokens = std::min(limits_.burst, c.tokens + elapsed * limits_.requests_per_second);
  c.refilled = now;
  if (c.tokens < 1) return false;
  c.tokens -= 1;
  return true;
}

bool Guard::locked_out(const std::string& peer, Clock::time_point now) const {
  const auto it = clients_.find(peer);
  return it != clients_.end() && it->second.wrong >= limits_.wrong_codes &&
         now < it->second.locked_until;
}

bool Guard::wrong_code(const std::string& peer, Clock::time_point now) {
  Client& c = client(peer, now);
  if (c.wrong >= limits_.wrong_codes && now >= c.locked_until) c.wrong = 0;  // served its time
  if (++c.wrong == limits_.wrong_codes) c.locked_until = now + limits_.lockout;
  return c.wrong >= limits_.wrong_codes;
}

bool Guard::may_register(const std::string& peer) const {
  const auto it = clients_.find(peer);
  return it == clients_.end() || it->second.registered < limits_.registrations;
}

void Guard::registered(const std::string& peer) {
  ++client(peer, Clock::now()).registered;
}

}  // namespace h2h::net
