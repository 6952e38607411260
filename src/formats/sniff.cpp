#include "formats/sniff.hpp"

#include <algorithm>

namespace h2h::formats {

Sniffed sniff(std::string_view head) {
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) return Sniffed::utf16;
  const std::string_view start = head.substr(0, 64);
  const auto nuls = std::count(start.begin(), start.end(), '\0');
  if (!start.empty() && nuls * 4 >= static_cast<long>(start.size())) return Sniffed::utf16;
  return Sniffed::text;
}

}  // namespace h2h::formats
