#include "formats/session_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <optional>
#include <unordered_map>

#include "core/limits.hpp"
#include "formats/session_yaml.hpp"
#include "formats/yaml_schema.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using i18n::tr;
using namespace h2h::session;

namespace {

using Kind = YamlEvent::Kind;

// Participant ids to their index. h2h writes p1, p2, ... in order; while a
// file keeps to that, the index holds nothing but a count.
class IdIndex {
 public:
  std::size_t size() const { return size_; }

  std::optional<std::size_t> find(std::string_view id) const {
    if (implicit_) {
      const auto n = numbered(id);
      if (n && *n >= 1 && *n <= size_) return *n - 1;
      return std::nullopt;
    }
    auto it = map_.find(std::string(id));
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }

  // False when the id is already there.
  bool add(const std::string& id) {
    if (implicit_) {
      if (numbered(id) == size_ + 1) {
        ++size_;
        return true;
      }
      if (find(id)) return false;
      implicit_ = false;  // from now on, every id is kept
      for (std::size_t i = 0; i < size_; ++i) map_.emplace("p" + std::to_string(i + 1), i);
    }
    const bool fresh = map_.emplace(id, size_).second;
    if (fresh) ++size_;
    return fresh;
  }

 private:
  static std::optional<std::size_t> numbered(std::string_view id) {
    if (id.size() < 2 || id.size() > 12 || id[0] != 'p' || id[1] == '0') return std::nullopt;
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
    if (ec != std::errc{} || end != id.data() + id.size()) return std::nullopt;
    return n;
  }

  bool implicit_ = true;
  std::size_t size_ = 0;
  std::unordered_map<std::string, std::size_t> map_;
};

// Where a value was (the file name is added only for a problem).
struct Spot {
  int line = 0, column = 0;
};

// A scalar value with where it was, kept until the lists it refers to are known.
struct Ref {
  bool present = false;
  std::string text;
  Spot at;
};

// One answer or rating as read, before its references are checked.
struct Item {
  Spot at;
  Ref first, second;  // answer: dilemma, participant; rating: participant, item
  // answer: a and b; rating: value
  struct Number {
    bool present = false, null = false, scalar = false;
    std::string text;
    Spot at;
  } a, b;
  std::string idea, time;
};

class SessionEventReader {
 public:
  SessionEventReader(YamlEvents& events, SessionSink* sink, bool head_only)
      : ev_(events), src_(events.source()), sink_(sink), head_only_(head_only) {}

  Record read() {
    YamlEvent root;
    if (!ev_.root(root) || root.is_null()) {
      problems_.push_back({Place{src_, 1, 1}, tr("session.empty")});
      return finish_problems();
    }
    if (root.kind != Kind::map) {
      problems_.push_back({root.place(src_), tr("session.not_a_map")});
      ev_.skip(root);
      ev_.finish();  // a syntax error further on is the problem to report
      return finish_problems();
    }
    read_root(root);
    if (head_only_ && stopped_) return std::move(head_);
    ev_.finish();
    // Lists that came before what they refer to.
    ready_ = true;
    start_lists();
    for (auto& item : pending_ratings_) rating(item);
    for (auto& item : pending_answers_) answer(item);
    for (auto& [id, at] : pending_revealed_) revealed(id, at);
    for (auto& [note, at] : pending_notes_) this->note(std::move(note), at);
    if (head_only_) return std::move(head_);
    for (const auto& [id, at] : dilemma_refs_)
      if (std::find(head_.dilemmas.begin(), head_.dilemmas.end(), id) == head_.dilemmas.end())
        error(place(at), tr("session.unknown_dilemma", fmt::arg("id", id)));
    if (head_.mode == Mode::solo && participants_.size() > 1)
      problems_.push_back({participants_at_, tr("session.solo_one")});
    return finish_problems();
  }

 private:
  Record finish_problems() {
    if (!problems_.empty() && !head_only_) {
      sort_problems(problems_);
      throw Error(ExitCode::invalid_data, std::move(problems_));
    }
    if (sink_ != nullptr) sink_->head(std::move(head_));
    return {};
  }

  void error(const Place& at, std::string message) {
    if (problems_.size() < kMaxProblems) problems_.push_back({at, std::move(message)});
  }

