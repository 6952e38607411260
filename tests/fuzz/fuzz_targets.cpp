#include "fuzz_targets.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <functional>
#include <memory>
#include <stdexcept>

#include "core/answer.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/reflection.hpp"
#include "formats/deck_library.hpp"
#include "formats/deck_yaml.hpp"
#include "formats/report_json.hpp"
#include "formats/responses.hpp"
#include "formats/session_reader.hpp"
#include "formats/session_yaml.hpp"
#include "formats/xlsx_reader.hpp"
#include "formats/xlsx_zip.hpp"
#include "formats/yaml_quick.hpp"
#include "formats/yaml_source.hpp"
#include "render/deck_json.hpp"
#include "render/deck_text.hpp"
#include "render/document.hpp"
#include "render/layout.hpp"
#include "render/reflection_doc.hpp"
#include "render/safe_text.hpp"

namespace h2h::fuzz {

namespace {

const Deck& builtin_deck() {
  static const Deck deck = formats::load_deck("h2h", {}).deck;
  return deck;
}

std::shared_ptr<const Weights> builtin_weights() {
  static const auto weights = std::make_shared<const Weights>(Weights::of(builtin_deck()));
  return weights;
}

// The bytes as a file descriptor, as the response readers want one.
class MemoryFile {
 public:
  explicit MemoryFile(std::string_view bytes) : fd_(memfd_create("h2h-fuzz", 0)) {
    if (fd_ < 0) throw std::runtime_error("memfd_create");
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) throw std::runtime_error("write");
      done += static_cast<std::size_t>(n);
    }
    ::lseek(fd_, 0, SEEK_SET);
  }
  ~MemoryFile() { ::close(fd_); }
  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_;
};

void responses(std::string_view bytes, formats::ResponseFormat format, bool skip) {
  MemoryFile file(bytes);
  formats::ResponseOptions options;
  options.skip_invalid = skip;
  report::Group group(builtin_weights(), "");
  try {
    formats::read_responses(file.path(), format, *builtin_weights(), options,
                            [&](const formats::Respondent& r) {
                              group.add_respondent(r.answers, r.checkin);
                              (void)render::visible(r.team);
                              (void)render::visible(r.id);
                            });
  } catch (const Error&) {
    return;
  }
  (void)formats::report_to_json(builtin_deck(), group, {});
}

}  // namespace

void deck(std::string_view bytes) {
  // The quick tree, when there is one, is the tree yaml-cpp builds: the
  // quick path never accepts a file that yaml-cpp's reading (YAML::Load and
  // h2h's checks around it) rejects, and never builds another tree. When the
  // quick path declines, yaml-cpp decides alone, which is always right.
  if (auto quick = formats::quick_yaml(bytes, limits::kDeckBytes)) {
    std::vector<Problem> problems;
    const auto full = formats::parse_yaml(bytes, "fuzz.yaml", limits::kDeckBytes, problems);
    if (!full || !problems.empty())
      throw std::logic_error("quick YAML accepts what yaml-cpp rejects");
    if (!formats::same_yaml(*quick, *full)) throw std::logic_error("quick YAML tree differs");
  }
  const formats::DeckResult r = formats::read_deck(bytes, "fuzz.yaml");
  if (!r.deck) return;
  const Deck& d = *r.deck;
  for (const auto& lang : {std::string("en"), d.language_for("nl")}) {
    (void)render::list_text(d, lang, render::Style::plain());
    (void)render::list_json(d, lang);
    for (const auto& dilemma : d.dilemmas) {
      (void)render::show_text(d, dilemma, lang, render::Style::plain());
      (void)render::show_json(d, dilemma, lang);
    }
  }
  (void)fingerprint(d);
}

void session(std::string_view bytes) {
  session::Record r;
  try {
    r = formats::session_from_yaml(bytes, "fuzz.yaml");
  } catch (const Error&) {
    return;
  }
  // What was read writes back and reads again the same.
  const std::string yaml = formats::session_to_yaml(r);
  const session::Record again = formats::session_from_yaml(yaml, "again.yaml");
  if (formats::session_to_yaml(again) != yaml) throw std::logic_error("session round trip differs");
  // Its first fields read alone agree with the whole read.
  {
    formats::YamlEvents events("fuzz.yaml", bytes, limits::kSessionBytes);
    const session::Record head = formats::read_session_head(events);
    if (head.deck_id != r.deck_id) throw std::logic_error("session head differs");
  }
  // A session of the built-in deck renders its reflection.
  if (r.deck_id == "h2h") {
    report::Group g(builtin_weights(), r.team);
    g.add_session(r);
    // Read as a stream into a group, it gives the same figures.
    report::Group streamed(builtin_weights(), r.team);
    formats::YamlEvents events("fuzz.yaml", bytes, limits::kSessionBytes);
    formats::GroupSink sink(streamed);
    formats::read_session(events, sink);
    if (formats::report_to_json(builtin_deck(), streamed, {}) !=
        formats::report_to_json(builtin_deck(), g, {}))
      throw std::logic_error("streamed session figures differ");
    render::ReflectionInput in{&builtin_deck(), "en", &g, {}, ""};
    const render::Document doc = render::reflection_document(in);
    (void)render::to_text(doc, render::Style::plain());
    (void)render::to_markdown(doc);
    (void)render::to_html(doc, "en");
  }
}

