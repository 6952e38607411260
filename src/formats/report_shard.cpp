// A report's own JSON read back for merging shards, checked like a session
// file: every value of the right type and range, the deck and its version
// the same, and every sum that follows from another agreeing with it. The
// grid of a dilemma (how many answers fell on each point) determines all of
// its counts, sums, classes and need figures, so those are recomputed from
// it and compared; the groups must add up to the total. Every problem is
// reported with its JSON path, and nothing of a shard is merged unless all
// of it holds.
#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "formats/json_text.hpp"
#include "formats/report_json.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

namespace {

using i18n::tr;
using nlohmann::json;

// Per shard, every count is at most limits::kReportCount (10^12), so that no
// sum or sum of squares of one shard comes near the int64 range; merging
// shards is overflow-checked in the Tally.
class ShardReader {
 public:
  ShardReader(const std::string& source, const Deck& deck, const Weights& w)
      : source_(source), deck_(deck), w_(w) {}

  void problem(const std::string& where, std::string what) {
    if (problems_.size() < 100)
      problems_.push_back({Place{source_}, tr("report_json.bad", fmt::arg("where", where),
                                              fmt::arg("what", std::move(what)))});
  }
  void throw_if_any() {
    if (!problems_.empty()) throw Error(ExitCode::invalid_data, std::move(problems_));
  }

  const json* member(const json& obj, const char* key, const std::string& where) {
    if (!obj.is_object()) {
      problem(where, tr("report_json.not_object"));
      return nullptr;
    }
    auto it = obj.find(key);
    if (it == obj.end()) {
      problem(json_pointer(where, key), tr("report_json.missing"));
      return nullptr;
    }
    return &*it;
  }

  std::optional<std::int64_t> count(const json& obj, const char* key, const std::string& where) {
    const json* v = member(obj, key, where);
    if (v == nullptr) return std::nullopt;
    const auto max = static_cast<std::int64_t>(limits::kReportCount);
    if (v->is_number_unsigned() && v->get<std::uint64_t>() <= limits::kReportCount)
      return v->get<std::int64_t>();
    if (v->is_number_integer() && v->get<std::int64_t>() >= 0 && v->get<std::int64_t>() <= max)
      return v->get<std::int64_t>();
    problem(json_pointer(where, key), tr("report_json.not_count", fmt::arg("max", max)));
    return std::nullopt;
  }

  // A count that follows from the rest of the report.
  void agree(const json& obj, const char* key, const std::string& where, std::int64_t expected) {
    const auto v = count(obj, key, where);
    if (v && *v != expected)
      problem(json_pointer(where, key),
              tr("report_json.disagrees", fmt::arg("value", *v), fmt::arg("expected", expected)));
  }

  // A figure (mean, sd, score, ...) that follows from the sums: a number
  // equal to it, or null when there is none.
  void figure(const json& obj, const char* key, const std::string& where,
              std::optional<double> expected) {
    const json* v = member(obj, key, where);
    if (v == nullptr) return;
    if (!v->is_null() && !v->is_number()) {
      problem(json_pointer(where, key), tr("report_json.not_number"));
      return;
    }
    const bool same = v->is_null() ? !expected
                                   : expected && std::abs(v->get<double>() - *expected) <=
                                                     1e-9 * std::max(1.0, std::abs(*expected));
    if (!same)
      problem(json_pointer(where, key),
              tr("report_json.disagrees", fmt::arg("value", v->dump()),
                 fmt::arg("expected", expected ? fmt::format("{}", *expected) : "null")));
  }

  const json* list(const json& obj, const char* key, const std::string& where) {
    const json* v = member(obj, key, where);
    if (v != nullptr && !v->is_array()) {
      problem(json_pointer(where, key), tr("report_json.not_list"));
      return nullptr;
    }
    return v;
  }

