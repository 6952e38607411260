// YAML as a stream of events (libyaml), for files too large to hold as a
// tree: session files of a whole department are read in one pass, in
// memory that does not grow with the file. The same safety rules as
// yaml_source: a size cap, UTF-8 only, one document, no aliases, a depth
// cap; every problem has its file:line:column.
#pragma once

#include <yaml.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace h2h::formats {

struct YamlEvent {
  enum class Kind { scalar, map, seq, end };  // end: of a map or a list
  Kind kind = Kind::end;
  std::string value;   // scalar
  bool plain = false;  // a scalar without quotes (only those can be null)
  int line = 0;        // 1-based
  int column = 0;

  // A plain empty, ~ or null scalar, as YAML 1.2's core schema says.
  bool is_null() const;
  Place place(const std::string& source) const { return Place{source, line, column}; }
};

class YamlEvents {
 public:
  // Reads bytes in memory, or a file descriptor (which stays open) as a
  // stream of at most `max_bytes`.
  YamlEvents(std::string source, std::string_view bytes, std::size_t max_bytes);
  YamlEvents(std::string source, int fd, std::size_t max_bytes);
  ~YamlEvents();
  YamlEvents(const YamlEvents&) = delete;
  YamlEvents& operator=(const YamlEvents&) = delete;

  // The root node's first event; false for a file without a document.
  bool root(YamlEvent& event);
  // The next event inside the root node. Throws Error on a syntax error.
  void next(YamlEvent& event);
  // Skips the rest of a node whose first event was `start`.
  void skip(const YamlEvent& start);
  // After the root node: refuses a second document.
  void finish();

  const std::string& source() const { return source_; }

 private:
  static int read_fd(void* self, unsigned char* buffer, std::size_t size, std::size_t* read);
  void raw(yaml_event_t& event);
  [[noreturn]] void fail();

  std::string source_;
  yaml_parser_t parser_;
  std::string_view bytes_;  // in memory, for places of encoding errors
  int fd_ = -1;
  std::size_t max_bytes_ = 0;
  std::size_t read_ = 0;
  std::size_t depth_ = 0;
  bool too_large_ = false;
};

}  // namespace h2h::formats
