// Where commands write files: names made from team names, and the rules
// that keep outputs from clobbering what they should not: h2h never writes
// over a session file, a deck, a symlink or anything but a regular file
// without --force, never over one of the command's own inputs, and never
// opens a FIFO or a device to find out what it is.
#pragma once

#include <string>
#include <vector>

namespace h2h::cli {

// "Sales NL" -> "sales-nl": lower-case ASCII letters and digits, '-' between.
std::string slug(const std::string& text);

// Refuses (exit 2) a path that holds something other than a regular file
// or a symlink (a FIFO, a device, a folder), without opening it.
void check_not_special(const std::string& path);

// Refuses (exit 2) a path that is one of `inputs` (the same file, also
// through a symlink or another name), whatever --force says.
void check_not_input(const std::string& path, const std::vector<std::string>& inputs);

// Refuses (exit 2) to write a new session to `path` when a file is there:
// a session is to be resumed, anything else is left alone; --force allows it
// for a regular file or a symlink (which is replaced, never followed), never
// for a FIFO, a device or a folder.
void check_new_output(const std::string& path, bool force);

// Refuses (exit 2) an output file of report, form or --map-out over one of
// `inputs` (whatever --force says), over something that is not a regular
// file, and without --force over a symlink, a session file or a deck.
// Other regular files are replaced, as a shell's '>' would.
void check_output(const std::string& path, bool force, const std::vector<std::string>& inputs);

}  // namespace h2h::cli
