#include "formats/timestamps.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace h2h::formats {

namespace {

std::string lower_trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  s = s.substr(b, s.find_last_not_of(" \t") - b + 1);
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
int days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string civil(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  const int y = yoe + era * 400 + (m <= 2);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

std::optional<int> day_of(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > kDays[static_cast<std::size_t>(m - 1)] + (m == 2 && leap(y) ? 1 : 0)) return std::nullopt;
  return days_from_civil(y, m, d);
}

// Reads digits at s[i..]: their value and how many there were (at most 5).
int digits(std::string_view s, std::size_t& i, int& count) {
  int v = 0;
  count = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && count < 6) {
    v = v * 10 + (s[i] - '0');
    ++i;
    ++count;
  }
  return v;
}

}  // namespace

std::optional<std::size_t> timestamp_rank(std::string_view header) {
  // Best first: when the answers were sent, then when the form was opened.
  static const std::array<std::string_view, 9> kNames = {
      "completion time", "tijd van voltooien", "timestamp", "tijdstempel", "submitdate",
      "datestamp",       "start time",         "begintijd", "startdate"};
  const std::string h = lower_trimmed(header);
  for (std::size_t r = 0; r < kNames.size(); ++r)
    if (h == kNames[r]) return r;
  return std::nullopt;
}

std::optional<std::size_t> timestamp_column(const std::vector<std::string>& headers) {
  std::optional<std::size_t> best, best_rank;
  for (std::size_t c = 0; c < headers.size(); ++c)
    if (const auto rank = timestamp_rank(headers[c]); rank && (!best_rank || *rank < *best_rank)) {
      best = c;
      best_rank = rank;
    }
  return best;
}

void DateSpan::Span::add(int day) {
  if (!any || day < lo) lo = day;
  if (!any || day > hi) hi = day;
  any = true;
}

void DateSpan::Span::merge(const Span& o) {
  if (!o.any) return;
  add(o.lo);
  add(o.hi);
}

void DateSpan::merge(const DateSpan& o) {
  sure_.merge(o.sure_);
  day_first_.merge(o.day_first_);
  month_first_.merge(o.month_first_);
  only_day_first_ += o.only_day_first_;
  only_month_first_ += o.only_month_first_;
  slash_ += o.slash_;
  other_ += o.other_;
}

void DateSpan::add(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return;
  s.remove_prefix(b);
  std::size_t i = 0;
  int n1 = 0;
  const int a = digits(s, i, n1);
  if (n1 == 0) return;
  // A spreadsheet's serial number: days since 1899-12-30 (as Excel counts
  // from 1900-03-01 on), a fraction for the time of day.
  if (i == s.size() || s[i] == '.' || s[i] == ' ') {
    std::size_t j = i;
    if (j < s.size() && s[j] == '.') {
      ++j;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    }
    while (j < s.size() && s[j] == ' ') ++j;
    if (j == s.size()) {
      if (n1 <= 5 && a >= 61 && a <= 2958465) sure_.add(days_from_civil(1899, 12, 30) + a);
      return;
    }
  }
  if (i >= s.size()) return;
  const char sep = s[i];
  if (sep != '-' && sep != '/' && sep != '.') return;
  ++i;
  int n2 = 0;
  const int m = digits(s, i, n2);
  if (n2 == 0 || n2 > 2 || i >= s.size() || s[i] != sep) return;
  ++i;
  int n3 = 0;
  const int c = digits(s, i, n3);
  if (n3 == 0) return;
  if (i < s.size() && s[i] != ' ' && s[i] != 'T' && s[i] != ',') return;
  if (n1 == 4) {  // Y-M-D
    if (n3 > 2) return;
    if (auto day = day_of(a, m, c)) sure_.add(*day);
    return;
  }
  if (n1 > 2 || (n3 != 4 && n3 != 2)) return;
  const int year = n3 == 2 ? 2000 + c : c;
  const auto dm = day_of(year, m, a);
  const auto md = day_of(year, a, m);
  if (dm) day_first_.add(*dm);
  if (md) month_first_.add(*md);
  if (dm && !md) ++only_day_first_;
  if (md && !dm) ++only_month_first_;
  if (dm && md) ++(sep == '/' ? slash_ : other_);
}

std::optional<std::pair<std::string, std::string>> DateSpan::range() const {
  bool day_first;
  if (only_day_first_ > 0 || only_month_first_ > 0)
    day_first = only_day_first_ >= only_month_first_;
  else
    day_first = other_ >= slash_;
  Span all = sure_;
  const Span& other = day_first ? day_first_ : month_first_;
  if (other.any) {
    all.add(other.lo);
    all.add(other.hi);
  }
  if (!all.any) return std::nullopt;
  return std::make_pair(civil(all.lo), civil(all.hi));
}

}  // namespace h2h::formats
