#include "formats/yaml_quick.hpp"

#include <yaml.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "formats/yaml_source.hpp"

namespace h2h::formats {

namespace {

// Deeper files take yaml-cpp's path (which allows 2000 levels).
constexpr std::size_t kQuickDepth = 200;

struct Parser {
  yaml_parser_t p;
  explicit Parser(std::string_view bytes) {
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(bytes.data()),
                                 bytes.size());
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
  }
  ~Parser() { yaml_parser_delete(&p); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

struct Event {
  yaml_event_t e{};
  bool valid = false;
  ~Event() {
    if (valid) yaml_event_delete(&e);
  }
};

// A node being built: a map (with its pending key and the keys it has) or a list.
struct Open {
  YAML::Node node;
  bool map = false;
  bool flow = false;
  bool has_key = false;
  std::string key;
  YAML::Node key_node;
  std::set<std::string, std::less<>> keys;
};

bool plain_null(const yaml_event_t& e) {
  if (e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
  const std::string_view v(reinterpret_cast<const char*>(e.data.scalar.value),
                           e.data.scalar.length);
  return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

// Line breaks other than "\n" (a lone or paired CR, NEL, LS, PS) and other
// control characters: libyaml and yaml-cpp do not read them alike (a CR in
// a quoted text), so such a file takes yaml-cpp's own path.
bool unusual_bytes(std::string_view bytes) {
  for (const char c : bytes)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == '\x7f')
      return true;
  // libyaml skips a byte order mark at the start of any line, yaml-cpp
  // only at the start of the file.
  return bytes.find("\xEF\xBB\xBF", 1) != std::string_view::npos ||
         bytes.find("\xC2\x85") != std::string_view::npos ||
         bytes.find("\xE2\x80\xA8") != std::string_view::npos ||
         bytes.find("\xE2\x80\xA9") != std::string_view::npos;
}

// A file that ends in blanks after its last line break: yaml-cpp folds
// that last break of a folded block (">") into a space, libyaml keeps it.
bool blank_last_line(std::string_view bytes) {
  const std::string_view last = bytes.substr(bytes.rfind('\n') + 1);
  return !last.empty() && last.find_first_not_of(" \t") == std::string_view::npos;
}

// libyaml's marks count characters; this finds their bytes in valid UTF-8,
// going on from the last place asked for (events come in order).
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}
  std::size_t byte_of(std::size_t index) {
    if (index < chars_) chars_ = byte_ = 0;
    for (; chars_ < index && byte_ < bytes_.size(); ++chars_) do
        ++byte_;
      while (byte_ < bytes_.size() && (static_cast<unsigned char>(bytes_[byte_]) & 0xC0) == 0x80);
    return byte_;
  }

 private:
  std::string_view bytes_;
  std::size_t chars_ = 0;
  std::size_t byte_ = 0;
};

// Whether a quoted text ends with an empty line before its closing quote:
// yaml-cpp then gives one line break fewer than libyaml.
bool empty_line_at_end(std::string_view source) {
  std::string_view body = source.substr(0, source.size() - 1);
  for (int breaks = 0; breaks < 2; ++breaks) {
    const std::size_t last = body.find_last_not_of(" \t");
    if (last == std::string_view::npos || body[last] != '\n') return false;
    body = body.substr(0, last);
  }
  return true;
}

// Scalars that yaml-cpp reads otherwise than libyaml, found in their
// source: "\N" and "\_" in double quotes (yaml-cpp gives the lone bytes
// 0x85 and 0xA0, not UTF-8), a folded block kept whole (">+", where
// yaml-cpp drops the last line break) and a quoted text that ends with an
// empty line.
bool read_otherwise(yaml_scalar_style_t style, std::string_view source) {
  if (style == YAML_FOLDED_SCALAR_STYLE) {
    // The header: '>', then an indentation digit and a chomping sign in
    // either order.
    const std::size_t header_end = source.find_first_not_of("0123456789+-", 1);
    return source.substr(0, header_end).find('+') != std::string_view::npos;
  }
  if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE) return empty_line_at_end(source);
  if (style != YAML_DOUBLE_QUOTED_SCALAR_STYLE) return false;
  if (empty_line_at_end(source)) return true;
  for (std::size_t i = 1; i + 1 < source.size(); ++i)
    if (source[i] == '\\') {
      if (source[i + 1] == 'N' || source[i + 1] == '_') return true;
      ++i;
    }
  return false;
}

// A key as both parsers read it alike: on one line, with its ':' right
// after it (in a flow map, or its ',' or '}' when it has no value), and at
// most 1024 bytes from its start to there. yaml-cpp needs the ',' or '}'
// of a key without value on the key's line, and counts 1024 in bytes where
// libyaml counts characters. Keys in decks are short words.
bool usual_key(const yaml_event_t& e, std::string_view bytes, std::size_t begin, std::size_t end,
               bool in_flow) {
  constexpr std::size_t kLongKey = 1000;
  if (e.start_mark.line != e.end_mark.line) return false;
  while (end < bytes.size() && (bytes[end] == ' ' || bytes[end] == '\t')) ++end;
  if (end - begin > kLongKey || end == bytes.size()) return false;
  return bytes[end] == ':' || (in_flow && (bytes[end] == ',' || bytes[end] == '}'));
}

// A '?' in a flow collection ("[...]", "{...}") outside quotes: libyaml
// reads "x?y" as one text and "?x" as a key, yaml-cpp ends a text at '?'
// and wants a blank after a key's '?'. Such a collection takes yaml-cpp's
// path; a quoted "Why?" does not count.
class FlowWatch {
 public:
  bool inside() const { return depth_ > 0; }
  void open(std::size_t begin) {
    if (depth_++ > 0) return;
    begin_ = begin;
    quoted_.clear();
  }
  void quoted(std::size_t begin, std::size_t end) { quoted_.emplace_back(begin, end); }
  // Whether the outermost collection, now closed at `end`, holds such a '?'.
  bool close(std::string_view bytes, std::size_t end) {
    if (--depth_ > 0) return false;
    std::size_t at = begin_;
    for (const auto& [from, to] : quoted_) {
      if (bytes.substr(at, from - at).find('?') != std::string_view::npos) return true;
      at = to;
    }
    return bytes.substr(at, std::min(end, bytes.size()) - at).find('?') != std::string_view::npos;
  }

