// h2h template: an annotated starter deck that passes `h2h validate`.
#include "cli/commands.hpp"
#include "res/embedded.hpp"

namespace h2h::cli {

Command add_template(CLI::App& parent, Context& ctx) {
  CLI::App* app = parent.add_subcommand("template", i18n::tr("help.template"));
  app->footer(i18n::tr("help.template.example"));
  return {app, [&ctx] {
            auto text = embedded::find("res/template-" + ctx.lang + ".yaml");
            if (!text) text = embedded::find("res/template-en.yaml");
            ctx.out(text.value_or(""));
            return 0;
          }};
}

}  // namespace h2h::cli
