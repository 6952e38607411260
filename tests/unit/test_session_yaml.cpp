#include <doctest/doctest.h>

#include "core/error.hpp"
#include "formats/session_yaml.hpp"
#include "i18n/i18n.hpp"

using namespace h2h;
using namespace h2h::session;

namespace {

Record sample() {
  Record r;
  r.deck_id = "h2h";
  r.deck_version = 3;
  r.deck_hash = "fnv1a64:0123456789abcdef";
  r.language = "nl";
  r.mode = Mode::team;
  r.team = "Sales: \"north\" #1";
  r.dilemmas = {"transparency", "growth"};
  r.checkin_items = {"autonomy-1"};
  r.timebox_seconds = 300;
  r.participants = {{"p1", "Anna"}, {"p2", "Bram \xc3\xa9\xe2\x82\xac"}};
  r.ratings = {{"p1", "autonomy-1", 4, "t1"}, {"p2", "autonomy-1", std::nullopt, "t2"}};
  r.responses = {{"transparency", "p1", Point{8, 3}, "", "t3"},
                 {"transparency", "p2", Point{9, 9}, "ask: them\nall", "t4"},
                 {"growth", "p1", std::nullopt, "", "t5"}};
  r.revealed = {"transparency"};
  r.notes = {{"transparency", "decided: yes \x1b[31m", "t6"}, {"", "general", "t7"}};
  r.started = "2026-11-23T04:00:00Z";
  return r;
}

}  // namespace

TEST_CASE("a session file round-trips every field") {
  const Record r = sample();
  const std::string yaml = formats::session_to_yaml(r);
  CHECK(formats::looks_like_session(yaml));
  const Record back = formats::session_from_yaml(yaml, "s.yaml");
  CHECK(back.deck_id == r.deck_id);
  CHECK(back.deck_version == 3);
  CHECK(back.deck_hash == r.deck_hash);
  CHECK(back.language == "nl");
  CHECK(back.team == r.team);
  CHECK(back.dilemmas == r.dilemmas);
  CHECK(back.checkin_items == r.checkin_items);
  CHECK(back.timebox_seconds == 300);
  REQUIRE(back.participants.size() == 2);
  CHECK(back.participants[1].name == r.participants[1].name);
  REQUIRE(back.ratings.size() == 2);
  CHECK(back.ratings[0].value == 4);
  CHECK_FALSE(back.ratings[1].value);
  REQUIRE(back.responses.size() == 3);
  CHECK(back.responses[1].point == Point{9, 9});
  CHECK(back.responses[1].idea == "ask: them\nall");
  CHECK_FALSE(back.responses[2].point);
  CHECK(back.revealed == r.revealed);
  CHECK(back.notes[0].text == r.notes[0].text);
  CHECK(back.notes[1].dilemma.empty());
  CHECK(back.finished.empty());
  CHECK(formats::session_to_yaml(back) == yaml);
}

TEST_CASE("every text reads back, control characters and DEL included") {
  // yaml-cpp writes DEL (0x7F) raw, which YAML does not allow: an import
  // of a name with it wrote a file h2h could not read.
  std::vector<std::string> texts = {
      "\x7f",     "An\x7fna",     "end\x7f",          "\x7f start",
      "\xc2\x85", "\xc2\xa0nbsp", "\xef\xbb\xbf bom", "tab\tand\nline"};
  std::string all;
  for (int c = 1; c < 0x80; ++c) all += static_cast<char>(c);
  for (int c = 0x80; c <= 0x9F; ++c) all += "\xc2" + std::string(1, static_cast<char>(c));
  texts.push_back(all);
  for (const auto& text : texts) {
    CAPTURE(text);
    Record r = sample();
    r.team = text;
    r.participants[0].name = text;
    r.responses[0].idea = text;
    r.notes[0].text = text;
    const std::string yaml = formats::session_to_yaml(r);
    CHECK(yaml.find('\x7f') == std::string::npos);
    const Record back = formats::session_from_yaml(yaml, "s.yaml");
    CHECK(back.team == text);
    CHECK(back.participants[0].name == text);
    CHECK(back.responses[0].idea == text);
    CHECK(back.notes[0].text == text);
  }
}

