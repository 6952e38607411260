#include "ui/line_input.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace h2h::ui {

namespace {

volatile std::sig_atomic_t received = 0;

extern "C" void on_signal(int sig) {
  received = sig;
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked read returns with EINTR
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &action, nullptr);
}

int pending_signal() {
  return received;
}

LineReader::Status LineReader::read(std::string& line, std::optional<Clock::time_point> deadline,
                                    std::size_t max_chars) {
  line.clear();
  while (true) {
    if (received != 0) return Status::interrupted;
    if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
      line = buffer_.substr(0, std::min(nl, max_chars));
      buffer_.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return Status::line;
    }
    if (eof_) {
      if (buffer_.empty()) return Status::end;
      line = buffer_.substr(0, max_chars);  // a last line without newline
      buffer_.clear();
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return Status::line;
    }
    if (buffer_.size() > max_chars) buffer_.resize(max_chars);  // keep reading to the newline
    // A signal that comes between the check at the top and poll() would not
    // interrupt it: poll() wakes now and then to look again.
    int timeout_ms = 500;
    if (deadline) {
      const auto left =
          std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count();
      if (left <= 0) return Status::timeout;
      timeout_ms = static_cast<int>(std::min<long long>(left, timeout_ms));
    }
    pollfd pfd{fd_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, timeout_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      eof_ = true;
      continue;
    }
    if (ready == 0) continue;  // the deadline is checked at the top
    char chunk[4096];
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      eof_ = true;
    } else if (n == 0) {
      eof_ = true;
    } else {
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
}

}  // namespace h2h::ui
