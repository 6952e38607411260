// h2h import: response files (CSV, JSON Lines, workbooks) turned into
// session files, one for everyone or one per team, for archiving and for
// every command that takes sessions. Written as a stream: each row's entries
// go to a spool as the row comes, and each file is put together at the end,
// so memory does not grow with the number of rows.
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output_files.hpp"
#include "cli/response_options.hpp"
#include "core/limits.hpp"
#include "formats/atomic_file.hpp"
#include "formats/deck_library.hpp"
#include "formats/responses.hpp"
#include "formats/session_stream.hpp"
#include "formats/spool.hpp"
#include "ui/clock.hpp"

namespace h2h::cli {

namespace fs = std::filesystem;
using i18n::tr;

namespace {

struct ImportOptions {
  std::string input;
  std::string output;
  std::string by;
  std::string deck;
  bool force = false;
  ResponseCli responses;
};

// One session file being made: its team, its counts, and where its
// three lists wait in the spool until the check-in items of all are known.
struct ImportFile {
  std::string team;
  std::size_t participants = 0, answers = 0;
  std::size_t lists[3] = {};  // spool streams, in the order of formats::SessionList
};

int run_import(const Context& ctx, ImportOptions& o) {
  const auto loaded = formats::load_deck(o.deck, formats::user_deck_dir());
  const Deck& deck = loaded.deck;
  const Weights weights = Weights::of(deck);
  o.responses.deck = &deck;
  const formats::ResponseOptions ro = o.responses.options();
  const bool by_team = o.by == "team";

  const std::string now = ui::now_utc();
  session::Record blank;
  blank.deck_id = deck.id;
  blank.deck_version = deck.version;
  blank.deck_hash = fingerprint(deck);
  blank.language = deck.language_for(ctx.lang);
  blank.mode = session::Mode::team;
  for (const auto& d : deck.dilemmas) blank.dilemmas.push_back(d.id);
  blank.revealed = blank.dilemmas;
  blank.started = blank.finished = now;

  // Every entry is written as its row comes and kept in the spool, next to
  // where the files go (the same disk), so memory does not grow with the rows.
  std::vector<std::string> spool_folders;
  {
    std::error_code ec;
    const fs::path out = fs::absolute(o.output, ec);
    const fs::path folder = by_team ? out : out.parent_path();
    if (!ec && fs::is_directory(folder, ec)) spool_folders.push_back(folder.string());
    spool_folders.emplace_back();  // then $TMPDIR or /tmp
  }
  formats::Spool spool(std::move(spool_folders), o.output);

  std::vector<ImportFile> files;
  std::map<std::string, std::size_t, std::less<>> file_of_team;
  std::map<std::string, bool, std::less<>> checkin_keys;
  std::string pid, name;
  const auto kind = response_format(o.input);
  const auto summary =
      formats::read_responses(o.input, kind, weights, ro, [&](const formats::Respondent& r) {
        const std::string_view team = by_team ? r.team : std::string_view();
        auto it = file_of_team.find(team);
        if (it == file_of_team.end()) {
          it = file_of_team.emplace(std::string(team), files.size()).first;
          ImportFile f;
          f.team = std::string(team);
          for (auto& list : f.lists) list = spool.add();
          files.push_back(std::move(f));
        }
        ImportFile& file = files[it->second];
        if (file.participants >= limits::kSessionParticipants)
          throw Error(ExitCode::invalid_data, Place{o.input, static_cast<int>(r.row), 1},
                      tr("import.too_many", fmt::arg("max", limits::kSessionParticipants)));
        ++file.participants;
        pid.assign("p").append(std::to_string(file.participants));
        if (r.id.empty())
          name = fmt::format("row {}", r.row);
        else
          name.assign(r.id);
        spool.append(file.lists[0],
                     [&](std::string& out) { formats::append_participant(out, pid, name); });
        spool.append(file.lists[2], [&](std::string& out) {
          for (std::size_t d = 0; d < r.answers.size(); ++d) {
            if (!r.answers[d]) continue;
            std::string_view idea;
            for (const auto& [i, text] : r.ideas)
              if (i == d) idea = text.substr(0, limits::kTextChars);
            formats::append_answer(out, deck.dilemmas[d].id, pid, r.answers[d], idea, now);
            ++file.answers;
          }
        });
        // The participant is new: only this row's own ratings can repeat an item.
        spool.append(file.lists[1], [&](std::string& out) {
          for (std::size_t i = 0; i < r.checkin.size(); ++i) {
            const std::string_view key = r.checkin_keys[i];
            if (checkin_keys.find(key) == checkin_keys.end())
              checkin_keys.emplace(std::string(key), true);
            const auto first = r.checkin_keys.begin() + static_cast<long>(i);
            if (std::find(r.checkin_keys.begin(), first, key) == first)
              formats::append_rating(out, pid, key, r.checkin[i].second, now);
          }
        });
      });
  if (files.empty())
    throw Error(ExitCode::invalid_data, Place{o.input},
                tr("responses.no_respondents", fmt::arg("path", o.input)));
  for (const auto& [key, _] : checkin_keys) blank.checkin_items.push_back(key);
  report_summary(ctx, o.input, summary, by_team);

  // Where each file goes: the file, or one file per team in the folder.
  std::vector<std::string> paths;
  if (!by_team) {
    paths.push_back(o.output);
  } else {
    std::error_code ec;
    fs::create_directories(o.output, ec);
    if (!fs::is_directory(o.output, ec))
      throw Error(ExitCode::failure, Place{o.output}, tr("import.not_a_folder"));
    std::map<std::string, int> used;
    for (const auto& file : files) {
      std::string base = slug(file.team);
      if (base.empty()) base = "no-team";
      const int n = ++used[base];
      if (n > 1) base += fmt::format("-{}", n);
      paths.push_back((fs::path(o.output) / fmt::format("h2h-{}.yaml", base)).string());
    }
  }
  for (const auto& p : paths) {
    check_not_input(p, {o.input});
    check_new_output(p, o.force);
  }
  constexpr formats::SessionList kLists[] = {formats::SessionList::participants,
                                             formats::SessionList::checkin,
                                             formats::SessionList::answers};
  // Each file's head and tail; and never a file that h2h report would
  // refuse to read back.
  std::vector<formats::SessionFrame> frames;
  for (std::size_t i = 0; i < files.size(); ++i) {
    blank.team = files[i].team;
    const formats::SessionFrame& frame = frames.emplace_back(formats::session_frame(blank));
    std::uint64_t bytes = frame.head.size() + frame.tail.size();
    for (std::size_t l = 0; l < 3; ++l)
      bytes += formats::session_list_key(kLists[l], spool.size(files[i].lists[l]) == 0).size() +
               spool.size(files[i].lists[l]);
    if (bytes > limits::kSessionFileBytes)
      throw Error(ExitCode::invalid_data, Place{o.input},
                  tr("import.too_large", fmt::arg("path", paths[i]), fmt::arg("size", bytes >> 20),
                     fmt::arg("max", limits::kSessionFileBytes >> 20)));
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    const ImportFile& file = files[i];
    const formats::SessionFrame& frame = frames[i];
    formats::AtomicFile out(paths[i], 0600);
    out.write(frame.head);
    for (std::size_t l = 0; l < 3; ++l) {
      out.write(formats::session_list_key(kLists[l], spool.size(file.lists[l]) == 0));
      spool.read(
          file.lists[l],
          [&out](int fd, std::uint64_t offset, std::uint64_t size) { out.copy(fd, offset, size); },
          [&out](std::string_view bytes) { out.write(bytes); });
    }
    out.write(frame.tail);
    out.commit();
    ctx.out(tr("import.wrote", fmt::arg("path", paths[i]),
               fmt::arg("participants", file.participants), fmt::arg("answers", file.answers)) +
            "\n");
  }
  return 0;
}

}  // namespace

Command add_import(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* app = parent.add_subcommand("import", tr("help.import"));
  app->footer(tr("help.import.example"));
  app->add_option("FILE", o->input, tr("help.import.file"))->required();
  app->add_option("-o,--output", o->output, tr("help.import.output"))
      ->required()
      ->option_text("FILE|FOLDER");
  app->add_option("--by", o->by, tr("help.import.by"))
      ->check(CLI::IsMember({"team"}))
      ->option_text("team");
  app->add_option("--deck", o->deck, tr("help.deck"))->option_text("ID|FILE");
  add_response_options(*app, o->responses);
  app->add_flag("--force", o->force, tr("help.import.force"));
  return {app, [&ctx, o] { return run_import(ctx, *o); }};
}

}  // namespace h2h::cli
