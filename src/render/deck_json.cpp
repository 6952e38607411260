#include "render/deck_json.hpp"

#include <nlohmann/json.hpp>

namespace h2h::render {

using nlohmann::ordered_json;

namespace {

ordered_json texts(const std::vector<Text>& list, const std::string& lang) {
  ordered_json out = ordered_json::array();
  for (const auto& t : list) out.push_back(t.in(lang));
  return out;
}

ordered_json optional_text(const Text& t, const std::string& lang) {
  return t.empty() ? ordered_json(nullptr) : ordered_json(t.in(lang));
}

ordered_json pole_json(const Pole& p, const Deck& deck, const std::string& lang) {
  ordered_json needs = ordered_json::object();
  for (const auto& n : deck.needs) needs[n.id] = p.weight(n.id);
  ordered_json out = {{"label", p.label.in(lang)},
                      {"upsides", texts(p.upsides, lang)},
                      {"downsides", texts(p.downsides, lang)},
                      {"early_warnings", texts(p.early_warnings, lang)},
                      {"needs", needs}};
  out["why"] = optional_text(p.why, lang);
  return out;
}

ordered_json deck_head(const Deck& deck, const std::string& lang) {
  return {{"id", deck.id}, {"version", deck.version}, {"title", deck.title.in(lang)}};
}

std::string dump(const ordered_json& j) {
  // Replace invalid UTF-8 rather than throw: JSON output is always valid.
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string decks_json(const std::vector<formats::DeckListing>& decks, const std::string& lang) {
  ordered_json list = ordered_json::array();
  for (const auto& l : decks) {
    ordered_json item;
    if (l.deck) {
      const std::string shown = l.deck->language_for(lang);
      item = deck_head(*l.deck, shown);
      item["dilemmas"] = l.deck->dilemmas.size();
      item["languages"] = l.deck->languages;
    } else {
      item["id"] = nullptr;
    }
    item["origin"] = l.origin.origin;
    item["builtin"] = l.origin.builtin;
    item["valid"] = l.deck.has_value();
    list.push_back(item);
  }
  return dump({{"decks", list}});
}

std::string list_json(const Deck& deck, const std::string& lang) {
  ordered_json dilemmas = ordered_json::array();
  for (const auto& d : deck.dilemmas)
    dilemmas.push_back({{"id", d.id},
                        {"title", d.title.in(lang)},
                        {"question", d.question.in(lang)},
                        {"a", d.a.label.in(lang)},
                        {"b", d.b.label.in(lang)}});
  ordered_json needs = ordered_json::array();
  for (const auto& n : deck.needs)
    needs.push_back(
        {{"id", n.id}, {"name", n.name.in(lang)}, {"description", n.description.in(lang)}});
  return dump({{"deck", deck_head(deck, lang)},
               {"language", lang},
               {"needs", needs},
               {"dilemmas", dilemmas},
               {"checkin", deck.checkin.size()}});
}

std::string show_json(const Deck& deck, const Dilemma& d, const std::string& lang) {
  return dump({{"deck", deck_head(deck, lang)},
               {"language", lang},
               {"id", d.id},
               {"title", d.title.in(lang)},
               {"question", d.question.in(lang)},
               {"poles", {{"a", pole_json(d.a, deck, lang)}, {"b", pole_json(d.b, deck, lang)}}},
               {"en_en", d.en_en.in(lang)},
               {"purpose", optional_text(d.purpose, lang)},
               {"fear", optional_text(d.fear, lang)}});
}

}  // namespace h2h::render
