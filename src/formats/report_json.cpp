#include "formats/report_json.hpp"

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
  if (!groups.empty()) {
    ordered_json list = ordered_json::array();
    for (const auto* g : groups) {
      ordered_json item = {{"name", g->name}};
      item.update(group_json(*g));
      list.push_back(item);
    }
    out["groups"] = list;
  }
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace h2h::formats

namespace h2h::formats {

namespace {

using nlohmann::json;

class ShardReader {
 public:
  ShardReader(const std::string& source, const Weights& w) : source_(source), w_(w) {}

  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw Error(ExitCode::invalid_data, Place{source_},
                i18n::tr("report_json.bad", fmt::arg("where", where), fmt::arg("what", what)));
  }

  const json& at(const json& obj, const char* key, const std::string& where) const {
    if (!obj.is_object() || !obj.contains(key))
      fail(where + "/" + key, i18n::tr("report_json.missing"));
    return obj.at(key);
  }

  std::int64_t integer(const json& obj, const char* key, const std::string& where) const {
    const json& v = at(obj, key, where);
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
      fail(where + "/" + key, i18n::tr("report_json.not_count"));
    return v.get<std::int64_t>();
  }

  Moments moments(const json& obj, const std::string& where) const {
    return Moments{integer(obj, "n", where), integer(obj, "sum", where),
                   integer(obj, "sumsq", where)};
  }

  void group(const json& g, report::Group& out, const std::string& where) const {
    out.tally.add_participant(integer(g, "participants", where));
    const json& dilemmas = at(g, "dilemmas", where);
    if (!dilemmas.is_array()) fail(where + "/dilemmas", i18n::tr("report_json.not_list"));
    for (std::size_t i = 0; i < dilemmas.size(); ++i) {
      const std::string here = where + "/dilemmas/" + std::to_string(i);
      const json& d = dilemmas[i];
      const json& id = at(d, "id", here);
      const auto index = id.is_string() ? w_.dilemma_index(id.get<std::string>()) : std::nullopt;
      if (!index)
        fail(here + "/id", i18n::tr("report_json.unknown_dilemma", fmt::arg("id", id.dump())));
      DilemmaTally& t = out.tally.dilemmas()[*index];
      t.a.merge(moments(at(d, "a", here), here + "/a"));
      t.b.merge(moments(at(d, "b", here), here + "/b"));
      const json& classes = at(d, "classes", here);
      for (int z = 0; z < kZoneCount; ++z)
        t.zones[static_cast<std::size_t>(z)] += integer(
            classes, std::string(zone_name(static_cast<Zone>(z))).c_str(), here + "/classes");
      t.sum_min += integer(d, "sum_min", here);
      const json& grid = at(d, "grid", here);
      if (!grid.is_array() || grid.size() != kGridSide)
        fail(here + "/grid", i18n::tr("report_json.not_grid"));
      for (std::size_t a = 0; a < kGridSide; ++a) {
        if (!grid[a].is_array() || grid[a].size() != kGridSide)
          fail(here + "/grid", i18n::tr("report_json.not_grid"));
        for (std::size_t b = 0; b < kGridSide; ++b) {
          if (!grid[a][b].is_number_integer())
            fail(here + "/grid", i18n::tr("report_json.not_grid"));
          t.cells[a][b] += grid[a][b].get<std::int64_t>();
        }
      }
      const json& needs = at(d, "needs", here);
      for (std::size_t k = 0; k < needs.size(); ++k) {
        const std::string nhere = here + "/needs/" + std::to_string(k);
        const auto need = need_of(at(needs[k], "id", nhere), nhere);
        t.needs[need].merge(
            {integer(needs[k], "numerator", nhere), integer(needs[k], "denominator", nhere)});
      }
    }
    const json& needs = at(g, "needs", where);
    if (!needs.is_array()) fail(where + "/needs", i18n::tr("report_json.not_list"));
    for (std::size_t k = 0; k < needs.size(); ++k) {
      const std::string here = where + "/needs/" + std::to_string(k);
      const auto need = need_of(at(needs[k], "id", here), here);
      NeedTally& t = out.tally.needs()[need];
      // The totals follow from the dilemmas' numerators and denominators.
      const json& checkin = at(needs[k], "checkin", here);
      if (!checkin.is_null()) t.checkin.merge(moments(checkin, here + "/checkin"));
    }
  }

 private:
  std::size_t need_of(const json& id, const std::string& where) const {
    const auto k = id.is_string() ? w_.need_index(id.get<std::string>()) : std::nullopt;
    if (!k) fail(where + "/id", i18n::tr("report_json.unknown_need", fmt::arg("id", id.dump())));
    return *k;
  }

  const std::string& source_;
  const Weights& w_;
};

json parse(std::string_view bytes, const std::string& source) {
  if (auto at = json_too_deep(bytes)) {
    const auto lc = utf8::locate(bytes, *at);
    throw Error(ExitCode::invalid_data, Place{source, lc.line, lc.column},
                i18n::tr("responses.json_too_deep", fmt::arg("max", kJsonDepth)));
  }
  try {
    return json::parse(bytes);
  } catch (const json::parse_error& e) {
    const auto lc = utf8::locate(bytes, e.byte > 0 ? e.byte - 1 : 0);
    throw Error(ExitCode::invalid_data, Place{source, lc.line, lc.column},
                i18n::tr("responses.bad_json", fmt::arg("reason", e.what())));
  } catch (const json::exception& e) {  // a number out of range, ...
    throw Error(ExitCode::invalid_data, Place{source},
                i18n::tr("responses.bad_json", fmt::arg("reason", e.what())));
  }
}

}  // namespace

std::string report_deck_id(std::string_view bytes) {
  if (json_too_deep(bytes)) return {};
  try {
    const json j = json::parse(bytes);
    if (j.is_object() && j.contains("deck") && j["deck"].is_object() && j["deck"].contains("id") &&
        j["deck"]["id"].is_string())
      return j["deck"]["id"].get<std::string>();
  } catch (const json::exception&) {
  }
  return {};
}

ReportShard report_from_json(std::string_view bytes, const std::string& source,
                             std::shared_ptr<const Weights> weights) {
  const json j = parse(bytes, source);
  ShardReader reader(source, *weights);
  if (!j.is_object() || !j.contains("schema") || j["schema"] != kReportSchema)
    reader.fail("/schema", i18n::tr("report_json.schema", fmt::arg("schema", kReportSchema)));
  const json& deck = reader.at(j, "deck", "");
  const json& id = reader.at(deck, "id", "/deck");
  if (!id.is_string()) reader.fail("/deck/id", i18n::tr("report_json.missing"));
  ReportShard shard{id.get<std::string>(), report::Group(weights, ""), {}};
  reader.group(j, shard.total, "");
  if (j.contains("groups")) {
    const json& groups = j["groups"];
    if (!groups.is_array()) reader.fail("/groups", i18n::tr("report_json.not_list"));
    for (std::size_t i = 0; i < groups.size(); ++i) {
      const std::string where = "/groups/" + std::to_string(i);
      const json& name = reader.at(groups[i], "name", where);
      shard.groups.emplace_back(weights, name.is_string() ? name.get<std::string>() : name.dump());
      reader.group(groups[i], shard.groups.back(), where);
    }
  }
  return shard;
}

}  // namespace h2h::formats
