#include "formats/deck_yaml.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "formats/yaml_quick.hpp"
#include "formats/yaml_schema.hpp"
#include "formats/yaml_source.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using i18n::tr;

namespace {

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > limits::kIdChars) return false;
  auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
  return id.front() != '-' && std::all_of(id.begin(), id.end(), ok);
}

bool valid_language(std::string_view code) {
  // "nl", "en", "pap", or with a region: "pt-BR"
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  std::string_view base = code.substr(0, code.find('-'));
  if (base.size() < 2 || base.size() > 3 || !std::all_of(base.begin(), base.end(), lower))
    return false;
  if (base.size() == code.size()) return true;
  std::string_view region = code.substr(base.size() + 1);
  return region.size() == 2 && std::all_of(region.begin(), region.end(), upper);
}

class DeckReader : SchemaReader {
 public:
  using SchemaReader::SchemaReader;

  Deck deck(const YAML::Node& root) {
    Deck d;
    if (!root.IsMap()) {
      error(root, tr("deck.not_a_map"));
      return d;
    }
    keys(root,
         {"id", "version", "title", "description", "source", "languages", "needs", "dilemmas"},
         {"checkin"});
    d.languages = languages(root["languages"]);
    languages_ = d.languages;
    d.id = id(root["id"], "id");
    d.version = version(root["version"]);
    d.title = text(root["title"], "title");
    d.description = text(root["description"], "description");
    d.source = text(root["source"], "source");
    d.needs = needs(root["needs"]);
    for (const auto& n : d.needs)
      if (std::find(need_ids_.begin(), need_ids_.end(), n.id) == need_ids_.end())
        need_ids_.push_back(n.id);
    d.dilemmas = dilemmas(root["dilemmas"]);
    if (root["checkin"]) d.checkin = checkin(root["checkin"]);
    return d;
  }

 private:
  void check_string(const YAML::Node& at, const std::string& s, std::string_view what) {
    if (s.find_first_not_of(" \t\n") == std::string::npos)
      error(at, tr("deck.text_empty", fmt::arg("key", what)));
    else if (utf8::first_control(s))
      error(at, tr("deck.text_control", fmt::arg("key", what)));
    else if (utf8::length(s) > limits::kTextChars)
      error(at,
            tr("deck.text_too_long", fmt::arg("key", what), fmt::arg("max", limits::kTextChars)));
  }

  Text text(const YAML::Node& n, std::string_view what) {
    Text t;
    if (!n) return t;  // reported as a missing key
    if (n.IsScalar()) {
      check_string(n, n.Scalar(), what);
      t.variants.emplace_back("", n.Scalar());
      return t;
    }
    if (!n.IsMap()) {
      error(n, tr("deck.expected_text", fmt::arg("key", what)));
      return t;
    }
    for (const auto& kv : n) {
      auto lang = scalar(kv.first, what);
      if (!lang) continue;
      if (!languages_.empty() &&
          std::find(languages_.begin(), languages_.end(), *lang) == languages_.end()) {
        error(kv.first,
              tr("deck.text_unknown_lang", fmt::arg("key", what), fmt::arg("lang", *lang)));
        continue;
      }
      auto value = scalar(kv.second, what);
      if (!value) continue;
      check_string(kv.second, *value, what);
      t.variants.emplace_back(*lang, *value);
    }
    for (const auto& lang : languages_)
      if (!t.has(lang))
        error(n, tr("deck.text_missing_lang", fmt::arg("key", what), fmt::arg("lang", lang)));
    return t;
  }

  std::vector<Text> text_list(const YAML::Node& n, std::string_view what) {
    std::vector<Text> out;
    if (!n || !expect_list(n, what, limits::kListItems)) return out;
    for (const auto& item : n) out.push_back(text(item, what));
    return out;
  }

  std::string id(const YAML::Node& n, std::string_view what) {
    if (!n) return {};
    auto s = scalar(n, what);
    if (!s) return {};
    if (!valid_id(*s)) error(n, tr("deck.bad_id", fmt::arg("key", what), fmt::arg("value", *s)));
    return *s;
  }

  int version(const YAML::Node& n) {
    if (!n) return 1;
    auto v = scalar_int(n);
    if (!v || *v < 1 || *v > 1000000) {
      error(n, tr("deck.bad_version", fmt::arg("value", n.IsScalar() ? n.Scalar() : "")));
      return 1;
    }
    return static_cast<int>(*v);
  }

  std::vector<std::string> languages(const YAML::Node& n) {
    std::vector<std::string> out;
    if (!n || !expect_list(n, "languages", 20)) return out;
    if (n.size() == 0) error(n, tr("deck.no_languages"));
    for (const auto& item : n) {
      auto code = scalar(item, "languages");
      if (!code) continue;
      if (!valid_language(*code))
        error(item, tr("deck.bad_language", fmt::arg("value", *code)));
      else if (std::find(out.begin(), out.end(), *code) != out.end())
        error(item, tr("deck.duplicate_language", fmt::arg("value", *code)));
      else
        out.push_back(*code);
    }
    return out;
  }

  // Reports an id seen before in the same list.
  void unique(const YAML::Node& at, const std::string& value, std::map<std::string, int>& seen,
              std::string_view message_key) {
    if (value.empty()) return;
    auto [it, fresh] = seen.emplace(value, place_of(at, source()).line);
    if (!fresh) error(at, tr(message_key, fmt::arg("id", value), fmt::arg("line", it->second)));
  }