void csv(std::string_view bytes) {
  responses(bytes, formats::ResponseFormat::csv, false);
  responses(bytes, formats::ResponseFormat::csv, true);
}

namespace {

// What a reading of a CSV file hands on: the respondents in order (their
// rows apart), and the summary or the error.
struct CsvReading {
  std::vector<std::string> respondents;
  std::vector<std::int64_t> rows;
  std::size_t first_part = 0;  // respondents that went to the first sink
  std::string outcome;
};

std::string describe(const formats::Respondent& r) {
  std::string out = std::string(r.id) + '\x1f' + std::string(r.team) + '\x1f';
  for (const auto& p : r.answers)
    out += p ? std::to_string(p->a) + '/' + std::to_string(p->b) + ' ' : std::string("- ");
  out += '\x1f';
  for (const auto& [need, rating] : r.checkin)
    out += std::to_string(need) + '=' + std::to_string(rating) + ' ';
  out += '\x1f';
  for (const auto key : r.checkin_keys) out += std::string(key) + ' ';
  out += '\x1f';
  for (const auto& [dilemma, idea] : r.ideas)
    out += std::to_string(dilemma) + ':' + std::string(idea) + ' ';
  return out;
}

std::string describe(const formats::ResponseSummary& s) {
  std::string out = std::to_string(s.rows) + ' ' + std::to_string(s.respondents) + ' ' +
                    std::to_string(s.skipped) + '\n';
  for (const auto& p : s.first_reasons) out += format_problem(p) + '\n';
  for (const auto& c : s.ignored_columns) out += c + '\x1f';
  return out + '\n' + s.team_column + '\n' + s.timestamp_column + '\n' + s.first_day + ' ' +
         s.last_day;
}

// Reads the file once; with `split`, in two parts when a cut is found (the
// sinks then run on two threads at once).
CsvReading read_csv_file(const std::string& path, const formats::ResponseOptions& options,
                         bool split) {
  CsvReading out;
  std::vector<std::string> later;
  std::vector<std::int64_t> later_rows;
  const std::function<void(const formats::Respondent&)> second =
      [&later, &later_rows](const formats::Respondent& r) {
        later.push_back(describe(r));
        later_rows.push_back(r.row);
      };
  try {
    out.outcome = describe(formats::read_responses(
        path, formats::ResponseFormat::csv, *builtin_weights(), options,
        [&out](const formats::Respondent& r) {
          out.respondents.push_back(describe(r));
          out.rows.push_back(r.row);
        },
        split ? &second : nullptr));
  } catch (const Error& e) {
    out.outcome = "exit " + std::to_string(static_cast<int>(e.code()));
    for (const auto& p : e.problems()) out.outcome += '\n' + format_problem(p);
  }
  out.first_part = out.respondents.size();
  out.respondents.insert(out.respondents.end(), later.begin(), later.end());
  out.rows.insert(out.rows.end(), later_rows.begin(), later_rows.end());
  return out;
}

// The same respondents, summary or error as one pass; the rows of the
// second part count from the cut, so only by one and the same offset. At an
// error the caller drops what the sinks gathered, and the second part may
// have gone on past the first part's error: there, the respondents of one
// pass come first.
void same_reading(const CsvReading& one, const CsvReading& other, const char* what) {
  if (other.outcome != one.outcome)
    throw std::logic_error(std::string(what) + ": outcome differs:\n" +
                           other.outcome.substr(0, 400) + "\n--- instead of one pass's ---\n" +
                           one.outcome.substr(0, 400));
  const bool failed = one.outcome.rfind("exit ", 0) == 0;
  if (one.respondents.size() > other.respondents.size() ||
      (!failed && one.respondents.size() != other.respondents.size()))
    throw std::logic_error(std::string(what) + ": " + std::to_string(other.respondents.size()) +
                           " respondents instead of one pass's " +
                           std::to_string(one.respondents.size()));
  for (std::size_t i = 0; i < one.respondents.size(); ++i) {
    if (one.respondents[i] != other.respondents[i])
      throw std::logic_error(std::string(what) + ": respondent " + std::to_string(i) + " (of " +
                             std::to_string(other.first_part) + " in the first part) differs: " +
                             other.respondents[i] + " instead of one pass's " + one.respondents[i]);
    // The rows of the second part count from the cut: one offset, at
    // least the last row of the first part.
    const std::int64_t offset = one.rows[i] - other.rows[i];
    const bool row_ok =
        i < other.first_part
            ? offset == 0
            : offset > 0 && offset == one.rows[other.first_part] - other.rows[other.first_part] &&
                  (other.first_part == 0 || offset >= one.rows[other.first_part - 1]);
    if (!row_ok)
      throw std::logic_error(std::string(what) + ": respondent " + std::to_string(i) + " at row " +
                             std::to_string(other.rows[i]) + " instead of one pass's " +
                             std::to_string(one.rows[i]));
  }
}

}  // namespace

