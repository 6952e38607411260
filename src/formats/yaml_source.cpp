#include "formats/yaml_source.hpp"

#include <yaml-cpp/eventhandler.h>

#include <charconv>
#include <map>
#include <sstream>

#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using i18n::tr;

Place place_of(const YAML::Node& node, const std::string& source) {
  // A key looked up and missing gives an invalid node, whose Mark() throws.
  if (!node.IsDefined()) return Place{source, 0, 0};
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return Place{source, 0, 0};
  return Place{source, mark.line + 1, mark.column + 1};
}

namespace {

Place place_at(const YAML::Mark& mark, const std::string& source) {
  if (mark.is_null() || mark.line < 0) return Place{source, 0, 0};
  return Place{source, mark.line + 1, mark.column + 1};
}

// yaml-cpp's wording, made readable: what went wrong and what to look at.
std::string reword(const std::string& msg) {
  static const std::map<std::string, std::string, std::less<>> hints = {
      {YAML::ErrorMsg::END_OF_MAP, "yaml.end_of_map"},
      {YAML::ErrorMsg::END_OF_MAP_FLOW, "yaml.end_of_map_flow"},
      {YAML::ErrorMsg::END_OF_SEQ, "yaml.end_of_seq"},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, "yaml.end_of_seq_flow"},
      {YAML::ErrorMsg::MAP_VALUE, "yaml.map_value"},
      {YAML::ErrorMsg::MAP_KEY, "yaml.map_key"},
      {YAML::ErrorMsg::BLOCK_ENTRY, "yaml.block_entry"},
      {YAML::ErrorMsg::TAB_IN_INDENTATION, "yaml.tab"},
      {YAML::ErrorMsg::EOF_IN_SCALAR, "yaml.eof_in_scalar"},
      {YAML::ErrorMsg::BAD_FILE, "yaml.too_deep"},
      {YAML::ErrorMsg::UNKNOWN_ANCHOR, "yaml.unknown_anchor"},
      {YAML::ErrorMsg::FLOW_END, "yaml.flow_end"},
      {YAML::ErrorMsg::INVALID_ESCAPE, "yaml.bad_escape"},
      {YAML::ErrorMsg::INVALID_UNICODE, "yaml.bad_escape"},
      {YAML::ErrorMsg::INVALID_HEX, "yaml.bad_escape"},
      {YAML::ErrorMsg::YAML_DIRECTIVE_ARGS, "yaml.directive"},
      {YAML::ErrorMsg::YAML_VERSION, "yaml.directive"},
      {YAML::ErrorMsg::YAML_MAJOR_VERSION, "yaml.directive"},
      {YAML::ErrorMsg::REPEATED_YAML_DIRECTIVE, "yaml.directive"},
      {YAML::ErrorMsg::TAG_DIRECTIVE_ARGS, "yaml.directive"},
      {YAML::ErrorMsg::REPEATED_TAG_DIRECTIVE, "yaml.directive"},
      {YAML::ErrorMsg::CHAR_IN_TAG_HANDLE, "yaml.tag_anchor"},
      {YAML::ErrorMsg::TAG_WITH_NO_SUFFIX, "yaml.tag_anchor"},
      {YAML::ErrorMsg::END_OF_VERBATIM_TAG, "yaml.tag_anchor"},
      {YAML::ErrorMsg::MULTIPLE_TAGS, "yaml.tag_anchor"},
      {YAML::ErrorMsg::MULTIPLE_ANCHORS, "yaml.tag_anchor"},
      {YAML::ErrorMsg::MULTIPLE_ALIASES, "yaml.tag_anchor"},
      {YAML::ErrorMsg::ALIAS_CONTENT, "yaml.tag_anchor"},
      {YAML::ErrorMsg::ALIAS_NOT_FOUND, "yaml.tag_anchor"},
      {YAML::ErrorMsg::ANCHOR_NOT_FOUND, "yaml.tag_anchor"},
      {YAML::ErrorMsg::CHAR_IN_ALIAS, "yaml.tag_anchor"},
      {YAML::ErrorMsg::CHAR_IN_ANCHOR, "yaml.tag_anchor"},
      {YAML::ErrorMsg::ZERO_INDENT_IN_BLOCK, "yaml.block_scalar"},
      {YAML::ErrorMsg::CHAR_IN_BLOCK, "yaml.block_scalar"},
      {YAML::ErrorMsg::UNKNOWN_TOKEN, "yaml.bad_char"},
      {YAML::ErrorMsg::CHAR_IN_SCALAR, "yaml.bad_char"},
      {YAML::ErrorMsg::DOC_IN_SCALAR, "yaml.bad_char"},
  };
  // Only h2h's words reach the user: yaml-cpp's are English whatever the
  // language, and name its internals ("bad file").
  for (const auto& [raw, key] : hints)
    if (msg.rfind(raw, 0) == 0) return tr(key);
  return tr("yaml.other");
}