  // The id of a dilemma or need, known to the deck and not seen before in
  // this list.
  std::optional<std::size_t> id_in(const json& item, const std::string& where, bool dilemma,
                                   std::vector<std::string>& first_seen) {
    const json* id = member(item, "id", where);
    if (id == nullptr) return std::nullopt;
    const auto index = !id->is_string() ? std::nullopt
                       : dilemma        ? w_.dilemma_index(id->get<std::string>())
                                        : w_.need_index(id->get<std::string>());
    if (!index) {
      problem(json_pointer(where, "id"),
              tr(dilemma ? "report_json.unknown_dilemma" : "report_json.unknown_need",
                 fmt::arg("id", visible_json(*id)), fmt::arg("deck", deck_.id)));
      return std::nullopt;
    }
    if (!first_seen[*index].empty()) {
      problem(json_pointer(where, "id"), tr("report_json.twice", fmt::arg("id", visible_json(*id)),
                                            fmt::arg("first", first_seen[*index])));
      return std::nullopt;
    }
    first_seen[*index] = where;
    return index;
  }

  // The tally of one dilemma, from its grid; nothing when the grid is wrong.
  std::optional<DilemmaTally> from_grid(const json& d, std::size_t index,
                                        const std::string& where) {
    const json* grid = member(d, "grid", where);
    if (grid == nullptr) return std::nullopt;
    if (!grid->is_array() || grid->size() != kGridSide) {
      problem(json_pointer(where, "grid"), tr("report_json.not_grid"));
      return std::nullopt;
    }
    DilemmaTally t;
    t.needs.resize(w_.need_ids.size());
    const auto& row = w_.poles[index];
    const std::string at = json_pointer(where, "grid");
    bool ok = true;
    for (std::size_t a = 0; a < kGridSide; ++a) {
      const json& column = (*grid)[a];
      if (!column.is_array() || column.size() != kGridSide) {
        problem(json_pointer(at, a), tr("report_json.not_grid"));
        ok = false;
        continue;
      }
      for (std::size_t b = 0; b < kGridSide; ++b) {
        const auto c = count(column, b, json_pointer(at, a));
        if (!c) {
          ok = false;
          continue;
        }
        const int pa = static_cast<int>(a) + kAnswerMin, pb = static_cast<int>(b) + kAnswerMin;
        t.cells[a][b] = *c;
        t.a.n += *c;
        t.a.sum += *c * pa;
        t.a.sumsq += *c * pa * pa;
        t.b.n += *c;
        t.b.sum += *c * pb;
        t.b.sumsq += *c * pb * pb;
        t.zones[static_cast<std::size_t>(zone_of(Point{pa, pb}))] += *c;
        t.sum_min += *c * std::min(pa, pb);
        for (std::size_t k = 0; k < row.size(); ++k) {
          t.needs[k].numerator += *c * (pa * row[k][0] + pb * row[k][1]);
          t.needs[k].denominator += *c * kAnswerMax * (row[k][0] + row[k][1]);
        }
      }
    }
    if (!ok) return std::nullopt;
    return t;
  }

  void pole(const json& d, const char* key, const std::string& where, const Moments& m) {
    const json* p = member(d, key, where);
    if (p == nullptr) return;
    const std::string at = json_pointer(where, key);
    agree(*p, "n", at, m.n);
    agree(*p, "sum", at, m.sum);
    agree(*p, "sumsq", at, m.sumsq);
    figure(*p, "mean", at, m.mean());
    figure(*p, "sd", at, m.sd());
  }

  void dilemma(const json& d, const std::string& here, std::vector<std::string>& seen,
               report::Group& out) {
    const auto index = id_in(d, here, true, seen);
    if (!index) return;
    const auto t = from_grid(d, *index, here);
    if (!t) return;
    agree(d, "n", here, t->a.n);
    pole(d, "a", here, t->a);
    pole(d, "b", here, t->b);
    if (const json* classes = member(d, "classes", here))
      for (int z = 0; z < kZoneCount; ++z)
        agree(*classes, std::string(zone_name(static_cast<Zone>(z))).c_str(),
              json_pointer(here, "classes"), t->zones[static_cast<std::size_t>(z)]);
    agree(d, "sum_min", here, t->sum_min);
    const auto sd_a = t->a.sd(), sd_b = t->b.sd();
    figure(d, "spread", here, sd_a && sd_b ? std::optional((*sd_a + *sd_b) / 2) : std::nullopt);
    figure(d, "enen", here,
           t->a.n > 0 ? std::optional(static_cast<double>(t->sum_min) / static_cast<double>(t->a.n))
                      : std::nullopt);
    if (const json* needs = list(d, "needs", here)) {
      std::vector<std::string> needs_seen(w_.need_ids.size());
      for (std::size_t i = 0; i < needs->size(); ++i) {
        const std::string at = json_pointer(json_pointer(here, "needs"), i);
        const auto k = id_in((*needs)[i], at, false, needs_seen);
        if (!k) continue;
        const Nourishment& n = t->needs[*k];
        agree((*needs)[i], "numerator", at, n.numerator);
        agree((*needs)[i], "denominator", at, n.denominator);
        figure((*needs)[i], "score", at, score(n));
      }
    }
    out.tally.dilemmas()[*index] = *t;
    agreements(d, here, *index, out);
  }

