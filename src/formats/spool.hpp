// Many streams of bytes, appended to in any interleaving and read back one
// after the other, in bounded memory: each stream keeps at most a block in
// memory, and full blocks go to one temporary file without a name
// (O_TMPFILE), which the system removes when h2h ends, however it ends.
// h2h import writes the lists of every session file to it as the rows come,
// and puts each file together at the end.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace h2h::formats {

class Spool {
 public:
  // A stream's block; and the most all streams together keep in memory
  // before every block goes to the file.
  static constexpr std::size_t kBlock = 64 * 1024;
  static constexpr std::size_t kMemory = 8 * 1024 * 1024;

  // The temporary file is made on the first full block, in the first of
  // `folders` that allows it (an empty string: $TMPDIR, else /tmp). A
  // problem is an Error (exit 1) placed at `place`.
  Spool(std::vector<std::string> folders, std::string place);
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // A new, empty stream: its number.
  std::size_t add();

  // Appends to a stream what `write` appends to the string it is given.
  template <class Write>
  void append(std::size_t stream, Write&& write) {
    Stream& s = streams_[stream];
    const std::size_t before = s.memory.size();
    write(s.memory);
    const std::size_t added = s.memory.size() - before;
    s.bytes += added;
    memory_ += added;
    if (s.memory.size() >= kBlock)
      flush(s);
    else if (memory_ > kMemory)
      flush_all();
  }

  std::uint64_t size(std::size_t stream) const { return streams_[stream].bytes; }

  // Hands a stream's bytes over in order: what went to the file as ranges
  // of it (`from_file(fd(), offset, size)`, for a copy in the kernel), what
  // is still in memory as bytes.
  void read(std::size_t stream,
            const std::function<void(int fd, std::uint64_t offset, std::uint64_t size)>& from_file,
            const std::function<void(std::string_view)>& from_memory) const;

 private:
  struct Extent {
    std::uint64_t offset, size;
  };
  struct Stream {
    std::string memory;
    std::vector<Extent> extents;
    std::uint64_t bytes = 0;
  };

  void open();
  void flush(Stream& s);
  void flush_all();
  [[noreturn]] void fail(int err) const;

  std::vector<std::string> folders_;
  std::string place_;
  std::vector<Stream> streams_;
  std::size_t memory_ = 0;
  int fd_ = -1;
  std::uint64_t end_ = 0;
};

}  // namespace h2h::formats
