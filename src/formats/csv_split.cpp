#include "formats/csv_split.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace h2h::formats {

std::optional<std::uint64_t> csv_split_point(int fd, std::uint64_t size, std::uint64_t target,
                                             char delimiter, std::size_t chunk) {
  const std::size_t step = std::max<std::size_t>(chunk, 1);
  // One byte more than is followed per chunk: what comes after a quote
  // (and at least the three of a byte order mark).
  std::vector<char> buffer(std::max<std::size_t>(step + 1, 3));
  char* const data = buffer.data();
  std::uint64_t off = 0;
  if (size >= 3 && ::pread(fd, data, 3, 0) == 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    off = 3;  // a byte order mark: the first field starts after it
  bool quoted = false;
  bool tail = false;  // after a quoted field's closing quote, before its end
  char prev = '\n';   // the byte before the chunk: the file's start is a field's start
  auto field_start = [&](std::size_t j) {
    const char before = j == 0 ? prev : data[j - 1];
    return before == delimiter || before == '\n';
  };
  while (off < size) {
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(step + 1, size - off));
    std::size_t n = 0;
    while (n < want) {
      const ssize_t got = ::pread(fd, data + n, want - n, static_cast<off_t>(off + n));
      if (got <= 0) return std::nullopt;
      n += static_cast<std::size_t>(got);
    }
    const std::size_t limit = n > step ? step : n;  // data[limit] is a look ahead when n > limit
    std::size_t i = 0;
    while (i < limit) {
      if (quoted) {
        const void* q = std::memchr(data + i, '"', limit - i);
        if (q == nullptr) {
          i = limit;
          break;
        }
        const std::size_t j = static_cast<std::size_t>(static_cast<const char*>(q) - data);
        if (j + 1 < n && data[j + 1] == '"') {  // "" inside a quoted field
          i = j + 2;
          continue;
        }
        quoted = false;
        tail = true;
        i = j + 1;
        continue;
      }
      if (tail) {
        // After the closing quote CsvReader keeps any text up to a
        // delimiter, a line end or a carriage return; a carriage return
        // not followed by a line end starts another field there, where a
        // quote opens one: too rare to follow here.
        std::size_t k = i;
        while (k < limit && data[k] != delimiter && data[k] != '\n' && data[k] != '\r') ++k;
        if (k == limit) {
          i = limit;
          break;
        }
        if (data[k] == '\r' && k + 1 < n && data[k + 1] != '\n') return std::nullopt;
        tail = false;
        i = k;
        continue;
      }
      const void* q = std::memchr(data + i, '"', limit - i);
      const std::size_t qj =
          q == nullptr ? limit : static_cast<std::size_t>(static_cast<const char*>(q) - data);
      // Past the target, the first line end before the next quote ends a record.
      const std::uint64_t from_abs = std::max<std::uint64_t>(off + i, target);
      if (from_abs < off + qj) {
        const std::size_t from = static_cast<std::size_t>(from_abs - off);
        if (const void* nl = std::memchr(data + from, '\n', qj - from)) {
          const std::uint64_t at =
              off + static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1;
          if (at >= size) return std::nullopt;
          return at;
        }
      }
      if (q == nullptr) {
        i = limit;
        break;
      }
      if (field_start(qj)) quoted = true;
      i = qj + 1;
    }
    prev = data[i - 1];
    off += i;
  }
  return std::nullopt;
}

}  // namespace h2h::formats
