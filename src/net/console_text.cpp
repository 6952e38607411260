#include "net/console_text.hpp"

#include <fmt/format.h>

#include <array>

#include "core/reveal.hpp"
#include "core/utf8.hpp"
#include "i18n/i18n.hpp"
#include "render/grid_text.hpp"
#include "render/layout.hpp"
#include "render/safe_text.hpp"
#include "render/session_text.hpp"

namespace h2h::net {

using i18n::tr;

namespace {
// The status is printed again at most this often while answers come in.
constexpr auto kStatusEvery = std::chrono::seconds(3);
}  // namespace

namespace {
// Drops the last paragraph (how to answer at the terminal).
std::string without_last_paragraph(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  const auto cut = end == std::string::npos ? std::string::npos : text.rfind("\n\n", end);
  return cut == std::string::npos ? text : text.substr(0, cut + 2);
}
}  // namespace

std::string served_opening(const Deck& deck, const session::Record& r, const render::Style& style) {
  return without_last_paragraph(render::session_opening(deck, r, style)) +
         render::paint(style.dim, render::wrap_indented(
                                      tr(r.anonymous ? "serve.promise_anonymous" : "serve.promise"),
                                      render::kWidth, "")) +
         "\n";
}

std::string served_card(const Deck& deck, const session::Record& r, std::size_t d,
                        const render::Style& style) {
  const Dilemma* dl = deck.find_dilemma(r.dilemmas[d]);
  return without_last_paragraph(render::dilemma_card(deck, *dl, d + 1, r.dilemmas.size(),
                                                     deck.language_for(r.language), style)) +
         render::wrap_indented(tr("serve.answer_on_phones"), render::kWidth, "") + "\n";
}

std::string Console::status(std::size_t d, Room::Clock::time_point now) const {
  const auto& r = s_.record;
  const Reveal so_far = reveal_of(weights_, r, d);
  const std::size_t answered = r.participants.size() - so_far.unanswered.size();
  std::vector<std::string> missing;
  for (const std::size_t p : so_far.unanswered) {
    std::string name = render::visible(r.participants[p].name);
    if (room_.away(p, now)) name += " " + tr("serve.away");
    missing.push_back(name);
  }
  std::string line =
      tr("serve.status", fmt::arg("answered", answered), fmt::arg("joined", r.participants.size()));
  if (missing.empty()) return line;
  // Who is still missing, as many as fit one 80-column line, then "+N".
  line += " " + tr("serve.missing") + " ";
  for (std::size_t i = 0; i < missing.size(); ++i) {
    const std::string more = fmt::format(" +{}", missing.size() - i);
    const std::string item = (i ? ", " : "") + missing[i];
    const bool last = i + 1 == missing.size();
    if (utf8::length(line + item) + (last ? 0 : more.size()) > kConsoleWidth) {
      line += fmt::format("{}+{}", i ? ", " : "", missing.size() - i);
      break;
    }
    line += item;
  }
  return line;
}

std::string Console::codes(Room::Clock::time_point now) const {
  const auto& r = s_.record;
  if (r.participants.empty()) return tr("serve.nobody_yet") + "\n";
  std::vector<std::string> cells;
  std::size_t width = 0;
  for (std::size_t p = 0; p < r.participants.size(); ++p) {
    std::string name = render::visible(r.participants[p].name);
    name = render::cut(name, 20);
    std::string cell = room_.rejoin_code_of(p) + "  " + name;
    if (room_.away(p, now)) cell += " " + tr("serve.away");
    width = std::max(width, utf8::length(cell));
    cells.push_back(std::move(cell));
  }
  const std::size_t columns = std::max<std::size_t>(1, (kConsoleWidth + 2) / (width + 2));
  std::string out = tr("serve.codes_heading") + "\n";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const bool end = (i + 1) % columns == 0 || i + 1 == cells.size();
    out += end ? cells[i] + "\n" : render::pad(cells[i], width + 2);
  }
  return out;
}

std::string Console::reveal(std::size_t d) const {
  const auto& r = s_.record;
  if (r.participants.size() < kSummaryFrom) return render::reveal_text(deck_, r, d, style_);
  // A room: the grid with counts, the zones and the figures, never a row per person.
  const std::string& id = r.dilemmas[d];
  const Dilemma* dl = deck_.find_dilemma(id);
  const std::string lang = deck_.language_for(r.language);
  const Reveal reveal = reveal_of(weights_, r, d);
  const auto& zones = reveal.figures.zones;
  auto one = [](std::optional<double> x) { return x ? i18n::decimal(*x, 1) : std::string("-"); };
  std::string out = render::paint(
      style_.heading,
      tr("run.reveal_heading", fmt::arg("title", render::visible(dl ? dl->title.in(lang) : id))));
  out += "\n\n" + render::grid_text(render::count_labels(reveal.cells), style_) + "\n";
  std::string zone_line;
  for (int z = 0; z < kZoneCount; ++z) {
    const std::string item =
        fmt::format("{} {}", tr("zone." + std::string(zone_name(static_cast<Zone>(z)))),
                    zones[static_cast<std::size_t>(z)]);
    if (utf8::length(zone_line) + item.size() + 3 > kConsoleWidth) {
      out += zone_line + "\n";
      zone_line.clear();
    }
    zone_line += (zone_line.empty() ? "" : " | ") + item;
  }
  out += zone_line + "\n";
  out += tr("serve.figures", fmt::arg("n", reveal.figures.n),
            fmt::arg("a", one(reveal.figures.mean_a)), fmt::arg("b", one(reveal.figures.mean_b)),
            fmt::arg("spread", one(reveal.figures.spread))) +
         "\n";
  return out;
}

std::string Console::changes(Room::Clock::time_point now) {
  const auto& r = s_.record;
  const auto d = session::open_dilemma(s_);
  if (!d) return {};
  std::string out;
  if (announced_ != d) {
    announced_ = d;
    reveal_shown_ = false;
    out += served_card(deck_, r, *d, style_) + "\n";
    // A follow-up: where the team stood last time.
    if (std::string then = render::then_text(deck_, r, *d, style_); !then.empty())
      out += then + "\n";
    last_status_.clear();
  }
  const auto at = session::position(s_);
  if (at.kind == session::Position::Kind::outcome && asked_ != at.item) {
    asked_ = at.item;
    out += tr("run.prompt_outcome",
              fmt::arg("action", render::visible(render::action_text(r.actions.at(at.item))))) +
           "\n";
  }
  if (s_.discussing == d && !reveal_shown_) {
    reveal_shown_ = true;
    out += reveal(*d) + "\n" + tr("serve.after_reveal") + "\n";
  } else if (s_.discussing != d && reveal_shown_) {
    reveal_shown_ = false;
    out += tr("serve.reopened") + "\n";
  }
  if (s_.discussing != d) {
    const std::string line = status(*d, now);
    // Answers stream in: print when changed, at most every few seconds, and
    // at once when everyone has answered.
    const bool all = line.find(tr("serve.missing")) == std::string::npos;
    if (line != last_status_ && (all || now - status_at_ >= kStatusEvery)) {
      last_status_ = line;
      status_at_ = now;
      out += line + "\n";
    }
  }
  shown_version_ = room_.version();
  return out;
}

}  // namespace h2h::net
