#include "live/session.hpp"

namespace h2h::live {

session::Effects Session::apply(session::Event event) {
  if (event.time.empty()) event.time = now_();
  return taken(session::step(s_, event));
}

std::size_t Session::join(const std::string& name) {
  ++changes_;
  return session::join(s_, name, now_());
}

session::Effects Session::answer_as(std::size_t who, Point point, const std::string& idea) {
  return taken(session::answer_as(s_, who, point, idea, now_()));
}

session::Effects Session::rate_as(std::size_t who, std::string_view item,
                                  std::optional<int> value) {
  return taken(session::rate_as(s_, who, item, value, now_()));
}

void Session::close() {
  if (!session::open_dilemma(s_) && s_.record.finished.empty()) {
    s_.record.finished = now_();
    ++changes_;
  }
}

}  // namespace h2h::live
