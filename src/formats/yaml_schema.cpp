#include "formats/yaml_schema.hpp"

#include <algorithm>
#include <numeric>

#include "formats/yaml_source.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using i18n::tr;

std::size_t edit_distance(std::string_view x, std::string_view y) {
  std::vector<std::size_t> row(y.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

void SchemaReader::error(const YAML::Node& at, std::string message) {
  problems_.push_back({place_of(at, source_), std::move(message)});
}

void SchemaReader::keys(const YAML::Node& map, Keys required, Keys optional) {
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) {
      error(kv.first, tr("deck.key_not_text"));
      continue;
    }
    const std::string& key = kv.first.Scalar();
    auto known = [&](std::string_view k) { return k == key; };
    if (std::any_of(required.begin(), required.end(), known) ||
        std::any_of(optional.begin(), optional.end(), known))
      continue;
    std::string_view best;
    std::size_t best_distance = 3;
    for (Keys list : {required, optional})
      for (std::string_view k : list)
        if (auto dist = edit_distance(key, k); dist < best_distance && dist < key.size()) {
          best = k;
          best_distance = dist;
        }
    if (best.empty())
      error(kv.first, tr("deck.unknown_key", fmt::arg("key", key)));
    else
      error(kv.first, tr("deck.unknown_key_hint", fmt::arg("key", key), fmt::arg("hint", best)));
  }
  for (std::string_view k : required)
    if (!map[std::string(k)]) error(map, tr("deck.missing_key", fmt::arg("key", k)));
}

bool SchemaReader::expect_map(const YAML::Node& n, std::string_view what) {
  if (n.IsMap()) return true;
  error(n, tr("deck.expected_map", fmt::arg("key", what)));
  return false;
}

bool SchemaReader::expect_list(const YAML::Node& n, std::string_view what, std::size_t max) {
  if (!n.IsSequence()) {
    error(n, tr("deck.expected_list", fmt::arg("key", what)));
    return false;
  }
  if (n.size() > max) {
    error(n, tr("deck.too_many", fmt::arg("key", what), fmt::arg("count", n.size()),
                fmt::arg("max", max)));
    return false;
  }
  return true;
}

std::optional<std::string> SchemaReader::scalar(const YAML::Node& n, std::string_view what) {
  if (!n.IsScalar()) {
    error(n, tr("deck.expected_text", fmt::arg("key", what)));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<long long> SchemaReader::integer(const YAML::Node& n, std::string_view what,
                                               long long lo, long long hi) {
  auto v = scalar_int(n);
  if (!v || *v < lo || *v > hi) {
    error(n, tr("file.integer_range", fmt::arg("key", what), fmt::arg("min", lo),
                fmt::arg("max", hi), fmt::arg("value", n.IsScalar() ? n.Scalar() : "")));
    return std::nullopt;
  }
  return v;
}

bool SchemaReader::boolean(const YAML::Node& n, std::string_view what) {
  if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false")) return n.Scalar() == "true";
  error(n, tr("file.expected_bool", fmt::arg("key", what)));
  return false;
}

}  // namespace h2h::formats
