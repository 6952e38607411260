#include "formats/file_read.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include "core/error.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

namespace {

std::string read_stream(std::istream& in, std::size_t max_bytes) {
  std::string out;
  char buffer[65536];
  while (out.size() <= max_bytes && in.read(buffer, sizeof buffer).gcount() > 0) {
    out.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (out.size() > max_bytes + 1) out.resize(max_bytes + 1);
  return out;
}

}  // namespace

std::string read_capped(const std::string& path, std::size_t max_bytes) {
  if (path == "-") return read_stream(std::cin, max_bytes);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error(ExitCode::failure, Place{path}, i18n::tr("file.is_directory"));
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw Error(ExitCode::failure, Place{path},
                i18n::tr("file.cannot_read", fmt::arg("reason", std::strerror(err))));
  }
  std::string bytes = read_stream(in, max_bytes);
  if (in.bad())
    throw Error(ExitCode::failure, Place{path},
                i18n::tr("file.cannot_read", fmt::arg("reason", std::strerror(errno))));
  return bytes;
}

}  // namespace h2h::formats
