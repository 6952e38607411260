#include <doctest/doctest.h>
#include <fmt/args.h>

#include <regex>
#include <set>

#include "i18n/catalog.hpp"
#include "i18n/i18n.hpp"
#include "res/embedded.hpp"

using namespace h2h;

namespace {

std::set<std::string> fields(const std::string& text) {
  std::set<std::string> out;
  static const std::regex field(R"(\{([a-z_]+)\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), field);
       it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

}  // namespace

TEST_CASE("language from the locale variables") {
  using i18n::Lang;
  CHECK(i18n::lang_from_locale(nullptr, nullptr, nullptr) == Lang::en);
  CHECK(i18n::lang_from_locale(nullptr, nullptr, "nl_NL.UTF-8") == Lang::nl);
  CHECK(i18n::lang_from_locale(nullptr, nullptr, "nl_BE") == Lang::nl);
  CHECK(i18n::lang_from_locale(nullptr, "en_US.UTF-8", "nl_NL.UTF-8") == Lang::en);
  CHECK(i18n::lang_from_locale("nl_NL.UTF-8", "en_US.UTF-8", "en_US") == Lang::nl);
  CHECK(i18n::lang_from_locale("", "", "nl_NL") == Lang::nl);  // empty is unset
  CHECK(i18n::lang_from_locale("C", nullptr, "nl_NL") == Lang::en);
  CHECK(i18n::parse_lang("nl") == Lang::nl);
  CHECK_FALSE(i18n::parse_lang("de"));
}

TEST_CASE("the Dutch and English catalogs have the same keys and fields") {
  auto en = i18n::keys(i18n::Lang::en);
  auto nl = i18n::keys(i18n::Lang::nl);
  CHECK(en.size() > 50);
  CHECK(en == nl);
  for (const auto& key : en) {
    CAPTURE(key);
    CHECK(fields(i18n::message(key, i18n::Lang::en)) == fields(i18n::message(key, i18n::Lang::nl)));
  }
}

TEST_CASE("every catalog message formats with its fields") {
  for (auto lang : {i18n::Lang::en, i18n::Lang::nl}) {
    for (const auto& key : i18n::keys(lang)) {
      CAPTURE(key);
      const std::string& text = i18n::message(key, lang);
      fmt::dynamic_format_arg_store<fmt::format_context> args;
      for (const auto& f : fields(text)) args.push_back(fmt::arg(f.c_str(), "x"));
      CHECK_NOTHROW((void)fmt::vformat(text, args));
    }
  }
}

TEST_CASE("messages follow the current language") {
  i18n::set_language(i18n::Lang::nl);
  CHECK(i18n::tr("deck.missing_key", fmt::arg("key", "id")).find("id") != std::string::npos);
  CHECK(i18n::message("deck.missing_key") != i18n::message("deck.missing_key", i18n::Lang::en));
  i18n::set_language(i18n::Lang::en);
  CHECK(i18n::tr("deck.missing_key", fmt::arg("key", "id")) == "missing required key 'id'");
  CHECK(i18n::message("no.such.key") == "no.such.key");
}

TEST_CASE("the quick catalog reader reads what yaml-cpp reads") {
  for (const char* name : {"i18n/en.yaml", "i18n/nl.yaml"}) {
    const auto bytes = embedded::find(name);
    REQUIRE(bytes);
    const i18n::Catalog quick = i18n::parse_catalog(*bytes);
    CHECK(quick.size() > 300);
    CHECK(quick == i18n::parse_catalog_yaml(*bytes));
  }
  // Another form of YAML still reads, through yaml-cpp.
  const auto odd = i18n::parse_catalog("a: 'single'\nb: |\n  block\nc: \"x\\ty\"\n");
  CHECK(odd.at("a") == "single");
  CHECK(odd.at("b") == "block\n");
  CHECK(odd.at("c") == "x\ty");
  CHECK(i18n::parse_catalog("k: \"say \\\"hi\\\"\\n\\\\\"\n").at("k") == "say \"hi\"\n\\");
}
