// JSON text in h2h's own words. nlohmann-json parses; whatever it finds
// wrong is said again here with its place and in the user's language (its
// own messages name its internals: "[json.exception.parse_error.101] ...
// line 1, column 41"). Used by JSON Lines and report JSON alike.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace h2h::formats {

struct JsonFault {
  std::size_t offset = 0;  // byte offset into the text
  std::string message;     // translated
};

// Why `text` is not JSON, from the exception nlohmann-json threw parsing it.
JsonFault describe_json_error(std::string_view text, const nlohmann::json::exception& e);

// Parses one whole JSON document: valid UTF-8, nesting capped, every
// duplicate key reported with its JSON path. Throws Error (exit 3) with
// FILE:LINE:COLUMN, or FILE and the path of each duplicate key.
nlohmann::json parse_json_document(std::string_view bytes, const std::string& source);

// "/groups/0/dilemmas/3": a JSON Pointer to a place in a document.
std::string json_pointer(const std::string& parent, std::string_view key);
std::string json_pointer(const std::string& parent, std::size_t index);

}  // namespace h2h::formats
