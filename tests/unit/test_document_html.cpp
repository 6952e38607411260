#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>

#include "render/document.hpp"

using namespace h2h;
using render::Block;
using render::Document;

namespace {

Block block(Block::Kind kind, std::string text = {}) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  return b;
}

Document sample() {
  Document doc;
  doc.push_back(block(Block::Kind::title, "Reflection <team> & co"));
  doc.push_back(block(Block::Kind::section, "Dilemmas"));
  doc.push_back(block(Block::Kind::subsection, "Speed or care?"));
  doc.push_back(block(Block::Kind::paragraph, "<script>alert(1)</script> & \"quotes\""));
  doc.push_back(block(Block::Kind::question, "How could we get both?"));
  Block bullets = block(Block::Kind::bullets);
  bullets.items = {"plain item", "bold <b>item</b>"};
  doc.push_back(bullets);
  Block table = block(Block::Kind::table);
  table.rows = {{"name <1>", "count & share"}, {"a < b", "12"}, {"R&D", "45%"}};
  doc.push_back(table);
  Block grid = block(Block::Kind::grid);
  grid.cells[8][3] = 2;
  grid.cells[9][9] = 5;
  grid.cells[5][5] = 1;
  grid.cells[0][10] = 120;
  doc.push_back(grid);
  Block bars = block(Block::Kind::bars);
  bars.bars = {{"autonomy", 72.4}, {"belonging", std::nullopt}, {"competence <c>", 100.0}};
  doc.push_back(bars);
  doc.push_back(block(Block::Kind::subsection, "Alone or together?"));
  doc.push_back(block(Block::Kind::paragraph, "colour \x1b[31mred\x1b[0m here"));
  doc.push_back(block(Block::Kind::aside, "Source: the H2H deck"));
  return doc;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// xmllint before libxml2 2.14 knows only HTML 4 tags: it names each HTML5 or
// SVG element "Tag X invalid", with two lines of context. Those, and only
// those, are left out; anything else it says is kept.
std::string xmllint_complaints(const std::string& report) {
  static const std::regex known(
      R"(.*HTML parser error : Tag (section|svg|g|rect|line|text|circle) invalid)");
  std::istringstream in(report);
  std::string line, kept;
  int skip = 0;
  while (std::getline(in, line)) {
    if (skip > 0) {
      --skip;
    } else if (std::regex_match(line, known)) {
      skip = 2;
    } else {
      kept += line + "\n";
    }
  }
  return kept;
}

}  // namespace

