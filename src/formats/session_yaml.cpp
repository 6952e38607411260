#include "formats/session_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "core/limits.hpp"
#include "formats/yaml_schema.hpp"
#include "formats/yaml_source.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using i18n::tr;
using namespace h2h::session;

namespace {

void optional_text(YAML::Emitter& out, const char* key, const std::string& value) {
  if (!value.empty()) out << YAML::Key << key << YAML::Value << value;
}

}  // namespace

std::string session_to_yaml(const Record& r) {
  YAML::Emitter out;
  out << YAML::Comment(
      "h2h session file: the answers of a workshop. Personal data: keep it private.");
  out << YAML::BeginMap;
  out << YAML::Key << "schema" << YAML::Value << kSessionSchema;
  out << YAML::Key << "deck" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << r.deck_id;
  out << YAML::Key << "version" << YAML::Value << r.deck_version;
  out << YAML::Key << "hash" << YAML::Value << r.deck_hash << YAML::EndMap;
  out << YAML::Key << "language" << YAML::Value << r.language;
  out << YAML::Key << "mode" << YAML::Value << (r.mode == Mode::solo ? "solo" : "team");
  if (!r.team.empty()) out << YAML::Key << "team" << YAML::Value << YAML::DoubleQuoted << r.team;
  out << YAML::Key << "anonymous" << YAML::Value << r.anonymous;
  out << YAML::Key << "dilemmas" << YAML::Value << YAML::Flow << r.dilemmas;
  out << YAML::Key << "checkin_items" << YAML::Value << YAML::Flow << r.checkin_items;
  out << YAML::Key << "timebox" << YAML::Value << r.timebox_seconds;
  out << YAML::Key << "started" << YAML::Value << r.started;
  out << YAML::Key << "finished" << YAML::Value;
  if (r.finished.empty())
    out << YAML::Null;
  else
    out << r.finished;

  out << YAML::Key << "participants" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : r.participants)
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "id" << YAML::Value << p.id << YAML::Key
        << "name" << YAML::Value << YAML::DoubleQuoted << p.name << YAML::EndMap;
  out << YAML::EndSeq;

  out << YAML::Key << "checkin" << YAML::Value;
  if (r.ratings.empty()) out << YAML::Flow;
  out << YAML::BeginSeq;
  for (const auto& c : r.ratings) {
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "participant" << YAML::Value << c.participant;
    out << YAML::Key << "item" << YAML::Value << c.item;
    out << YAML::Key << "value" << YAML::Value;
    if (c.value)
      out << *c.value;
    else
      out << YAML::Null;
    out << YAML::Key << "time" << YAML::Value << c.time << YAML::EndMap;
  }
  out << YAML::EndSeq;

  out << YAML::Key << "answers" << YAML::Value;
  if (r.responses.empty()) out << YAML::Flow;
  out << YAML::BeginSeq;
  for (const auto& a : r.responses) {
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "dilemma" << YAML::Value << a.dilemma;
    out << YAML::Key << "participant" << YAML::Value << a.participant;
    out << YAML::Key << "a" << YAML::Value;
    if (a.point)
      out << a.point->a;
    else
      out << YAML::Null;
    out << YAML::Key << "b" << YAML::Value;
    if (a.point)
      out << a.point->b;
    else
      out << YAML::Null;
    if (!a.idea.empty()) out << YAML::Key << "idea" << YAML::Value << YAML::DoubleQuoted << a.idea;
    out << YAML::Key << "time" << YAML::Value << a.time << YAML::EndMap;
  }
  out << YAML::EndSeq;

  out << YAML::Key << "revealed" << YAML::Value << YAML::Flow << r.revealed;

  out << YAML::Key << "notes" << YAML::Value;
  if (r.notes.empty()) out << YAML::Flow;
  out << YAML::BeginSeq;
  for (const auto& n : r.notes) {
    out << YAML::Flow << YAML::BeginMap;
    optional_text(out, "dilemma", n.dilemma);
    out << YAML::Key << "text" << YAML::Value << YAML::DoubleQuoted << n.text;
    out << YAML::Key << "time" << YAML::Value << n.time << YAML::EndMap;
  }
  out << YAML::EndSeq;

  // Added with action steps and follow-ups: written only when used, so a
  // session without them looks as it always did.
  if (!r.actions.empty()) {
    out << YAML::Key << "actions" << YAML::Value << YAML::BeginSeq;
    for (const auto& a : r.actions) {
      out << YAML::Flow << YAML::BeginMap;
      out << YAML::Key << "dilemma" << YAML::Value << a.dilemma;
      out << YAML::Key << "text" << YAML::Value << YAML::DoubleQuoted << a.text;
      if (!a.who.empty()) out << YAML::Key << "who" << YAML::Value << YAML::DoubleQuoted << a.who;
      optional_text(out, "due", a.due);
      if (a.earlier) out << YAML::Key << "earlier" << YAML::Value << true;
      optional_text(out, "outcome", a.outcome);
      optional_text(out, "time", a.time);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (!r.warnings.empty()) {
    out << YAML::Key << "warnings" << YAML::Value << YAML::BeginSeq;
    for (const auto& w : r.warnings) {
      out << YAML::Flow << YAML::BeginMap;
      out << YAML::Key << "dilemma" << YAML::Value << w.dilemma;
      out << YAML::Key << "text" << YAML::Value << YAML::DoubleQuoted << w.text;
      optional_text(out, "time", w.time);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (!r.follow_up.empty()) {
    out << YAML::Key << "follow_up" << YAML::Value << YAML::BeginSeq;
    for (const auto& f : r.follow_up) out << YAML::DoubleQuoted << f;
    out << YAML::EndSeq;
  }
  if (!r.earlier.empty()) {
    out << YAML::Key << "earlier" << YAML::Value << YAML::BeginSeq;
    for (const auto& e : r.earlier) {
      out << YAML::Flow << YAML::BeginMap;
      out << YAML::Key << "dilemma" << YAML::Value << e.dilemma;
      out << YAML::Key << "n" << YAML::Value << e.n;
      out << YAML::Key << "sum_a" << YAML::Value << e.sum_a;
      out << YAML::Key << "sumsq_a" << YAML::Value << e.sumsq_a;
      out << YAML::Key << "sum_b" << YAML::Value << e.sum_b;
      out << YAML::Key << "sumsq_b" << YAML::Value << e.sumsq_b;
      out << YAML::Key << "zones" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (auto z : e.zones) out << z;
      out << YAML::EndSeq;
      out << YAML::Key << "ideas" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const auto& idea : e.ideas) out << YAML::DoubleQuoted << idea;
      out << YAML::EndSeq << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

bool looks_like_session(std::string_view bytes) {
  return bytes.substr(0, 400).find("schema: h2h-session/") != std::string_view::npos;
}

namespace {

class SessionReader : SchemaReader {
 public:
  using SchemaReader::SchemaReader;

  Record read(const YAML::Node& root) {
    Record r;
    if (!root.IsMap()) {
      error(root, tr("session.not_a_map"));
      return r;
    }
    keys(root,
         {"schema", "deck", "language", "mode", "anonymous", "dilemmas", "started", "participants",
          "answers"},
         {"team", "checkin_items", "timebox", "finished", "checkin", "revealed", "notes", "actions",
          "warnings", "follow_up", "earlier"});
    if (auto s = root["schema"]; s) {
      if (!s.IsScalar() || s.Scalar() != kSessionSchema)
        error(s, tr("session.schema", fmt::arg("value", s.IsScalar() ? s.Scalar() : ""),
                    fmt::arg("schema", kSessionSchema)));
    }
    if (auto d = root["deck"]; d && expect_map(d, "deck")) {
      keys(d, {"id", "version", "hash"}, {});
      r.deck_id = text(d["id"], "id");
      if (d["version"])
        r.deck_version = static_cast<int>(integer(d["version"], "version", 1, 1000000).value_or(1));
      r.deck_hash = text(d["hash"], "hash");
    }
    if (auto l = root["language"]; l) {
      r.language = text(l, "language");
      if (!i18n::parse_lang(r.language))
        error(l, tr("session.language", fmt::arg("value", r.language)));
    }
    if (auto m = root["mode"]; m) {
      std::string mode = text(m, "mode");
      if (mode == "solo")
        r.mode = Mode::solo;
      else if (mode != "team")
        error(m, tr("session.mode", fmt::arg("value", mode)));
    }
    if (root["team"]) r.team = text(root["team"], "team", true);
    if (root["anonymous"]) r.anonymous = boolean(root["anonymous"], "anonymous");
    r.dilemmas = id_list(root["dilemmas"], "dilemmas", limits::kDilemmas);
    if (root["checkin_items"])
      r.checkin_items = id_list(root["checkin_items"], "checkin_items", limits::kCheckinItems);
    if (root["timebox"])
      r.timebox_seconds =
          static_cast<int>(integer(root["timebox"], "timebox", 0, 86400).value_or(0));
    if (root["started"]) r.started = text(root["started"], "started");
    if (auto f = root["finished"]; f && !f.IsNull()) r.finished = text(f, "finished");
    participants(root["participants"], r);
    if (r.mode == Mode::solo && r.participants.size() > 1)
      error(root["participants"], tr("session.solo_one"));
    if (root["checkin"]) ratings(root["checkin"], r);
    answers(root["answers"], r);
    if (root["revealed"]) {
      r.revealed = id_list(root["revealed"], "revealed", limits::kDilemmas);
      for (std::size_t i = 0; i < r.revealed.size(); ++i)
        if (std::find(r.dilemmas.begin(), r.dilemmas.end(), r.revealed[i]) == r.dilemmas.end())
          error(root["revealed"][i], tr("session.unknown_dilemma", fmt::arg("id", r.revealed[i])));
    }
    if (root["notes"]) notes(root["notes"], r);
    if (root["actions"]) actions(root["actions"], r);
    if (root["warnings"]) warnings(root["warnings"], r);
    if (auto f = root["follow_up"]; f && expect_list(f, "follow_up", limits::kNotes))
      for (const auto& item : f) r.follow_up.push_back(text(item, "follow_up"));
    if (root["earlier"]) earlier(root["earlier"], r);
    return r;
  }

 private:
  std::string text(const YAML::Node& n, std::string_view what, bool allow_empty = false) {
    if (!n) return {};
    auto s = scalar(n, what);
    if (!s) return {};
    if (!allow_empty && s->empty()) error(n, tr("deck.text_empty", fmt::arg("key", what)));
    if (s->size() > limits::kTextChars * 4)
      error(n,
            tr("deck.text_too_long", fmt::arg("key", what), fmt::arg("max", limits::kTextChars)));
    return *s;
  }

  std::vector<std::string> id_list(const YAML::Node& n, std::string_view what, std::size_t max) {
    std::vector<std::string> out;
    if (!n || !expect_list(n, what, max)) return out;
    for (const auto& item : n) {
      std::string id = text(item, what);
      if (std::find(out.begin(), out.end(), id) != out.end())
        error(item, tr("session.duplicate", fmt::arg("key", what), fmt::arg("id", id)));
      out.push_back(id);
    }
    return out;
  }

  bool known(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  void participants(const YAML::Node& n, Record& r) {
    if (!n || !expect_list(n, "participants", limits::kSessionParticipants)) return;
    if (n.size() == 0) error(n, tr("session.no_participants"));
    for (const auto& item : n) {
      if (!expect_map(item, "participants")) continue;
      keys(item, {"id", "name"}, {});
      Participant p{text(item["id"], "id"), text(item["name"], "name")};
      for (const auto& other : r.participants)
        if (!p.id.empty() && other.id == p.id)
          error(item["id"],
                tr("session.duplicate", fmt::arg("key", "participants"), fmt::arg("id", p.id)));
      participant_ids_.push_back(p.id);
      r.participants.push_back(std::move(p));
    }
  }

  void ratings(const YAML::Node& n, Record& r) {
    if (!expect_list(n, "checkin", limits::kSessionParticipants * limits::kCheckinItems)) return;
    for (const auto& item : n) {
      if (!expect_map(item, "checkin")) continue;
      keys(item, {"participant", "item", "value"}, {"time"});
      Rating x;
      x.participant = text(item["participant"], "participant");
      x.item = text(item["item"], "item");
      if (item["participant"] && !known(participant_ids_, x.participant))
        error(item["participant"],
              tr("session.unknown_participant", fmt::arg("id", x.participant)));
      if (item["item"] && !known(r.checkin_items, x.item))
        error(item["item"], tr("session.unknown_item", fmt::arg("id", x.item)));
      if (auto v = item["value"]; v && !v.IsNull()) {
        if (auto value = integer(v, "value", 1, 5)) x.value = static_cast<int>(*value);
      }
      x.time = text(item["time"], "time", true);
      if (r.rating(x.participant, x.item))
        error(item, tr("session.duplicate_rating", fmt::arg("participant", x.participant),
                       fmt::arg("item", x.item)));
      r.ratings.push_back(std::move(x));
    }
  }

  void answers(const YAML::Node& n, Record& r) {
    if (!n || !expect_list(n, "answers", limits::kSessionParticipants * limits::kDilemmas)) return;
    for (const auto& item : n) {
      if (!expect_map(item, "answers")) continue;
      keys(item, {"dilemma", "participant", "a", "b"}, {"idea", "time"});
      Response x;
      x.dilemma = text(item["dilemma"], "dilemma");
      x.participant = text(item["participant"], "participant");
      if (item["dilemma"] && !known(r.dilemmas, x.dilemma))
        error(item["dilemma"], tr("session.unknown_dilemma", fmt::arg("id", x.dilemma)));
      if (item["participant"] && !known(participant_ids_, x.participant))
        error(item["participant"],
              tr("session.unknown_participant", fmt::arg("id", x.participant)));
      const YAML::Node a = item["a"], b = item["b"];
      if (a && b) {
        if (a.IsNull() != b.IsNull()) {
          error(item, tr("session.half_answer"));
        } else if (!a.IsNull()) {
          auto va = integer(a, "a", kAnswerMin, kAnswerMax);
          auto vb = integer(b, "b", kAnswerMin, kAnswerMax);
          if (va && vb) x.point = Point{static_cast<int>(*va), static_cast<int>(*vb)};
        }
      }
      x.idea = text(item["idea"], "idea", true);
      x.time = text(item["time"], "time", true);
      if (r.response(x.dilemma, x.participant))
        error(item, tr("session.duplicate_answer", fmt::arg("participant", x.participant),
                       fmt::arg("dilemma", x.dilemma)));
      r.responses.push_back(std::move(x));
    }
  }

  void notes(const YAML::Node& n, Record& r) {
    if (!expect_list(n, "notes", limits::kNotes)) return;
    for (const auto& item : n) {
      if (!expect_map(item, "notes")) continue;
      keys(item, {"text"}, {"dilemma", "time"});
      Note x;
      x.dilemma = text(item["dilemma"], "dilemma", true);
      if (!x.dilemma.empty() && !known(r.dilemmas, x.dilemma))
        error(item["dilemma"], tr("session.unknown_dilemma", fmt::arg("id", x.dilemma)));
      x.text = text(item["text"], "text");
      x.time = text(item["time"], "time", true);
      r.notes.push_back(std::move(x));
    }
  }

  std::string dilemma_of(const YAML::Node& item, const Record& r) {
    std::string d = text(item["dilemma"], "dilemma");
    if (item["dilemma"] && !known(r.dilemmas, d))
      error(item["dilemma"], tr("session.unknown_dilemma", fmt::arg("id", d)));
    return d;
  }

  void actions(const YAML::Node& n, Record& r) {
    if (!expect_list(n, "actions", limits::kNotes)) return;
    for (const auto& item : n) {
      if (!expect_map(item, "actions")) continue;
      keys(item, {"dilemma", "text"}, {"who", "due", "earlier", "outcome", "time"});
      Action a;
      a.dilemma = dilemma_of(item, r);
      a.text = text(item["text"], "text");
      a.who = text(item["who"], "who", true);
      a.due = text(item["due"], "due", true);
      if (item["earlier"]) a.earlier = boolean(item["earlier"], "earlier");
      if (auto o = item["outcome"]; o) {
        a.outcome = text(o, "outcome");
        if (a.outcome != "done" && a.outcome != "partly" && a.outcome != "not" &&
            a.outcome != "none")
          error(o, tr("session.outcome", fmt::arg("value", a.outcome)));
      }
      a.time = text(item["time"], "time", true);
      r.actions.push_back(std::move(a));
    }
  }

  void warnings(const YAML::Node& n, Record& r) {
    if (!expect_list(n, "warnings", limits::kNotes)) return;
    for (const auto& item : n) {
      if (!expect_map(item, "warnings")) continue;
      keys(item, {"dilemma", "text"}, {"time"});
      Warning w;
      w.dilemma = dilemma_of(item, r);
      w.text = text(item["text"], "text");
      w.time = text(item["time"], "time", true);
      r.warnings.push_back(std::move(w));
    }
  }

  void earlier(const YAML::Node& n, Record& r) {
    if (!expect_list(n, "earlier", limits::kDilemmas)) return;
    constexpr std::int64_t kMax = std::int64_t{1} << 40;  // far beyond any real session
    for (const auto& item : n) {
      if (!expect_map(item, "earlier")) continue;
      keys(item, {"dilemma", "n", "sum_a", "sumsq_a", "sum_b", "sumsq_b", "zones"}, {"ideas"});
      Earlier e;
      e.dilemma = dilemma_of(item, r);
      auto count = [&](const char* key) { return integer(item[key], key, 0, kMax).value_or(0); };
      e.n = count("n");
      e.sum_a = count("sum_a");
      e.sumsq_a = count("sumsq_a");
      e.sum_b = count("sum_b");
      e.sumsq_b = count("sumsq_b");
      if (auto z = item["zones"]; z && expect_list(z, "zones", kZoneCount)) {
        if (z.size() != kZoneCount) error(z, tr("session.zones", fmt::arg("count", kZoneCount)));
        for (std::size_t i = 0; i < z.size() && i < e.zones.size(); ++i)
          e.zones[i] = integer(z[i], "zones", 0, kMax).value_or(0);
      }
      if (auto ideas = item["ideas"]; ideas && expect_list(ideas, "ideas", limits::kNotes))
        for (const auto& idea : ideas) e.ideas.push_back(text(idea, "ideas"));
      r.earlier.push_back(std::move(e));
    }
  }

  std::vector<std::string> participant_ids_;
};

}  // namespace

Record session_from_yaml(std::string_view bytes, const std::string& source) {
  std::vector<Problem> problems;
  Record r;
  if (auto root =
          parse_yaml(bytes, source, limits::kSessionBytes, problems, limits::kSessionNodes)) {
    if (root->IsNull())
      problems.push_back({Place{source, 1, 1}, tr("session.empty")});
    else
      r = SessionReader(source, problems).read(*root);
  }
  if (!problems.empty()) {
    sort_problems(problems);
    throw Error(ExitCode::invalid_data, std::move(problems));
  }
  return r;
}

}  // namespace h2h::formats
