// h2h decks: the built-in decks and the user's decks.
#include <memory>

#include "cli/commands.hpp"
#include "formats/deck_library.hpp"
#include "render/deck_json.hpp"
#include "render/deck_text.hpp"

namespace h2h::cli {

Command add_decks(CLI::App& parent, Context& ctx) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* app = parent.add_subcommand("decks", i18n::tr("help.decks"));
  app->footer(i18n::tr("help.decks.example"));
  add_format_option(*app, *format, {"text", "json"});
  return {app, [&ctx, format] {
            auto decks = formats::list_decks(formats::user_deck_dir());
            ctx.out(*format == "json" ? render::decks_json(decks, ctx.lang)
                                      : render::decks_text(decks, ctx.lang, ctx.stdout_style()));
            return 0;
          }};
}

}  // namespace h2h::cli
