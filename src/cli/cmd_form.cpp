// h2h form: the empty response CSV for a survey tool or spreadsheet, or a
// printable questionnaire, and the --map file that reads its answers back.
#include <memory>

#include "cli/commands.hpp"
#include "cli/output_files.hpp"
#include "formats/atomic_file.hpp"
#include "formats/deck_library.hpp"
#include "render/document.hpp"
#include "render/form.hpp"

namespace h2h::cli {

using i18n::tr;

Command add_form(CLI::App& parent, Context& ctx) {
  struct Options {
    std::string deck;
    std::string format = "csv";
    std::string output;
    std::string map_out;
    std::string delimiter = ",";
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* app = parent.add_subcommand("form", tr("help.form"));
  app->footer(tr("help.form.example"));
  app->add_option("--deck", o->deck, tr("help.deck"))->option_text("ID|FILE");
  add_format_option(*app, o->format, {"csv", "markdown", "html"});
  app->add_option("-o,--output", o->output, tr("help.form.output"))->option_text("FILE");
  app->add_option("--map-out", o->map_out, tr("help.form.map_out"))->option_text("MAP.yaml");
  app->add_option("--delimiter", o->delimiter, tr("help.report.delimiter"))
      ->check(CLI::IsMember({",", ";"}))
      ->option_text(",|;");
  app->add_flag("--force", o->force, tr("help.form.force"));
  return {app, [&ctx, o] {
            const bool to_stdout = o->output.empty() || o->output == "-";
            // Neither output over the deck it is made from, nor over the other.
            if (!to_stdout) check_output(o->output, o->force, {o->deck, o->map_out});
            if (!o->map_out.empty()) check_output(o->map_out, o->force, {o->deck, o->output});
            if (!to_stdout && !o->map_out.empty() && o->output == o->map_out)
              throw Error(ExitCode::usage, Place{o->output}, tr("output.own_input"));
            const auto loaded = formats::load_deck(o->deck, formats::user_deck_dir());
            const Deck& deck = loaded.deck;
            const std::string lang = deck.language_for(ctx.lang);
            std::string bytes;
            if (o->format == "csv")
              bytes = render::form_csv(deck, o->delimiter.front());
            else if (o->format == "markdown")
              bytes = render::to_markdown(render::form_document(deck, lang));
            else
              bytes = render::to_html(render::form_document(deck, lang), ctx.lang);
            if (to_stdout)
              ctx.out(bytes);
            else
              formats::write_atomically(o->output, bytes, 0644);
            if (!o->map_out.empty())
              formats::write_atomically(o->map_out, render::form_map(deck, lang), 0644);
            return 0;
          }};
}

}  // namespace h2h::cli
