// A streaming CSV reader for survey exports as they come: UTF-8 with or
// without a byte order mark, LF or CRLF, RFC 4180 quoting (delimiters,
// quotes and newlines inside quoted fields), and the delimiter detected
// among ',', ';' and tab from the header (or given).
//
// Written here rather than taken from a library: the batch goal (well over
// 100 MB/s, memory bounded whatever the file's size) wants fields handed out
// as views into one reusable buffer, with the spreadsheet row and column of
// every field kept for error messages. Debian's libcsv copies every field
// through a callback and knows no rows or columns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace h2h::formats {

// The bytes of the first read; the buffer doubles for a longer record.
inline constexpr std::size_t kCsvBufferBytes = 256 << 10;

class CsvReader {
 public:
  // Reads `fd` (not closed). `source` names the file in messages. `buffer`
  // is the size of the first read (tests make it small, to put every byte
  // on a buffer's edge).
  CsvReader(int fd, std::string source, std::optional<char> delimiter = std::nullopt,
            std::size_t buffer = kCsvBufferBytes);
  // A part of a file: the records from byte `begin` (the start of a record
  // after the header, as csv_split_point finds) to `end`, read with pread;
  // rows are counted from 1 at `begin`.
  CsvReader(int fd, std::string source, char delimiter, std::uint64_t begin, std::uint64_t end,
            std::size_t buffer = kCsvBufferBytes);

  // Reads no byte at or after `end`: there the file ends for this reader.
  void stop_at(std::uint64_t end) { end_at_ = end; }

  // The next record's fields, valid until the next call; false at the end.
  // Throws Error (exit 3) at a quoted field that is never closed, or a
  // record longer than the limit, with the row and column.
  bool next(std::vector<std::string_view>& fields);

  // The record's row as a spreadsheet numbers it: the header is row 1, and
  // a newline inside a quoted field does not start a new row.
  std::int64_t row() const { return row_; }
  char delimiter() const { return delimiter_; }
  std::uint64_t bytes_read() const { return bytes_read_; }

 private:
  bool fill();  // reads more bytes; false at end of file
  void detect_delimiter();

  int fd_;
  std::string source_;
  char delimiter_ = ',';
  bool delimiter_given_ = false;
  bool detected_ = false;
  std::string buffer_;
  std::size_t begin_ = 0;  // start of unparsed bytes
  std::size_t end_ = 0;    // end of valid bytes
  bool eof_ = false;
  bool first_ = true;
  std::string scratch_;  // unescaped quoted fields of the current record
  std::vector<std::pair<std::size_t, std::size_t>> in_scratch_;  // (field, offset in scratch_)
  std::vector<std::size_t> lengths_;                             // of those fields
  std::int64_t row_ = 0;
  std::uint64_t bytes_read_ = 0;
  bool positioned_ = false;       // reads with pread from offset_
  std::uint64_t offset_ = 0;      // where the next read starts (pread)
  std::uint64_t end_at_ = ~0ULL;  // the file's end for this reader
};

}  // namespace h2h::formats
