// h2h report: the EN EN reflection over session files, per team or per
// session, as text, Markdown, JSON, CSV or HTML.
#include <fcntl.h>
#include <fmt/ranges.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "cli/named_deck.hpp"
#include "cli/output_files.hpp"
#include "cli/response_options.hpp"
#include "core/limits.hpp"
#include "core/reflection.hpp"
#include "formats/atomic_file.hpp"
#include "formats/deck_library.hpp"
#include "formats/file_read.hpp"
#include "formats/report_json.hpp"
#include "formats/responses.hpp"
#include "formats/session_reader.hpp"
#include "formats/session_yaml.hpp"
#include "render/document.hpp"
#include "render/reflection_doc.hpp"
#include "render/report_csv.hpp"
#include "ui/terminal.hpp"

namespace h2h::cli {

namespace fs = std::filesystem;
using i18n::tr;

namespace {

struct ReportOptions {
  std::vector<std::string> inputs;
  std::string by;
  std::string format = "text";
  std::string output;
  std::string deck;
  std::string delimiter = ",";
  bool no_formula_escape = false;
  bool force = false;
  ResponseCli responses;
};

enum class InputKind { session, responses, report_json };

InputKind kind_of(const std::string& path) {
  const std::string ext = fs::path(path).extension().string();
  if (ext == ".yaml" || ext == ".yml") return InputKind::session;
  if (ext == ".json") return InputKind::report_json;
  return InputKind::responses;  // .csv, .tsv, .txt, .jsonl, .xlsx, "-" and the rest
}

// More groups than limits::max_groups: refused before they fill memory.
[[noreturn]] void too_many_groups(const Place& place, const Weights& w) {
  throw Error(
      ExitCode::invalid_data, place,
      tr("report.too_many_groups", fmt::arg("max", limits::max_groups(w.dilemma_ids.size()))));
}

// Merges of counts that would pass what h2h can hold name the input.
template <typename F>
void merging(const std::string& path, F&& f) {
  try {
    f();
  } catch (const TallyOverflow&) {
    throw Error(ExitCode::invalid_data, Place{path}, tr("report.overflow"));
  }
}

// Whether a YAML file says what it is (a session does, in its first lines;
// a deck or a --map file does not).
bool names_a_schema(std::string_view bytes) {
  std::size_t at = 0;
  while (at < bytes.size()) {
    const std::size_t end = std::min(bytes.find('\n', at), bytes.size());
    if (bytes.substr(at, end - at).starts_with("schema:")) return true;
    at = end + 1;
  }
  return false;
}

// The first bytes of a file, enough for names_a_schema; an unreadable file
// passes, and the session reader says why it cannot be read.
std::string file_head(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "schema:";
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

// Every input's answers, gathered into the total and the groups.
class Gatherer {
 public:
  Gatherer(std::shared_ptr<const Weights> weights, std::string by)
      : weights_(std::move(weights)), by_(std::move(by)), total_(weights_, "") {}

  report::Group& total() { return total_; }

  report::Group& group(const std::string& label, const std::string& input) {
    // By session, each file is a group of its own, also when two sessions
    // of one team started in the same minute.
    std::string name = label;
    if (by_ == "session") {
      const auto [it, fresh] = session_input_.emplace(label, input);
      if (!fresh && it->second != input) name = fmt::format("{} ({})", label, input);
    }
    if (name == last_name_ && last_ != nullptr) return *last_;
    if (groups_.size() >= limits::max_groups(weights_->dilemma_ids.size()) &&
        !index_.contains(name))
      too_many_groups(Place{input}, *weights_);
    auto [it, fresh] = index_.emplace(name, groups_.size());
    if (fresh) groups_.push_back(std::make_unique<report::Group>(weights_, name));
    last_name_ = name;
    last_ = groups_[it->second].get();
    return *last_;
  }

  std::vector<const report::Group*> groups() {
    std::vector<const report::Group*> out;
    for (const auto& g : groups_) out.push_back(g.get());
    if (by_ == "team")
      std::stable_sort(out.begin(), out.end(), [](const report::Group* x, const report::Group* y) {
        return x->name < y->name;
      });
    return out;
  }

  const std::string& by() const { return by_; }

 private:
  std::shared_ptr<const Weights> weights_;
  std::string by_;
  report::Group total_;
  std::vector<std::unique_ptr<report::Group>> groups_;
  std::map<std::string, std::size_t> index_;
  std::map<std::string, std::string> session_input_;  // by session: label -> its file
  std::string last_name_;
  report::Group* last_ = nullptr;
};

// A session file, read as a stream (it may hold a whole department).
class SessionFile {
 public:
  explicit SessionFile(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    struct stat st {};
    if (fd_ >= 0 && ::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd_);
      throw Error(ExitCode::failure, Place{path}, tr("file.is_directory"));
    }
    if (fd_ < 0)
      throw Error(ExitCode::failure, Place{path},
                  tr("file.cannot_read", fmt::arg("reason", std::strerror(errno))));
    events_.emplace(path, fd_, limits::kSessionFileBytes);
  }
  ~SessionFile() { ::close(fd_); }
  SessionFile(const SessionFile&) = delete;
  SessionFile& operator=(const SessionFile&) = delete;
  formats::YamlEvents& events() { return *events_; }

 private:
  int fd_;
  std::optional<formats::YamlEvents> events_;
};

// A session read into a group of its own, with its fields.
struct ReadSession {
  std::string path;
  session::Record head;  // every field but the lists
  std::unique_ptr<report::Group> group;
};

std::string session_group(const std::string& path, const session::Record& r,
                          const std::string& by) {
  if (by == "team") return r.team.empty() ? tr("report.no_team") : r.team;
  // "Sales, 2026-12-07 09:30": when it started, as people write it.
  std::string when = r.started.substr(0, 16);
  if (when.size() > 10 && when[10] == 'T') when[10] = ' ';
  return fmt::format("{}, {}", r.team.empty() ? path : r.team, when);
}

// Prints "reading FILE: N MB" on a terminal when reading takes a while.
class Progress {
 public:
  explicit Progress(std::string path) : path_(std::move(path)), on_(ui::is_terminal(stderr)) {}
  ~Progress() {
    if (shown_) std::fputs("\r\x1b[K", stderr);
  }
  void operator()(std::uint64_t bytes) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1)) return;
    std::fputs(fmt::format("\r{}", tr("report.progress", fmt::arg("path", path_),
                                      fmt::arg("mb", bytes >> 20)))
                   .c_str(),
               stderr);
    std::fflush(stderr);
    shown_ = true;
  }

 private:
  std::string path_;
  bool on_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// What one part of a response file gathers: its total, or its teams. The
