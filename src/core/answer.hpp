// An answer on the both-and grid: how much pole A and how much pole B matter
// to one person, each 0..10, and the zone that point falls in.
#pragma once

#include <optional>
#include <string_view>

namespace h2h {

constexpr int kAnswerMin = 0;
constexpr int kAnswerMax = 10;

struct Point {
  int a = 0;
  int b = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

enum class Zone { en_en, a, b, compromise, neither, mixed };
constexpr int kZoneCount = 6;

// en-en: a>=7 and b>=7; a: a>=7, b<=4; b: b>=7, a<=4; compromise: both 4..6;
// neither: both <=3; mixed: the rest.
Zone zone_of(Point p);

// The stable names used in files and reports: "en-en", "a", "b", ...
std::string_view zone_name(Zone z);
std::optional<Zone> zone_from_name(std::string_view name);

// Reads a typed answer: two integers 0..10 separated by blanks, '/' or ','
// ("8 3", "8/3", "8,3"). Returns nothing for anything else.
std::optional<Point> parse_point(std::string_view input);

}  // namespace h2h
