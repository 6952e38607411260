// Where commands write files: names made from team names, and the rule
// that h2h never overwrites a file it did not write (without --force).
#pragma once

#include <string>

namespace h2h::cli {

// "Sales NL" -> "sales-nl": lower-case ASCII letters and digits, '-' between.
std::string slug(const std::string& text);

// Refuses (exit 2) to write a new session to `path` when a file is there:
// a session is to be resumed, anything else is left alone; --force allows it.
void check_new_output(const std::string& path, bool force);

}  // namespace h2h::cli
