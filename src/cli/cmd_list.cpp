// h2h list: the dilemmas of a deck.
#include <memory>

#include "cli/commands.hpp"
#include "formats/deck_library.hpp"
#include "render/deck_json.hpp"
#include "render/deck_text.hpp"

namespace h2h::cli {

Command add_list(CLI::App& parent, Context& ctx) {
  struct Options {
    std::string deck;
    std::string format = "text";
  };
  auto o = std::make_shared<Options>();
  CLI::App* app = parent.add_subcommand("list", i18n::tr("help.list"));
  app->footer(i18n::tr("help.list.example"));
  app->add_option("--deck", o->deck, i18n::tr("help.deck"))->option_text("ID|FILE");
  add_format_option(*app, o->format, {"text", "json"});
  return {app, [&ctx, o] {
            auto loaded = formats::load_deck(o->deck, formats::user_deck_dir());
            const std::string lang = loaded.deck.language_for(ctx.lang);
            ctx.out(o->format == "json" ? render::list_json(loaded.deck, lang)
                                        : render::list_text(loaded.deck, lang, ctx.stdout_style()));
            return 0;
          }};
}

}  // namespace h2h::cli
