// Reading lines from standard input without ever blocking past what the
// caller allows: end of input, an interrupt (Ctrl-C, SIGTERM, SIGHUP) and a
// deadline each end a read with their own status.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>

namespace h2h::ui {

// Installs handlers for SIGINT, SIGTERM and SIGHUP that only record the
// signal, so that a blocked read returns and the caller can stop cleanly.
void install_interrupt_handlers();
// The signal that arrived (0: none).
int pending_signal();

class LineReader {
 public:
  enum class Status { line, end, interrupted, timeout };
  using Clock = std::chrono::steady_clock;

  explicit LineReader(int fd = 0) : fd_(fd) {}

  // Reads one line (without its newline or a final CR). Lines longer than
  // `max_chars` bytes are cut there (the rest of the line is discarded).
  Status read(std::string& line, std::optional<Clock::time_point> deadline = std::nullopt,
              std::size_t max_chars = 4000);

  // For a reader of single keys (the grid picker): the bytes read but not
  // yet taken as lines, and bytes given back that lines are read from next.
  int fd() const { return fd_; }
  std::string take_buffered() { return std::exchange(buffer_, std::string()); }
  void unread(const std::string& bytes) { buffer_.insert(0, bytes); }
  bool at_end() const { return eof_; }

 private:
  int fd_;
  std::string buffer_;
  bool eof_ = false;
};

}  // namespace h2h::ui
