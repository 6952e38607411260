// Safe YAML reading for every YAML file h2h loads: a size cap, a UTF-8
// check, exactly one document, a cap on nodes and aliases, duplicate keys
// found (yaml-cpp accepts them silently), and yaml-cpp's messages reworded,
// each problem with its file:line:column.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace h2h::formats {

// Where a node is: yaml-cpp's 0-based mark made 1-based (0 when unknown).
Place place_of(const YAML::Node& node, const std::string& source);

// Where flow nesting ('[' and '{' outside quotes and comments) first passes
// yaml-cpp's limit of 2000 levels, or nothing: a quick count that
// parse_yaml trusts (and so the quick tree too), though it also counts
// brackets in a plain or block text.
std::optional<std::size_t> flow_too_deep(std::string_view text);

// Parses `bytes` as one YAML document. Returns the root node, or nothing
// after adding at least one problem. An empty document gives a Null node.
// At most `max_nodes` nodes (scalars, lists, maps) are accepted.
std::optional<YAML::Node> parse_yaml(std::string_view bytes, const std::string& source,
                                     std::size_t max_bytes, std::vector<Problem>& problems,
                                     std::size_t max_nodes = 200000);

// The scalar of a node as an integer, or nothing when it is not one.
std::optional<long long> scalar_int(const YAML::Node& node);

}  // namespace h2h::formats
