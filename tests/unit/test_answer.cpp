#include <doctest/doctest.h>

#include "core/answer.hpp"

using namespace h2h;

TEST_CASE("zones of the both-and grid") {
  CHECK(zone_of({7, 7}) == Zone::en_en);
  CHECK(zone_of({10, 10}) == Zone::en_en);
  CHECK(zone_of({7, 4}) == Zone::a);
  CHECK(zone_of({10, 0}) == Zone::a);
  CHECK(zone_of({4, 7}) == Zone::b);
  CHECK(zone_of({5, 5}) == Zone::compromise);
  CHECK(zone_of({4, 6}) == Zone::compromise);
  CHECK(zone_of({3, 3}) == Zone::neither);
  CHECK(zone_of({0, 0}) == Zone::neither);
  CHECK(zone_of({7, 5}) == Zone::mixed);  // a high, b middling
  CHECK(zone_of({3, 5}) == Zone::mixed);
  CHECK(zone_of({6, 3}) == Zone::mixed);
}

TEST_CASE("zone names round-trip") {
  for (int i = 0; i < kZoneCount; ++i) {
    auto z = static_cast<Zone>(i);
    CHECK(zone_from_name(zone_name(z)) == z);
  }
  CHECK(zone_name(Zone::en_en) == "en-en");
  CHECK_FALSE(zone_from_name("both"));
}

TEST_CASE("typed answers") {
  CHECK(parse_point("8 3") == Point{8, 3});
  CHECK(parse_point("8/3") == Point{8, 3});
  CHECK(parse_point("8,3") == Point{8, 3});
  CHECK(parse_point("  10 , 0 \r\n") == Point{10, 0});
  CHECK(parse_point("0 10") == Point{0, 10});
  CHECK_FALSE(parse_point("83"));
  CHECK_FALSE(parse_point("11 3"));
  CHECK_FALSE(parse_point("8"));
  CHECK_FALSE(parse_point("8 3 1"));
  CHECK_FALSE(parse_point("-1 3"));
  CHECK_FALSE(parse_point("a b"));
  CHECK_FALSE(parse_point(""));
  CHECK_FALSE(parse_point("8//3"));
  CHECK_FALSE(parse_point("99999999999999999999 1"));
}