// answers are counted per grid point (GridCounts); the ideas that go with
// an EN EN answer (as a live session asks for them) are kept, at most
// kIdeasPerDilemma per group so that memory stays bounded; finish() puts
// the counts into the groups.
class FilePart {
 public:
  FilePart(const std::shared_ptr<const Weights>& weights, const std::string& path, bool by_team)
      : weights_(weights), path_(path), by_team_(by_team) {
    slot(path);
  }

  void add(const formats::Respondent& r) {
    if (!by_team_) return add_to(0, r);
    const std::string_view team = r.team.empty() ? std::string_view(no_team_) : r.team;
    if (team != last_name_ || last_ == 0) {
      auto it = index_.find(team);
      if (it == index_.end()) {
        if (groups.size() - 1 >= limits::max_groups(weights_->dilemma_ids.size()))
          too_many_groups(Place{path_, static_cast<int>(r.row)}, *weights_);
        it = index_.emplace(std::string(team), slot(std::string(team))).first;
      }
      last_ = it->second;
      last_name_.assign(team);
    }
    add_to(last_, r);
  }

  // Puts the counts into the groups; once, after the last add.
  void finish() {
    for (std::size_t i = 0; i < groups.size(); ++i) {
      counts_[i].add_to(groups[i]->tally);
      groups[i]->respondents_without_session += counts_[i].participants();
    }
    counts_.clear();
  }

