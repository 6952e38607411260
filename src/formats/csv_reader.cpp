#include "formats/csv_reader.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

namespace {

constexpr std::size_t kMaxRecord = limits::kRecordBytes;  // one record at most

}  // namespace

CsvReader::CsvReader(int fd, std::string source, std::optional<char> delimiter, std::size_t buffer)
    : fd_(fd), source_(std::move(source)) {
  if (delimiter) {
    delimiter_ = *delimiter;
    delimiter_given_ = true;
  }
  buffer_.resize(std::clamp<std::size_t>(buffer, 1, kMaxRecord));
}

CsvReader::CsvReader(int fd, std::string source, char delimiter, std::uint64_t begin,
                     std::uint64_t end, std::size_t buffer)
    : fd_(fd),
      source_(std::move(source)),
      delimiter_(delimiter),
      delimiter_given_(true),
      detected_(true),
      first_(false),
      positioned_(true),
      offset_(begin),
      end_at_(end) {
  buffer_.resize(std::clamp<std::size_t>(buffer, 1, kMaxRecord));
}

bool CsvReader::fill() {
  if (eof_) return false;
  // Keep the unparsed tail, at the front.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    if (buffer_.size() >= kMaxRecord)
      throw Error(ExitCode::invalid_data, Place{source_, static_cast<int>(row_ + 1), 1},
                  i18n::tr("csv.record_too_long", fmt::arg("max", kMaxRecord)));
    buffer_.resize(std::min(buffer_.size() * 2, kMaxRecord));
  }
  const std::uint64_t at = positioned_ ? offset_ : bytes_read_;
  const std::size_t want =
      static_cast<std::size_t>(std::min<std::uint64_t>(buffer_.size() - end_, end_at_ - at));
  while (true) {
    const ssize_t n = want == 0 ? 0
                      : positioned_
                          ? ::pread(fd_, buffer_.data() + end_, want, static_cast<off_t>(offset_))
                          : ::read(fd_, buffer_.data() + end_, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(ExitCode::failure, Place{source_},
                  i18n::tr("file.cannot_read", fmt::arg("reason", std::strerror(errno))));
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    end_ += static_cast<std::size_t>(n);
    bytes_read_ += static_cast<std::uint64_t>(n);
    offset_ += static_cast<std::uint64_t>(n);
    return true;
  }
}

void CsvReader::detect_delimiter() {
  detected_ = true;
  if (delimiter_given_) return;
  std::size_t counts[3] = {0, 0, 0};
  bool quoted = false;
  for (std::size_t i = begin_; i < end_; ++i) {
    const char c = buffer_[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++counts[0];
    if (c == ';') ++counts[1];
    if (c == '\t') ++counts[2];
  }
  delimiter_ = ',';
  if (counts[1] > counts[0] && counts[1] >= counts[2]) delimiter_ = ';';
  if (counts[2] > counts[0] && counts[2] > counts[1]) delimiter_ = '\t';
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  scratch_.clear();
  if (first_) {
    // The header must be whole in the buffer to detect the delimiter: up to
    // its line end outside quotes, followed as detect_delimiter does, or the
    // most a record may hold. Whatever the reads return, the same bytes
    // decide (a pipe may give a header with a quoted line end in pieces).
    std::size_t scanned = begin_;
    bool quoted = false;
    while (true) {
      for (; scanned < end_; ++scanned) {
        const char c = buffer_[scanned];
        if (c == '"') quoted = !quoted;
        if (c == '\n' && !quoted) break;
      }
      if (scanned < end_ || end_ - begin_ >= kMaxRecord || !fill()) break;
    }
    if (end_ - begin_ >= 3 && std::memcmp(buffer_.data() + begin_, "\xEF\xBB\xBF", 3) == 0)
      begin_ += 3;
    first_ = false;
  }
  if (!detected_) detect_delimiter();
  while (true) {
    if (begin_ == end_ && !fill()) return false;
    // Parse one record from begin_; restart after fill() when it is cut off.
    const char* data = buffer_.data();
    std::size_t pos = begin_;
    fields.clear();
    scratch_.clear();
    in_scratch_.clear();
    lengths_.clear();
    bool need_more = false;
    while (true) {
      const std::size_t field_start = pos;
      if (pos < end_ && data[pos] == '"') {
        // Quoted field: "" is a quote; ends at a quote before a delimiter,
        // a line end or the end of the file.
        ++pos;
        std::size_t piece = pos;
        const std::size_t out_start = scratch_.size();
        bool closed = false;
        while (pos < end_) {
          const void* q = std::memchr(data + pos, '"', end_ - pos);
          if (q == nullptr) {
            pos = end_;
            break;
          }
          const std::size_t at = static_cast<const char*>(q) - data;
          if (at + 1 < end_ && data[at + 1] == '"') {
            scratch_.append(data + piece, at + 1 - piece);
            pos = piece = at + 2;
            continue;
          }
          if (at + 1 == end_ && !eof_) {  // a quote at the buffer's end: "" or closing?
            pos = end_;
            break;
          }
          scratch_.append(data + piece, at - piece);
          pos = at + 1;
          closed = true;
          break;
        }
        if (!closed) {
          if (!eof_) {
            need_more = true;
            break;
          }
          throw Error(
              ExitCode::invalid_data,
              Place{source_, static_cast<int>(row_ + 1), static_cast<int>(fields.size() + 1)},
              i18n::tr("csv.unclosed_quote"));
        }
        // A view into scratch_ is made once the record is complete (scratch_
        // may still grow); until then the field holds its offset.
        in_scratch_.emplace_back(fields.size(), out_start);
        fields.emplace_back();
        // Anything between the closing quote and the delimiter is kept, as
        // spreadsheets do ("a"b -> ab).
        while (pos < end_ && data[pos] != delimiter_ && data[pos] != '\n' && data[pos] != '\r') {
          scratch_.push_back(data[pos]);
          ++pos;
        }
        in_scratch_.back().second = out_start;
        lengths_.push_back(scratch_.size() - out_start);
      } else {
        // Unquoted field: up to the delimiter or the line end.
        std::size_t stop = pos;
        while (stop < end_ && data[stop] != delimiter_ && data[stop] != '\n') ++stop;
        std::size_t len = stop - field_start;
        if (stop < end_ && data[stop] == '\n' && len > 0 && data[stop - 1] == '\r') --len;
        if (stop == end_ && !eof_) {
          need_more = true;
          break;
        }
        fields.emplace_back(data + field_start, len);
        pos = stop;
      }
      // After a field: a delimiter (another field follows), a line end, or the end.
      if (pos < end_ && data[pos] == delimiter_) {
        ++pos;
        continue;
      }
      if (pos < end_ && data[pos] == '\r') ++pos;
      if (pos < end_ && data[pos] == '\n') {
        ++pos;
        break;
      }
      if (pos >= end_) {
        if (!eof_) {
          need_more = true;
          break;
        }
        break;  // last record without a newline
      }
    }
    if (need_more) {
      if (!fill() && !eof_) return false;
      continue;  // parse the record again with more bytes
    }
    begin_ = pos;
    ++row_;
    for (std::size_t i = 0; i < in_scratch_.size(); ++i)
      fields[in_scratch_[i].first] =
          std::string_view(scratch_.data() + in_scratch_[i].second, lengths_[i]);
    // A blank line is a row without data.
    if (fields.size() == 1 && fields[0].empty()) {
      if (begin_ == end_ && eof_) return false;
      continue;
    }
    return true;
  }
}

}  // namespace h2h::formats