  // Optional (added with action steps): what the team agreed, carried into
  // a merged report. An action with an outcome is one followed up.
  void agreements(const json& d, const std::string& here, std::size_t index, report::Group& out) {
    auto text = [&](const json& v, const std::string& at,
                    bool nullable) -> std::optional<std::string> {
      if (nullable && v.is_null()) return std::string();
      if (!v.is_string() || v.get<std::string>().empty() ||
          v.get<std::string>().size() > limits::kTextChars * 4) {
        problem(at, tr("report_json.not_text"));
        return std::nullopt;
      }
      return v.get<std::string>();
    };
    if (d.is_object() && d.contains("actions")) {
      const json* actions = list(d, "actions", here);
      for (std::size_t i = 0; actions != nullptr && i < actions->size(); ++i) {
        const std::string at = json_pointer(json_pointer(here, "actions"), i);
        const json& a = (*actions)[i];
        const json* t = member(a, "text", at);
        if (t == nullptr) continue;
        session::Action action;
        action.dilemma = w_.dilemma_ids[index];
        const auto main = text(*t, json_pointer(at, "text"), false);
        if (!main) continue;
        action.text = *main;
        bool ok = true;
        for (const char* key : {"who", "due", "outcome"}) {
          if (!a.contains(key)) continue;
          const auto v = text(a[key], json_pointer(at, key), true);
          if (!v) {
            ok = false;
            continue;
          }
          (key[0] == 'w' ? action.who : key[0] == 'd' ? action.due : action.outcome) = *v;
        }
        if (!action.outcome.empty() && action.outcome != "done" && action.outcome != "partly" &&
            action.outcome != "not") {
          problem(json_pointer(at, "outcome"), tr("report_json.not_outcome"));
          ok = false;
        }
        action.earlier = !action.outcome.empty();
        if (ok) out.actions[index].push_back(std::move(action));
      }
    }
    if (d.is_object() && d.contains("warnings")) {
      const json* warnings = list(d, "warnings", here);
      for (std::size_t i = 0; warnings != nullptr && i < warnings->size(); ++i)
        if (auto w = text((*warnings)[i], json_pointer(json_pointer(here, "warnings"), i), false))
          out.warnings[index].push_back(*w);
    }
  }

  void checkin(const json& c, const std::string& at, Moments& out) {
    const auto n = count(c, "n", at), sum = count(c, "sum", at), sumsq = count(c, "sumsq", at);
    if (!n || !sum || !sumsq) return;
    // Ratings 1..5: n <= sum <= 5n, n <= sumsq <= 25n, and n*sumsq >= sum^2.
    if (*sum < *n || *sum > 5 * *n || *sumsq < *n || *sumsq > 25 * *n ||
        static_cast<Wide>(*n) * *sumsq < static_cast<Wide>(*sum) * *sum) {
      problem(at, tr("report_json.checkin_range"));
      return;
    }
    out = Moments{*n, *sum, *sumsq};
    figure(c, "mean", at, out.mean());
    const auto mean = out.mean();
    figure(c, "score", at, mean ? std::optional(100.0 * (*mean - 1) / 4) : std::nullopt);
  }

