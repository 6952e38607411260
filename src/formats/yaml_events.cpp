#include "formats/yaml_events.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using i18n::tr;

namespace {

// libyaml's wording, made readable with the same hints as yaml-cpp's.
std::string reword(const yaml_parser_t& p) {
  std::string raw = p.problem != nullptr ? p.problem : "";
  if (p.context != nullptr) raw += std::string(" ") + p.context;
  static const std::pair<const char*, const char*> hints[] = {
      {"did not find expected key", "yaml.end_of_map"},
      {"did not find expected '-'", "yaml.end_of_seq"},
      {"did not find expected ',' or '}'", "yaml.end_of_map_flow"},
      {"did not find expected ',' or ']'", "yaml.end_of_seq_flow"},
      {"mapping values are not allowed", "yaml.map_value"},
      {"block sequence entries are not allowed", "yaml.block_entry"},
      {"found a tab character", "yaml.tab"},
      {"found unexpected end of stream", "yaml.eof_in_scalar"},
  };
  for (const auto& [start, key] : hints)
    if (raw.rfind(start, 0) == 0) return tr(key, fmt::arg("raw", raw));
  return tr("yaml.other", fmt::arg("raw", raw));
}

}  // namespace

bool YamlEvent::is_null() const {
  return kind == Kind::scalar && plain &&
         (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
}

YamlEvents::YamlEvents(std::string source, std::string_view bytes, std::size_t max_bytes)
    : source_(std::move(source)), bytes_(bytes), max_bytes_(max_bytes) {
  if (bytes.size() > max_bytes)
    throw Error(ExitCode::invalid_data, Place{source_},
                tr("yaml.too_large", fmt::arg("max", max_bytes)));
  yaml_parser_initialize(&parser_);
  yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(bytes.data()),
                               bytes.size());
  yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
}

YamlEvents::YamlEvents(std::string source, int fd, std::size_t max_bytes)
    : source_(std::move(source)), fd_(fd), max_bytes_(max_bytes) {
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<std::size_t>(st.st_size) > max_bytes)
    throw Error(ExitCode::invalid_data, Place{source_},
                tr("yaml.too_large", fmt::arg("max", max_bytes)));
  yaml_parser_initialize(&parser_);
  yaml_parser_set_input(&parser_, &YamlEvents::read_fd, this);
  yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
}

YamlEvents::~YamlEvents() {
  yaml_parser_delete(&parser_);
}

