// Session files (schema h2h-session/1): a Record to YAML and back. Reading
// validates as strictly as decks are validated, with file:line:column.
#pragma once

#include <string>
#include <string_view>

#include "core/session.hpp"

namespace h2h::formats {

inline constexpr const char* kSessionSchema = "h2h-session/1";

std::string session_to_yaml(const session::Record& record);

// The record, or an Error (exit code 3) with every problem found.
session::Record session_from_yaml(std::string_view bytes, const std::string& source);

// Whether a file's first bytes say it is an h2h session file (any version).
bool looks_like_session(std::string_view bytes);

}  // namespace h2h::formats
