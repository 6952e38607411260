#include "i18n/i18n.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>

#include "i18n/catalog.hpp"
#include "res/embedded.hpp"

namespace h2h::i18n {

namespace {

// A catalog line as h2h writes them: key: "text", with \n, \" and \\ as
// the only escapes. Nothing when the line is of another form.
std::optional<std::pair<std::string, std::string>> simple_line(std::string_view line) {
  const auto colon = line.find(": \"");
  if (colon == std::string_view::npos || colon == 0 || line.size() < colon + 4 ||
      line.back() != '"')
    return std::nullopt;
  std::string key(line.substr(0, colon)), text;
  for (char c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-')
      return std::nullopt;
  const std::string_view body = line.substr(colon + 3, line.size() - colon - 4);
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '"') return std::nullopt;
    if (body[i] != '\\') {
      text.push_back(body[i]);
      continue;
    }
    if (++i == body.size()) return std::nullopt;
    if (body[i] == 'n')
      text.push_back('\n');
    else if (body[i] == '"' || body[i] == '\\')
      text.push_back(body[i]);
    else
      return std::nullopt;
  }
  return std::pair{std::move(key), std::move(text)};
}

Catalog load_catalog(std::string_view name) {
  auto bytes = embedded::find(name);
  if (!bytes) return {};
  // The catalogs are ours, compiled in and checked by the unit tests.
  return parse_catalog(*bytes);
}

// Each catalog is read when first needed: most runs need one.
const Catalog& catalog(Lang lang) {
  if (lang == Lang::nl) {
    static const Catalog nl = load_catalog("i18n/nl.yaml");
    return nl;
  }
  static const Catalog en = load_catalog("i18n/en.yaml");
  return en;
}

Lang current = Lang::en;

}  // namespace

std::string_view code(Lang lang) {
  return lang == Lang::nl ? "nl" : "en";
}

std::optional<Lang> parse_lang(std::string_view c) {
  if (c == "nl") return Lang::nl;
  if (c == "en") return Lang::en;
  return std::nullopt;
}

Lang lang_from_locale(const char* lc_all, const char* lc_messages, const char* lang) {
  for (const char* value : {lc_all, lc_messages, lang}) {
    if (value == nullptr || *value == '\0') continue;
    return std::string_view(value).starts_with("nl") ? Lang::nl : Lang::en;
  }
  return Lang::en;
}

Lang lang_from_environment() {
  return lang_from_locale(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"), std::getenv("LANG"));
}

void set_language(Lang lang) {
  current = lang;
}
Lang language() {
  return current;
}

const std::string& message(std::string_view key, Lang lang) {
  const Catalog& wanted = catalog(lang);
  if (auto it = wanted.find(key); it != wanted.end()) return it->second;
  const Catalog& fallback = catalog(Lang::en);
  if (auto it = fallback.find(key); it != fallback.end()) return it->second;
  // Unknown keys are a bug caught by the catalog tests; show the key rather
  // than nothing.
  static std::map<std::string, std::string, std::less<>> unknown;
  static std::mutex lock;
  std::lock_guard guard(lock);
  return unknown.try_emplace(std::string(key), std::string(key)).first->second;
}

const std::string& message(std::string_view key) {
  return message(key, current);
}

std::vector<std::string> keys(Lang lang) {
  std::vector<std::string> out;
  for (const auto& [k, v] : catalog(lang)) out.push_back(k);
  return out;
}

bool has_message(std::string_view key) {
  return catalog(current).count(key) > 0 || catalog(Lang::en).count(key) > 0;
}

std::string count(std::string_view noun, std::int64_t n) {
  const std::string key = fmt::format("count.{}.{}", noun, n == 1 ? "one" : "other");
  return format_message(message(key), fmt::make_format_args(fmt::arg("n", n)));
}

std::string decimal(double x, int places) {
  std::string out = fmt::format("{:.{}f}", x, places);
  if (out.starts_with("-0") && out.find_first_not_of("-0.") == std::string::npos)
    out.erase(0, 1);  // no "-0.0" for a tiny negative
  if (current == Lang::nl)
    for (char& c : out)
      if (c == '.') c = ',';
  return out;
}

std::string format_message(const std::string& pattern, fmt::format_args args) {
  try {
    return fmt::vformat(pattern, args);
  } catch (const fmt::format_error&) {
    return pattern;  // a broken translation shows its raw text, never crashes
  }
}

Catalog parse_catalog(std::string_view bytes) {
  // yaml-cpp took most of h2h's start-up reading a catalog; ours keep to
  // one simple form, read here line by line. Any other form goes to yaml-cpp.
  Catalog catalog;
  for (std::size_t start = 0; start < bytes.size();) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view line = bytes.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    auto kv = simple_line(line);
    if (!kv) return parse_catalog_yaml(bytes);
    catalog.insert_or_assign(std::move(kv->first), std::move(kv->second));
  }
  return catalog;
}

Catalog parse_catalog_yaml(std::string_view bytes) {
  Catalog catalog;
  YAML::Node root = YAML::Load(std::string(bytes));
  for (const auto& kv : root)
    catalog.emplace(kv.first.as<std::string>(), kv.second.as<std::string>());
  return catalog;
}

}  // namespace h2h::i18n
