#include "net/views.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/reveal.hpp"
#include "i18n/i18n.hpp"
#include "render/session_text.hpp"

namespace h2h::net {

using i18n::tr;
using nlohmann::json;

namespace {

json one_decimal(std::optional<double> x) {
  if (!x) return nullptr;
  return std::round(*x * 10) / 10;
}

std::string text(const Text& t, const std::string& lang) {
  return t.in(lang);
}

json dilemma_json(const ViewContext& v, std::size_t d, bool upsides) {
  const auto& r = v.state.record;
  const Dilemma* dl = v.deck.find_dilemma(r.dilemmas[d]);
  const std::string lang = v.deck.language_for(r.language);
  json out = {{"id", dl->id},
              {"number", d + 1},
              {"count", r.dilemmas.size()},
              {"title", text(dl->title, lang)},
              {"question", text(dl->question, lang)},
              {"a", text(dl->a.label, lang)},
              {"b", text(dl->b.label, lang)}};
  auto texts = [&](const std::vector<Text>& list) {
    json out = json::array();
    for (const auto& t : list) out.push_back(text(t, lang));
    return out;
  };
  if (upsides) {
    out["a_upsides"] = texts(dl->a.upsides);
    out["b_upsides"] = texts(dl->b.upsides);
  }
  // The polarity map, shown on the phones after the reveal.
  auto pole = [&](const Pole& p) {
    return json{{"label", text(p.label, lang)},
                {"upsides", texts(p.upsides)},
                {"downsides", texts(p.downsides)},
                {"early_warnings", texts(p.early_warnings)}};
  };
  out["map"] = {{"purpose", dl->purpose.empty() ? std::string() : text(dl->purpose, lang)},
                {"fear", dl->fear.empty() ? std::string() : text(dl->fear, lang)},
                {"a", pole(dl->a)},
                {"b", pole(dl->b)}};
  return out;
}

const CheckinItem* checkin_item(const Deck& deck, const std::string& id) {
  for (const auto& c : deck.checkin)
    if (c.id == id) return &c;
  return nullptr;
}

json zone_labels() {
  json out = json::object();
  for (int z = 0; z < kZoneCount; ++z) {
    const std::string name(zone_name(static_cast<Zone>(z)));
    out[name] = tr("zone." + name);
  }
  return out;
}

}  // namespace

std::string phase(const ViewContext& v) {
  const auto d = session::open_dilemma(v.state);
  if (!d) return "done";
  if (v.ended) return "ended";
  return v.state.discussing == d ? "revealed" : "open";
}

json zone_map() {
  json rows = json::array();
  for (int a = kAnswerMin; a <= kAnswerMax; ++a) {
    json row = json::array();
    for (int b = kAnswerMin; b <= kAnswerMax; ++b) row.push_back(zone_name(zone_of({a, b})));
    rows.push_back(row);
  }
  return rows;
}

json reveal_view(const ViewContext& v, std::size_t d) {
  const auto& r = v.state.record;
  const std::string& id = r.dilemmas[d];
  const Dilemma* dl = v.deck.find_dilemma(id);
  const std::string lang = v.deck.language_for(r.language);
  const Reveal reveal = reveal_of(v.weights, r, d);
  json dots = json::array(), rows = json::array(), ideas = json::array();
  const auto labels = session::initials(r.participants);
  for (const auto& dot : reveal.dots) {
    const std::string zone(zone_name(dot.zone));
    dots.push_back({{"a", dot.point.a}, {"b", dot.point.b}, {"zone", zone}});
    if (v.show_names)
      rows.push_back(
          {{"label", labels[dot.participant] + " " + r.participants[dot.participant].name},
           {"a", dot.point.a},
           {"b", dot.point.b},
           {"zone", tr("zone." + zone)}});
  }
  for (const auto& [who, idea] : reveal.ideas) ideas.push_back(idea);
  // In no order that tells who is who: by position, ideas alphabetically.
  std::sort(dots.begin(), dots.end(), [](const json& x, const json& y) {
    return std::pair(x["a"].get<int>(), x["b"].get<int>()) <
           std::pair(y["a"].get<int>(), y["b"].get<int>());
  });
  std::sort(ideas.begin(), ideas.end());
  const DilemmaFigures& f = reveal.figures;
  json zones = json::object();
  for (int z = 0; z < kZoneCount; ++z)
    zones[std::string(zone_name(static_cast<Zone>(z)))] = f.zones[static_cast<std::size_t>(z)];
  auto shown = [](std::optional<double> x) { return x ? i18n::decimal(*x, 1) : std::string("-"); };
  json out = {{"n", f.n},
              {"dots", dots},
              {"zones", zones},
              {"zone_labels", zone_labels()},
              {"mean_a", one_decimal(f.mean_a)},
              {"mean_b", one_decimal(f.mean_b)},
              {"spread", one_decimal(f.spread)},
              {"enen", one_decimal(f.enen)},
              {"figures", tr("serve.figures", fmt::arg("n", f.n), fmt::arg("a", shown(f.mean_a)),
                             fmt::arg("b", shown(f.mean_b)), fmt::arg("spread", shown(f.spread)))},
              {"en_en", dl ? text(dl->en_en, lang) : std::string()},
              {"ideas", ideas}};
  if (v.show_names) out["rows"] = rows;
  return out;
}

json phone_view(const ViewContext& v, std::optional<std::size_t> me, bool with_reveal) {
  json out = {{"joined", me.has_value()}};
  if (!me) return out;
  const auto& r = v.state.record;
  out["name"] = r.participants[*me].name;
  out["phase"] = phase(v);
  const auto d = session::open_dilemma(v.state);
  if (!d || v.ended) return out;
  if (const auto item = session::checkin_item_of(v.state, *me)) {
    // The check-in comes first, one statement at a time.
    const auto* c = checkin_item(v.deck, r.checkin_items[*item]);
    out["phase"] = "checkin";
    out["checkin"] = {{"item", r.checkin_items[*item]},
                      {"number", *item + 1},
                      {"count", r.checkin_items.size()},
                      {"statement", c ? text(c->text, v.deck.language_for(r.language)) : ""}};
    return out;
  }
  out["dilemma"] = dilemma_json(v, *d, true);
  const auto* mine = r.response(r.dilemmas[*d], r.participants[*me].id);
  out["answer"] = mine && mine->point
                      ? json{{"a", mine->point->a}, {"b", mine->point->b}, {"idea", mine->idea}}
                      : json(nullptr);
  if (with_reveal && out["phase"] == "revealed") out["reveal"] = reveal_view(v, *d);
  return out;
}

json screen_view(const ViewContext& v, int remaining_seconds) {
  const auto& r = v.state.record;
  json out = {{"phase", phase(v)}, {"joined", r.participants.size()}};
  const auto d = session::open_dilemma(v.state);
  if (!d) {
    out["summary"] = render::session_summary(v.deck, r, render::Style::plain());
    return out;
  }
  out["dilemma"] = dilemma_json(v, *d, true);
  const Reveal now = reveal_of(v.weights, r, *d);  // counts only: nothing of it is sent
  out["answered"] = r.participants.size() - now.unanswered.size();
  if (!r.checkin_items.empty() && *d == 0 && v.state.discussing != d) {
    std::size_t checked_in = 0;
    for (std::size_t p = 0; p < r.participants.size(); ++p)
      checked_in += session::checkin_item_of(v.state, p) ? 0 : 1;
    out["checked_in"] = checked_in;
  }
  out["remaining"] = remaining_seconds >= 0 ? json(remaining_seconds) : json(nullptr);
  if (out["phase"] == "revealed") {
    out["reveal"] = reveal_view(v, *d);
    out["map_shown"] = v.map_shown;
  }
  return out;
}

}  // namespace h2h::net