  std::vector<Need> needs(const YAML::Node& n) {
    std::vector<Need> out;
    if (!n || !expect_list(n, "needs", limits::kNeeds)) return out;
    if (n.size() == 0) error(n, tr("deck.no_needs"));
    std::map<std::string, int> seen;
    for (const auto& item : n) {
      if (!expect_map(item, "needs")) continue;
      keys(item, {"id", "name"}, {"description"});
      Need need;
      need.id = id(item["id"], "id");
      if (item["id"]) unique(item["id"], need.id, seen, "deck.duplicate_need");
      need.name = text(item["name"], "name");
      need.description = text(item["description"], "description");
      out.push_back(std::move(need));
    }
    return out;
  }

  std::map<std::string, int> weights(const YAML::Node& n) {
    std::map<std::string, int> out;
    if (!n || !expect_map(n, "needs")) return out;
    for (const auto& kv : n) {
      auto need = scalar(kv.first, "needs");
      if (!need) continue;
      if (std::find(need_ids_.begin(), need_ids_.end(), *need) == need_ids_.end()) {
        error(kv.first, tr("deck.weight_unknown_need", fmt::arg("need", *need),
                           fmt::arg("needs", fmt::join(need_ids_, ", "))));
        continue;
      }
      auto w = scalar_int(kv.second);
      if (!w || *w < 0 || *w > 3) {
        error(kv.second, tr("deck.weight_range", fmt::arg("need", *need),
                            fmt::arg("value", kv.second.IsScalar() ? kv.second.Scalar() : "")));
        continue;
      }
      out[*need] = static_cast<int>(*w);
    }
    return out;
  }

  Pole pole(const YAML::Node& n, std::string_view what) {
    Pole p;
    if (!n || !expect_map(n, what)) return p;
    keys(n, {"label", "needs"}, {"upsides", "downsides", "early_warnings", "why"});
    p.label = text(n["label"], "label");
    p.upsides = text_list(n["upsides"], "upsides");
    p.downsides = text_list(n["downsides"], "downsides");
    p.early_warnings = text_list(n["early_warnings"], "early_warnings");
    p.needs = weights(n["needs"]);
    p.why = text(n["why"], "why");
    return p;
  }

  std::vector<Dilemma> dilemmas(const YAML::Node& n) {
    std::vector<Dilemma> out;
    if (!n || !expect_list(n, "dilemmas", limits::kDilemmas)) return out;
    if (n.size() == 0) error(n, tr("deck.no_dilemmas"));
    std::map<std::string, int> seen;
    for (const auto& item : n) {
      if (!expect_map(item, "dilemmas")) continue;
      keys(item, {"id", "title", "question", "poles", "en_en"}, {"purpose", "fear"});
      Dilemma d;
      d.id = id(item["id"], "id");
      if (item["id"]) unique(item["id"], d.id, seen, "deck.duplicate_dilemma");
      d.title = text(item["title"], "title");
      d.question = text(item["question"], "question");
      if (const YAML::Node poles = item["poles"]; poles && expect_map(poles, "poles")) {
        keys(poles, {"a", "b"}, {});
        d.a = pole(poles["a"], "a");
        d.b = pole(poles["b"], "b");
      }
      d.en_en = text(item["en_en"], "en_en");
      d.purpose = text(item["purpose"], "purpose");
      d.fear = text(item["fear"], "fear");
      out.push_back(std::move(d));
    }
    return out;
  }

  std::vector<CheckinItem> checkin(const YAML::Node& n) {
    std::vector<CheckinItem> out;
    if (!expect_list(n, "checkin", limits::kCheckinItems)) return out;
    std::map<std::string, int> seen;
    for (const auto& item : n) {
      if (!expect_map(item, "checkin")) continue;
      keys(item, {"id", "need", "text"}, {});
      CheckinItem c;
      c.id = id(item["id"], "id");
      if (item["id"]) unique(item["id"], c.id, seen, "deck.duplicate_checkin");
      if (auto need = item["need"]; need) {
        c.need = scalar(need, "need").value_or("");
        if (!c.need.empty() &&
            std::find(need_ids_.begin(), need_ids_.end(), c.need) == need_ids_.end())
          error(need, tr("deck.checkin_unknown_need", fmt::arg("need", c.need),
                         fmt::arg("needs", fmt::join(need_ids_, ", "))));
      }
      c.text = text(item["text"], "text");
      out.push_back(std::move(c));
    }
    return out;
  }

  std::vector<std::string> languages_;
  std::vector<std::string> need_ids_;
};

}  // namespace

DeckResult read_deck(std::string_view bytes, const std::string& source) {
  DeckResult result;
  // The quick tree first: a well-formed deck (every built-in one, most of
  // the rest) is then read without yaml-cpp's parser. A deck with any
  // problem is read again below, so every problem keeps its place.
  if (auto quick = quick_yaml(bytes, limits::kDeckBytes); quick && !quick->IsNull()) {
    Deck deck = DeckReader(source, result.problems).deck(*quick);
    if (result.problems.empty()) {
      result.deck = std::move(deck);
      return result;
    }
    result.problems.clear();
  }
  auto root = parse_yaml(bytes, source, limits::kDeckBytes, result.problems);
  if (root) {
    if (root->IsNull()) {
      result.problems.push_back({Place{source, 1, 1}, tr("deck.empty")});
    } else {
      Deck deck = DeckReader(source, result.problems).deck(*root);
      if (result.problems.empty()) result.deck = std::move(deck);
    }
  }
  sort_problems(result.problems);
  return result;
}

Deck deck_or_throw(std::string_view bytes, const std::string& source) {
  DeckResult r = read_deck(bytes, source);
  if (!r.deck) throw Error(ExitCode::invalid_data, std::move(r.problems));
  return std::move(*r.deck);
}

}  // namespace h2h::formats
