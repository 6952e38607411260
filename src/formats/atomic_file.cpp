#include "formats/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "core/error.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, int err) {
  throw Error(ExitCode::failure, Place{path},
              i18n::tr("file.cannot_write", fmt::arg("reason", std::strerror(err))));
}

std::string temporary_name(const fs::path& target) {
  static std::mt19937_64 random{std::random_device{}()};
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, ".%016llx.tmp", static_cast<unsigned long long>(random()));
  return (target.parent_path() / ("." + target.filename().string() + suffix)).string();
}

}  // namespace

void write_atomically(const std::string& path, std::string_view bytes, unsigned mode) {
  const fs::path target = fs::absolute(path);
  const std::string tmp = temporary_name(target);
  // O_EXCL with O_CREAT never follows a symlink at the temporary path.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) fail(path, errno);
  auto give_up = [&](int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    fail(path, err);
  };
  if (::fchmod(fd, mode) != 0) give_up(errno);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      give_up(errno);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) give_up(errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail(path, err);
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail(path, err);
  }
  // Make the rename itself durable.
  const int dir = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace h2h::formats
