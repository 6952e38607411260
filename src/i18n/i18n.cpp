#include "i18n/i18n.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <map>
#include <mutex>

#include "res/embedded.hpp"

namespace h2h::i18n {

namespace {

using Catalog = std::map<std::string, std::string, std::less<>>;

Catalog load_catalog(std::string_view name) {
  Catalog catalog;
  auto bytes = embedded::find(name);
  if (!bytes) return catalog;
  // The catalogs are ours, compiled in and checked by the unit tests.
  YAML::Node root = YAML::Load(std::string(*bytes));
  for (const auto& kv : root)
    catalog.emplace(kv.first.as<std::string>(), kv.second.as<std::string>());
  return catalog;
}

const Catalog& catalog(Lang lang) {
  static const Catalog en = load_catalog("i18n/en.yaml");
  static const Catalog nl = load_catalog("i18n/nl.yaml");
  return lang == Lang::nl ? nl : en;
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

}  // namespace h2h::i18n
