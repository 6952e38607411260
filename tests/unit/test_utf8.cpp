#include <doctest/doctest.h>

#include "core/utf8.hpp"
#include "render/layout.hpp"

using namespace h2h;

TEST_CASE("UTF-8 validity") {
  CHECK_FALSE(utf8::first_invalid("plain ascii"));
  CHECK_FALSE(utf8::first_invalid("cre\xc3\xab\x65ren \xe2\x82\xac \xf0\x9f\x98\x80"));
  CHECK(utf8::first_invalid("ab\xff") == 2u);
  CHECK(utf8::first_invalid("\xc0\xaf") == 0u);          // overlong '/'
  CHECK(utf8::first_invalid("x\xed\xa0\x80") == 1u);     // surrogate
  CHECK(utf8::first_invalid("\xf4\x90\x80\x80") == 0u);  // above U+10FFFF
  CHECK(utf8::first_invalid("\xe2\x82") == 0u);          // truncated
}

TEST_CASE("line and column of a byte") {
  std::string s = "ab\nc\xc3\xa9x";
  auto lc = utf8::locate(s, 6);  // the 'x'
  CHECK(lc.line == 2);
  CHECK(lc.column == 3);
}

TEST_CASE("control characters") {
  CHECK_FALSE(utf8::first_control("tab\tand\nnewline"));
  CHECK(utf8::first_control("esc\x1b[2J") == 3u);
  CHECK(utf8::first_control("bell\a") == 4u);
  CHECK(utf8::first_control("cr\r") == 2u);
  CHECK(utf8::first_control("c1 \xc2\x9b") == 3u);
  CHECK_FALSE(utf8::first_control("\xc2\xa0 nbsp is fine"));
}

TEST_CASE("word wrap") {
  auto lines = render::wrap("one two three four", 9);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "one two");
  CHECK(lines[1] == "three");
  CHECK(lines[2] == "four");
  CHECK(render::wrap("caf\xc3\xa9 caf\xc3\xa9", 9).size() == 1);  // counts characters
  CHECK(render::wrap("a\nb", 80).size() == 2);
  CHECK(render::wrap_indented("aaaa bbbb cccc", 14, "  ") == "  aaaa bbbb\n  cccc");
}
