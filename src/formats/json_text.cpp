#include "formats/json_text.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "formats/json_guard.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using i18n::tr;
using nlohmann::json;

namespace {

bool printable_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f) return false;
  return !s.empty();
}

bool token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '-' || c == '.';
}

// The first number outside strings that a double cannot hold (1e400).
std::optional<std::pair<std::size_t, std::string>> huge_number(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      i = json_string_end(text, i);
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) continue;
    std::size_t end = i;
    while (end < text.size() && token_char(text[end])) ++end;
    const std::string token(text.substr(i, end - i));
    errno = 0;
    const double v = std::strtod(token.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(v)) return std::make_pair(i, token.substr(0, 24));
    i = end - 1;
  }
  return std::nullopt;
}

}  // namespace

JsonFault describe_json_error(std::string_view text, const json::exception& e) {
  if (const auto* pe = dynamic_cast<const json::parse_error*>(&e)) {
    // nlohmann counts the bytes read, the offending one included.
    const std::size_t at = pe->byte > 0 ? std::min<std::size_t>(pe->byte - 1, text.size()) : 0;
    if (auto bad = utf8::first_invalid(text); bad && *bad <= at) return {*bad, tr("file.not_utf8")};
    if (at >= text.size() || text.substr(at).find_first_not_of(" \t\r\n") == std::string_view::npos)
      return {text.size(), tr("json.truncated")};
    std::size_t start = at;
    while (start > 0 && token_char(text[start - 1])) --start;
    std::size_t end = at;
    while (end < text.size() && token_char(text[end])) ++end;
    if (end == start) end = start + 1;
    const std::string_view token = text.substr(start, std::min<std::size_t>(end - start, 24));
    for (const char* word : {"NaN", "nan", "Infinity", "-Infinity", "inf", "-inf"})
      if (token.rfind(word, 0) == 0) return {start, tr("json.nan", fmt::arg("token", token))};
    if (printable_ascii(token)) return {start, tr("json.syntax", fmt::arg("near", token))};
    return {at, tr("json.syntax_here")};
  }
  if (auto huge = huge_number(text))
    return {huge->first, tr("json.number_too_large", fmt::arg("number", huge->second))};
  return {0, tr("json.syntax_here")};
}

std::string json_pointer(const std::string& parent, std::string_view key) {
  std::string out = parent + "/";
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      out += '?';  // a path is shown on a terminal
    else
      out += c;
  }
  return out;
}

std::string json_pointer(const std::string& parent, std::size_t index) {
  return parent + "/" + std::to_string(index);
}

namespace {

// Follows the parser's events to know the path of every key, and notes the
// keys an object has twice (nlohmann-json would keep the last silently).
class DuplicateKeys {
 public:
  explicit DuplicateKeys(const std::string& source) : source_(source) {}

  bool operator()(int, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        enter();
        frames_.push_back(Frame{event == json::parse_event_t::object_start, {}, {}, 0, here()});
        break;
      case json::parse_event_t::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (std::find(f.keys.begin(), f.keys.end(), f.key) != f.keys.end()) {
          if (problems.size() < 50) {
            const std::string what =
                tr("json.duplicate_key", fmt::arg("key", json_pointer("", f.key).substr(1)));
            problems.push_back(
                Problem{Place{source_},
                        tr("report_json.bad", fmt::arg("where", f.path.empty() ? "/" : f.path),
                           fmt::arg("what", what))});
          }
        } else {
          f.keys.push_back(f.key);
        }
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        break;
      case json::parse_event_t::value:
        enter();
        break;
    }
    return true;
  }

  std::vector<Problem> problems;

 private:
  struct Frame {
    bool object;
    std::vector<std::string> keys;  // objects in reports are small
    std::string key;
    std::size_t next_index;
    std::string path;
  };

  // A value starts inside the innermost array: it takes the next index.
  void enter() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().next_index;
  }

  std::string here() const {
    if (frames_.empty()) return {};
    const Frame& f = frames_.back();
    return f.object ? json_pointer(f.path, f.key) : json_pointer(f.path, f.next_index - 1);
  }

  const std::string& source_;
  std::vector<Frame> frames_;
};

}  // namespace

json parse_json_document(std::string_view bytes, const std::string& source) {
  if (auto bad = utf8::first_invalid(bytes)) {
    const auto lc = utf8::locate(bytes, *bad);
    throw Error(ExitCode::invalid_data, Place{source, lc.line, lc.column}, tr("file.not_utf8"));
  }
  if (auto at = json_too_deep(bytes)) {
    const auto lc = utf8::locate(bytes, *at);
    throw Error(ExitCode::invalid_data, Place{source, lc.line, lc.column},
                tr("responses.json_too_deep", fmt::arg("max", kJsonDepth)));
  }
  DuplicateKeys duplicates(source);
  json j;
  try {
    j = json::parse(bytes, std::ref(duplicates));
  } catch (const json::exception& e) {
    const JsonFault fault = describe_json_error(bytes, e);
    const auto lc = utf8::locate(bytes, fault.offset);
    throw Error(ExitCode::invalid_data, Place{source, lc.line, lc.column}, fault.message);
  }
  if (!duplicates.problems.empty())
    throw Error(ExitCode::invalid_data, std::move(duplicates.problems));
  return j;
}

}  // namespace h2h::formats
