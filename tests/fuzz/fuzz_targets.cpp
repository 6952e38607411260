#include "fuzz_targets.hpp"

#include <sys/mman.h>
#include <unistd.h>

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
  // The quick tree, when there is one, is the tree yaml-cpp builds.
  if (auto quick = formats::quick_yaml(bytes, limits::kDeckBytes)) {
    std::vector<Problem> problems;
    const auto full = formats::parse_yaml(bytes, "fuzz.yaml", limits::kDeckBytes, problems);
    if (full && problems.empty() && !formats::same_yaml(*quick, *full))
      throw std::logic_error("quick YAML tree differs");
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
      {"xlsx", xlsx}};
  return all;
}

}  // namespace h2h::fuzz
