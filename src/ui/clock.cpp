#include "ui/clock.hpp"

#include <ctime>

namespace h2h::ui {

namespace {

std::string format_time(const char* pattern, bool utc) {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  if (utc)
    gmtime_r(&now, &parts);
  else
    localtime_r(&now, &parts);
  char out[64];
  const std::size_t n = std::strftime(out, sizeof out, pattern, &parts);
  return std::string(out, n);
}

}  // namespace

std::string now_utc() {
  return format_time("%Y-%m-%dT%H:%M:%SZ", true);
}
std::string local_stamp() {
  return format_time("%Y%m%d-%H%M", false);
}

}  // namespace h2h::ui
