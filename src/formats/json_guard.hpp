// Checks on JSON text before nlohmann-json parses it: a parsed value is
// destroyed recursively, so nesting is capped first (a small file of
// "[[[[..." must not overflow the stack).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace h2h::formats {

inline constexpr std::size_t kJsonDepth = 512;

// At an opening quote text[open]: the offset of its closing quote
// (text.size() when the string does not end). Escapes are skipped.
std::size_t json_string_end(std::string_view text, std::size_t open);

// The byte offset where nesting first exceeds `max_depth`, or nothing.
std::optional<std::size_t> json_too_deep(std::string_view text, std::size_t max_depth = kJsonDepth);

}  // namespace h2h::formats
