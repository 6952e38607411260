#include <doctest/doctest.h>

#include "core/error.hpp"
#include "formats/xlsx_parts.hpp"

using namespace h2h;
using formats::xlsx::parse_cell_ref;

TEST_CASE("a workbook's places print as FILE:SHEET!CELL") {
  CHECK(format_problem({Place{"export.xlsx", 14, 4, "Sheet1"}, "m"}) ==
        "export.xlsx:Sheet1!D14: m");
  CHECK(format_problem({Place{"e.xlsx", 2, 27, "Sheet1"}, "m"}) == "e.xlsx:Sheet1!AA2: m");
  CHECK(format_problem({Place{"e.xlsx", 2, 16384, "S"}, "m"}) == "e.xlsx:S!XFD2: m");
  CHECK(format_problem({Place{"e.xlsx", 0, 0, "Blad 1"}, "m"}) == "e.xlsx:'Blad 1': m");
  CHECK(format_problem({Place{"e.xlsx", 3, 1, "it's"}, "m"}) == "e.xlsx:'it''s'!A3: m");
  CHECK(format_problem({Place{"e.csv", 3, 1}, "m"}) == "e.csv:3:1: m");
}

TEST_CASE("cell references within A1..XFD1048576") {
  CHECK(parse_cell_ref("A1") == std::make_pair(1, 1));
  CHECK(parse_cell_ref("D14") == std::make_pair(4, 14));
  CHECK(parse_cell_ref("XFD1048576") == std::make_pair(16384, 1048576));
  for (const char* bad :
       {"", "A", "1", "A0", "XFE1", "A1048577", "AAAA1", "a1", "A1x", "A-1", "A99999999999"})
    CHECK_MESSAGE(!parse_cell_ref(bad), bad);
}

TEST_CASE("Excel's _xHHHH_ escapes in cell text") {
  auto un = [](std::string s) {
    formats::xlsx::unescape_text(s);
    return s;
  };
  CHECK(un("plain") == "plain");
  CHECK(un("_x001B_[31m") == "\x1b[31m");
  CHECK(un("a_x000D__x000A_b") == "a\r\nb");
  CHECK(un("caf_x00E9_ _x20ac_") == "caf\xC3\xA9 \xE2\x82\xAC");
  CHECK(un("_x005F_x0041_") == "_x0041_");  // an underscore kept literal
  CHECK(un("_xZZZZ_ _x12_ _xD800_ trailing_x") == "_xZZZZ_ _x12_ _xD800_ trailing_x");
}
