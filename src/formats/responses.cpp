#include "formats/responses.hpp"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <exception>
#include <nlohmann/json.hpp>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "formats/csv_reader.hpp"
#include "formats/csv_split.hpp"
#include "formats/file_read.hpp"
#include "formats/json_guard.hpp"
#include "formats/json_text.hpp"
#include "formats/row_source.hpp"
#include "formats/sniff.hpp"
#include "formats/timestamps.hpp"
#include "formats/xlsx_reader.hpp"
#include "formats/xlsx_zip.hpp"
#include "formats/yaml_source.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using i18n::tr;

std::string header_key(std::string_view header) {
  // Whitespace as forms and spreadsheets vary it: spaces, tabs, line breaks
  // (a header cell with Alt+Enter), no-break spaces (U+00A0, U+202F).
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const char c = header[i];
    std::size_t width = 0;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
      width = 1;
    else if (header.substr(i, 2) == "\xC2\xA0")
      width = 2;
    else if (header.substr(i, 3) == "\xE2\x80\xAF")
      width = 3;
    if (width > 0) {
      space = true;
      i += width - 1;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

HeaderMap read_header_map(const std::string& path) {
  std::vector<Problem> problems;
  const std::string bytes = read_capped(path, limits::kDeckBytes);
  HeaderMap map;
  if (auto root = parse_yaml(bytes, path, limits::kDeckBytes, problems)) {
    if (!root->IsMap()) {
      problems.push_back({place_of(*root, path), tr("map.not_a_map")});
    } else {
      for (const auto& kv : *root) {
        if (!kv.first.IsScalar() || !kv.second.IsScalar()) {
          problems.push_back({place_of(kv.first, path), tr("map.not_text")});
          continue;
        }
        const std::string key = header_key(kv.first.Scalar());
        if (auto it = map.find(key); it != map.end() && it->second != kv.second.Scalar()) {
          problems.push_back(
              {place_of(kv.first, path),
               tr("map.same_header", fmt::arg("header", key), fmt::arg("first", it->second),
                  fmt::arg("second", kv.second.Scalar()))});
          continue;
        }
        map[key] = kv.second.Scalar();
      }
    }
  }
  if (!problems.empty()) throw Error(ExitCode::invalid_data, std::move(problems));
  return map;
}

namespace {

// What a column holds.
struct Role {
  enum class Kind { ignored, respondent, team, pole_a, pole_b, idea, checkin };
  Kind kind = Kind::ignored;
  std::size_t index = 0;  // dilemma or need
  std::string key;        // check-in: the item or need id
  std::size_t slot = 0;   // which known column: one number per name
};

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

class Roles {
 public:
  explicit Roles(const Weights& w) {
    table_["respondent"] = {Role::Kind::respondent, 0, {}, 0};
    table_["team"] = {Role::Kind::team, 0, {}, 0};
    for (std::size_t d = 0; d < w.dilemma_ids.size(); ++d) {
      table_[w.dilemma_ids[d] + ".a"] = {Role::Kind::pole_a, d, {}, 0};
      table_[w.dilemma_ids[d] + ".b"] = {Role::Kind::pole_b, d, {}, 0};
      table_[w.dilemma_ids[d] + ".idea"] = {Role::Kind::idea, d, {}, 0};
    }
    for (std::size_t k = 0; k < w.need_ids.size(); ++k)
      table_["checkin." + w.need_ids[k]] = {Role::Kind::checkin, k, w.need_ids[k], 0};
    for (const auto& [item, k] : w.checkin_needs)
      table_["checkin." + item] = {Role::Kind::checkin, k, item, 0};
    number();
  }

  // Numbers each known name, for checks of repeated names.
  void number() {
    std::size_t slot = 0;
    for (auto& [_, role] : table_) role.slot = slot++;
  }

  Role of(std::string_view name, const HeaderMap* map, const std::string& team_column = {}) const {
    if (!team_column.empty() && header_key(name) == header_key(team_column))
      return table_.at("team");
    std::string key(name);
    if (map != nullptr)
      if (auto it = map->find(header_key(name)); it != map->end()) key = it->second;
    // Headers as people type them: trimmed.
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    while (!key.empty() && (key.front() == ' ' || key.front() == '\t')) key.erase(key.begin());
    auto it = table_.find(key);
    return it == table_.end() ? Role{} : it->second;
  }

 private:
  std::unordered_map<std::string, Role> table_;
};

// Parses an integer lo..hi (lo >= 0), allowing blanks around it; -1 when
// it is not one. Called for nearly every field of a large file.
[[gnu::always_inline]] inline int small_int(std::string_view s, int lo, int hi) {
  // The common cases first: "7" and "10".
  int value = -1;
  if (s.size() == 1) {
    value = static_cast<unsigned char>(s[0]) - '0';
    if (value > 9) value = -1;
  } else if (s.size() == 2 && s[0] >= '1' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9') {
    value = (s[0] - '0') * 10 + (s[1] - '0');
  } else {
    std::size_t i = 0, n = s.size();
    while (i < n && (s[i] == ' ' || s[i] == '\t')) ++i;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t')) --n;
    if (i == n || n - i > 3) return -1;
    value = 0;
    for (; i < n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      value = value * 10 + (s[i] - '0');
    }
  }
  return value < lo || value > hi ? -1 : value;
}

// A cell's text as a message quotes it: at most 40 bytes (cut on a
// character's boundary), so that a huge cell does not flood the terminal.
std::string quoted_value(std::string_view s) {
  if (s.size() <= 40) return std::string(s);
  std::size_t cut = 40;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

bool blank(std::string_view s) {
  if (!s.empty() && s[0] != ' ' && s[0] != '\t') return false;  // the common case, at once
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

// Turns one record's fields into a respondent, or a problem.
class RowReader {
 public:
  RowReader(const Weights& w, std::string source, std::string sheet = {})
      : w_(w), source_(std::move(source)), sheet_(std::move(sheet)) {
    r_.answers.resize(w.dilemma_ids.size());
  }

  // Starts a record; roles and values follow.
  void begin(std::int64_t row) {
    r_.row = row;
    r_.id = {};
    r_.team = {};
    std::fill(r_.answers.begin(), r_.answers.end(), std::nullopt);
    a_.assign(w_.dilemma_ids.size(), -1);
    b_.assign(w_.dilemma_ids.size(), -1);
    a_column_.resize(w_.dilemma_ids.size());
    b_column_.resize(w_.dilemma_ids.size());
    r_.checkin.clear();
    r_.checkin_keys.clear();
    r_.ideas.clear();
    problem_.reset();
  }

  void value(const Role& role, std::string_view text, int column, std::string_view header) {
    if (problem_) return;
    switch (role.kind) {
      case Role::Kind::ignored:
        return;
      case Role::Kind::respondent:
        r_.id = text;
        return;
      case Role::Kind::team:
        r_.team = text;
        return;
      case Role::Kind::pole_a:
      case Role::Kind::pole_b: {
        if (blank(text)) return;
        const int v = small_int(text, kAnswerMin, kAnswerMax);
        if (v < 0)
          return fail(column, tr("responses.bad_answer", fmt::arg("value", quoted_value(text)),
                                 fmt::arg("column", header)));
        (role.kind == Role::Kind::pole_a ? a_ : b_)[role.index] = v;
        (role.kind == Role::Kind::pole_a ? a_column_ : b_column_)[role.index] = column;
        return;
      }
      case Role::Kind::idea:
        if (!blank(text)) r_.ideas.emplace_back(role.index, trim(text));
        return;
      case Role::Kind::checkin: {
        if (blank(text)) return;
        const int v = small_int(text, 1, 5);
        if (v < 0)
          return fail(column, tr("responses.bad_rating", fmt::arg("value", quoted_value(text)),
                                 fmt::arg("column", header)));
        r_.checkin.emplace_back(role.index, v);
        r_.checkin_keys.emplace_back(role.key);
        return;
      }
    }
  }

  // The respondent, once every value is in; nothing when a value was bad.
  const Respondent* end() {
    if (problem_) return nullptr;
    for (std::size_t d = 0; d < a_.size(); ++d) {
      if (a_[d] >= 0 && b_[d] >= 0) {
        r_.answers[d] = Point{a_[d], b_[d]};
      } else if (a_[d] >= 0 || b_[d] >= 0) {
        // One pole without the other is no answer: a session file refuses
        // it too, so it is never dropped in silence.
        const bool has_a = a_[d] >= 0;
        fail(has_a ? a_column_[d] : b_column_[d],
             tr("responses.half_answer", fmt::arg("dilemma", w_.dilemma_ids[d]),
                fmt::arg("given", has_a ? "a" : "b"), fmt::arg("missing", has_a ? "b" : "a")));
        return nullptr;
      }
    }
    return &r_;
  }
  const std::optional<Problem>& problem() const { return problem_; }

 private:
  void fail(int column, std::string message) {
    problem_ =
        Problem{Place{source_, static_cast<int>(r_.row), column, sheet_}, std::move(message)};
  }

  const Weights& w_;
  std::string source_;
  std::string sheet_;  // a workbook's sheet, for places as FILE:SHEET!CELL
  Respondent r_;
  std::vector<int> a_, b_;
  std::vector<int> a_column_, b_column_;
  std::optional<Problem> problem_;
};

int open_input(const std::string& path) {
  if (path == "-") return 0;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw Error(ExitCode::failure, Place{path},
                tr("file.cannot_read", fmt::arg("reason", std::strerror(errno))));
  return fd;
}

struct Closer {
  int fd;
  ~Closer() {
    if (fd > 0) ::close(fd);
  }
};

// A header that shows the file is not a CSV h2h can read: UTF-16, or
// lines that end in a carriage return alone (old Mac exports), which make
// the whole file one long header.
void check_csv_header(const std::string& path, const std::vector<std::string_view>& fields) {
  if (!fields.empty() && sniff(fields[0]) == Sniffed::utf16)
    throw Error(ExitCode::invalid_data, Place{path, 1, 1}, tr("responses.utf16"));
  for (std::size_t c = 0; c < fields.size(); ++c)
    if (fields[c].find('\r') != std::string_view::npos)
      throw Error(ExitCode::invalid_data, Place{path, 1, static_cast<int>(c + 1)},
                  tr("responses.lone_cr"));
}

// Two columns for the same value: which one counts would be a guess.
void check_duplicate_columns(const std::string& path, const std::vector<Role>& plan,
                             const std::vector<std::string>& headers) {
  std::map<std::tuple<int, std::size_t, std::string>, std::size_t> first;
  for (std::size_t c = 0; c < plan.size(); ++c) {
    if (plan[c].kind == Role::Kind::ignored) continue;
    auto [it, fresh] = first.emplace(
        std::make_tuple(static_cast<int>(plan[c].kind), plan[c].index, plan[c].key), c);
    if (!fresh)
      throw Error(
          ExitCode::invalid_data, Place{path, 1, static_cast<int>(c + 1)},
          tr("responses.duplicate_column", fmt::arg("column", headers[c]),
             fmt::arg("first", it->second + 1), fmt::arg("first_header", headers[it->second])));
  }
}

void handle_problem(const Problem& p, const ResponseOptions& o, ResponseSummary& s) {
  if (!o.skip_invalid) throw Error(ExitCode::invalid_data, std::vector<Problem>{p});
  ++s.skipped;
  if (s.first_reasons.size() < 5) s.first_reasons.push_back(p);
}

// A CSV file's records as rows.
class CsvRows final : public RowSource {
 public:
  CsvRows(int fd, const std::string& path, std::optional<char> delimiter, std::size_t buffer)
      : csv_(fd, path, delimiter, buffer), path_(path) {}
  // The records from `begin` to `end` (after the header; rows from 1 there).
  CsvRows(int fd, const std::string& path, char delimiter, std::uint64_t begin, std::uint64_t end,
          std::size_t buffer)
      : csv_(fd, path, delimiter, begin, end, buffer), path_(path) {}
  void stop_at(std::uint64_t end) { csv_.stop_at(end); }
  char delimiter() const { return csv_.delimiter(); }
  bool next(std::vector<std::string_view>& fields) override { return csv_.next(fields); }
  std::int64_t row() const override { return csv_.row(); }
  std::uint64_t bytes_read() const override { return csv_.bytes_read(); }
  Place place(int column) const override {
    return Place{path_, static_cast<int>(csv_.row()), column};
  }

 private:
  CsvReader csv_;
  std::string path_;
};

// What the columns of a table hold, from its first row.
struct Columns {
  std::vector<Role> plan;
  std::vector<std::string> headers;
  std::optional<std::size_t> stamp;  // the column that dates the responses
};

Columns read_header(RowSource& rows, const std::string& path, const std::string& sheet,
                    const Weights& w, const ResponseOptions& o, ResponseSummary& summary) {
  std::vector<std::string_view> fields;
  if (!rows.next(fields)) throw Error(ExitCode::invalid_data, Place{path}, tr("responses.empty"));
  if (sheet.empty()) check_csv_header(path, fields);  // a workbook has neither UTF-16 nor CRs
  const Roles roles(w);
  std::vector<Role> plan;
  std::vector<std::string> headers;
  std::vector<bool> used;
  for (std::size_t c = 0; c < fields.size(); ++c) {
    headers.emplace_back(fields[c]);
    plan.push_back(roles.of(fields[c], o.map, o.team_column));
    if (plan.back().kind == Role::Kind::team && summary.team_column.empty())
      summary.team_column = headers.back();
    used.push_back(plan.back().kind != Role::Kind::ignored);
  }
  // The column that dates the responses, among those h2h has no other use for.
  std::vector<std::string> unused(headers.size());
  for (std::size_t c = 0; c < headers.size(); ++c)
    if (plan[c].kind == Role::Kind::ignored) unused[c] = headers[c];
  const std::optional<std::size_t> stamp = timestamp_column(unused);
  if (stamp) {
    used[*stamp] = true;
    summary.timestamp_column = headers[*stamp];
  }
  for (std::size_t c = 0; c < headers.size(); ++c)
    if (plan[c].kind == Role::Kind::ignored && c != stamp && !blank(headers[c]))
      summary.ignored_columns.push_back(headers[c]);
  check_duplicate_columns(path, plan, headers);
  // A report of 0 answers would look like a result: say what is wrong.
  if (std::none_of(plan.begin(), plan.end(), [](const Role& r) {
        return r.kind == Role::Kind::pole_a || r.kind == Role::Kind::pole_b;
      }))
    throw Error(ExitCode::invalid_data, Place{path, 1, 0, sheet},
                tr("responses.no_dilemma_columns",
                   fmt::arg("hint", o.no_dilemma_hint ? o.no_dilemma_hint(headers)
                                                      : tr("responses.no_dilemma_hint"))));
  rows.use_columns(used);
  return Columns{std::move(plan), std::move(headers), stamp};
}

// The rows after the header to respondents.
void read_records(RowSource& rows, const Columns& columns, const std::string& path,
                  const std::string& sheet, const Weights& w, const ResponseOptions& o,
                  const std::function<void(const Respondent&)>& sink, ResponseSummary& summary,
                  DateSpan& dates) {
  const std::vector<Role>& plan = columns.plan;
  const std::optional<std::size_t> stamp = columns.stamp;
  const std::vector<std::string>& headers = columns.headers;
  std::vector<std::string_view> fields;
  RowReader reader(w, path, sheet);
  std::uint64_t next_progress = 1 << 20;  // the callback decides when to show anything
  while (rows.next(fields)) {
    ++summary.rows;
    reader.begin(rows.row());
    const std::size_t n = std::min(fields.size(), plan.size());
    for (std::size_t c = 0; c < n; ++c)
      if (plan[c].kind != Role::Kind::ignored)
        reader.value(plan[c], fields[c], static_cast<int>(c + 1), headers[c]);
    if (!reader.problem() && fields.size() > plan.size() &&
        !std::all_of(fields.begin() + static_cast<long>(plan.size()), fields.end(), blank)) {
      handle_problem(Problem{rows.place(static_cast<int>(plan.size() + 1)),
                             tr("responses.extra_fields", fmt::arg("count", fields.size()),
                                fmt::arg("columns", plan.size()))},
                     o, summary);
      continue;
    }
    if (const Respondent* r = reader.end()) {
      ++summary.respondents;
      if (stamp && *stamp < fields.size()) dates.add(fields[*stamp]);
      sink(*r);
    } else {
      handle_problem(*reader.problem(), o, summary);
    }
    if (o.progress && rows.bytes_read() >= next_progress) {
      o.progress(rows.bytes_read());
      next_progress = rows.bytes_read() + (1 << 20);
    }
  }
}

// Rows (CSV records or a sheet's rows) to respondents: the first row names
// the columns.
ResponseSummary read_table(RowSource& rows, const std::string& path, const std::string& sheet,
                           const Weights& w, const ResponseOptions& o,
                           const std::function<void(const Respondent&)>& sink) {
  ResponseSummary summary;
  const Columns columns = read_header(rows, path, sheet, w, o, summary);
  DateSpan dates;
  read_records(rows, columns, path, sheet, w, o, sink, summary, dates);
  if (summary.rows == 0) throw Error(ExitCode::invalid_data, Place{path}, tr("responses.no_rows"));
  if (auto range = dates.range()) std::tie(summary.first_day, summary.last_day) = *range;
  return summary;
}

// Problems of the second part of a file, placed in the whole file: its
// rows were counted from 1 where the first part ended, at row `rows`.
std::vector<Problem> shifted(std::vector<Problem> problems, const std::string& path,
                             std::int64_t rows) {
  for (auto& p : problems)
    if (p.place.source == path && p.place.line > 0) p.place.line += static_cast<int>(rows);
  return problems;
}

// A CSV file, in two parts at once when it is large (and the caller takes
// a second sink): the first part here, the second on another thread, cut
// at a record's end. Every figure, row number and message is what one pass
// gives: the first problem in file order wins, and the rows of the second
// part count on from where the first ended.
ResponseSummary read_csv(const std::string& path, const Weights& w, const ResponseOptions& o,
                         const std::function<void(const Respondent&)>& sink,
                         const std::function<void(const Respondent&)>* second) {
  const int fd = open_input(path);
  Closer closer{fd};
  CsvRows rows(fd, path, o.delimiter, o.csv_buffer);
  ResponseSummary summary;
  const Columns columns = read_header(rows, path, {}, w, o, summary);
  std::optional<std::uint64_t> split;
  struct stat st {};
  if (second != nullptr && path != "-" && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<std::uint64_t>(st.st_size) >= o.split_bytes) {
    const auto size = static_cast<std::uint64_t>(st.st_size);
    split = csv_split_point(fd, size, size / 2, rows.delimiter(), o.split_step);
    if (split && *split <= rows.bytes_read()) split.reset();  // the header is read past it
  }
  DateSpan dates;
  if (!split) {
    read_records(rows, columns, path, {}, w, o, sink, summary, dates);
  } else {
    rows.stop_at(*split);
    ResponseOptions quiet = o;
    quiet.progress = nullptr;
    ResponseSummary later;
    DateSpan later_dates;
    std::exception_ptr failed;
    const auto size = static_cast<std::uint64_t>(st.st_size);
    std::thread worker([&] {
      try {
        CsvRows part(fd, path, rows.delimiter(), *split, size, o.csv_buffer);
        read_records(part, columns, path, {}, w, quiet, *second, later, later_dates);
      } catch (...) {
        failed = std::current_exception();
      }
    });
    try {
      read_records(rows, columns, path, {}, w, o, sink, summary, dates);
    } catch (...) {
      worker.join();
      throw;  // the first part's problem comes first in the file
    }
    worker.join();
    if (failed) {
      try {
        std::rethrow_exception(failed);
      } catch (const Error& e) {
        throw Error(e.code(), shifted(e.problems(), path, rows.row()));
      }
    }
    summary.rows += later.rows;
    summary.respondents += later.respondents;
    summary.skipped += later.skipped;
    dates.merge(later_dates);
    for (auto& p : shifted(std::move(later.first_reasons), path, rows.row()))
      if (summary.first_reasons.size() < 5) summary.first_reasons.push_back(std::move(p));
  }
  if (summary.rows == 0) throw Error(ExitCode::invalid_data, Place{path}, tr("responses.no_rows"));
  if (auto range = dates.range()) std::tie(summary.first_day, summary.last_day) = *range;
  return summary;
}

ResponseSummary read_xlsx(const std::string& path, const Weights& w, const ResponseOptions& o,
                          const std::function<void(const Respondent&)>& sink) {
  if (path == "-") throw Error(ExitCode::usage, tr("xlsx.stdin"));
  XlsxReader rows(ZipArchive::open_file(path), XlsxOptions{o.sheet});
  return read_table(rows, path, rows.sheet(), w, o, sink);
}

// The 1-based column of "key" in a JSON line, for messages.
int column_of(std::string_view line, const std::string& key) {
  const auto at = line.find("\"" + key + "\"");
  return at == std::string::npos ? 1 : static_cast<int>(at + 1);
}

// JSON Lines. Each line is parsed by simdjson (Debian's libsimdjson: it
// validates a whole line, UTF-8 included, at more than a gigabyte a second,
// where a tree of nlohmann-json values costs thirty times more). Lines it
// refuses, and the rare line whose known keys repeat or hold more than
// strings, integers and nulls, are read again the way they always were, by
// nlohmann-json: so every message and its place stay what they were.
class JsonLines {
 public:
  JsonLines(const std::string& path, const Weights& w, const ResponseOptions& o,
            const std::function<void(const Respondent&)>& sink, ResponseSummary& summary)
      : path_(path), o_(o), sink_(sink), summary_(summary), roles_(w), reader_(w, path) {
    // Shallower than json_too_deep's cap, so that any line that could be
    // too deep goes the slow way and meets the same check.
    if (parser_.allocate(1 << 16, kJsonDepth - 12) != simdjson::SUCCESS)
      throw Error(ExitCode::failure, Place{path}, tr("file.cannot_read", fmt::arg("reason", "")));
  }

  // One line without its line end; `line` may be read up to
  // simdjson::SIMDJSON_PADDING bytes past its end.
  void line(std::string_view line, std::int64_t line_no) {
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (line_no == 1 && sniff(line) == Sniffed::utf16)
      throw Error(ExitCode::invalid_data, Place{path_, 1, 1}, tr("responses.utf16"));
    if (blank(line)) return;
    ++summary_.rows;
    if (!fast(line, line_no)) slow(line, line_no);
  }

  // Whether any line had a dilemma's key: else the report would be empty.
  bool saw_dilemma() const { return saw_dilemma_; }

  // The keys h2h had no use for, but the one that dated the lines.
  std::vector<std::string> ignored() const {
    std::vector<std::string> out;
    for (const auto& [key, _] : ignored_)
      if (key != summary_.timestamp_column) out.push_back(key);
    return out;
  }

  // The days of the lines' timestamps ("Timestamp", "Completion time", ...:
  // the keys a table's timestamp column may have).
  const DateSpan& dates() const { return dates_; }

 private:
  static constexpr std::size_t kNoStamp = static_cast<std::size_t>(-1);

  struct Seen {
    std::string key;
    Role role;
    std::size_t stamp_rank = kNoStamp;  // of an ignored key: see timestamp_rank
  };

  const Seen& seen_at(std::size_t i, std::string_view key) {
    if (i < cache_.size() && cache_[i].key == key) return cache_[i];
    if (i >= cache_.size()) cache_.resize(i + 1);
    cache_[i] = Seen{std::string(key), roles_.of(key, o_.map, o_.team_column)};
    if (cache_[i].role.kind == Role::Kind::ignored)
      cache_[i].stamp_rank = timestamp_rank(key).value_or(kNoStamp);
    note(key, cache_[i].role);
    if (cache_[i].role.kind == Role::Kind::team && summary_.team_column.empty())
      summary_.team_column = key;
    return cache_[i];
  }

  // A line's time, from its best-named timestamp key (Stamp::rank).
  struct Stamp {
    std::size_t rank = kNoStamp;
    std::string_view key;
    std::string text;
    void offer(std::size_t key_rank, std::string_view key_name, std::string_view value) {
      if (key_rank >= rank) return;
      rank = key_rank;
      key = key_name;
      text.assign(value);
    }
  };

  // Counts a respondent's line: its time, if it has one, then the sink.
  void accept(const Respondent& r, const Stamp& stamp) {
    ++summary_.respondents;
    if (stamp.rank != kNoStamp) {
      dates_.add(stamp.text);
      if (stamp.rank < file_stamp_rank_) {
        file_stamp_rank_ = stamp.rank;
        summary_.timestamp_column = std::string(stamp.key);
      }
    }
    sink_(r);
  }

  void note(std::string_view key, const Role& role) {
    if (role.kind == Role::Kind::ignored) ignored_.emplace(key, true);
    if (role.kind == Role::Kind::pole_a || role.kind == Role::Kind::pole_b) saw_dilemma_ = true;
  }

  // False when the line must be read the slow way.
  bool fast(std::string_view line, std::int64_t line_no) {
    simdjson::dom::element doc;
    if (parser_.parse(line.data(), line.size(), false).get(doc) != simdjson::SUCCESS) return false;
    simdjson::dom::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS) return false;
    numbers_.resize(obj.size() * 24);
    reader_.begin(line_no);
    ++stamp_;
    Stamp time;
    std::size_t i = 0;
    for (const auto field : obj) {
      const Seen& seen = seen_at(i, field.key);
      const Role& role = seen.role;
      char* number = numbers_.data() + 24 * i++;
      if (role.kind == Role::Kind::ignored) {
        if (seen.stamp_rank < time.rank) {
          std::string_view text;
          if (field.value.get_string().get(text) == simdjson::SUCCESS) {
            time.offer(seen.stamp_rank, field.key, text);
          } else if (double serial = 0; field.value.get_double().get(serial) == simdjson::SUCCESS) {
            const auto [end, ec] = std::to_chars(number, number + 24, serial);
            time.offer(seen.stamp_rank, field.key,
                       std::string_view(number, static_cast<std::size_t>(end - number)));
          }
        }
        continue;
      }
      if (seen_.size() <= role.slot) seen_.resize(role.slot + 1, 0);
      if (seen_[role.slot] == stamp_) return false;  // a repeated key: the last one counts
      seen_[role.slot] = stamp_;
      std::string_view text;
      switch (field.value.type()) {
        case simdjson::dom::element_type::NULL_VALUE:
          continue;
        case simdjson::dom::element_type::STRING:
          text = field.value.get_string().value_unsafe();
          break;
        case simdjson::dom::element_type::INT64: {
          const auto [end, ec] =
              std::to_chars(number, number + 24, field.value.get_int64().value_unsafe());
          text = std::string_view(number, static_cast<std::size_t>(end - number));
          break;
        }
        default:
          return false;
      }
      reader_.value(role, text, 0, field.key);
      if (reader_.problem()) return false;  // the slow way words it, with its column
    }
    const Respondent* r = reader_.end();
    if (r == nullptr) return false;  // the slow way words the problem
    accept(*r, time);
    return true;
  }

  void slow(std::string_view line_view, std::int64_t line_no) {
    const std::string line(line_view);
    const int row = static_cast<int>(line_no);
    if (auto at = json_too_deep(line))
      return handle_problem(Problem{Place{path_, row, static_cast<int>(*at + 1)},
                                    tr("responses.json_too_deep", fmt::arg("max", kJsonDepth))},
                            o_, summary_);
    nlohmann::json obj;
    try {
      obj = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      const JsonFault fault = describe_json_error(line, e);
      const auto lc = utf8::locate(line, fault.offset);
      return handle_problem(Problem{Place{path_, row, lc.column}, fault.message}, o_, summary_);
    }
    if (!obj.is_object())
      return handle_problem(Problem{Place{path_, row, 1}, tr("responses.not_object")}, o_,
                            summary_);
    reader_.begin(line_no);
    std::vector<std::string> texts;
    texts.reserve(obj.size());
    Stamp time;
    for (const auto& [key, value] : obj.items()) {
      const Role role = roles_.of(key, o_.map, o_.team_column);
      if (role.kind == Role::Kind::team && summary_.team_column.empty()) summary_.team_column = key;
      note(key, role);
      if (role.kind == Role::Kind::ignored) {
        const auto rank = timestamp_rank(key);
        if (rank && value.is_string())
          time.offer(*rank, key, value.get_ref<const std::string&>());
        else if (rank && value.is_number())
          time.offer(*rank, key, value.dump());
        continue;
      }
      if (value.is_null()) continue;
      if (value.is_number_integer())
        texts.push_back(std::to_string(value.get<long long>()));
      else if (value.is_string())
        texts.push_back(value.get<std::string>());
      else
        texts.push_back(value.dump());
      reader_.value(role, texts.back(), column_of(line, key), key);
    }
    if (const Respondent* r = reader_.end()) {
      accept(*r, time);
    } else {
      handle_problem(*reader_.problem(), o_, summary_);
    }
  }

  const std::string& path_;
  const ResponseOptions& o_;
  const std::function<void(const Respondent&)>& sink_;
  ResponseSummary& summary_;
  const Roles roles_;
  RowReader reader_;
  simdjson::dom::parser parser_;
  std::vector<Seen> cache_;          // the roles of the keys of the line before, by position
  std::vector<std::uint64_t> seen_;  // per role slot: the last line that had it
  std::uint64_t stamp_ = 0;
  std::vector<char> numbers_;  // integers as text, 24 bytes per field
  std::map<std::string, bool, std::less<>> ignored_;
  bool saw_dilemma_ = false;
  DateSpan dates_;
  std::size_t file_stamp_rank_ = kNoStamp;
};

ResponseSummary read_jsonl(const std::string& path, const Weights& w, const ResponseOptions& o,
                           const std::function<void(const Respondent&)>& sink) {
  ResponseSummary summary;
  const int fd = open_input(path);
  Closer closer{fd};
  JsonLines lines(path, w, o, sink, summary);
  // Whole lines are parsed in place: the buffer keeps simdjson's padding
  // readable past the last byte.
  constexpr std::size_t kChunk = 1 << 20;
  const std::size_t max_line = limits::kRecordBytes;
  std::vector<char> buffer(kChunk + simdjson::SIMDJSON_PADDING);
  std::size_t begin = 0, end = 0;
  std::int64_t line_no = 0;
  std::uint64_t bytes = 0, next_progress = 1 << 20;
  bool eof = false;
  while (true) {
    const char* nl =
        static_cast<const char*>(std::memchr(buffer.data() + begin, '\n', end - begin));
    if (nl == nullptr && !eof) {
      // Keep the unfinished line, at the front, and read more.
      std::memmove(buffer.data(), buffer.data() + begin, end - begin);
      end -= begin;
      begin = 0;
      if (end > max_line)
        throw Error(ExitCode::invalid_data, Place{path, static_cast<int>(line_no + 1), 1},
                    tr("csv.record_too_long", fmt::arg("max", max_line)));
      if (buffer.size() - simdjson::SIMDJSON_PADDING - end < kChunk / 2)
        buffer.resize(buffer.size() + kChunk);
      const ssize_t n =
          ::read(fd, buffer.data() + end, buffer.size() - simdjson::SIMDJSON_PADDING - end);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0)
        throw Error(ExitCode::failure, Place{path},
                    tr("file.cannot_read", fmt::arg("reason", std::strerror(errno))));
      if (n == 0) eof = true;
      end += static_cast<std::size_t>(std::max<ssize_t>(n, 0));
      bytes += static_cast<std::uint64_t>(std::max<ssize_t>(n, 0));
      if (o.progress && bytes >= next_progress) {
        o.progress(bytes);
        next_progress = bytes + (1 << 20);
      }
      continue;
    }
    if (nl == nullptr && begin == end) break;
    const std::size_t stop = nl == nullptr ? end : static_cast<std::size_t>(nl - buffer.data());
    std::size_t len = stop - begin;
    if (len > max_line)
      throw Error(ExitCode::invalid_data, Place{path, static_cast<int>(line_no + 1), 1},
                  tr("csv.record_too_long", fmt::arg("max", max_line)));
    if (len > 0 && buffer[begin + len - 1] == '\r') --len;
    lines.line(std::string_view(buffer.data() + begin, len), ++line_no);
    begin = nl == nullptr ? end : stop + 1;
  }
  summary.ignored_columns = lines.ignored();
  if (auto range = lines.dates().range()) std::tie(summary.first_day, summary.last_day) = *range;
  if (summary.rows == 0) throw Error(ExitCode::invalid_data, Place{path}, tr("responses.empty"));
  // As for a table: no key of a dilemma is no report, whatever else the lines held.
  if (!lines.saw_dilemma())
    throw Error(ExitCode::invalid_data, Place{path},
                tr("responses.no_dilemma_columns",
                   fmt::arg("hint", o.no_dilemma_hint ? o.no_dilemma_hint(summary.ignored_columns)
                                                      : tr("responses.no_dilemma_hint"))));
  return summary;
}

}  // namespace

ResponseSummary read_responses(const std::string& path, ResponseFormat format, const Weights& w,
                               const ResponseOptions& o,
                               const std::function<void(const Respondent&)>& sink,
                               const std::function<void(const Respondent&)>* second) {
  check_file_kind(path, format);
  ResponseSummary summary;
  switch (format) {
    case ResponseFormat::csv:
      summary = read_csv(path, w, o, sink, second);
      break;
    case ResponseFormat::jsonl:
      summary = read_jsonl(path, w, o, sink);
      break;
    case ResponseFormat::xlsx:
      summary = read_xlsx(path, w, o, sink);
      break;
  }
  // --skip-invalid that skipped every row: no report of nobody.
  if (summary.respondents == 0 && summary.skipped > 0) {
    std::vector<Problem> problems = {
        {Place{path}, tr("responses.all_skipped", fmt::arg("count", summary.skipped))}};
    problems.insert(problems.end(), summary.first_reasons.begin(), summary.first_reasons.end());
    throw Error(ExitCode::invalid_data, std::move(problems));
  }
  return summary;
}

}  // namespace h2h::formats
