// h2h import: response files (CSV, JSON Lines) turned into session files,
// one for everyone or one per team, for archiving and for every command
// that takes sessions.
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
#include "formats/session_yaml.hpp"
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

int run_import(const Context& ctx, ImportOptions& o) {
  const auto loaded = formats::load_deck(o.deck, formats::user_deck_dir());
  const Deck& deck = loaded.deck;
  const Weights weights = Weights::of(deck);
  o.responses.deck = &deck;
  const formats::ResponseOptions ro = o.responses.options();

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

  std::vector<session::Record> records;
  std::map<std::string, std::size_t, std::less<>> by_team;
  std::map<std::string, bool, std::less<>> checkin_keys;
  const auto kind = response_format(o.input);
  const auto summary =
      formats::read_responses(o.input, kind, weights, ro, [&](const formats::Respondent& r) {
        const std::string team = (o.by == "team") ? std::string(r.team) : std::string();
        auto it = by_team.find(team);
        if (it == by_team.end()) {
          it = by_team.emplace(team, records.size()).first;
          records.push_back(blank);
          records.back().team = team;
        }
        session::Record& rec = records[it->second];
        if (rec.participants.size() >= limits::kSessionParticipants)
          throw Error(ExitCode::invalid_data, Place{o.input, static_cast<int>(r.row), 1},
                      tr("import.too_many", fmt::arg("max", limits::kSessionParticipants)));
        const std::string pid = fmt::format("p{}", rec.participants.size() + 1);
        std::string name = r.id.empty() ? fmt::format("row {}", r.row) : std::string(r.id);
        rec.participants.push_back({pid, std::move(name)});
        for (std::size_t d = 0; d < r.answers.size(); ++d) {
          if (!r.answers[d]) continue;
          std::string idea;
          for (const auto& [i, text] : r.ideas)
            if (i == d) idea = std::string(text.substr(0, limits::kTextChars));
          rec.responses.push_back({deck.dilemmas[d].id, pid, r.answers[d], std::move(idea), now});
        }
        // The participant is new: only this row's own ratings can repeat an item.
        for (std::size_t i = 0; i < r.checkin.size(); ++i) {
          const std::string key(r.checkin_keys[i]);
          checkin_keys.emplace(key, true);
          if (std::find(r.checkin_keys.begin(), r.checkin_keys.begin() + static_cast<long>(i),
                        r.checkin_keys[i]) == r.checkin_keys.begin() + static_cast<long>(i))
            rec.ratings.push_back({pid, key, r.checkin[i].second, now});
        }
      });
  if (records.empty())
    throw Error(ExitCode::invalid_data, Place{o.input},
                tr("responses.no_respondents", fmt::arg("path", o.input)));
  for (auto& rec : records)
    for (const auto& [key, _] : checkin_keys) rec.checkin_items.push_back(key);
  report_summary(ctx, o.input, summary, o.by == "team");

  // Where each record goes: the file, or one file per team in the folder.
  std::vector<std::string> paths;
  if (!(o.by == "team")) {
    paths.push_back(o.output);
  } else {
    std::error_code ec;
    fs::create_directories(o.output, ec);
    if (!fs::is_directory(o.output, ec))
      throw Error(ExitCode::failure, Place{o.output}, tr("import.not_a_folder"));
    std::map<std::string, int> used;
    for (const auto& rec : records) {
      std::string base = slug(rec.team);
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
  for (std::size_t i = 0; i < records.size(); ++i) {
    formats::write_atomically(paths[i], formats::session_to_yaml(records[i]), 0600);
    ctx.out(tr("import.wrote", fmt::arg("path", paths[i]),
               fmt::arg("participants", records[i].participants.size()),
               fmt::arg("answers", records[i].responses.size())) +
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
