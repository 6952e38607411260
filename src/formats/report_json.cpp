#include "formats/report_json.hpp"

#include <nlohmann/json.hpp>

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

ordered_json group_json(const report::Group& g) {
  const Tally& t = g.tally;
  const Weights& w = t.weights();
  const Figures f = t.figures();
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
    dilemmas.push_back({{"id", df.id},
                        {"n", df.n},
                        {"a", pole(dt.a)},
                        {"b", pole(dt.b)},
                        {"classes", classes},
                        {"spread", number(df.spread)},
                        {"enen", number(df.enen)},
                        {"sum_min", dt.sum_min},
                        {"needs", needs},
                        {"grid", grid}});
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
                     {"numerator", nt.total.numerator},
                     {"denominator", nt.total.denominator}});
  }
  return {{"participants", f.participants},
          {"answers", f.answers},
          {"dilemmas", dilemmas},
          {"needs", needs}};
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