// Counts documents, nodes and aliases without building anything, so that a
// second document or an alias bomb is refused before the tree is built.
class Census : public YAML::EventHandler {
 public:
  int documents = 0;
  YAML::Mark second_document;
  std::size_t nodes = 0;
  YAML::Mark last;

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents == 2) second_document = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { count(m); }
  std::optional<YAML::Mark> first_alias;
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override {
    if (!first_alias) first_alias = m;
    count(m);
  }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                const std::string&) override {
    count(m);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    count(m);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    count(m);
  }
  void OnMapEnd() override {}

 private:
  void count(const YAML::Mark& m) {
    ++nodes;
    last = m;
  }
};

void find_duplicate_keys(const YAML::Node& node, const std::string& source,
                         std::vector<Problem>& problems, int depth) {
  if (depth > 200) return;  // decks are shallow; the parser already capped depth
  if (node.IsMap()) {
    std::map<std::string, int> first_line;
    for (const auto& kv : node) {
      if (kv.first.IsScalar()) {
        const std::string& key = kv.first.Scalar();
        const Place at = place_of(kv.first, source);
        auto [it, fresh] = first_line.emplace(key, at.line);
        if (!fresh)
          problems.push_back(
              {at, tr("yaml.duplicate_key", fmt::arg("key", key), fmt::arg("line", it->second))});
      }
      find_duplicate_keys(kv.second, source, problems, depth + 1);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) find_duplicate_keys(item, source, problems, depth + 1);
  }
}

}  // namespace

// Where flow nesting ('[' and '{' outside quotes and comments) first passes
// yaml-cpp's limit of 2000 levels: that place, rather than the one where
// yaml-cpp stops ("bad file", thousands of columns on).
std::optional<std::size_t> flow_too_deep(std::string_view text) {
  constexpr std::size_t kMax = 2000;
  // Most files hold too few brackets to pass the limit at all (found with
  // memchr, which is quick).
  std::size_t opening = 0;
  for (const char c : {'[', '{'})
    for (auto at = text.find(c); at != std::string_view::npos; at = text.find(c, at + 1)) ++opening;
  if (opening <= kMax) return std::nullopt;
  std::size_t depth = 0;
  char quote = 0;
  bool comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote != 0) {
      if (quote == '"' && c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' &&
               (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
      comment = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMax) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::optional<YAML::Node> parse_yaml(std::string_view bytes, const std::string& source,
                                     std::size_t max_bytes, std::vector<Problem>& problems,
                                     std::size_t max_nodes) {
  if (bytes.size() > max_bytes) {
    problems.push_back({Place{source}, tr("file.too_large", fmt::arg("size", bytes.size()),
                                          fmt::arg("max", max_bytes))});
    return std::nullopt;
  }
  if (auto bad = utf8::first_invalid(bytes)) {
    const auto lc = utf8::locate(bytes, *bad);
    problems.push_back({Place{source, lc.line, lc.column}, tr("file.not_utf8")});
    return std::nullopt;
  }
  if (auto deep = flow_too_deep(bytes)) {
    const auto lc = utf8::locate(bytes, *deep);
    problems.push_back({Place{source, lc.line, lc.column}, tr("yaml.too_deep")});
    return std::nullopt;
  }
  try {
    std::string text(bytes);
    {
      std::istringstream in(text);
      YAML::Parser parser(in);
      Census census;
      while (parser.HandleNextDocument(census)) {
        if (census.documents > 1) break;
        if (census.nodes > max_nodes) break;
      }
      if (census.documents > 1) {
        problems.push_back({place_at(census.second_document, source), tr("yaml.second_document")});
        return std::nullopt;
      }
      // An alias shares its node, so a walk over the tree could visit a small
      // file's nodes exponentially often. Our files have no use for aliases.
      if (census.first_alias) {
        problems.push_back({place_at(*census.first_alias, source), tr("yaml.alias")});
        return std::nullopt;
      }
      if (census.nodes > max_nodes) {
        problems.push_back(
            {place_at(census.last, source), tr("yaml.too_many_nodes", fmt::arg("max", max_nodes))});
        return std::nullopt;
      }
    }
    YAML::Node root = YAML::Load(text);
    // Duplicate keys are reported, and the rest of the file is still checked.
    find_duplicate_keys(root, source, problems, 0);
    return root;
  } catch (const YAML::ParserException& e) {
    problems.push_back({place_at(e.mark, source), reword(e.msg)});
  } catch (const YAML::Exception& e) {
    problems.push_back({place_at(e.mark, source), reword(e.msg)});
  }
  return std::nullopt;
}

std::optional<long long> scalar_int(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  const std::string& s = node.Scalar();
  long long value = 0;
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc{} || ptr != end || begin == end) return std::nullopt;
  return value;
}

}  // namespace h2h::formats
