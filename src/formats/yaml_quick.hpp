// A YAML tree built from libyaml's events, for the common case of a file
// that is well formed: libyaml parses a deck about ten times faster than
// yaml-cpp, and a deck is read on every start of h2h. The tree carries no
// places, so it is only a first try: anything unusual (a syntax error,
// a tag, an anchor or alias, a repeated key, a key that is not text, a
// second document, too many nodes or levels) gives nothing, and so does
// every file whose content is then found wrong: the caller reads it again
// through parse_yaml, which says what is wrong and where.
//
// What it gives is what yaml-cpp gives (kinds, texts, order, tags, flow or
// block style); where the two parsers part, it gives nothing and yaml-cpp
// decides: line breaks other than "\n", control characters, a byte order
// mark after the start, blanks after the last line break, "\N" and "\_"
// escapes, a quoted text that ends with an empty line, folded blocks kept
// whole (">+"), a '?' outside quotes in a flow collection, a key not
// followed on its line by its ':' (or, in a flow map, its ',' or '}'),
// keys of about 1024 bytes, and what parse_yaml counts as nesting too
// deep. The deck fuzz target checks this on every input.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string_view>

namespace h2h::formats {

// The root node as yaml-cpp's parser would build it (plain ~, null and
// empty scalars are null nodes), or nothing when the file is unusual.
std::optional<YAML::Node> quick_yaml(std::string_view bytes, std::size_t max_bytes,
                                     std::size_t max_nodes = 200000);

// Whether two trees hold the same kinds, texts, tags, styles and order
// (places aside): how the tests and the deck fuzz target check quick_yaml
// against yaml-cpp.
bool same_yaml(const YAML::Node& x, const YAML::Node& y);

}  // namespace h2h::formats
