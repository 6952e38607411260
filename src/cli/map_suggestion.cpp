#include "cli/map_suggestion.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "i18n/i18n.hpp"
#include "render/form.hpp"

namespace h2h::cli {

namespace {

// Lower-case ASCII letters and digits, every other ASCII character a
// space, runs of spaces one, padded with a space on each side so that
// " word " finds whole words. Other UTF-8 bytes are kept as they are.
std::string normal(std::string_view s) {
  std::string out = " ";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    char keep = ' ';
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
      keep = ch;
    else if (c >= 'A' && c <= 'Z')
      keep = static_cast<char>(c - 'A' + 'a');
    if (keep == ' ' && out.back() == ' ') continue;
    out += keep;
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

std::string_view trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool has_words(const std::string& header, const std::string& words) {
  return words.size() > 2 && header.find(words) != std::string::npos;
}

struct Candidate {
  std::string column;
  std::string words;  // what matched; a match inside another one's words gives way
};

MapSuggestion suggest_in(const Deck& deck, const std::string& lang,
                         const std::vector<std::string>& headers) {
  MapSuggestion out;
  out.lang = lang;
  const auto questions = render::form_questions(deck, lang);
  std::map<std::string, std::string> exact;  // h2h form's questions, trimmed
  for (const auto& q : questions) exact[std::string(normal(q.text))] = q.column;
  const std::set<std::string> teams = {" team ",      " teams ",   " afdeling ",  " department ",
                                       " your team ", " je team ", " team name ", " teamnaam ",
                                       " groep ",     " group ",   " unit ",      " eenheid "};
  std::vector<std::optional<Candidate>> chosen(headers.size());
  std::vector<bool> from_form(headers.size(), false);
  for (std::size_t h = 0; h < headers.size(); ++h) {
    const std::string text = normal(headers[h]);
    if (auto it = exact.find(text); it != exact.end()) {
      chosen[h] = Candidate{it->second, text};
      from_form[h] = true;
      continue;
    }
    if (teams.count(text) > 0) {
      chosen[h] = Candidate{"team", text};
      continue;
    }
    std::vector<Candidate> found;
    for (const auto& d : deck.dilemmas) {
      const std::string title = normal(d.title.in(lang));
      for (const auto* pole : {&d.a, &d.b}) {
        const std::string suffix = pole == &d.a ? ".a" : ".b";
        const std::string label = normal(pole->label.in(lang));
        if (has_words(text, label)) found.push_back({d.id + suffix, label});
        // "Growth [A]": the dilemma's title and the pole's letter last.
        else if (has_words(text, title) && text.ends_with(pole == &d.a ? " a " : " b "))
          found.push_back({d.id + suffix, title});
      }
    }
    // "How would you get both? (Growth)": the idea of how to get both poles.
    const bool both = text.find(" both ") != std::string::npos ||
                      text.find(" allebei ") != std::string::npos ||
                      text.find(" beide ") != std::string::npos;
    if (both && found.empty())
      for (const auto& d : deck.dilemmas)
        if (const std::string title = normal(d.title.in(lang)); has_words(text, title))
          found.push_back({d.id + ".idea", title});
    for (const auto& c : deck.checkin) {
      const std::string statement = normal(c.text.in(lang));
      if (has_words(text, statement)) found.push_back({"checkin." + c.id, statement});
    }
    // "Production" within "Sustainable production" gives way to it; two
    // matches apart ("Expand fast or local impact?") are one of two, not a guess.
    std::vector<Candidate> left;
    for (const auto& c : found)
      if (std::none_of(found.begin(), found.end(), [&c](const Candidate& o) {
            return o.words.size() > c.words.size() && o.words.find(c.words) != std::string::npos;
          }))
        left.push_back(c);
    if (left.size() == 1) chosen[h] = left.front();
  }
  // A column claimed by two headers is given to neither.
  std::map<std::string, int> claims;
  for (const auto& c : chosen)
    if (c) ++claims[c->column];
  std::set<std::string> poles;
  for (std::size_t h = 0; h < headers.size(); ++h) {
    if (!chosen[h] || claims[chosen[h]->column] > 1) continue;
    if (trimmed(headers[h]) == chosen[h]->column) continue;  // read as it is
    out.entries.emplace_back(headers[h], chosen[h]->column);
    out.form_only = out.form_only && from_form[h];
    if (chosen[h]->column.ends_with(".a") || chosen[h]->column.ends_with(".b"))
      poles.insert(chosen[h]->column);
  }
  for (const auto& d : deck.dilemmas)
    if (poles.count(d.id + ".a") > 0 && poles.count(d.id + ".b") > 0) ++out.dilemmas;
  return out;
}

}  // namespace

MapSuggestion suggest_map(const Deck& deck, const std::vector<std::string>& headers) {
  MapSuggestion best;
  const i18n::Lang ui = i18n::language();
  for (const auto& lang : deck.languages) {
    // The questions' frame is h2h's text in that language, as h2h form --lang writes it.
    if (auto l = i18n::parse_lang(lang)) i18n::set_language(*l);
    MapSuggestion s = suggest_in(deck, lang, headers);
    i18n::set_language(ui);
    if (s.dilemmas > best.dilemmas ||
        (s.dilemmas == best.dilemmas && s.entries.size() > best.entries.size()))
      best = std::move(s);
  }
  if (best.dilemmas == 0) best.entries.clear();
  return best;
}

std::string map_yaml(const MapSuggestion& suggestion) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  for (const auto& [header, column] : suggestion.entries)
    out << YAML::Key << YAML::DoubleQuoted << header << YAML::Value << column;
  out << YAML::EndMap;
  return out.c_str();
}

}  // namespace h2h::cli