  void group(const json& g, report::Group& out, const std::string& where) {
    if (!g.is_object()) return problem(where.empty() ? "/" : where, tr("report_json.not_object"));
    const auto participants = count(g, "participants", where);
    if (participants) out.tally.add_participant(*participants);
    std::int64_t answers = 0;
    bool dilemmas_ok = false;
    if (const json* dilemmas = list(g, "dilemmas", where)) {
      dilemmas_ok = true;
      std::vector<std::string> seen(w_.dilemma_ids.size());
      const std::size_t before = problems_.size();
      for (std::size_t i = 0; i < dilemmas->size(); ++i)
        dilemma((*dilemmas)[i], json_pointer(json_pointer(where, "dilemmas"), i), seen, out);
      dilemmas_ok = problems_.size() == before;
      for (std::size_t d = 0; d < seen.size(); ++d) {
        const std::int64_t n = out.tally.dilemmas()[d].a.n;
        answers += n;
        if (participants && n > *participants)
          problem(seen[d], tr("report_json.more_answers", fmt::arg("n", n),
                              fmt::arg("participants", *participants)));
      }
    }
    if (dilemmas_ok) agree(g, "answers", where, answers);
    const json* needs = list(g, "needs", where);
    if (needs == nullptr) return;
    std::vector<std::string> seen(w_.need_ids.size());
    for (std::size_t i = 0; i < needs->size(); ++i) {
      const std::string at = json_pointer(json_pointer(where, "needs"), i);
      const auto k = id_in((*needs)[i], at, false, seen);
      if (!k) continue;
      if (const json* c = member((*needs)[i], "checkin", at); c != nullptr && !c->is_null())
        checkin(*c, json_pointer(at, "checkin"), out.tally.needs()[*k].checkin);
      if (!dilemmas_ok) continue;
      const Nourishment total = out.tally.need_total(*k);
      agree((*needs)[i], "numerator", at, total.numerator);
      agree((*needs)[i], "denominator", at, total.denominator);
      figure((*needs)[i], "score", at, score(total));
    }
  }

  // The groups of a report split its answers: together they are the total.
  void groups_add_up(const report::Group& total, const std::vector<report::Group>& groups) {
    Tally sum(std::make_shared<const Weights>(w_));
    for (const auto& g : groups) sum.merge(g.tally);  // each within the per-shard cap
    if (sum.participants() != total.tally.participants())
      problem("/groups", tr("report_json.groups_disagree", fmt::arg("what", "participants"),
                            fmt::arg("sum", sum.participants()),
                            fmt::arg("total", total.tally.participants())));
    for (std::size_t d = 0; d < w_.dilemma_ids.size(); ++d)
      if (sum.dilemmas()[d].cells != total.tally.dilemmas()[d].cells)
        problem("/groups",
                tr("report_json.groups_disagree", fmt::arg("what", w_.dilemma_ids[d] + " grid"),
                   fmt::arg("sum", sum.dilemmas()[d].a.n),
                   fmt::arg("total", total.tally.dilemmas()[d].a.n)));
    for (std::size_t k = 0; k < w_.need_ids.size(); ++k) {
      const Moments& x = sum.needs()[k].checkin;
      const Moments& y = total.tally.needs()[k].checkin;
      if (x.n != y.n || x.sum != y.sum || x.sumsq != y.sumsq)
        problem("/groups",
                tr("report_json.groups_disagree", fmt::arg("what", w_.need_ids[k] + " check-in"),
                   fmt::arg("sum", x.n), fmt::arg("total", y.n)));
    }
  }

  // The response files a report was made from (optional: reports of
  // sessions, and those written before, have none).
  void files(const json& j, report::Group& out) {
    auto it = j.find("files");
    if (it == j.end()) return;
    if (!it->is_array()) return problem("/files", tr("report_json.not_list"));
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string at = json_pointer("/files", i);
      const json& f = (*it)[i];
      auto string = [&](const char* key, bool nullable) -> std::string {
        const json* v = member(f, key, at);
        if (v == nullptr || (nullable && v->is_null())) return {};
        if (!v->is_string() || v->get<std::string>().size() > limits::kTextChars * 4) {
          problem(json_pointer(at, key), tr("report_json.not_text"));
          return {};
        }
        return v->get<std::string>();
      };
      report::SourceFile file;
      file.path = string("file", false);
      file.rows = count(f, "rows", at).value_or(0);
      file.respondents = count(f, "respondents", at).value_or(0);
      file.timestamp_column = string("timestamp_column", true);
      file.first_day = string("first", true);
      file.last_day = string("last", true);
      out.files.push_back(std::move(file));
    }
  }

