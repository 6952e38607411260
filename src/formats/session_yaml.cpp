#include "formats/session_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include "core/limits.hpp"
#include "formats/session_reader.hpp"

namespace h2h::formats {

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
  // yaml-cpp writes DEL (0x7F) as it is, inside double quotes (a text with
  // it is never plain), where YAML does not allow it and h2h could not read
  // the file back: the escape in its place.
  std::string text = out.c_str();
  for (std::size_t at = text.find('\x7f'); at != std::string::npos; at = text.find('\x7f', at))
    text.replace(at, 1, "\\x7f");
  return text + "\n";
}

bool looks_like_session(std::string_view bytes) {
  return bytes.substr(0, 400).find("schema: h2h-session/") != std::string_view::npos;
}

Record session_from_yaml(std::string_view bytes, const std::string& source) {
  YamlEvents events(source, bytes, limits::kSessionBytes);
  RecordSink sink;
  read_session(events, sink);
  return std::move(sink.record);
}

}  // namespace h2h::formats
