#include "cli/output_files.hpp"

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

void check_new_output(const std::string& path, bool force) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec)) || force) return;
  std::string head;
  try {
    head = formats::read_capped(path, 400);
  } catch (const Error&) {
  }
  if (formats::looks_like_session(head))
    throw Error(ExitCode::usage, Place{path}, tr("run.output_is_session", fmt::arg("path", path)));
  throw Error(ExitCode::usage, Place{path}, tr("run.output_exists"));
}

}  // namespace h2h::cli
