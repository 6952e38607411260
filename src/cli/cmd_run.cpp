// h2h run: a facilitated session for a team around one screen, or for one
// person alone; every answer saved at once; resumable.
#include <fmt/ranges.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>

#include "cli/commands.hpp"
#include "cli/named_deck.hpp"
#include "cli/output_files.hpp"
#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "formats/atomic_file.hpp"
#include "formats/deck_library.hpp"
#include "formats/file_read.hpp"
#include "formats/session_lock.hpp"
#include "formats/session_yaml.hpp"
#include "live/session.hpp"
#include "net/serve.hpp"
#include "render/safe_text.hpp"
#include "ui/clock.hpp"
#include "ui/session_terminal.hpp"
#include "ui/terminal.hpp"

namespace h2h::cli {

namespace fs = std::filesystem;
using i18n::tr;

namespace {

struct RunOptions {
  std::string deck;
  std::string team;
  std::string participants;
  bool solo = false;
  std::string name;
  bool anonymous = false;
  std::vector<std::string> dilemmas;
  bool checkin = false;
  bool no_checkin = false;
  std::string timebox;
  std::string output;
  std::string resume;
  bool force = false;
  bool no_input = false;
  bool serve = false;
  std::string listen;
  std::vector<std::string> follow_up;
  bool show_names = false;
};

[[noreturn]] void usage(std::string message) {
  throw Error(ExitCode::usage, std::move(message));
}

// "5m", "90s", "1m30s", or a plain number of minutes.
int parse_timebox(const std::string& text) {
  if (text.empty()) return 0;
  int total = 0, value = 0;
  bool digits = false, any_unit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      digits = true;
      if (value > 24 * 60 * 60) usage(tr("run.bad_timebox", fmt::arg("value", text)));
    } else if ((c == 'm' || c == 's') && digits) {
      total += c == 'm' ? value * 60 : value;
      value = 0;
      digits = false;
      any_unit = true;
    } else {
      usage(tr("run.bad_timebox", fmt::arg("value", text)));
    }
  }
  if (digits) total += any_unit ? value : value * 60;
  if (total <= 0 || total > 24 * 60 * 60) usage(tr("run.bad_timebox", fmt::arg("value", text)));
  return total;
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

void check_name(const std::string& name, const char* option) {
  if (name.empty() || utf8::first_invalid(name) || utf8::first_control(name) ||
      utf8::length(name) > limits::kNameChars)
    usage(tr("run.bad_name", fmt::arg("option", option), fmt::arg("max", limits::kNameChars)));
}

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string name = trim(list.substr(start, comma - start));
    if (!name.empty()) names.push_back(name);
    start = comma + 1;
  }
  return names;
}

class Setup {
 public:
  Setup(const RunOptions& o, ui::LineReader& in, bool interactive)
      : o_(o), in_(in), interactive_(interactive) {}

  // Asks on a terminal; fails with the option's name otherwise.
  std::string ask(const std::string& question, const char* option) {
    if (!interactive_ || o_.no_input) usage(tr("run.missing_option", fmt::arg("option", option)));
    std::fputs(question.c_str(), stdout);
    std::fflush(stdout);
    std::string line;
    const auto status = in_.read(line, std::nullopt, limits::kInputLine);
    if (status == ui::LineReader::Status::interrupted)
      throw Error(ExitCode::interrupted, tr("run.setup_interrupted"));
    if (status != ui::LineReader::Status::line) throw Error(ExitCode::failure, tr("run.setup_eof"));
    return trim(line);
  }

  bool can_ask() const { return interactive_ && !o_.no_input; }

 private:
  const RunOptions& o_;
  ui::LineReader& in_;
  bool interactive_;
};