void csv_split(std::string_view bytes) {
  MemoryFile file(bytes);
  // Small buffers, from the input's length so that a seed keeps its sizes:
  // the header is read before the middle, so the file is cut, and the cut
  // and the records fall across every buffer edge.
  formats::ResponseOptions small;
  small.csv_buffer = 1 + bytes.size() % 61;
  small.split_step = 1 + bytes.size() % 13;
  small.split_bytes = 0;
  for (const bool skip : {false, true}) {
    formats::ResponseOptions options;
    options.skip_invalid = skip;
    small.skip_invalid = skip;
    const CsvReading one = read_csv_file(file.path(), options, false);
    same_reading(one, read_csv_file(file.path(), small, false), "CSV read with a small buffer");
    same_reading(one, read_csv_file(file.path(), small, true), "CSV read in two parts");
  }
}

void jsonl(std::string_view bytes) {
  responses(bytes, formats::ResponseFormat::jsonl, false);
  responses(bytes, formats::ResponseFormat::jsonl, true);
}

// The rows of a workbook read twice: with the shared strings kept whole and
// with only those of the used columns (as for a large workbook). When both
// readings succeed, the used columns must agree.
std::vector<std::vector<std::string>> sheet_rows(std::string_view bytes, std::uint64_t keep_all) {
  formats::XlsxReader reader(formats::ZipArchive::open_memory(bytes, "fuzz.xlsx"),
                             formats::XlsxOptions{{}, keep_all});
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string_view> fields;
  std::vector<bool> used;
  while (reader.next(fields)) {
    if (rows.empty()) {
      for (std::size_t c = 0; c < fields.size(); ++c) used.push_back(c % 2 == 0);
      reader.use_columns(used);
    }
    std::vector<std::string> row;
    for (std::size_t c = 0; c < fields.size(); ++c)
      row.emplace_back(c < used.size() && !used[c] && !rows.empty() ? std::string_view()
                                                                    : fields[c]);
    while (!row.empty() && row.back().empty()) row.pop_back();
    rows.push_back(std::move(row));
  }
  return rows;
}

void xlsx(std::string_view bytes) {
  responses(bytes, formats::ResponseFormat::xlsx, false);
  responses(bytes, formats::ResponseFormat::xlsx, true);
  std::vector<std::vector<std::string>> whole, used_only;
  try {
    whole = sheet_rows(bytes, ~0ULL);
    used_only = sheet_rows(bytes, 0);
  } catch (const Error&) {
    return;
  }
  if (whole != used_only) throw std::logic_error("workbook rows differ with fewer shared strings");
}

void answer_input(std::string_view bytes) {
  (void)parse_point(bytes);
  const std::string shown = render::visible(bytes);
  (void)render::wrap(shown, 80);
  (void)render::markdown_escape(shown);
  (void)render::html_escape(shown);
}

void report_json(std::string_view bytes) {
  try {
    const auto shard =
        formats::report_from_json(bytes, "fuzz.json", builtin_deck(), builtin_weights());
    // What was accepted merges (overflow-checked) and renders.
    report::Group g(builtin_weights(), "");
    g.merge(shard.total);
    g.merge(shard.total);
    for (const auto& group : shard.groups) g.merge(group);
    std::vector<const report::Group*> groups;
    for (const auto& group : shard.groups) groups.push_back(&group);
    (void)formats::report_to_json(builtin_deck(), g, groups);
  } catch (const Error&) {
  }
}

const std::vector<Target>& targets() {
  static const std::vector<Target> all = {
      {"deck", deck},   {"session", session},           {"csv", csv},
      {"jsonl", jsonl}, {"answer_input", answer_input}, {"report_json", report_json},
      {"xlsx", xlsx},   {"csv_split", csv_split}};
  return all;
}

}  // namespace h2h::fuzz
