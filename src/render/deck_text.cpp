#include "render/deck_text.hpp"

#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/utf8.hpp"
#include "i18n/i18n.hpp"
#include "render/layout.hpp"

namespace h2h::render {

using i18n::tr;

namespace {

std::string weights_line(const Pole& p, const Deck& deck, const std::string& lang) {
  std::vector<std::string> parts;
  for (const auto& n : deck.needs)
    if (int w = p.weight(n.id); w > 0) parts.push_back(fmt::format("{} {}", n.name.in(lang), w));
  if (parts.empty()) return tr("show.feeds_none");
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

std::string decks_text(const std::vector<formats::DeckListing>& decks, const std::string& lang,
                       const Style& style) {
  std::size_t id_width = 4;
  for (const auto& l : decks)
    if (l.deck) id_width = std::max(id_width, utf8::length(l.deck->id));
  std::string out;
  out += fmt::format(style.heading, "{}", pad(tr("decks.col_id"), id_width + 2));
  out += fmt::format(style.heading, "{} {} {}\n", pad(tr("decks.col_dilemmas"), 9),
                     pad(tr("decks.col_languages"), 7), tr("decks.col_title"));
  for (const auto& l : decks) {
    if (!l.deck) {
      out +=
          fmt::format("{}{}\n", pad("?", id_width + 2),
                      paint(style.bad, tr("decks.invalid", fmt::arg("origin", l.origin.origin))));
      continue;
    }
    const Deck& d = *l.deck;
    const std::string shown = d.language_for(lang);
    std::string title = d.title.in(shown);
    if (!l.origin.builtin) title += fmt::format(" ({})", l.origin.origin);
    out += fmt::format("{}{} {} {}\n", paint(style.label, pad(d.id, id_width + 2)),
                       pad(std::to_string(d.dilemmas.size()), 9),
                       pad(fmt::format("{}", fmt::join(d.languages, ",")), 7), title);
  }
  return out;
}

std::string list_text(const Deck& deck, const std::string& lang, const Style& style) {
  std::string out;
  out += fmt::format(style.heading, "{}", deck.title.in(lang));
  out +=
      paint(style.dim,
            fmt::format("  ({} v{}, {})\n", deck.id, deck.version,
                        i18n::count("dilemma", static_cast<std::int64_t>(deck.dilemmas.size()))));
  out += "\n";
  std::size_t id_width = 0;
  for (const auto& d : deck.dilemmas) id_width = std::max(id_width, utf8::length(d.id));
  id_width = std::min<std::size_t>(id_width, 24);
  const std::string indent(id_width + 4, ' ');
  for (const auto& d : deck.dilemmas) {
    out += "  " + paint(style.label, pad(d.id, id_width)) + "  ";
    out += d.title.in(lang) + "\n";
    out += wrap_indented(fmt::format("A: {}  |  B: {}", d.a.label.in(lang), d.b.label.in(lang)),
                         kWidth, indent);
    out += "\n";
  }
  out += "\n" + tr("list.needs") + " ";
  std::vector<std::string> needs;
  for (const auto& n : deck.needs) needs.push_back(n.name.in(lang));
  out += fmt::format("{}\n", fmt::join(needs, ", "));
  return out;
}

std::string show_text(const Deck& deck, const Dilemma& d, const std::string& lang,
                      const Style& style) {
  std::string out;
  out += fmt::format(style.heading, "{}", d.title.in(lang));
  out += paint(style.dim, fmt::format("  ({})", d.id)) + "\n\n";
  out += wrap_indented(d.question.in(lang), kWidth, "") + "\n";
  if (!d.purpose.empty())
    out += "\n" +
           wrap_indented(tr("show.purpose", fmt::arg("text", d.purpose.in(lang))), kWidth, "   ") +
           "\n";
  auto pole = [&](std::string_view letter, const Pole& p, fmt::text_style ts) {
    out += "\n" + paint(ts, fmt::format("{}  {}", letter, p.label.in(lang))) + "\n";
    for (const auto& u : p.upsides) out += wrap_indented("+ " + u.in(lang), kWidth, "   ") + "\n";
    for (const auto& u : p.downsides) out += wrap_indented("- " + u.in(lang), kWidth, "   ") + "\n";
    for (const auto& w : p.early_warnings)
      out += wrap_indented(tr("show.early_warning", fmt::arg("text", w.in(lang))), kWidth, "   ") +
             "\n";
    out += wrap_indented(tr("show.feeds", fmt::arg("needs", weights_line(p, deck, lang))), kWidth,
                         "   ") +
           "\n";
    if (!p.why.empty())
      out += paint(style.dim,
                   wrap_indented(tr("show.why", fmt::arg("why", p.why.in(lang))), kWidth, "   ")) +
             "\n";
  };
  pole("A", d.a, style.pole_a);
  pole("B", d.b, style.pole_b);
  if (!d.fear.empty())
    out += "\n" + wrap_indented(tr("show.fear", fmt::arg("text", d.fear.in(lang))), kWidth, "   ") +
           "\n";
  out += "\n" + paint(style.heading, tr("show.en_en")) + "\n";
  out += wrap_indented(d.en_en.in(lang), kWidth, "   ") + "\n";
  return out;
}

}  // namespace h2h::render
