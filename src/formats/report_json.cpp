#include "formats/report_json.hpp"

#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "formats/json_guard.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using nlohmann::ordered_json;

namespace {

ordered_json number(const std::optional<double>& x) {
  return x ? ordered_json(*x) : ordered_json(nullptr);
}

ordered_json pole(const Moments& m) {
  return {{"mean", number(m.mean())},
          {"sd", number(m.sd())},
          {"n", m.n},
          {"sum", m.sum},
          {"sumsq", m.sumsq}};
}

ordered_json action_json(const session::Action& a) {
  auto or_null = [](const std::string& s) {
    return s.empty() ? ordered_json(nullptr) : ordered_json(s);
  };
  return {{"text", a.text},
          {"who", or_null(a.who)},
          {"due", or_null(a.due)},
          {"outcome", a.outcome == "none" ? ordered_json(nullptr) : or_null(a.outcome)}};
}

ordered_json group_json(const report::Group& g) {
  const Tally& t = g.tally;
  const Weights& w = t.weights();
  const report::Reflection r = report::reflect(g);
  const Figures& f = r.figures;
  ordered_json dilemmas = ordered_json::array();
  for (std::size_t d = 0; d < f.dilemmas.size(); ++d) {
    const DilemmaFigures& df = f.dilemmas[d];
    const DilemmaTally& dt = t.dilemmas()[d];
    ordered_json classes = ordered_json::object();
    for (int z = 0; z < kZoneCount; ++z)
      classes[std::string(zone_name(static_cast<Zone>(z)))] = df.zones[static_cast<std::size_t>(z)];
    ordered_json needs = ordered_json::array();
    for (std::size_t k = 0; k < dt.needs.size(); ++k)
      needs.push_back({{"id", w.need_ids[k]},
                       {"score", number(df.need_scores[k])},
                       {"numerator", dt.needs[k].numerator},
                       {"denominator", dt.needs[k].denominator}});
    ordered_json grid = ordered_json::array();
    for (const auto& column : dt.cells) grid.push_back(column);
    const std::string_view pattern = report::pattern_name(r.patterns[d]);
    ordered_json actions = ordered_json::array();
    for (const auto& a : report::current_actions(g.actions[d])) actions.push_back(action_json(a));
    dilemmas.push_back(
        {{"id", df.id},
         {"n", df.n},
         {"a", pole(dt.a)},
         {"b", pole(dt.b)},
         {"classes", classes},
         {"spread", number(df.spread)},
         {"enen", number(df.enen)},
         {"sum_min", dt.sum_min},
         {"needs", needs},
         {"grid", grid},
         {"pattern", pattern.empty() ? ordered_json(nullptr) : ordered_json(std::string(pattern))},
         {"actions", actions},
         {"warnings", g.warnings[d]}});
  }
  ordered_json needs = ordered_json::array();
  for (std::size_t k = 0; k < f.needs.size(); ++k) {
    const NeedFigures& nf = f.needs[k];
    const NeedTally& nt = t.needs()[k];
    ordered_json checkin = nullptr;
    if (nf.checkin)
      checkin = {{"n", nf.checkin->n},
                 {"mean", nf.checkin->mean},
                 {"score", nf.checkin->score},
                 {"sum", nt.checkin.sum},
                 {"sumsq", nt.checkin.sumsq}};
    needs.push_back({{"id", nf.id},
                     {"score", number(nf.score)},
                     {"checkin", checkin},
                     {"numerator", t.need_total(k).numerator},
                     {"denominator", t.need_total(k).denominator}});
  }
  auto need_id = [&](const std::optional<std::size_t>& k) {
    return k ? ordered_json(w.need_ids[*k]) : ordered_json(nullptr);
  };
  return {{"participants", f.participants},
          {"answers", f.answers},
          {"dilemmas", dilemmas},
          {"needs", needs},
          {"stands_apart",
           {{"weight", need_id(r.least_weight)}, {"checkin", need_id(r.least_checkin)}}}};
}

}  // namespace

std::string report_to_json(const Deck& deck, const report::Group& total,
                           const std::vector<const report::Group*>& groups) {
  ordered_json out = {{"schema", kReportSchema},
                      {"deck", {{"id", deck.id}, {"version", deck.version}}}};
  out.update(group_json(total));
  // The response files the answers came from (not from session files).
  ordered_json files = ordered_json::array();
  for (const auto& f : total.files) {
    auto day = [](const std::string& d) {
      return d.empty() ? ordered_json(nullptr) : ordered_json(d);
    };
    files.push_back(
        {{"file", f.path},
         {"rows", f.rows},
         {"respondents", f.respondents},
         {"timestamp_column",
          f.timestamp_column.empty() ? ordered_json(nullptr) : ordered_json(f.timestamp_column)},
         {"first", day(f.first_day)},
         {"last", day(f.last_day)}});
  }
  out["files"] = std::move(files);
  if (!groups.empty()) {
    ordered_json list = ordered_json::array();
    for (const auto* g : groups) {
      ordered_json item = {{"name", g->name}};
      item.update(group_json(*g));
      list.push_back(std::move(item));
    }
    out["groups"] = std::move(list);
  }
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace h2h::formats

namespace h2h::formats {

std::string report_deck_id(std::string_view bytes) {
  if (json_too_deep(bytes)) return {};
  {
    // simdjson first (merging a thousand shards reads a thousand of them);
    // nlohmann-json for whatever simdjson does not take.
    static thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    const simdjson::padded_string padded(bytes);
    if (parser.parse(padded).get(root) == simdjson::SUCCESS) {
      std::string_view id;
      if (root["deck"]["id"].get_string().get(id) == simdjson::SUCCESS) return std::string(id);
      return {};
    }
  }
  try {
    const nlohmann::json j = nlohmann::json::parse(bytes);
    if (j.is_object() && j.contains("deck") && j["deck"].is_object() && j["deck"].contains("id") &&
        j["deck"]["id"].is_string())
      return j["deck"]["id"].get<std::string>();
  } catch (const nlohmann::json::exception&) {
  }
  return {};
}

}  // namespace h2h::formats