session::Record new_record(const RunOptions& o, const Deck& deck, const std::string& lang,
                           Setup& setup) {
  session::Record r;
  r.deck_id = deck.id;
  r.deck_version = deck.version;
  r.deck_hash = fingerprint(deck);
  r.language = lang;
  r.anonymous = o.anonymous;
  r.started = ui::now_utc();

  bool solo = o.solo;
  std::string participants = o.participants;
  if (o.serve) {
    // Participants join from their own devices while the session runs.
    if (o.solo || !o.participants.empty()) usage(tr("serve.options"));
    r.mode = session::Mode::team;
    r.team = o.team;
    for (const auto& d : deck.dilemmas)
      if (o.dilemmas.empty() ||
          std::find(o.dilemmas.begin(), o.dilemmas.end(), d.id) != o.dilemmas.end())
        r.dilemmas.push_back(d.id);
    r.timebox_seconds = parse_timebox(o.timebox);
    if (o.checkin) {  // each phone rates the statements before the first dilemma
      if (deck.checkin.empty()) usage(tr("run.no_checkin", fmt::arg("deck", deck.id)));
      for (const auto& c : deck.checkin) r.checkin_items.push_back(c.id);
    }
    return r;
  }
  if (!solo && participants.empty()) {
    if (!setup.can_ask()) usage(tr("run.missing_mode"));
    std::string answer = setup.ask(tr("run.ask_mode"), "--participants or --solo");
    solo = answer == "s" || answer == "S" || answer == "solo" || answer == "alleen";
  }
  r.mode = solo ? session::Mode::solo : session::Mode::team;

  std::vector<std::string> names;
  if (solo) {
    std::string name = o.name;
    if (name.empty() && !o.anonymous && setup.can_ask())
      name = setup.ask(tr("run.ask_name"), "--name");
    if (name.empty() || o.anonymous) name = "P1";
    names.push_back(name);
  } else {
    if (participants.empty())
      participants = setup.ask(tr("run.ask_participants"), "--participants");
    const std::string count = trim(participants);
    if (!count.empty() && count.find_first_not_of("0123456789") == std::string::npos) {
      const auto n = std::stoul(count.substr(0, 6));
      if (n < 1 || n > limits::kParticipants)
        usage(tr("run.too_many_participants", fmt::arg("max", limits::kParticipants)));
      for (std::size_t i = 1; i <= n; ++i) names.push_back(fmt::format("P{}", i));
    } else {
      names = split_names(participants);
      if (names.empty()) usage(tr("run.missing_option", fmt::arg("option", "--participants")));
      if (names.size() > limits::kParticipants)
        usage(tr("run.too_many_participants", fmt::arg("max", limits::kParticipants)));
      if (o.anonymous)  // names are never kept, shown or written
        for (std::size_t i = 0; i < names.size(); ++i) names[i] = fmt::format("P{}", i + 1);
    }
    std::set<std::string> seen;
    for (const auto& n : names)
      if (!seen.insert(n).second)
        usage(tr("run.duplicate_name", fmt::arg("name", render::visible(n))));
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    check_name(names[i], solo ? "--name" : "--participants");
    r.participants.push_back({fmt::format("p{}", i + 1), names[i]});
  }

  r.team = o.team;
  if (!solo && r.team.empty() && setup.can_ask() && o.participants.empty())
    r.team = setup.ask(tr("run.ask_team"), "--team");
  if (!r.team.empty()) check_name(r.team, "--team");

  if (o.dilemmas.empty()) {
    for (const auto& d : deck.dilemmas) r.dilemmas.push_back(d.id);
  } else {
    std::vector<std::string> known;
    for (const auto& d : deck.dilemmas) known.push_back(d.id);
    for (const auto& id : o.dilemmas) {
      if (!deck.find_dilemma(id))
        usage(tr("show.unknown", fmt::arg("id", id), fmt::arg("deck", deck.id),
                 fmt::arg("ids", fmt::join(known, ", "))));
      if (std::find(r.dilemmas.begin(), r.dilemmas.end(), id) == r.dilemmas.end())
        r.dilemmas.push_back(id);
    }
  }

  bool checkin = o.checkin;
  if (checkin && deck.checkin.empty()) usage(tr("run.no_checkin", fmt::arg("deck", deck.id)));
  if (!o.checkin && !o.no_checkin && !deck.checkin.empty() && setup.can_ask() &&
      o.participants.empty() && !o.solo) {
    std::string answer = setup.ask(tr("run.ask_checkin"), "--checkin");
    checkin = answer == "y" || answer == "Y" || answer == "j" || answer == "J";
  }
  if (checkin)
    for (const auto& c : deck.checkin) r.checkin_items.push_back(c.id);
  r.timebox_seconds = parse_timebox(o.timebox);
  return r;
}

