#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/utf8.hpp"
#include "formats/deck_library.hpp"
#include "i18n/i18n.hpp"
#include "render/deck_json.hpp"
#include "render/deck_text.hpp"
#include "render/session_text.hpp"

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

TEST_CASE("the reveal screen fits 80x24 with 12 participants, in every deck and language") {
  for (const char* id : {"h2h", "customer", "collaboration"}) {
    auto deck = formats::load_deck(id, {}).deck;
    for (const char* lang : {"nl", "en"}) {
      CAPTURE(id);
      CAPTURE(lang);
      i18n::set_language(*i18n::parse_lang(lang));
      session::Record r;
      r.language = lang;
      for (const auto& d : deck.dilemmas) r.dilemmas.push_back(d.id);
      for (int p = 1; p <= 12; ++p) {
        const std::string pid = "p" + std::to_string(p);
        r.participants.push_back({pid, "Alexandrina-Wilhelmina " + std::to_string(p)});
        for (const auto& d : r.dilemmas)
          r.responses.push_back({d, pid, Point{p % 11, (p * 7) % 11}, "", "t"});
      }
      for (std::size_t d = 0; d < r.dilemmas.size(); ++d) {
        const std::string screen = render::reveal_screen(deck, r, d, render::Style::plain());
        CAPTURE(screen);
        CHECK(widest_line(screen) <= 80);
        // 24 rows less the prompt's two.
        CHECK(std::count(screen.begin(), screen.end(), '\n') <= 22);
        CHECK(screen.find(lang == std::string("nl") ? "De antwoorden" : "The answers") == 0);
        CHECK(screen.find("12 Alexandr") != std::string::npos);
      }
    }
  }
  i18n::set_language(i18n::Lang::en);
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
