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