 private:
  std::size_t depth_ = 0;
  std::size_t begin_ = 0;
  std::vector<std::pair<std::size_t, std::size_t>> quoted_;
};

}  // namespace

std::optional<YAML::Node> quick_yaml(std::string_view bytes, std::size_t max_bytes,
                                     std::size_t max_nodes) {
  // What parse_yaml refuses before yaml-cpp reads it is refused here too.
  if (bytes.size() > max_bytes || utf8::first_invalid(bytes) || unusual_bytes(bytes) ||
      blank_last_line(bytes) || flow_too_deep(bytes))
    return std::nullopt;
  Parser parser(bytes);
  Cursor cursor(bytes);
  FlowWatch flow;
  std::vector<Open> stack;
  std::optional<YAML::Node> root;
  std::size_t nodes = 0;
  int documents = 0;
  while (true) {
    Event ev;
    if (!yaml_parser_parse(&parser.p, &ev.e)) return std::nullopt;
    ev.valid = true;
    const yaml_event_t& e = ev.e;
    YAML::Node done;
    bool have = false;
    switch (e.type) {
      case YAML_STREAM_START_EVENT:
      case YAML_DOCUMENT_END_EVENT:
        continue;
      case YAML_STREAM_END_EVENT:
        // An empty file is a null document, as yaml-cpp reads it.
        if (!root) root = YAML::Node(YAML::NodeType::Null);
        return root;
      case YAML_DOCUMENT_START_EVENT:
        if (++documents > 1) return std::nullopt;
        continue;
      case YAML_ALIAS_EVENT:
        return std::nullopt;
      case YAML_SCALAR_EVENT: {
        if (e.data.scalar.anchor != nullptr || e.data.scalar.tag != nullptr) return std::nullopt;
        if (++nodes > max_nodes) return std::nullopt;
        const std::size_t begin = cursor.byte_of(e.start_mark.index);
        const std::size_t end = std::max(begin, cursor.byte_of(e.end_mark.index));
        if (read_otherwise(e.data.scalar.style, bytes.substr(begin, end - begin)))
          return std::nullopt;
        if (flow.inside() && e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
          flow.quoted(begin, end);
        if (!stack.empty() && stack.back().map && !stack.back().has_key) {
          // A key: text, and not seen before in this map.
          if (plain_null(e) || !usual_key(e, bytes, begin, end, stack.back().flow))
            return std::nullopt;
          Open& m = stack.back();
          m.key.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
          if (!m.keys.insert(m.key).second) return std::nullopt;
          m.key_node.reset(YAML::Node(m.key));  // not operator=, which writes through
          m.key_node.SetTag(e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? "?" : "!");
          m.has_key = true;
          continue;
        }
        if (plain_null(e)) {
          done = YAML::Node(YAML::NodeType::Null);
        } else {
          done = YAML::Node(std::string(reinterpret_cast<const char*>(e.data.scalar.value),
                                        e.data.scalar.length));
          // yaml-cpp's non-specific tags: "?" for a plain scalar, "!" for the rest.
          done.SetTag(e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? "?" : "!");
        }
        have = true;
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool map = e.type == YAML_MAPPING_START_EVENT;
        const auto* anchor = map ? e.data.mapping_start.anchor : e.data.sequence_start.anchor;
        const auto* tag = map ? e.data.mapping_start.tag : e.data.sequence_start.tag;
        if (anchor != nullptr || tag != nullptr) return std::nullopt;
        if (++nodes > max_nodes || stack.size() >= kQuickDepth) return std::nullopt;
        // A map or a list as a key: yaml-cpp's business.
        if (!stack.empty() && stack.back().map && !stack.back().has_key) return std::nullopt;
        Open o;
        o.node = YAML::Node(map ? YAML::NodeType::Map : YAML::NodeType::Sequence);
        o.node.SetTag("?");
        const bool in_flow = map ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                                 : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        o.node.SetStyle(in_flow ? YAML::EmitterStyle::Flow : YAML::EmitterStyle::Block);
        if (in_flow) flow.open(cursor.byte_of(e.start_mark.index));
        o.map = map;
        o.flow = in_flow;
        stack.push_back(std::move(o));
        continue;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        if (stack.empty()) return std::nullopt;
        if (stack.back().flow && flow.close(bytes, cursor.byte_of(e.end_mark.index)))
          return std::nullopt;
        done = stack.back().node;
        stack.pop_back();
        have = true;
        break;
      default:
        return std::nullopt;
    }
    if (!have) continue;
    if (stack.empty()) {
      root = done;
      continue;
    }
    Open& parent = stack.back();
    if (parent.map) {
      parent.node.force_insert(parent.key_node, done);
      parent.has_key = false;
    } else {
      parent.node.push_back(done);
    }
  }
}

bool same_yaml(const YAML::Node& x, const YAML::Node& y) {
  if (x.Type() != y.Type() || x.Tag() != y.Tag() || x.Style() != y.Style()) return false;
  if (x.IsScalar()) return x.Scalar() == y.Scalar();
  if (x.size() != y.size()) return false;
  if (x.IsSequence()) {
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!same_yaml(x[i], y[i])) return false;
    return true;
  }
  if (x.IsMap()) {
    auto a = x.begin();
    auto b = y.begin();
    for (; a != x.end() && b != y.end(); ++a, ++b)
      if (!same_yaml(a->first, b->first) || !same_yaml(a->second, b->second)) return false;
  }
  return true;
}

}  // namespace h2h::formats