  // --- the shapes every file format shares ---------------------------------

  // A map: each key is looked up in a table of (key, required, reader).
  struct Field {
    std::string_view key;
    bool required;
    std::function<void(const YamlEvent&)> read;
  };

  void map(const YamlEvent& start, std::string_view what, const std::vector<Field>& fields,
           const std::function<bool(std::string_view key)>& stop = {}) {
    if (start.kind != Kind::map) {
      error(start.place(src_), tr("deck.expected_map", fmt::arg("key", what)));
      return ev_.skip(start);
    }
    std::array<int, 32> first_line{};
    YamlEvent key, value;
    while (true) {
      ev_.next(key);
      if (key.kind == Kind::end) break;
      if (key.kind != Kind::scalar) {
        error(key.place(src_), tr("deck.key_not_text"));
        ev_.skip(key);
        ev_.next(value);
        ev_.skip(value);
        continue;
      }
      std::size_t i = 0;
      while (i < fields.size() && fields[i].key != key.value) ++i;
      if (stop && stop(key.value)) {
        stopped_ = true;
        return;
      }
      ev_.next(value);
      if (i == fields.size()) {
        unknown_key(key, fields);
        ev_.skip(value);
        continue;
      }
      if (first_line[i] != 0) {
        error(key.place(src_), tr("yaml.duplicate_key", fmt::arg("key", key.value),
                                  fmt::arg("line", first_line[i])));
        ev_.skip(value);
        continue;
      }
      first_line[i] = key.line;
      fields[i].read(value);
      if (stopped_) return;
    }
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].required && first_line[i] == 0)
        error(start.place(src_), tr("deck.missing_key", fmt::arg("key", fields[i].key)));
  }

  void unknown_key(const YamlEvent& key, const std::vector<Field>& fields) {
    std::string_view best;
    std::size_t best_distance = 3;
    for (const auto& f : fields)
      if (auto dist = edit_distance(key.value, f.key);
          dist < best_distance && dist < key.value.size()) {
        best = f.key;
        best_distance = dist;
      }
    if (best.empty())
      error(key.place(src_), tr("deck.unknown_key", fmt::arg("key", key.value)));
    else
      error(key.place(src_),
            tr("deck.unknown_key_hint", fmt::arg("key", key.value), fmt::arg("hint", best)));
  }

  // A list; `item` reads each element (and must consume it).
  void list(const YamlEvent& start, std::string_view what, std::size_t max,
            const std::function<void(const YamlEvent&)>& item) {
    if (start.kind != Kind::seq) {
      error(start.place(src_), tr("deck.expected_list", fmt::arg("key", what)));
      return ev_.skip(start);
    }
    std::size_t count = 0;
    YamlEvent e;
    while (true) {
      ev_.next(e);
      if (e.kind == Kind::end) break;
      if (++count > max) {
        ev_.skip(e);
        continue;
      }
      item(e);
    }
    if (count > max)
      error(start.place(src_), tr("deck.too_many", fmt::arg("key", what), fmt::arg("count", count),
                                  fmt::arg("max", max)));
    last_count_ = count;
  }

  std::string text(const YamlEvent& v, std::string_view what, bool allow_empty = false) {
    if (v.kind != Kind::scalar || v.is_null()) {
      error(v.place(src_), tr("deck.expected_text", fmt::arg("key", what)));
      ev_.skip(v);
      return {};
    }
    if (!allow_empty && v.value.empty())
      error(v.place(src_), tr("deck.text_empty", fmt::arg("key", what)));
    if (v.value.size() > limits::kTextChars * 4)
      error(v.place(src_),
            tr("deck.text_too_long", fmt::arg("key", what), fmt::arg("max", limits::kTextChars)));
    return v.value;
  }

  std::optional<long long> integer(bool scalar, const std::string& s, const Place& at,
                                   std::string_view what, long long lo, long long hi) {
    long long value = 0;
    const char* begin = s.data();
    const char* end = s.data() + s.size();
    if (begin != end && *begin == '+') ++begin;
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (!scalar || ec != std::errc{} || ptr != end || begin == end || value < lo || value > hi) {
      error(at, tr("file.integer_range", fmt::arg("key", what), fmt::arg("min", lo),
                   fmt::arg("max", hi), fmt::arg("value", scalar ? s : "")));
      return std::nullopt;
    }
    return value;
  }

  std::optional<long long> integer(const YamlEvent& v, std::string_view what, long long lo,
                                   long long hi) {
    const bool scalar = v.kind == Kind::scalar && !v.is_null();
    ev_.skip(v);
    return integer(scalar, v.value, v.place(src_), what, lo, hi);
  }

  bool boolean(const YamlEvent& v, std::string_view what) {
    if (v.kind == Kind::scalar && (v.value == "true" || v.value == "false"))
      return v.value == "true";
    error(v.place(src_), tr("file.expected_bool", fmt::arg("key", what)));
    ev_.skip(v);
    return false;
  }

  std::vector<std::string> id_list(const YamlEvent& v, std::string_view what, std::size_t max) {
    std::vector<std::string> out;
    list(v, what, max, [&](const YamlEvent& item) {
      std::string id = text(item, what);
      if (std::find(out.begin(), out.end(), id) != out.end())
        error(item.place(src_), tr("session.duplicate", fmt::arg("key", what), fmt::arg("id", id)));
      out.push_back(std::move(id));
    });
    return out;
  }

  void ref(const YamlEvent& v, std::string_view what, Ref& out) {
    out.present = true;
    out.text = text(v, what);
    out.at = Spot{v.line, v.column};
  }

  void number(const YamlEvent& v, Item::Number& out) {
    out.present = true;
    out.null = v.is_null();
    out.scalar = v.kind == Kind::scalar;
    out.text = v.value;
    out.at = Spot{v.line, v.column};
    ev_.skip(v);
  }

  Place place(Spot s) const { return Place{src_, s.line, s.column}; }

  // --- the session file ----------------------------------------------------

  void read_root(const YamlEvent& root) {
    // A head-only read ends at the first list, once the deck is known.
    auto at_lists = [this](std::string_view key) {
      return head_only_ && !head_.deck_id.empty() &&
             (key == "participants" || key == "checkin" || key == "answers" || key == "notes");
    };
    map(root, "session",
        {
            {"schema", true,
             [this](const YamlEvent& v) {
               if (v.kind != Kind::scalar || v.value != kSessionSchema)
                 error(v.place(src_),
                       tr("session.schema",
                          fmt::arg("value", v.kind == Kind::scalar && !v.is_null() ? v.value : ""),
                          fmt::arg("schema", kSessionSchema)));
               ev_.skip(v);
             }},
            {"deck", true,
             [this](const YamlEvent& v) {
               map(v, "deck",
                   {{"id", true, [this](const YamlEvent& x) { head_.deck_id = text(x, "id"); }},
                    {"version", true,
                     [this](const YamlEvent& x) {
                       head_.deck_version =
                           static_cast<int>(integer(x, "version", 1, 1000000).value_or(1));
                     }},
                    {"hash", true,
                     [this](const YamlEvent& x) { head_.deck_hash = text(x, "hash"); }}});
             }},
            {"language", true,
             [this](const YamlEvent& v) {
               head_.language = text(v, "language");
               if (v.kind == Kind::scalar && !i18n::parse_lang(head_.language))
                 error(v.place(src_), tr("session.language", fmt::arg("value", head_.language)));
             }},
            {"mode", true,
             [this](const YamlEvent& v) {
               const std::string mode = text(v, "mode");
               if (mode == "solo")
                 head_.mode = Mode::solo;
               else if (mode != "team" && v.kind == Kind::scalar)
                 error(v.place(src_), tr("session.mode", fmt::arg("value", mode)));
             }},
            {"anonymous", true,
             [this](const YamlEvent& v) { head_.anonymous = boolean(v, "anonymous"); }},
            {"dilemmas", true,
             [this](const YamlEvent& v) {
               head_.dilemmas = id_list(v, "dilemmas", limits::kDilemmas);
               have_dilemmas_ = true;
               start_lists();
             }},
            {"started", true, [this](const YamlEvent& v) { head_.started = text(v, "started"); }},
            {"participants", true, [this](const YamlEvent& v) { participants(v); }},
            {"answers", true,
             [this](const YamlEvent& v) {
               if (head_only_) return ev_.skip(v);
               list(v, "answers", limits::kSessionAnswers, [this](const YamlEvent& item) {
                 Item& x = answer_item(item);
                 if (ready())
                   answer(x);
                 else
                   pending_answers_.push_back(x);
               });
             }},
            {"team", false, [this](const YamlEvent& v) { head_.team = text(v, "team", true); }},
            {"checkin_items", false,
             [this](const YamlEvent& v) {
               head_.checkin_items = id_list(v, "checkin_items", limits::kCheckinItems);
               have_items_ = true;
               start_lists();
             }},
            {"timebox", false,
             [this](const YamlEvent& v) {
               head_.timebox_seconds =
                   static_cast<int>(integer(v, "timebox", 0, 86400).value_or(0));
             }},
            {"finished", false,
             [this](const YamlEvent& v) {
               if (v.is_null())
                 head_.finished.clear();
               else
                 head_.finished = text(v, "finished");
             }},
            {"checkin", false,
             [this](const YamlEvent& v) {
               if (head_only_) return ev_.skip(v);
               list(v, "checkin", limits::kSessionAnswers, [this](const YamlEvent& item) {
                 Item& x = rating_item(item);
                 if (ready())
                   rating(x);
                 else
                   pending_ratings_.push_back(x);
               });
             }},
            {"revealed", false,
             [this](const YamlEvent& v) {
               std::vector<std::string> ids;
               std::vector<Place> places;
               list(v, "revealed", limits::kDilemmas, [&](const YamlEvent& item) {
                 std::string id = text(item, "revealed");
                 if (std::find(ids.begin(), ids.end(), id) != ids.end())
                   error(item.place(src_),
                         tr("session.duplicate", fmt::arg("key", "revealed"), fmt::arg("id", id)));
                 ids.push_back(id);
                 places.push_back(item.place(src_));
               });
               for (std::size_t i = 0; i < ids.size(); ++i) {
                 if (have_dilemmas_)
                   revealed(ids[i], places[i]);
                 else
                   pending_revealed_.emplace_back(ids[i], places[i]);
               }
             }},
            {"actions", false, [this](const YamlEvent& v) { actions(v); }},
            {"warnings", false, [this](const YamlEvent& v) { warnings(v); }},
            {"follow_up", false,
             [this](const YamlEvent& v) {
               list(v, "follow_up", limits::kNotes, [this](const YamlEvent& item) {
                 head_.follow_up.push_back(text(item, "follow_up"));
               });
             }},
            {"earlier", false, [this](const YamlEvent& v) { earlier(v); }},
            {"notes", false,
             [this](const YamlEvent& v) {
               if (head_only_) return ev_.skip(v);
               list(v, "notes", limits::kNotes, [this](const YamlEvent& item) {
                 Note n = note_item(item);
                 const Place at = dilemma_at_;
                 if (have_dilemmas_)
                   note(std::move(n), at);
                 else
                   pending_notes_.emplace_back(std::move(n), at);
               });
             }},
        },
        at_lists);
  }

  void participants(const YamlEvent& v) {
    participants_at_ = v.place(src_);
    if (head_only_) return ev_.skip(v);
    list(v, "participants", limits::kSessionParticipants, [this](const YamlEvent& item) {
      start_item(item);
      map(item, "participants", participant_fields_);
      const std::string& id = item_.first.text;
      if (!id.empty() && !participants_.add(id))
        error(place(item_.first.at),
              tr("session.duplicate", fmt::arg("key", "participants"), fmt::arg("id", id)));
      if (sink_ != nullptr) sink_->participant(Participant{id, item_.second.text});
    });
    if (v.kind == Kind::seq && last_count_ == 0)
      error(v.place(src_), tr("session.no_participants"));
    have_participants_ = true;
    start_lists();
  }

  // Action steps, early warnings and a follow-up's earlier figures: few,
  // kept with the session's fields; their dilemmas are checked at the end.
  void dilemma_ref(const YamlEvent& v, const std::string& id) {
    dilemma_refs_.emplace_back(id, Spot{v.line, v.column});
  }

  void actions(const YamlEvent& v) {
    list(v, "actions", limits::kNotes, [this](const YamlEvent& item) {
      Action a;
      map(item, "actions",
          {{"dilemma", true,
            [&](const YamlEvent& x) {
              a.dilemma = text(x, "dilemma");
              dilemma_ref(x, a.dilemma);
            }},
           {"text", true, [&](const YamlEvent& x) { a.text = text(x, "text"); }},
           {"who", false, [&](const YamlEvent& x) { a.who = text(x, "who", true); }},
           {"due", false, [&](const YamlEvent& x) { a.due = text(x, "due", true); }},
           {"earlier", false, [&](const YamlEvent& x) { a.earlier = boolean(x, "earlier"); }},
           {"outcome", false,
            [&](const YamlEvent& x) {
              a.outcome = text(x, "outcome");
              if (x.kind == Kind::scalar && a.outcome != "done" && a.outcome != "partly" &&
                  a.outcome != "not" && a.outcome != "none")
                error(x.place(src_), tr("session.outcome", fmt::arg("value", a.outcome)));
            }},
           {"time", false, [&](const YamlEvent& x) { a.time = text(x, "time", true); }}});
      head_.actions.push_back(std::move(a));
    });
  }

  void warnings(const YamlEvent& v) {
    list(v, "warnings", limits::kNotes, [this](const YamlEvent& item) {
      Warning w;
      map(item, "warnings",
          {{"dilemma", true,
            [&](const YamlEvent& x) {
              w.dilemma = text(x, "dilemma");
              dilemma_ref(x, w.dilemma);
            }},
           {"text", true, [&](const YamlEvent& x) { w.text = text(x, "text"); }},
           {"time", false, [&](const YamlEvent& x) { w.time = text(x, "time", true); }}});
      head_.warnings.push_back(std::move(w));
    });
  }

  void earlier(const YamlEvent& v) {
    constexpr long long kMax = 1LL << 40;  // far beyond any real session
    list(v, "earlier", limits::kDilemmas, [this](const YamlEvent& item) {
      Earlier e;
      auto count = [&](const char* key, std::int64_t& out) {
        return Field{key, true, [this, key, &out](const YamlEvent& x) {
                       out = integer(x, key, 0, kMax).value_or(0);
                     }};
      };
      map(item, "earlier",
          {{"dilemma", true,
            [&](const YamlEvent& x) {
              e.dilemma = text(x, "dilemma");
              dilemma_ref(x, e.dilemma);
            }},
           count("n", e.n),
           count("sum_a", e.sum_a),
           count("sumsq_a", e.sumsq_a),
           count("sum_b", e.sum_b),
           count("sumsq_b", e.sumsq_b),
           {"zones", true,
            [&](const YamlEvent& x) {
              std::size_t i = 0;
              list(x, "zones", kZoneCount, [&](const YamlEvent& z) {
                const auto value = integer(z, "zones", 0, kMax).value_or(0);
                if (i < e.zones.size()) e.zones[i] = value;
                ++i;
              });
              if (x.kind == Kind::seq && last_count_ < kZoneCount)
                error(x.place(src_), tr("session.zones", fmt::arg("count", kZoneCount)));
            }},
           {"ideas", false, [&](const YamlEvent& x) {
              list(x, "ideas", limits::kNotes,
                   [&](const YamlEvent& idea) { e.ideas.push_back(text(idea, "ideas")); });
            }}});
      head_.earlier.push_back(std::move(e));
    });
  }

  // The keys of each kind of list item: one table each, made once, filling item_.
  const std::vector<Field> answer_fields_ = {
      {"dilemma", true, [this](const YamlEvent& v) { ref(v, "dilemma", item_.first); }},
      {"participant", true, [this](const YamlEvent& v) { ref(v, "participant", item_.second); }},
      {"a", true, [this](const YamlEvent& v) { number(v, item_.a); }},
      {"b", true, [this](const YamlEvent& v) { number(v, item_.b); }},
      {"idea", false, [this](const YamlEvent& v) { item_.idea = text(v, "idea", true); }},
      {"time", false, [this](const YamlEvent& v) { item_.time = text(v, "time", true); }}};
  const std::vector<Field> rating_fields_ = {
      {"participant", true, [this](const YamlEvent& v) { ref(v, "participant", item_.first); }},
      {"item", true, [this](const YamlEvent& v) { ref(v, "item", item_.second); }},
      {"value", true, [this](const YamlEvent& v) { number(v, item_.a); }},
      {"time", false, [this](const YamlEvent& v) { item_.time = text(v, "time", true); }}};
  const std::vector<Field> participant_fields_ = {
      {"id", true,
       [this](const YamlEvent& v) {
         item_.first.text = text(v, "id");
         item_.first.at = Spot{v.line, v.column};
       }},
      {"name", true, [this](const YamlEvent& v) { item_.second.text = text(v, "name"); }}};
  Item item_;

  Item& start_item(const YamlEvent& item) {
    item_.at = Spot{item.line, item.column};
    item_.first.present = item_.second.present = item_.a.present = item_.b.present = false;
    item_.first.text.clear();
    item_.second.text.clear();
    item_.idea.clear();
    item_.time.clear();
    return item_;
  }

  Item& answer_item(const YamlEvent& item) {
    start_item(item);
    map(item, "answers", answer_fields_);
    return item_;
  }

  Item& rating_item(const YamlEvent& item) {
    start_item(item);
    map(item, "checkin", rating_fields_);
    return item_;
  }

  Note note_item(const YamlEvent& item) {
    Note n;
    map(item, "notes",
        {{"text", true, [&](const YamlEvent& v) { n.text = text(v, "text"); }},
         {"dilemma", false,
          [&](const YamlEvent& v) {
            n.dilemma = text(v, "dilemma", true);
            dilemma_at_ = v.place(src_);
          }},
         {"time", false, [&](const YamlEvent& v) { n.time = text(v, "time", true); }}});
    return n;
  }

  // What answers and ratings refer to is known: index it.
  bool ready() const { return ready_; }
  void start_lists() {
    if (!ready_ && !(have_dilemmas_ && have_participants_ && have_items_)) return;
    ready_ = true;
    dilemma_index_.clear();
    for (std::size_t d = 0; d < head_.dilemmas.size(); ++d)
      dilemma_index_.emplace(head_.dilemmas[d], d);
    item_index_.clear();
    for (std::size_t i = 0; i < head_.checkin_items.size(); ++i)
      item_index_.emplace(head_.checkin_items[i], i);
    answered_.assign(participants_.size() * head_.dilemmas.size(), false);
    rated_.assign(participants_.size() * head_.checkin_items.size(), false);
  }

  std::optional<std::size_t> dilemma(const std::string& id) const {
    auto it = dilemma_index_.find(id);
    if (it == dilemma_index_.end()) return std::nullopt;
    return it->second;
  }

  std::optional<std::size_t> participant(const Ref& r) {
    if (!r.present) return std::nullopt;
    auto p = participants_.find(r.text);
    if (!p) error(place(r.at), tr("session.unknown_participant", fmt::arg("id", r.text)));
    return p;
  }

  void answer(Item& x) {
    Response out;
    std::optional<std::size_t> d;
    if (x.first.present) {
      d = dilemma(x.first.text);
      if (!d) error(place(x.first.at), tr("session.unknown_dilemma", fmt::arg("id", x.first.text)));
    }
    const auto p = participant(x.second);
    if (x.a.present && x.b.present) {
      if (x.a.null != x.b.null) {
        error(place(x.at), tr("session.half_answer"));
      } else if (!x.a.null) {
        auto va = integer(x.a.scalar, x.a.text, place(x.a.at), "a", kAnswerMin, kAnswerMax);
        auto vb = integer(x.b.scalar, x.b.text, place(x.b.at), "b", kAnswerMin, kAnswerMax);
        if (va && vb) out.point = Point{static_cast<int>(*va), static_cast<int>(*vb)};
      }
    }
    if (d && p) {
      const std::size_t slot = *p * head_.dilemmas.size() + *d;
      if (answered_[slot])
        error(place(x.at), tr("session.duplicate_answer", fmt::arg("participant", x.second.text),
                              fmt::arg("dilemma", x.first.text)));
      answered_[slot] = true;
    }
    out.dilemma = std::move(x.first.text);
    out.participant = std::move(x.second.text);
    out.idea = std::move(x.idea);
    out.time = std::move(x.time);
    if (sink_ != nullptr) sink_->response(std::move(out));
  }

  void rating(Item& x) {
    Rating out;
    const auto p = participant(x.first);
    std::optional<std::size_t> i;
    if (x.second.present) {
      auto it = item_index_.find(x.second.text);
      if (it == item_index_.end())
        error(place(x.second.at), tr("session.unknown_item", fmt::arg("id", x.second.text)));
      else
        i = it->second;
    }
    if (x.a.present && !x.a.null)
      if (auto v = integer(x.a.scalar, x.a.text, place(x.a.at), "value", 1, 5))
        out.value = static_cast<int>(*v);
    if (p && i) {
      const std::size_t slot = *p * head_.checkin_items.size() + *i;
      if (rated_[slot])
        error(place(x.at), tr("session.duplicate_rating", fmt::arg("participant", x.first.text),
                              fmt::arg("item", x.second.text)));
      rated_[slot] = true;
    }
    out.participant = std::move(x.first.text);
    out.item = std::move(x.second.text);
    out.time = std::move(x.time);
    if (sink_ != nullptr) sink_->rating(std::move(out));
  }

  void revealed(const std::string& id, const Place& at) {
    if (std::find(head_.dilemmas.begin(), head_.dilemmas.end(), id) == head_.dilemmas.end())
      error(at, tr("session.unknown_dilemma", fmt::arg("id", id)));
    head_.revealed.push_back(id);
  }

  void note(Note n, const Place& dilemma_at) {
    if (!n.dilemma.empty() &&
        std::find(head_.dilemmas.begin(), head_.dilemmas.end(), n.dilemma) == head_.dilemmas.end())
      error(dilemma_at, tr("session.unknown_dilemma", fmt::arg("id", n.dilemma)));
    if (sink_ != nullptr) sink_->note(std::move(n));
  }

  static constexpr std::size_t kMaxProblems = 1000;

  YamlEvents& ev_;
  const std::string& src_;
  SessionSink* sink_;
  bool head_only_;
  bool stopped_ = false;
  Record head_;
  std::vector<Problem> problems_;
  Place participants_at_, dilemma_at_;
  IdIndex participants_;
  bool have_dilemmas_ = false, have_participants_ = false, have_items_ = false, ready_ = false;
  std::size_t last_count_ = 0;
  std::unordered_map<std::string, std::size_t> dilemma_index_, item_index_;
  std::vector<bool> answered_, rated_;
  std::vector<Item> pending_answers_, pending_ratings_;
  std::vector<std::pair<std::string, Place>> pending_revealed_;
  std::vector<std::pair<Note, Place>> pending_notes_;
  std::vector<std::pair<std::string, Spot>> dilemma_refs_;
};

}  // namespace

