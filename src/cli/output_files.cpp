#include "cli/output_files.hpp"

#include <sys/stat.h>

#include <cctype>
#include <filesystem>

#include "core/error.hpp"
#include "formats/file_read.hpp"
#include "formats/session_yaml.hpp"
#include "i18n/i18n.hpp"

namespace h2h::cli {

namespace fs = std::filesystem;
using i18n::tr;

std::string slug(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) && c < 0x80)
      out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-')
      out += '-';
    if (out.size() >= 40) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

namespace {

[[noreturn]] void refuse(const std::string& path, std::string message) {
  throw Error(ExitCode::usage, Place{path}, std::move(message));
}

// The start of a regular file (never a FIFO: that open would wait for a writer).
std::string head_of(const std::string& path, std::size_t bytes) {
  try {
    return formats::read_capped(path, bytes);
  } catch (const Error&) {
    return {};
  }
}

// A deck names its dilemmas and needs at the top level.
bool looks_like_deck(const std::string& head) {
  for (const char* key : {"dilemmas:", "needs:"})
    if (head.rfind(key, 0) == 0 || head.find(std::string("\n") + key) != std::string::npos)
      return true;
  return false;
}

}  // namespace

void check_not_special(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;  // nothing there
  if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) refuse(path, tr("output.not_regular"));
}

void check_not_input(const std::string& path, const std::vector<std::string>& inputs) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;  // nothing there
  // Through a symlink too: the input may be the file it points to.
  struct stat target {};
  const bool resolves = ::stat(path.c_str(), &target) == 0;
  for (const auto& input : inputs) {
    struct stat in {};
    if (input.empty() || input == "-" || ::stat(input.c_str(), &in) != 0) continue;
    if ((resolves && in.st_dev == target.st_dev && in.st_ino == target.st_ino) ||
        (in.st_dev == st.st_dev && in.st_ino == st.st_ino))
      refuse(path, tr("output.own_input"));
  }
}

void check_new_output(const std::string& path, bool force) {
  check_not_special(path);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || force) return;
  if (S_ISLNK(st.st_mode)) refuse(path, tr("output.symlink"));
  if (formats::looks_like_session(head_of(path, 400)))
    refuse(path, tr("run.output_is_session", fmt::arg("path", path)));
  refuse(path, tr("run.output_exists"));
}

void check_output(const std::string& path, bool force, const std::vector<std::string>& inputs) {
  check_not_input(path, inputs);
  check_not_special(path);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || force) return;
  if (S_ISLNK(st.st_mode)) refuse(path, tr("output.symlink"));
  const std::string head = head_of(path, 64 * 1024);
  if (formats::looks_like_session(head)) refuse(path, tr("output.is_session"));
  if (looks_like_deck(head)) refuse(path, tr("output.is_deck"));
}

}  // namespace h2h::cli
