// Reading session files (schema h2h-session/1) in one pass over libyaml's
// events, validated as strictly as decks, every problem with its
// file:line:column. What is read goes to a SessionSink as it is read: a
// Record builder (h2h run --resume needs the whole session) or a report's
// Group (h2h report keeps nothing per answer). Memory grows with the
// deck, not with the answers: duplicate checks use an index of the
// participants (nothing at all for h2h's own ids p1, p2, ...) and one bit
// per answer slot.
#pragma once

#include <string>

#include "core/reflection.hpp"
#include "core/session.hpp"
#include "formats/yaml_events.hpp"

namespace h2h::formats {

class SessionSink {
 public:
  virtual ~SessionSink() = default;
  virtual void participant(session::Participant&&) {}
  virtual void rating(session::Rating&&) {}
  virtual void response(session::Response&&) {}
  virtual void note(session::Note&&) {}
  // Once the file is read: every field but the four lists above.
  virtual void head(session::Record&&) {}
};

// Reads and validates the whole file. Throws Error (exit 3) with every
// problem found; the sink may have been given part of the file by then.
void read_session(YamlEvents& events, SessionSink& sink);

// The fields before the lists (deck, team, started, ...), reading no
// further than it has to; not validated (read_session does that).
session::Record read_session_head(YamlEvents& events);

// Builds the whole Record.
class RecordSink : public SessionSink {
 public:
  session::Record record;
  void participant(session::Participant&& p) override;
  void rating(session::Rating&& r) override;
  void response(session::Response&& r) override;
  void note(session::Note&& n) override;
  void head(session::Record&& h) override;
};

// Adds a session's answers to a report group, as Group::add_session does.
class GroupSink : public SessionSink {
 public:
  explicit GroupSink(report::Group& group) : group_(group) {}
  void participant(session::Participant&& p) override {
    names_.push_back(std::move(p.name));  // until head() says whether they are pseudonyms
    ++participants_;
  }
  void rating(session::Rating&& r) override { group_.add_rating(r); }
  void response(session::Response&& r) override { group_.add_response(r); }
  void note(session::Note&& n) override { group_.add_note(n); }
  void head(session::Record&& h) override;
  session::Record fields;  // the session's fields, once read

 private:
  report::Group& group_;
  std::size_t participants_ = 0;
  std::vector<std::string> names_;  // this session's participants
};

}  // namespace h2h::formats
