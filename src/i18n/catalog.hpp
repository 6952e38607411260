// Reading a message catalog's text: line by line when every line is
// `key: "text"` (quick: every command reads a catalog at start), else by
// yaml-cpp; the unit tests check both give the same.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace h2h::i18n {

using Catalog = std::map<std::string, std::string, std::less<>>;
Catalog parse_catalog(std::string_view bytes);
Catalog parse_catalog_yaml(std::string_view bytes);

}  // namespace h2h::i18n
