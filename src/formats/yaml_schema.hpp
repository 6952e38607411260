// Checking a YAML tree against what a file format expects, collecting every
// problem with its place: unknown keys (with "did you mean"), missing keys
// (at the map that lacks them), wrong shapes. Shared by decks and sessions.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace h2h::formats {

// Levenshtein distance, for "did you mean".
std::size_t edit_distance(std::string_view x, std::string_view y);

class SchemaReader {
 public:
  using Keys = std::initializer_list<std::string_view>;

  SchemaReader(const std::string& source, std::vector<Problem>& problems)
      : source_(source), problems_(problems) {}

  void error(const YAML::Node& at, std::string message);

  // Reports unknown keys (with a near miss) and missing required ones.
  void keys(const YAML::Node& map, Keys required, Keys optional);
  bool expect_map(const YAML::Node& n, std::string_view what);
  bool expect_list(const YAML::Node& n, std::string_view what, std::size_t max);
  // A scalar, or an error naming `what`.
  std::optional<std::string> scalar(const YAML::Node& n, std::string_view what);
  // An integer in [lo, hi], or an error with `message_key` (fields: key, value, min, max).
  std::optional<long long> integer(const YAML::Node& n, std::string_view what, long long lo,
                                   long long hi);
  bool boolean(const YAML::Node& n, std::string_view what);

  const std::string& source() const { return source_; }

 private:
  const std::string& source_;
  std::vector<Problem>& problems_;
};

}  // namespace h2h::formats
