// h2h show: one dilemma in full.
#include <fmt/ranges.h>

#include <memory>

#include "cli/commands.hpp"
#include "formats/deck_library.hpp"
#include "render/deck_json.hpp"
#include "render/deck_text.hpp"

namespace h2h::cli {

Command add_show(CLI::App& parent, Context& ctx) {
  struct Options {
    std::string dilemma;
    std::string deck;
    std::string format = "text";
  };
  auto o = std::make_shared<Options>();
  CLI::App* app = parent.add_subcommand("show", i18n::tr("help.show"));
  app->footer(i18n::tr("help.show.example"));
  app->add_option("DILEMMA", o->dilemma, i18n::tr("help.show.dilemma"))->required();
  app->add_option("--deck", o->deck, i18n::tr("help.deck"))->option_text("ID|FILE");
  add_format_option(*app, o->format, {"text", "json"});
  return {app, [&ctx, o] {
            auto loaded = formats::load_deck(o->deck, formats::user_deck_dir());
            const Deck& deck = loaded.deck;
            const Dilemma* d = deck.find_dilemma(o->dilemma);
            if (d == nullptr) {
              std::vector<std::string> ids;
              for (const auto& x : deck.dilemmas) ids.push_back(x.id);
              throw Error(ExitCode::usage, i18n::tr("show.unknown", fmt::arg("id", o->dilemma),
                                                    fmt::arg("deck", deck.id),
                                                    fmt::arg("ids", fmt::join(ids, ", "))));
            }
            const std::string lang = deck.language_for(ctx.lang);
            ctx.out(o->format == "json" ? render::show_json(deck, *d, lang)
                                        : render::show_text(deck, *d, lang, ctx.stdout_style()));
            return 0;
          }};
}

}  // namespace h2h::cli