  bool has_problems() const { return !problems_.empty(); }

 private:
  std::optional<std::int64_t> count(const json& array, std::size_t i, const std::string& where) {
    const json& v = array[i];
    if ((v.is_number_unsigned() && v.get<std::uint64_t>() <= limits::kReportCount) ||
        (v.is_number_integer() && v.get<std::int64_t>() >= 0 &&
         v.get<std::int64_t>() <= static_cast<std::int64_t>(limits::kReportCount)))
      return v.get<std::int64_t>();
    problem(json_pointer(where, i),
            tr("report_json.not_count", fmt::arg("max", limits::kReportCount)));
    return std::nullopt;
  }

  static std::optional<double> score(const Nourishment& n) {
    if (n.denominator <= 0) return std::nullopt;
    return 100.0 * static_cast<double>(n.numerator) / static_cast<double>(n.denominator);
  }

  // A value from the file as it may be shown: JSON text, control characters
  // escaped by the writer, shortened.
  static std::string visible_json(const json& v) {
    std::string s = v.dump(-1, ' ', true, json::error_handler_t::replace);
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
  }

  const std::string& source_;
  const Deck& deck_;
  const Weights& w_;
  std::vector<Problem> problems_;
};

}  // namespace

ReportShard report_from_json(std::string_view bytes, const std::string& source, const Deck& deck,
                             std::shared_ptr<const Weights> weights) {
  if (bytes.size() > limits::kSessionBytes)
    throw Error(ExitCode::invalid_data, Place{source},
                tr("file.too_large", fmt::arg("max", limits::kSessionBytes)));
  const json j = parse_json_document(bytes, source);
  ShardReader reader(source, deck, *weights);
  if (!j.is_object() || !j.contains("schema") || j["schema"] != kReportSchema) {
    reader.problem("/schema", tr("report_json.schema", fmt::arg("schema", kReportSchema)));
    reader.throw_if_any();
  }
  // The deck first: another deck or version makes every other check moot.
  std::string id;
  if (const json* d = reader.member(j, "deck", "")) {
    const json* i = reader.member(*d, "id", "/deck");
    const json* v = reader.member(*d, "version", "/deck");
    if (i != nullptr && !i->is_string()) reader.problem("/deck/id", tr("report_json.not_text"));
    if (v != nullptr && !v->is_number_integer())
      reader.problem("/deck/version", tr("report_json.not_version"));
    if (!reader.has_problems()) {
      id = i->get<std::string>();
      if (id != deck.id)
        reader.problem("/deck/id", tr("run.resume_other_deck", fmt::arg("deck", id.substr(0, 64)),
                                      fmt::arg("given", deck.id)));
      else if (v->get<std::int64_t>() != deck.version)
        reader.problem("/deck/version",
                       tr("report_json.other_version", fmt::arg("version", v->dump()),
                          fmt::arg("deck", deck.id), fmt::arg("now", deck.version)));
    }
  }
  reader.throw_if_any();
  ReportShard shard{id, report::Group(weights, ""), {}};
  reader.group(j, shard.total, "");
  reader.files(j, shard.total);
  if (auto it = j.find("groups"); it != j.end()) {
    if (!it->is_array()) reader.problem("/groups", tr("report_json.not_list"));
    const std::size_t max = limits::max_groups(weights->dilemma_ids.size());
    if (it->is_array() && it->size() > max)
      reader.problem("/groups", tr("report.too_many_groups", fmt::arg("max", max)));
    reader.throw_if_any();
    for (std::size_t i = 0; it->is_array() && i < it->size(); ++i) {
      const std::string where = json_pointer("/groups", i);
      const json* name = reader.member((*it)[i], "name", where);
      if (name != nullptr && !name->is_string())
        reader.problem(json_pointer(where, "name"), tr("report_json.not_text"));
      shard.groups.emplace_back(
          weights, name != nullptr && name->is_string() ? name->get<std::string>() : std::string());
      reader.group((*it)[i], shard.groups.back(), where);
    }
    if (!reader.has_problems() && !shard.groups.empty())
      reader.groups_add_up(shard.total, shard.groups);
  }
  reader.throw_if_any();
  return shard;
}

}  // namespace h2h::formats