  // The (finished) part after this finished one, put after it: the same as
  // one pass over both.
  void append(const FilePart& later) {
    merge_capped(*groups[0], *later.groups[0]);
    for (std::size_t i = 1; i < later.groups.size(); ++i) {
      const std::string& name = later.groups[i]->name;
      auto it = index_.find(name);
      if (it == index_.end()) {
        if (groups.size() - 1 >= limits::max_groups(weights_->dilemma_ids.size()))
          too_many_groups(Place{path_}, *weights_);
        it = index_.emplace(name, groups.size()).first;
        groups.push_back(std::make_unique<report::Group>(weights_, name));
      }
      merge_capped(*groups[it->second], *later.groups[i]);
    }
  }

  // The file's total first, then its teams in the order they came.
  std::vector<std::unique_ptr<report::Group>> groups;

 private:
  std::size_t slot(std::string name) {
    groups.push_back(std::make_unique<report::Group>(weights_, std::move(name)));
    counts_.emplace_back(weights_->dilemma_ids.size(), weights_->need_ids.size());
    return groups.size() - 1;
  }

  void add_to(std::size_t i, const formats::Respondent& r) {
    GridCounts& c = counts_[i];
    c.add_participant();
    for (std::size_t d = 0; d < r.answers.size(); ++d)
      if (r.answers[d]) c.add(d, *r.answers[d]);
    for (const auto& [k, rating] : r.checkin) c.add_checkin(k, rating);
    report::Group& g = *groups[i];
    for (const auto& [d, idea] : r.ideas)
      if (d < r.answers.size() && r.answers[d] && zone_of(*r.answers[d]) == Zone::en_en &&
          g.ideas[d].size() < limits::kIdeasPerDilemma)
        g.ideas[d].emplace_back(idea);
  }

  // A group keeps the first kIdeasPerDilemma ideas, as add_to does.
  static void merge_capped(report::Group& g, const report::Group& later) {
    g.merge(later);
    for (auto& ideas : g.ideas)
      if (ideas.size() > limits::kIdeasPerDilemma) ideas.resize(limits::kIdeasPerDilemma);
  }

  std::shared_ptr<const Weights> weights_;
  std::string path_;
  bool by_team_;
  std::string no_team_ = tr("report.no_team");
  std::vector<GridCounts> counts_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::size_t last_ = 0;
  std::string last_name_;
};

void read_response_file(const Context& ctx, ReportOptions& o, const std::string& path,
                        const std::shared_ptr<const Weights>& weights, Gatherer& gather) {
  formats::ResponseOptions ro = o.responses.options();
  Progress progress(path);
  ro.progress = [&progress](std::uint64_t bytes) { progress(bytes); };
  // Each respondent goes into one tally only (the file's, or its team's);
  // they are merged into the totals and groups once the file is read. A
  // large CSV file is read in two parts at once, each into its own tallies.
  const bool by_team = gather.by() == "team";
  FilePart first(weights, path, by_team), second(weights, path, by_team);
  const std::function<void(const formats::Respondent&)> to_second =
      [&second](const formats::Respondent& r) { second.add(r); };
  auto summary = formats::read_responses(
      path, response_format(path), *weights, ro,
      [&first](const formats::Respondent& r) { first.add(r); }, &to_second);
  const report::SourceFile source{path,
                                  summary.rows,
                                  summary.respondents,
                                  summary.timestamp_column,
                                  summary.first_day,
                                  summary.last_day};
  gather.total().files.push_back(source);
  if (gather.by() == "session") gather.group(path, path).files.push_back(source);
  merging(path, [&] {
    first.finish();
    second.finish();
    first.append(second);
    for (std::size_t i = 1; i < first.groups.size(); ++i) {
      gather.total().merge(*first.groups[i]);
      gather.group(first.groups[i]->name, path).merge(*first.groups[i]);
    }
    if (!by_team) {
      gather.total().merge(*first.groups[0]);
      if (gather.by() == "session") gather.group(path, path).merge(*first.groups[0]);
    }
  });
  report_summary(ctx, path, summary, by_team);
}