TEST_CASE("html_escape escapes the five characters") {
  CHECK(render::html_escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  CHECK(render::html_escape("plain text, één") == "plain text, één");
  CHECK(render::html_escape("") == "");
}

TEST_CASE("to_html is one safe, self-contained, deterministic page") {
  const Document doc = sample();
  const std::string html = render::to_html(doc, "en");

  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("<title>Reflection &lt;team&gt; &amp; co</title>") != std::string::npos);
  CHECK(html.find("</html>") != std::string::npos);

  // Nothing runs and nothing is fetched.
  CHECK(lower(html).find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;") !=
        std::string::npos);
  CHECK(html.find("bold &lt;b&gt;item&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(lower(html).find("https://") == std::string::npos);
  const std::string xmlns = "xmlns=\"http://www.w3.org/2000/svg\"";
  for (auto pos = lower(html).find("http"); pos != std::string::npos;
       pos = lower(html).find("http", pos + 1)) {
    CAPTURE(pos);
    REQUIRE(pos >= 7);
    CHECK(html.compare(pos - 7, xmlns.size(), xmlns) == 0);
  }
  CHECK(count(lower(html), "http") == count(html, xmlns));
  CHECK(lower(html).find("url(") == std::string::npos);
  CHECK(lower(html).find("src=") == std::string::npos);
  CHECK(lower(html).find("<link") == std::string::npos);

  // Control characters are made visible, never written raw.
  CHECK(html.find('\x1b') == std::string::npos);
  CHECK(html.find("red") != std::string::npos);

  CHECK(render::to_html(doc, "en") == html);
  CHECK(render::to_html(sample(), "en") == html);
}

TEST_CASE("to_html heads printed pages with the deck and the dates, as a safe CSS string") {
  Document doc = sample();
  doc.front().items = {"Deck \"quoted\" \\ </style><script>x</script>", "2026-11-01 .. 2026-11-23"};
  const std::string html = render::to_html(doc, "en");
  CHECK(html.find("@page { @top-left { content: \"Deck \\22 quoted\\22  \\5c  \\3c /style>\\3c "
                  "script>x\\3c /script> · 2026-11-01 .. 2026-11-23\"; } }") != std::string::npos);
  CHECK(count(lower(html), "</style>") == 1);
  CHECK(lower(html).find("<script") == std::string::npos);
  // Printed: one dilemma a page where it fits, the grid beside its table.
  CHECK(html.find("section, .grid, table, .question, .map { break-inside: avoid;") !=
        std::string::npos);
  CHECK(html.find("size: A4") == std::string::npos);  // the printer's paper: A4 or Letter
  doc.front().items.clear();
  CHECK(render::to_html(doc, "en").find("@top-left { content: \"\"; }") != std::string::npos);
}

TEST_CASE("to_html structure: headings, sections, question, table, grid, bars") {
  const std::string html = render::to_html(sample(), "nl");
  CHECK(html.find("<html lang=\"nl\">") != std::string::npos);
  CHECK(html.find("<h1>Reflection &lt;team&gt; &amp; co</h1>") != std::string::npos);
  CHECK(html.find("<h2>Dilemmas</h2>") != std::string::npos);
  CHECK(html.find("<h3>Speed or care?</h3>") != std::string::npos);
  CHECK(count(html, "<section") == count(html, "</section>"));
  CHECK(count(html, "<section") == 3);
  CHECK(html.find("<p class=\"question\">How could we get both?</p>") != std::string::npos);
  CHECK(html.find("<p class=\"aside\">Source: the H2H deck</p>") != std::string::npos);
  CHECK(count(html, "<li>") == 2);

  // Table: header as th, cells escaped, numbers right-aligned.
  CHECK(html.find("<th>name &lt;1&gt;</th>") != std::string::npos);
  CHECK(html.find("<th class=\"num\">count &amp; share</th>") != std::string::npos);
  CHECK(html.find("<td>a &lt; b</td><td class=\"num\">12</td>") != std::string::npos);
  CHECK(html.find("<td>R&amp;D</td><td class=\"num\">45%</td>") != std::string::npos);

  // Grid: one labelled SVG, a circle per non-empty cell, counts written.
  CHECK(count(html, "<svg") == 1);
  CHECK(html.find("role=\"img\"") != std::string::npos);
  CHECK(html.find("aria-label=\"") != std::string::npos);
  CHECK(count(html, "<circle") == 4);
  CHECK(html.find(">99+</text>") != std::string::npos);
  CHECK(html.find(">5</text>") != std::string::npos);
  CHECK(html.find("8/3 (2)") != std::string::npos);
  CHECK(html.find("class=\"legend\"") != std::string::npos);

  // Bars: a width per known score, "-" for the missing one.
  CHECK(html.find("style=\"width:72%\"") != std::string::npos);
  CHECK(html.find("style=\"width:100%\"") != std::string::npos);
  CHECK(html.find("<td class=\"num\">72</td>") != std::string::npos);
  CHECK(html.find("<td class=\"num\">-</td>") != std::string::npos);
  CHECK(html.find("competence &lt;c&gt;") != std::string::npos);

  // Print: the printer's paper (A4 or Letter), no grid or table split across pages.
  CHECK(html.find("size: A4") == std::string::npos);
  CHECK(html.find("break-inside: avoid") != std::string::npos);
}

TEST_CASE("to_html of an empty document or empty grid is still a page") {
  const std::string empty = render::to_html({}, "en");
  CHECK(empty.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(empty.find("<title>h2h</title>") != std::string::npos);
  Document grid_only{block(Block::Kind::grid)};
  const std::string html = render::to_html(grid_only, "en\"><x");
  CHECK(html.find("<html lang=\"en&quot;&gt;&lt;x\">") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("<circle") == std::string::npos);
}

TEST_CASE("xmllint --html finds nothing wrong with the page") {
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) {
    MESSAGE("xmllint not installed: skipped");
    return;
  }
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path();
  const std::string stem = "h2h_test_html_" + std::to_string(::getpid());
  const fs::path page = dir / (stem + ".html"), report = dir / (stem + ".err");
  for (const char* lang : {"en", "nl"}) {
    CAPTURE(lang);
    {
      std::ofstream out(page, std::ios::binary);
      out << render::to_html(sample(), lang);
    }
    const std::string command =
        "xmllint --html --noout '" + page.string() + "' >'" + report.string() + "' 2>&1";
    CHECK(std::system(command.c_str()) == 0);
    CHECK(xmllint_complaints(slurp(report)) == "");
  }
  fs::remove(page);
  fs::remove(report);
}
