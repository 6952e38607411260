#include "core/answer.hpp"

#include <array>
#include <cctype>

namespace h2h {

Zone zone_of(Point p) {
  const bool high_a = p.a >= 7, high_b = p.b >= 7;
  if (high_a && high_b) return Zone::en_en;
  if (high_a && p.b <= 4) return Zone::a;
  if (high_b && p.a <= 4) return Zone::b;
  if (p.a >= 4 && p.a <= 6 && p.b >= 4 && p.b <= 6) return Zone::compromise;
  if (p.a <= 3 && p.b <= 3) return Zone::neither;
  return Zone::mixed;
}

namespace {
constexpr std::array<std::string_view, kZoneCount> kZoneNames = {"en-en",      "a",       "b",
                                                                 "compromise", "neither", "mixed"};
}

std::string_view zone_name(Zone z) {
  return kZoneNames.at(static_cast<std::size_t>(z));
}

std::optional<Zone> zone_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kZoneNames.size(); ++i)
    if (kZoneNames[i] == name) return static_cast<Zone>(i);
  return std::nullopt;
}

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Reads an integer 0..10 at `pos`, advancing it.
std::optional<int> read_score(std::string_view s, std::size_t& pos) {
  std::size_t start = pos;
  int value = 0;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
    value = value * 10 + (s[pos] - '0');
    if (value > kAnswerMax) return std::nullopt;
    ++pos;
  }
  if (pos == start) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Point> parse_point(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size() && is_blank(s[pos])) ++pos;
  auto a = read_score(s, pos);
  if (!a) return std::nullopt;
  std::size_t before = pos;
  while (pos < s.size() && is_blank(s[pos])) ++pos;
  if (pos < s.size() && (s[pos] == '/' || s[pos] == ',')) {
    ++pos;
    while (pos < s.size() && is_blank(s[pos])) ++pos;
  } else if (pos == before) {
    return std::nullopt;  // "83": no separator
  }
  auto b = read_score(s, pos);
  if (!b) return std::nullopt;
  while (pos < s.size() && is_blank(s[pos])) ++pos;
  if (pos != s.size()) return std::nullopt;
  return Point{*a, *b};
}

}  // namespace h2h