int YamlEvents::read_fd(void* self, unsigned char* buffer, std::size_t size, std::size_t* read) {
  auto* me = static_cast<YamlEvents*>(self);
  while (true) {
    const ssize_t n = ::read(me->fd_, buffer, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return 0;
    me->read_ += static_cast<std::size_t>(n);
    if (me->read_ > me->max_bytes_) {
      me->too_large_ = true;
      return 0;
    }
    *read = static_cast<std::size_t>(n);
    return 1;
  }
}

void YamlEvents::fail() {
  if (too_large_)
    throw Error(ExitCode::invalid_data, Place{source_},
                tr("yaml.too_large", fmt::arg("max", max_bytes_)));
  if (parser_.error == YAML_READER_ERROR) {
    // Bytes that are not UTF-8 (or control characters): found by offset.
    const std::string problem = parser_.problem != nullptr ? parser_.problem : "";
    Place at{source_, 1, 1};
    if (fd_ < 0) {
      const auto lc = utf8::locate(bytes_, std::min(parser_.problem_offset, bytes_.size()));
      at = Place{source_, lc.line, lc.column};
    } else {
      // Read the file again up to the offset (rare: only for this message).
      char chunk[1 << 16];
      std::size_t done = 0;
      while (done < parser_.problem_offset) {
        const ssize_t n = ::pread(fd_, chunk, std::min(sizeof chunk, parser_.problem_offset - done),
                                  static_cast<off_t>(done));
        if (n <= 0) break;
        for (ssize_t i = 0; i < n; ++i) {
          if (chunk[i] == '\n') {
            ++at.line;
            at.column = 1;
          } else if ((static_cast<unsigned char>(chunk[i]) & 0xC0) != 0x80) {
            ++at.column;
          }
        }
        done += static_cast<std::size_t>(n);
      }
    }
    if (problem.find("UTF-8") != std::string::npos || problem.find("utf-8") != std::string::npos)
      throw Error(ExitCode::invalid_data, at, tr("file.not_utf8"));
    throw Error(ExitCode::invalid_data, at, tr("yaml.other", fmt::arg("raw", problem)));
  }
  const yaml_mark_t& m = parser_.problem_mark;
  throw Error(ExitCode::invalid_data,
              Place{source_, static_cast<int>(m.line) + 1, static_cast<int>(m.column) + 1},
              reword(parser_));
}

void YamlEvents::raw(yaml_event_t& event) {
  if (!yaml_parser_parse(&parser_, &event)) fail();
}

namespace {

struct EventGuard {
  yaml_event_t& e;
  ~EventGuard() { yaml_event_delete(&e); }
};

}  // namespace

void YamlEvents::next(YamlEvent& out) {
  yaml_event_t e;
  raw(e);
  EventGuard guard{e};
  out.line = static_cast<int>(e.start_mark.line) + 1;
  out.column = static_cast<int>(e.start_mark.column) + 1;
  switch (e.type) {
    case YAML_SCALAR_EVENT:
      out.kind = YamlEvent::Kind::scalar;
      out.value.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
      out.plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
      return;
    case YAML_MAPPING_START_EVENT:
    case YAML_SEQUENCE_START_EVENT:
      if (++depth_ > limits::kYamlDepth)
        throw Error(ExitCode::invalid_data, out.place(source_),
                    tr("yaml.nesting", fmt::arg("max", limits::kYamlDepth)));
      out.kind = e.type == YAML_MAPPING_START_EVENT ? YamlEvent::Kind::map : YamlEvent::Kind::seq;
      out.value.clear();
      return;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
      --depth_;
      out.kind = YamlEvent::Kind::end;
      return;
    case YAML_ALIAS_EVENT:
      // An alias shares its node: a small file could stand for a huge one.
      throw Error(ExitCode::invalid_data, out.place(source_), tr("yaml.alias"));
    default:
      // Stream and document events do not occur inside a node.
      throw Error(ExitCode::invalid_data, out.place(source_),
                  tr("yaml.other", fmt::arg("raw", "")));
  }
}

bool YamlEvents::root(YamlEvent& out) {
  for (int i = 0; i < 2; ++i) {
    yaml_event_t e;
    raw(e);
    const auto type = e.type;
    yaml_event_delete(&e);
    if (type == YAML_STREAM_END_EVENT) return false;
    if (type == YAML_DOCUMENT_START_EVENT) break;
  }
  next(out);
  return true;
}

void YamlEvents::skip(const YamlEvent& start) {
  if (start.kind != YamlEvent::Kind::map && start.kind != YamlEvent::Kind::seq) return;
  YamlEvent e;
  for (int open = 1; open > 0;) {
    next(e);
    if (e.kind == YamlEvent::Kind::map || e.kind == YamlEvent::Kind::seq) ++open;
    if (e.kind == YamlEvent::Kind::end) --open;
  }
}

void YamlEvents::finish() {
  while (true) {
    yaml_event_t e;
    raw(e);
    const auto type = e.type;
    const yaml_mark_t mark = e.start_mark;
    yaml_event_delete(&e);
    if (type == YAML_STREAM_END_EVENT) return;
    if (type == YAML_DOCUMENT_START_EVENT)
      throw Error(
          ExitCode::invalid_data,
          Place{source_, static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1},
          tr("yaml.second_document"));
  }
}

}  // namespace h2h::formats