int run_report(const Context& ctx, ReportOptions& o) {
  const bool to_stdout = o.output.empty() || o.output == "-";
  if (!to_stdout) check_output(o.output, o.force, o.inputs);
  // Which deck: --deck, else the one the first session or report names,
  // else the built-in h2h (response files name no deck).
  std::string deck_spec = o.deck;
  // Only the first lines of each session file, for the deck; the answers
  // are read once the deck is known.
  std::vector<std::pair<std::string, session::Record>> heads;
  std::vector<std::string> inputs;
  for (const auto& path : o.inputs) {
    const InputKind kind = kind_of(path);
    if (kind == InputKind::session) {
      // `h2h report *.yaml` in a folder that also holds a deck or a map: those
      // are skipped with one line each, not ten errors.
      if (!names_a_schema(file_head(path))) {
        ctx.err(format_problem({Place{path}, tr("report.not_a_session")}) + "\n");
        continue;
      }
      SessionFile file(path);
      heads.emplace_back(path, formats::read_session_head(file.events()));
    }
    inputs.push_back(path);
  }
  if (inputs.empty()) throw Error(ExitCode::invalid_data, tr("report.no_inputs"));
  o.inputs = inputs;
  std::string first_id, first_path;
  for (const auto& [path, r] : heads) {
    if (first_id.empty()) {
      first_id = r.deck_id;
      first_path = path;
    } else if (r.deck_id != first_id) {
      throw Error(ExitCode::invalid_data, Place{path},
                  tr("report.other_deck", fmt::arg("deck", r.deck_id),
                     fmt::arg("first", first_path), fmt::arg("first_deck", first_id)));
    }
  }
  // Report JSON: only the deck here; each file is read again to be merged,
  // so that a thousand shards are never all in memory at once.
  std::vector<std::string> json_inputs;
  for (const auto& path : o.inputs) {
    if (kind_of(path) != InputKind::report_json) continue;
    const std::string id =
        formats::report_deck_id(formats::read_capped(path, limits::kSessionBytes));
    if (first_id.empty()) {
      first_id = id;
      first_path = path;
    } else if (!id.empty() && id != first_id) {
      throw Error(ExitCode::invalid_data, Place{path},
                  tr("report.other_deck", fmt::arg("deck", id), fmt::arg("first", first_path),
                     fmt::arg("first_deck", first_id)));
    }
    json_inputs.push_back(path);
  }
  if (deck_spec.empty()) deck_spec = first_id;
  const auto loaded = load_named_deck(deck_spec, o.deck.empty() ? first_path : std::string());
  const Deck& deck = loaded.deck;
  if (!first_id.empty() && first_id != deck.id)
    throw Error(
        ExitCode::invalid_data, Place{first_path},
        tr("run.resume_other_deck", fmt::arg("deck", first_id), fmt::arg("given", deck.id)));
  auto weights = std::make_shared<const Weights>(Weights::of(deck));
  std::vector<ReadSession> sessions;
  for (const auto& [path, _] : heads) {
    SessionFile file(path);
    auto group = std::make_unique<report::Group>(weights, "");
    formats::GroupSink sink(*group);
    formats::read_session(file.events(), sink);
    sessions.push_back({path, std::move(sink.fields), std::move(group)});
    const session::Record& r = sessions.back().head;
    for (const auto& id : r.dilemmas)
      if (!deck.find_dilemma(id))
        throw Error(ExitCode::invalid_data, Place{path},
                    tr("report.unknown_dilemma", fmt::arg("id", id), fmt::arg("deck", deck.id),
                       fmt::arg("version", deck.version)));
    if (r.deck_version != deck.version)
      ctx.err(format_problem(
                  {Place{path}, tr("report.version_warning", fmt::arg("version", r.deck_version),
                                   fmt::arg("now", deck.version))}) +
              "\n");
  }

  o.responses.deck = &deck;
  Gatherer gather(weights, o.by);

  // Sessions by time when grouped by session; every other input in order.
  std::vector<const ReadSession*> ordered;
  for (const auto& s : sessions) ordered.push_back(&s);
  if (o.by == "session")
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto* x, const auto* y) {
      return x->head.started < y->head.started;
    });
  for (const auto* s : ordered) {
    gather.total().merge(*s->group);
    if (!o.by.empty())
      gather.group(session_group(s->path, s->head, o.by), s->path).merge(*s->group);
  }
  // Shards are read and checked two at a time (one per core), a batch at a
  // time, and merged in the order given: the first broken one in that order
  // is the one reported, as when they are read one by one.
  constexpr std::size_t kBatch = 64;
  for (std::size_t start = 0; start < json_inputs.size(); start += kBatch) {
    const std::size_t stop = std::min(json_inputs.size(), start + kBatch);
    std::vector<std::optional<formats::ReportShard>> shards(stop - start);
    std::vector<std::exception_ptr> failed(stop - start);
    auto read_every_other = [&](std::size_t first) {
      for (std::size_t i = start + first; i < stop; i += 2) {
        try {
          shards[i - start] =
              formats::report_from_json(formats::read_capped(json_inputs[i], limits::kSessionBytes),
                                        json_inputs[i], deck, weights);
        } catch (...) {
          failed[i - start] = std::current_exception();
        }
      }
    };
    std::thread other(read_every_other, 1);
    read_every_other(0);
    other.join();
    for (std::size_t i = start; i < stop; ++i) {
      const std::string& path = json_inputs[i];
      merging(path, [&] {
        if (failed[i - start]) std::rethrow_exception(failed[i - start]);
        const formats::ReportShard& shard = *shards[i - start];
        gather.total().merge(shard.total);
        if (o.by == "team" && !shard.groups.empty()) {
          for (const auto& g : shard.groups) gather.group(g.name, path).merge(g);
        } else if (!o.by.empty()) {
          gather.group(path, path).merge(shard.total);
        }
      });
      shards[i - start].reset();
    }
  }
  for (const auto& path : o.inputs) {
    if (kind_of(path) == InputKind::responses) read_response_file(ctx, o, path, weights, gather);
  }
  const std::vector<const report::Group*> groups = gather.groups();
  const report::Group& total = gather.total();

  // The reflection speaks the sessions' language unless --lang says otherwise.
  std::string lang = ctx.lang;
  if (!ctx.lang_explicit && !sessions.empty() && !sessions.front().head.language.empty())
    lang = sessions.front().head.language;
  if (auto l = i18n::parse_lang(lang)) i18n::set_language(*l);

  std::string bytes;
  if (o.format == "json") {
    bytes = formats::report_to_json(deck, total, groups);
  } else if (o.format == "csv") {
    bytes = render::report_csv(total, groups,
                               render::CsvOptions{o.delimiter.front(), !o.no_formula_escape});
  } else {
    render::ReflectionInput in{&deck, deck.language_for(lang), &total, groups, o.by};
    const render::Document doc = render::reflection_document(in);
    if (o.format == "markdown")
      bytes = render::to_markdown(doc);
    else if (o.format == "html")
      bytes = render::to_html(doc, lang);
    else
      bytes = render::to_text(doc, to_stdout ? ctx.stdout_style() : render::Style::plain());
  }
  if (to_stdout)
    ctx.out(bytes);
  else
    formats::write_atomically(o.output, bytes, 0644);
  return 0;
}

}  // namespace

Command add_report(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* app = parent.add_subcommand("report", tr("help.report"));
  app->footer(tr("help.report.example"));
  app->add_option("INPUT", o->inputs, tr("help.report.input"))->required()->option_text("FILE...");
  app->add_option("--by", o->by, tr("help.report.by"))
      ->check(CLI::IsMember({"team", "session"}))
      ->option_text("team|session");
  add_format_option(*app, o->format, {"text", "markdown", "json", "csv", "html"});
  app->add_option("-o,--output", o->output, tr("help.report.output"))->option_text("FILE");
  app->add_option("--deck", o->deck, tr("help.report.deck"))->option_text("ID|FILE");
  app->add_option("--delimiter", o->delimiter, tr("help.report.delimiter"))
      ->check(CLI::IsMember({",", ";"}))
      ->option_text(",|;");
  app->add_flag("--no-formula-escape", o->no_formula_escape, tr("help.report.no_formula_escape"));
  app->add_flag("--force", o->force, tr("help.report.force"));
  add_response_options(*app, o->responses);
  return {app, [&ctx, o] { return run_report(ctx, *o); }};
}

}  // namespace h2h::cli