void read_session(YamlEvents& events, SessionSink& sink) {
  SessionEventReader(events, &sink, false).read();
}

Record read_session_head(YamlEvents& events) {
  return SessionEventReader(events, nullptr, true).read();
}

void RecordSink::participant(Participant&& p) {
  record.participants.push_back(std::move(p));
}
void RecordSink::rating(Rating&& r) {
  record.ratings.push_back(std::move(r));
}
void RecordSink::response(Response&& r) {
  record.responses.push_back(std::move(r));
}
void RecordSink::note(Note&& n) {
  record.notes.push_back(std::move(n));
}
void RecordSink::head(Record&& h) {
  h.participants = std::move(record.participants);
  h.ratings = std::move(record.ratings);
  h.responses = std::move(record.responses);
  h.notes = std::move(record.notes);
  record = std::move(h);
}

void GroupSink::head(Record&& h) {
  group_.add_session_info(report::SessionInfo{
      h.team, h.mode, h.anonymous, h.started, h.finished, participants_, h.language,
      h.mode == session::Mode::solo && participants_ == 1 ? names_.front() : std::string(),
      h.dilemmas});
  for (const auto& name : names_) group_.add_name(name, h.anonymous);
  names_.clear();
  group_.add_follow_up(h);
  fields = std::move(h);
}

}  // namespace h2h::formats
