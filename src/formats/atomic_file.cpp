#include "formats/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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

AtomicFile::AtomicFile(std::string path, unsigned mode) : path_(std::move(path)) {
  const fs::path target = fs::absolute(path_);
  target_ = target.string();
  tmp_ = temporary_name(target);
  // O_EXCL with O_CREAT never follows a symlink at the temporary path.
  fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd_ < 0) fail(path_, errno);
  if (::fchmod(fd_, mode) != 0) give_up(errno);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(tmp_.c_str());
  }
}

void AtomicFile::give_up(int err) {
  ::close(fd_);
  fd_ = -1;
  ::unlink(tmp_.c_str());
  fail(path_, err);
}

void AtomicFile::write(std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      give_up(errno);
    }
    done += static_cast<std::size_t>(n);
  }
}

void AtomicFile::copy(int fd, std::uint64_t offset, std::uint64_t size) {
  auto from = static_cast<off64_t>(offset);
  const auto end = static_cast<off64_t>(offset + size);
  while (from < end) {
    const ssize_t n =
        ::copy_file_range(fd, &from, fd_, nullptr, static_cast<std::size_t>(end - from), 0);
    if (n > 0) continue;
    if (n < 0 && errno == EINTR) continue;
    if (n == 0 || errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)
      break;  // the rest through a buffer
    give_up(errno);
  }
  std::string buffer;
  while (from < end) {
    buffer.resize(static_cast<std::size_t>(std::min<off64_t>(end - from, 1 << 20)));
    const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), from);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) give_up(n < 0 ? errno : EIO);
    write(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    from += n;
  }
}

void AtomicFile::commit() {
  if (::fsync(fd_) != 0) give_up(errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp_.c_str());
    fail(path_, err);
  }
  if (::rename(tmp_.c_str(), target_.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp_.c_str());
    fail(path_, err);
  }
  // Make the rename itself durable.
  const int dir =
      ::open(fs::path(target_).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void write_atomically(const std::string& path, std::string_view bytes, unsigned mode) {
  AtomicFile file(path, mode);
  file.write(bytes);
  file.commit();
}

}  // namespace h2h::formats
