// h2h validate: every problem of one or more deck files, with its place.
#include <memory>

#include "cli/commands.hpp"
#include "core/limits.hpp"
#include "formats/deck_yaml.hpp"
#include "formats/file_read.hpp"

namespace h2h::cli {

Command add_validate(CLI::App& parent, Context& ctx) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* app = parent.add_subcommand("validate", i18n::tr("help.validate"));
  app->footer(i18n::tr("help.validate.example"));
  app->add_option("FILE", *files, i18n::tr("help.validate.file"))->required();
  return {
      app, [&ctx, files] {
        std::vector<Problem> problems;
        std::string report;
        bool unreadable = false;
        for (const auto& file : *files) {
          formats::DeckResult r;
          try {
            r = formats::read_deck(formats::read_capped(file, limits::kDeckBytes), file);
          } catch (const Error& e) {
            problems.insert(problems.end(), e.problems().begin(), e.problems().end());
            unreadable = true;
            continue;
          }
          if (r.deck)
            report += i18n::tr("validate.ok", fmt::arg("file", file), fmt::arg("id", r.deck->id),
                               fmt::arg("dilemmas",
                                        i18n::count("dilemma", static_cast<std::int64_t>(
                                                                   r.deck->dilemmas.size())))) +
                      "\n";
          problems.insert(problems.end(), r.problems.begin(), r.problems.end());
        }
        ctx.out(report);
        if (problems.empty()) return 0;
        // An unreadable file is an I/O error (1); otherwise the decks are invalid (3).
        throw Error(unreadable ? ExitCode::failure : ExitCode::invalid_data, std::move(problems));
      }};
}

}  // namespace h2h::cli
