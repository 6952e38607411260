#include "render/form.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "i18n/i18n.hpp"
#include "render/report_csv.hpp"

namespace h2h::render {

using i18n::tr;

std::vector<FormQuestion> form_questions(const Deck& deck, const std::string& lang) {
  std::vector<FormQuestion> out = {{"respondent", tr("form.q_respondent")},
                                   {"team", tr("form.q_team")}};
  for (std::size_t i = 0; i < deck.dilemmas.size(); ++i) {
    const Dilemma& d = deck.dilemmas[i];
    out.push_back({d.id + ".a",
                   tr("form.q_pole", fmt::arg("number", i + 1), fmt::arg("title", d.title.in(lang)),
                      fmt::arg("pole", "A"), fmt::arg("label", d.a.label.in(lang)))});
    out.push_back({d.id + ".b",
                   tr("form.q_pole", fmt::arg("number", i + 1), fmt::arg("title", d.title.in(lang)),
                      fmt::arg("pole", "B"), fmt::arg("label", d.b.label.in(lang)))});
  }
  for (const auto& c : deck.checkin)
    out.push_back(
        {"checkin." + c.id, tr("form.q_checkin", fmt::arg("statement", c.text.in(lang)))});
  return out;
}

std::string form_csv(const Deck& deck, char delimiter) {
  std::string out = "\xEF\xBB\xBF";
  bool first = true;
  for (const auto& q : form_questions(deck, deck.languages.empty() ? "en" : deck.languages[0])) {
    if (!first) out += delimiter;
    out += csv_cell(q.column, CsvOptions{delimiter, true});
    first = false;
  }
  return out + "\r\n";
}

Document form_document(const Deck& deck, const std::string& lang) {
  Document doc;
  auto add = [&](Block::Kind kind, std::string text) {
    Block b;
    b.kind = kind;
    b.text = std::move(text);
    doc.push_back(std::move(b));
  };
  const std::string scale =
      "0 [ ]  1 [ ]  2 [ ]  3 [ ]  4 [ ]  5 [ ]  6 [ ]  7 [ ]  8 [ ]  9 [ ]  10 [ ]";
  add(Block::Kind::title, tr("form.title", fmt::arg("deck", deck.title.in(lang))));
  doc.back().items = {deck.title.in(lang)};  // the running head of printed pages
  add(Block::Kind::paragraph, tr("form.intro"));
  add(Block::Kind::paragraph, tr("form.q_respondent") + " ______________________");
  add(Block::Kind::paragraph, tr("form.q_team") + " ______________________");
  const auto questions = form_questions(deck, lang);
  for (std::size_t i = 0; i < deck.dilemmas.size(); ++i) {
    const Dilemma& d = deck.dilemmas[i];
    add(Block::Kind::section, fmt::format("{}. {}", i + 1, d.title.in(lang)));
    add(Block::Kind::paragraph, d.question.in(lang));
    add(Block::Kind::paragraph, questions[2 + 2 * i].text);
    add(Block::Kind::paragraph, scale);
    add(Block::Kind::paragraph, questions[3 + 2 * i].text);
    add(Block::Kind::paragraph, scale);
    add(Block::Kind::question, tr("form.how_both") + " ______________________");
  }
  if (!deck.checkin.empty()) {
    add(Block::Kind::section, tr("form.checkin"));
    add(Block::Kind::paragraph, tr("run.checkin_intro"));
    for (std::size_t i = 0; i < deck.checkin.size(); ++i) {
      add(Block::Kind::paragraph, questions[2 + 2 * deck.dilemmas.size() + i].text);
      add(Block::Kind::paragraph, "1 [ ]  2 [ ]  3 [ ]  4 [ ]  5 [ ]");
    }
    add(Block::Kind::aside, tr("report.checkin_caveat"));
  }
  add(Block::Kind::aside, tr("form.columns_note"));
  return doc;
}

std::string form_map(const Deck& deck, const std::string& lang) {
  YAML::Emitter out;
  out << YAML::Comment(tr("form.map_comment"));
  out << YAML::BeginMap;
  for (const auto& q : form_questions(deck, lang))
    out << YAML::Key << YAML::DoubleQuoted << q.text << YAML::Value << q.column;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace h2h::render
