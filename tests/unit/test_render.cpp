#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/utf8.hpp"
#include "formats/deck_library.hpp"
#include "i18n/i18n.hpp"
#include "render/deck_json.hpp"
#include "render/deck_text.hpp"

using namespace h2h;

namespace {

std::size_t widest_line(const std::string& text) {
  std::size_t widest = 0, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    widest = std::max(widest, utf8::length(std::string_view(text).substr(start, end - start)));
    start = end + 1;
  }
  return widest;
}

}  // namespace

TEST_CASE("list and show fit 80 columns in both languages, without colour codes") {
  for (const char* id : {"h2h", "customer", "collaboration"}) {
    auto deck = formats::load_deck(id, {}).deck;
    for (const char* lang : {"nl", "en"}) {
      CAPTURE(id);
      CAPTURE(lang);
      std::string text = render::list_text(deck, lang, render::Style::plain());
      CHECK(widest_line(text) <= 80);
      CHECK(text.find('\x1b') == std::string::npos);
      for (const auto& d : deck.dilemmas) {
        std::string shown = render::show_text(deck, d, lang, render::Style::plain());
        CHECK(widest_line(shown) <= 80);
        CHECK(shown.find(d.en_en.in(lang).substr(0, 20)) != std::string::npos);
      }
    }
  }
}

TEST_CASE("show as JSON carries poles, weights and the both-and question") {
  auto deck = formats::load_deck("h2h", {}).deck;
  auto j = nlohmann::json::parse(render::show_json(deck, deck.dilemmas.at(0), "nl"));
  CHECK(j["id"] == "transparency");
  CHECK(j["language"] == "nl");
  CHECK(j["poles"]["a"]["needs"]["belonging"].is_number_integer());
  CHECK(j["poles"]["b"]["upsides"].is_array());
  CHECK(j["en_en"].get<std::string>() == deck.dilemmas[0].en_en.in("nl"));
}

TEST_CASE("colour comes only from the style") {
  auto deck = formats::load_deck("h2h", {}).deck;
  CHECK(render::list_text(deck, "en", render::Style::colored()).find('\x1b') != std::string::npos);
}
