// Writing a file so that a crash, a full disk or a kill at any moment leaves
// either the old file or the new one, never half of either: a temporary file
// in the same folder (created exclusively, never through a symlink), written,
// flushed and fsynced, then renamed over the target, and the folder fsynced.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace h2h::formats {

// Throws Error (exit code 1) when the file cannot be written; the previous
// file is then left as it was. `mode` is the new file's permission bits.
void write_atomically(const std::string& path, std::string_view bytes, unsigned mode = 0600);

// The same for a file written in pieces: the temporary file is made at
// once, each write() adds to it, and commit() puts it in place. Until then
// the target is untouched; a problem, or leaving without commit(), removes
// the temporary file. Problems are the Errors of write_atomically.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path, unsigned mode = 0600);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  // Appends `size` bytes of the open file `fd` from `offset`: a copy in the
  // kernel (copy_file_range) where the file systems allow it.
  void copy(int fd, std::uint64_t offset, std::uint64_t size);
  void commit();

 private:
  [[noreturn]] void give_up(int err);

  std::string path_, target_, tmp_;
  int fd_ = -1;
};

}  // namespace h2h::formats
