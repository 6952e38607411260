#include "formats/sniff.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "core/utf8.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

Sniffed sniff(std::string_view head) {
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) return Sniffed::utf16;
  const std::string_view start = head.substr(0, 64);
  const auto nuls = std::count(start.begin(), start.end(), '\0');
  if (!start.empty() && nuls * 4 >= static_cast<long>(start.size())) return Sniffed::utf16;
  return Sniffed::text;
}

using i18n::tr;

namespace {

enum class Looks { text, zip, pdf, utf16, ole, gzip, other };

Looks looks_like(std::string_view b) {
  auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  if (starts("PK\x03\x04") || starts("PK\x05\x06")) return Looks::zip;
  if (starts("%PDF-")) return Looks::pdf;
  if (starts("\xFF\xFE") || starts("\xFE\xFF")) return Looks::utf16;
  if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return Looks::ole;
  if (starts("\x1F\x8B")) return Looks::gzip;
  // UTF-16 without a byte order mark: every other byte NUL in ASCII text.
  if (b.size() >= 8) {
    int even = 0, odd = 0;
    for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
      even += b[i] == '\0';
      odd += b[i + 1] == '\0';
    }
    const int pairs = static_cast<int>(b.size() / 2);
    if (even * 4 >= pairs * 3 || odd * 4 >= pairs * 3) return Looks::utf16;
  }
  for (const char ch : b) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') return Looks::other;
  }
  return Looks::text;
}

}  // namespace

void check_file_kind(const std::string& path, ResponseFormat format) {
  if (path == "-") return;
  // Only regular files: a pipe's bytes would be gone for the reader.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return;
  std::string head(64 << 10, '\0');
  std::size_t n = 0;
  while (n < head.size()) {
    const ssize_t got = ::read(fd, head.data() + n, head.size() - n);
    if (got <= 0) break;
    n += static_cast<std::size_t>(got);
  }
  ::close(fd);
  if (n == 0) return;
  head.resize(n);
  const Looks looks = looks_like(std::string_view(head).substr(0, 64));
  const char* key = nullptr;
  if (format == ResponseFormat::xlsx) {
    if (looks == Looks::text) key = "sniff.text_not_xlsx";
    if (looks == Looks::ole) key = "sniff.ole";
    if (looks == Looks::pdf) key = "sniff.pdf";
    if (looks == Looks::utf16) key = "sniff.utf16";
    if (looks == Looks::gzip) key = "sniff.gzip";
  } else {
    if (looks == Looks::zip) key = "sniff.zip";
    if (looks == Looks::ole) key = "sniff.ole";
    if (looks == Looks::pdf) key = "sniff.pdf";
    if (looks == Looks::utf16) key = "sniff.utf16";
    if (looks == Looks::gzip) key = "sniff.gzip";
  }
  if (key != nullptr) throw Error(ExitCode::invalid_data, Place{path}, tr(key));
  // Text that is not UTF-8 is most likely Windows-1252 (Excel's "CSV" on
  // Windows): stop before "Financi\xEBn" turns into a replacement character
  // in every report. The first 64 KiB are looked at; a character cut at
  // their end is not a fault.
  if (format != ResponseFormat::xlsx && looks == Looks::text) {
    if (auto bad = utf8::first_invalid(head); bad && (n < (64 << 10) || *bad + 4 < n)) {
      const auto at = utf8::locate(head, *bad);
      throw Error(
          ExitCode::invalid_data, Place{path, at.line, at.column},
          tr("sniff.not_utf8",
             fmt::arg("byte", fmt::format("{:02X}", static_cast<unsigned char>(head[*bad]))),
             fmt::arg("path", path)));
    }
  }
}

}  // namespace h2h::formats