TEST_CASE("loading a session validates it, with places") {
  i18n::set_language(i18n::Lang::en);
  std::string yaml = formats::session_to_yaml(sample());
  auto problems_of = [](const std::string& text) {
    std::vector<std::string> out;
    try {
      formats::session_from_yaml(text, "s.yaml");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::invalid_data);
      for (const auto& p : e.problems()) out.push_back(format_problem(p));
    }
    return out;
  };
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = yaml;
    auto pos = s.find(from);
    REQUIRE(pos != std::string::npos);
    return s.replace(pos, from.size(), to);
  };
  CHECK(problems_of(yaml).empty());
  auto p = problems_of(replaced("a: 8, b: 3", "a: 11, b: 3"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].find("'a' must be an integer 0..10, not '11'") != std::string::npos);
  CHECK(p[0].starts_with("s.yaml:"));
  p = problems_of(replaced("participant: p1, a: 8", "participant: p9, a: 8"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].find("'p9' is not one of this session's participants") != std::string::npos);
  p = problems_of(replaced("schema: h2h-session/1", "schema: h2h-session/9"));
  CHECK(p.at(0).find("unknown schema") != std::string::npos);
  p = problems_of(
      replaced("dilemma: growth, participant: p1", "dilemma: transparency, participant: p1"));
  CHECK(p.at(0).find("a second answer") != std::string::npos);
  p = problems_of(replaced("mode: team", "mood: team"));
  CHECK(p.size() == 2);  // unknown key with a hint, and the missing one
  p = problems_of("");
  CHECK(p.at(0) == "s.yaml:1:1: empty session file");
}

TEST_CASE("a session file reads the same whatever the order of its keys") {
  const std::string yaml = formats::session_to_yaml(sample());
  // The lists first, the ids they refer to last: answers wait for them.
  auto cut = [&](const std::string& from, const std::string& to) {
    const auto a = yaml.find(from), b = yaml.find(to);
    REQUIRE(a != std::string::npos);
    REQUIRE(b != std::string::npos);
    return yaml.substr(a, b - a);
  };
  const std::string top = cut("schema:", "dilemmas:");
  const std::string ids = cut("dilemmas:", "timebox:");
  const std::string middle = cut("timebox:", "participants:");
  const std::string people = cut("participants:", "checkin:");
  const std::string lists = yaml.substr(yaml.find("checkin:"));
  const std::string shuffled = top + lists + people + middle + ids;
  const Record back = formats::session_from_yaml(shuffled, "s.yaml");
  CHECK(formats::session_to_yaml(back) == yaml);
}

TEST_CASE("participant ids of one's own and h2h's p1, p2, ... are checked alike") {
  i18n::set_language(i18n::Lang::en);
  Record r = sample();
  r.participants = {{"p1", "A"}, {"ann", "B"}, {"p3", "C"}};
  r.ratings.clear();
  r.responses = {{"transparency", "ann", Point{1, 2}, "", "t"},
                 {"transparency", "p3", Point{3, 4}, "", "t"}};
  CHECK(formats::session_from_yaml(formats::session_to_yaml(r), "s.yaml").responses.size() == 2);
  r.participants.push_back({"ann", "D"});
  r.responses.push_back({"transparency", "p3", Point{5, 5}, "", "t"});
  try {
    formats::session_from_yaml(formats::session_to_yaml(r), "s.yaml");
    FAIL("no error");
  } catch (const Error& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(format_problem(e.problems()[0]).find("'ann' appears twice") != std::string::npos);
    CHECK(format_problem(e.problems()[1]).find("a second answer of 'p3'") != std::string::npos);
  }
}
