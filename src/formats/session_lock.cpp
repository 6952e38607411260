#include "formats/session_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "core/error.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

namespace fs = std::filesystem;
using i18n::tr;

namespace {

std::string field(const std::string& text, const std::string& key) {
  const auto at = text.find(key + ": ");
  if (at == std::string::npos) return {};
  const auto start = at + key.size() + 2;
  const auto end = text.find('\n', start);
  std::string value = text.substr(start, end == std::string::npos ? end : end - start);
  // The lock file is ours, but anyone with the account can edit it: keep
  // what reaches the terminal printable.
  for (char& c : value)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return value.substr(0, 100);
}

// "process 123 on host, since 2026-01-01T10:00:00Z", from a lock file's text.
std::string holder_of(const std::string& text) {
  const std::string pid = field(text, "pid");
  if (pid.empty()) return tr("lock.holder_unknown");
  return tr("lock.holder", fmt::arg("pid", pid), fmt::arg("host", field(text, "host")),
            fmt::arg("since", field(text, "started")));
}

std::string read_all(int fd) {
  char buffer[512];
  const ssize_t n = ::pread(fd, buffer, sizeof buffer, 0);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

std::string owner_text() {
  char host[256] = "?";
  if (::gethostname(host, sizeof host - 1) != 0) std::strcpy(host, "?");
  host[sizeof host - 1] = '\0';
  char started[32] = "?";
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  if (::gmtime_r(&now, &utc) != nullptr)
    std::strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return fmt::format("pid: {}\nhost: {}\nstarted: {}\n", ::getpid(), host, started);
}

}  // namespace

std::string lock_path_for(const std::string& session_path) {
  const fs::path p(session_path);
  return (p.parent_path() / ("." + p.filename().string() + ".lock")).string();
}

SessionLock::SessionLock(const std::string& session_path)
    : lock_path_(lock_path_for(session_path)) {
  auto fail = [&](int err) {
    throw Error(
        ExitCode::failure, Place{session_path},
        tr("lock.cannot", fmt::arg("lock", lock_path_), fmt::arg("reason", std::strerror(err))));
  };
  // A few tries: the holder may remove the lock file between our open and
  // our flock, and then the lock we got is on a file nobody else will see.
  for (int attempt = 0; attempt < 5; ++attempt) {
    const int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) fail(errno);
    struct stat held {};
    if (::fstat(fd, &held) != 0 || !S_ISREG(held.st_mode)) {
      ::close(fd);
      fail(EINVAL);
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      const std::string text = read_all(fd);
      ::close(fd);
      if (err != EWOULDBLOCK) fail(err);
      throw Error(
          ExitCode::failure, Place{session_path},
          tr("lock.held", fmt::arg("holder", holder_of(text)), fmt::arg("lock", lock_path_)));
    }
    struct stat now {};
    if (::lstat(lock_path_.c_str(), &now) != 0 || now.st_ino != held.st_ino ||
        now.st_dev != held.st_dev) {
      ::close(fd);  // removed or replaced meanwhile: try again
      continue;
    }
    const std::string previous = read_all(fd);
    if (!previous.empty()) stale_ = holder_of(previous);
    const std::string mine = owner_text();
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, mine.data(), mine.size(), 0) != static_cast<ssize_t>(mine.size())) {
      const int err = errno;
      ::unlink(lock_path_.c_str());
      ::close(fd);
      fail(err);
    }
    fd_ = fd;
    return;
  }
  fail(EAGAIN);
}

SessionLock::~SessionLock() {
  if (fd_ < 0) return;
  // Removed while still held, so that nobody takes a lock on a file that is
  // about to disappear without noticing (they check the inode after flock).
  ::unlink(lock_path_.c_str());
  ::close(fd_);
}

std::vector<std::string> remove_stale_temporaries(const std::string& session_path) {
  const fs::path p = fs::absolute(session_path);
  const std::string prefix = "." + p.filename().string() + ".";
  std::vector<std::string> removed;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(p.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    // Exactly the names atomic_file makes: prefix, 16 hex digits, ".tmp".
    if (name.size() != prefix.size() + 16 + 4 || name.rfind(prefix, 0) != 0 ||
        name.compare(name.size() - 4, 4, ".tmp") != 0)
      continue;
    const std::string hex = name.substr(prefix.size(), 16);
    if (hex.find_first_not_of("0123456789abcdef") != std::string::npos) continue;
    struct stat st {};
    if (::lstat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::getuid())
      continue;
    if (::unlink(entry.path().c_str()) == 0) removed.push_back(name);
  }
  return removed;
}

}  // namespace h2h::formats
