#include "cli/named_deck.hpp"

#include "core/error.hpp"
#include "i18n/i18n.hpp"

namespace h2h::cli {

formats::LoadedDeck load_named_deck(const std::string& spec, const std::string& named_by) {
  try {
    return formats::load_deck(spec, formats::user_deck_dir());
  } catch (const Error& e) {
    if (named_by.empty() || e.code() != ExitCode::usage) throw;
    throw Error(ExitCode::usage, Place{named_by},
                i18n::tr("deck.named_not_here", fmt::arg("deck", spec.substr(0, 64)),
                         fmt::arg("dir", formats::user_deck_dir().string())));
  }
}

}  // namespace h2h::cli
