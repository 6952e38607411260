#include "formats/spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/error.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

namespace {

std::string spool_temporary_folder() {
  const char* dir = std::getenv("TMPDIR");
  return (dir && *dir) ? dir : "/tmp";
}

}  // namespace

Spool::Spool(std::vector<std::string> folders, std::string place)
    : folders_(std::move(folders)), place_(std::move(place)) {}

Spool::~Spool() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t Spool::add() {
  streams_.emplace_back();
  return streams_.size() - 1;
}

void Spool::fail(int err) const {
  throw Error(ExitCode::failure, Place{place_},
              i18n::tr("file.cannot_write", fmt::arg("reason", std::strerror(err))));
}

void Spool::open() {
  int err = 0;
  for (const auto& folder : folders_) {
    const std::string dir = folder.empty() ? spool_temporary_folder() : folder;
    fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd_ >= 0) return;
    err = errno;
  }
  // A file system without O_TMPFILE: a named file, removed at once.
  std::string name = spool_temporary_folder() + "/.h2h-spool.XXXXXX";
  fd_ = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd_ < 0) fail(err ? err : errno);
  ::unlink(name.c_str());
}

void Spool::flush(Stream& s) {
  if (s.memory.empty()) return;
  if (fd_ < 0) open();
  std::size_t done = 0;
  while (done < s.memory.size()) {
    const ssize_t n = ::pwrite(fd_, s.memory.data() + done, s.memory.size() - done,
                               static_cast<off_t>(end_ + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    done += static_cast<std::size_t>(n);
  }
  if (!s.extents.empty() && s.extents.back().offset + s.extents.back().size == end_)
    s.extents.back().size += done;
  else
    s.extents.push_back({end_, done});
  end_ += done;
  memory_ -= done;
  s.memory.clear();
}

void Spool::flush_all() {
  for (auto& s : streams_) flush(s);
}

void Spool::read(
    std::size_t stream,
    const std::function<void(int fd, std::uint64_t offset, std::uint64_t size)>& from_file,
    const std::function<void(std::string_view)>& from_memory) const {
  const Stream& s = streams_[stream];
  for (const Extent& e : s.extents) from_file(fd_, e.offset, e.size);
  if (!s.memory.empty()) from_memory(s.memory);
}

}  // namespace h2h::formats