// A session to resume is a regular file: h2h replaces it on every save, so
// a symlink would be replaced by a file and a FIFO or device never read back.
void check_resumable(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;  // reading it says why
  if (S_ISLNK(st.st_mode)) throw Error(ExitCode::usage, Place{path}, tr("run.resume_symlink"));
  if (!S_ISREG(st.st_mode)) throw Error(ExitCode::usage, Place{path}, tr("output.not_regular"));
}

std::string default_path(const session::Record& r) {
  std::string who = r.team;
  if (who.empty())
    who = r.mode == session::Mode::solo && !r.anonymous ? r.participants[0].name : "";
  std::string base = slug(who);
  if (base.empty()) base = r.mode == session::Mode::solo ? "solo" : "team";
  base = fmt::format("h2h-{}-{}", base, ui::local_stamp());
  std::string path = base + ".yaml";
  for (int i = 2; fs::exists(path) && i < 1000; ++i) path = fmt::format("{}-{}.yaml", base, i);
  return path;
}

}  // namespace

Command add_run(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* app = parent.add_subcommand("run", tr("help.run"));
  app->footer(tr("help.run.example"));
  app->add_option("--deck", o->deck, tr("help.deck"))->option_text("ID|FILE");
  app->add_option("--team", o->team, tr("help.run.team"))->option_text("NAME");
  auto* participants =
      app->add_option("--participants", o->participants, tr("help.run.participants"))
          ->option_text("NAMES|N");
  auto* solo = app->add_flag("--solo", o->solo, tr("help.run.solo"));
  auto* name = app->add_option("--name", o->name, tr("help.run.name"))->option_text("NAME");
  participants->excludes(solo);
  name->needs(solo);
  app->add_flag("--anonymous", o->anonymous, tr("help.run.anonymous"));
  app->add_option("--dilemmas", o->dilemmas, tr("help.run.dilemmas"))
      ->delimiter(',')
      ->option_text("ID,ID");
  auto* checkin = app->add_flag("--checkin", o->checkin, tr("help.run.checkin"));
  auto* no_checkin = app->add_flag("--no-checkin", o->no_checkin, tr("help.run.no_checkin"));
  checkin->excludes(no_checkin);
  app->add_option("--timebox", o->timebox, tr("help.run.timebox"))->option_text("TIME");
  app->add_option("-o,--output", o->output, tr("help.run.output"))->option_text("FILE");
  auto* resume = app->add_option("--resume", o->resume, tr("help.run.resume"))->option_text("FILE");
  for (auto* opt : {participants, solo, name}) resume->excludes(opt);
  app->add_flag("--force", o->force, tr("help.run.force"));
  app->add_flag("--no-input", o->no_input, tr("help.run.no_input"));
  auto* follow_up = app->add_option("--follow-up", o->follow_up, tr("help.run.follow_up"))
                        ->option_text("FILE...")
                        ->expected(1, -1);
  follow_up->excludes(resume);
  app->add_flag("--serve", o->serve, tr("help.run.serve"));
  app->add_option("--listen", o->listen, tr("help.run.listen"))->option_text("ADDR:PORT");
  app->add_flag("--show-names", o->show_names, tr("help.run.show_names"));

  return {
      app, [&ctx, o, resume] {
        const bool interactive = ui::is_terminal(stdin);
        ui::install_interrupt_handlers();
        ui::LineReader in;
        Setup setup(*o, in, interactive);
        session::State state;
        formats::LoadedDeck loaded;
        std::string path;
        // One writer per session file, for the whole session (terminal or
        // served): taken before the file is read or checked.
        std::unique_ptr<formats::SessionLock> lock;
        if (resume->count() > 0) {
          path = o->resume;
          check_resumable(path);
          lock = std::make_unique<formats::SessionLock>(path);
          state.record =
              formats::session_from_yaml(formats::read_capped(path, limits::kSessionBytes), path);
          // Saves killed half-way leave their temporary files; none is under
          // way now (the lock), and the session file is the last whole save.
          const auto removed = formats::remove_stale_temporaries(path);
          if (!removed.empty())
            ctx.err(format_problem({Place{path},
                                    tr("run.removed_temporaries", fmt::arg("count", removed.size()),
                                       fmt::arg("names", fmt::join(removed, ", ")))}) +
                    "\n");
          auto& r = state.record;
          loaded = load_named_deck(o->deck.empty() ? r.deck_id : o->deck,
                                   o->deck.empty() ? path : std::string());
          if (loaded.deck.id != r.deck_id)
            throw Error(ExitCode::invalid_data, Place{path},
                        tr("run.resume_other_deck", fmt::arg("deck", r.deck_id),
                           fmt::arg("given", loaded.deck.id)));
          for (const auto& id : r.dilemmas)
            if (!loaded.deck.find_dilemma(id))
              throw Error(ExitCode::invalid_data, Place{path},
                          tr("run.resume_missing_dilemma", fmt::arg("id", id)));
          const std::string now_hash = fingerprint(loaded.deck);
          if (now_hash != r.deck_hash) {
            if (!o->force)
              throw Error(ExitCode::invalid_data, Place{path},
                          tr("run.resume_changed", fmt::arg("deck", r.deck_id)));
            r.deck_hash = now_hash;
            r.deck_version = loaded.deck.version;
          }
          if (ctx.lang_explicit) r.language = ctx.lang;
          i18n::set_language(*i18n::parse_lang(r.language));
          // A new timebox applies from here on; the answers are kept.
          if (!o->timebox.empty()) r.timebox_seconds = parse_timebox(o->timebox);
          if (session::position(state).kind == session::Position::Kind::done) {
            if (r.finished.empty()) {
              live::Session(state, ui::now_utc).close();
              formats::write_atomically(path, formats::session_to_yaml(r), 0600);
            }
            ctx.err(tr("run.resume_complete", fmt::arg("path", path)) + "\n");
            return to_int(ExitCode::ok);
          }
        } else {
          // A follow-up runs on the deck of the sessions it follows up.
          std::vector<session::Record> earlier;
          for (const auto& file : o->follow_up)
            earlier.push_back(formats::session_from_yaml(
                formats::read_capped(file, limits::kSessionBytes), file));
          const std::string deck =
              !o->deck.empty() || earlier.empty() ? o->deck : earlier.front().deck_id;
          loaded = formats::load_deck(deck, formats::user_deck_dir());
          for (std::size_t i = 0; i < earlier.size(); ++i)
            if (earlier[i].deck_id != loaded.deck.id)
              throw Error(ExitCode::invalid_data, Place{o->follow_up[i]},
                          tr("run.resume_other_deck", fmt::arg("deck", earlier[i].deck_id),
                             fmt::arg("given", loaded.deck.id)));
          state.record = new_record(*o, loaded.deck, loaded.deck.language_for(ctx.lang), setup);
          if (!earlier.empty()) session::start_follow_up(state.record, earlier);
          // The same team as last time, unless told otherwise.
          if (o->team.empty() && !earlier.empty()) state.record.team = earlier.back().team;
          path = o->output.empty() ? default_path(state.record) : o->output;
          check_not_special(path);  // a FIFO: refused, never opened
          lock = std::make_unique<formats::SessionLock>(path);
          check_new_output(path, o->force);
        }
        // UI text in the session's language; deck texts in the deck's nearest one.
        if (auto l = i18n::parse_lang(state.record.language)) i18n::set_language(*l);
        ui::SessionIO io;
        io.interactive = interactive;
        io.hand_over = !o->no_input;
        const char* term = std::getenv("TERM");
        io.full_screen = interactive && ui::is_terminal(stdout) && !o->no_input &&
                         !(term != nullptr && std::string_view(term) == "dumb");
        io.style = interactive ? ctx.stdout_style() : render::Style::plain();
        io.path = path;
        io.save = [path](const session::Record& r) {
          formats::write_atomically(path, formats::session_to_yaml(r), 0600);
        };
        auto listen = net::parse_listen(o->listen);
        listen.show_names = o->show_names && !state.record.anonymous;
        const ui::SessionEnd end = o->serve ? net::serve_session(state, loaded.deck, io, in, listen)
                                            : ui::run_session(state, loaded.deck, io, in);
        if (!end.saved) return to_int(ExitCode::failure);
        switch (end.outcome) {
          case ui::Outcome::done:
          case ui::Outcome::quit:
            return to_int(ExitCode::ok);
          case ui::Outcome::end_of_input:
            return to_int(ExitCode::failure);
          case ui::Outcome::interrupted:
            return end.signal == SIGINT || end.signal == 0 ? to_int(ExitCode::interrupted)
                                                           : 128 + end.signal;
        }
        return to_int(ExitCode::ok);
      }};
}

}  // namespace h2h::cli
