#include "core/session.hpp"

#include <algorithm>
#include <map>

namespace h2h::session {

const Response* Record::response(std::string_view dilemma, std::string_view participant) const {
  for (const auto& r : responses)
    if (r.dilemma == dilemma && r.participant == participant) return &r;
  return nullptr;
}

const Rating* Record::rating(std::string_view participant, std::string_view item) const {
  for (const auto& r : ratings)
    if (r.participant == participant && r.item == item) return &r;
  return nullptr;
}

bool Record::is_revealed(std::string_view dilemma) const {
  return std::find(revealed.begin(), revealed.end(), dilemma) != revealed.end();
}

const Earlier* Record::earlier_of(std::string_view dilemma) const {
  for (const auto& e : earlier)
    if (e.dilemma == dilemma) return &e;
  return nullptr;
}

namespace {

bool is_date(std::string_view w) {
  if (w.size() != 10 || w[4] != '-' || w[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (w[i] < '0' || w[i] > '9') return false;
  const int year = std::stoi(std::string(w.substr(0, 4)));
  const int month = std::stoi(std::string(w.substr(5, 2)));
  const int day = std::stoi(std::string(w.substr(8, 2)));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

}  // namespace

Action parse_action(std::string_view text) {
  Action a;
  std::string rest;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = text.find_first_not_of(" \t", i);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (word.size() > 1 && word[0] == '@' && a.who.empty()) {
      a.who = std::string(word.substr(1));
    } else if (is_date(word) && a.due.empty()) {
      a.due = std::string(word);
    } else {
      if (!rest.empty()) rest += ' ';
      rest += word;
    }
    i = end;
  }
  a.text = rest;
  return a;
}

std::optional<std::string> parse_outcome(std::string_view word) {
  const std::size_t b = word.find_first_not_of(" \t");
  if (b == std::string_view::npos) return std::string("none");
  word = word.substr(b, word.find_last_not_of(" \t") - b + 1);
  if (word == "done" || word == "gedaan") return std::string("done");
  if (word == "partly" || word == "deels") return std::string("partly");
  if (word == "not" || word == "niet") return std::string("not");
  return std::nullopt;
}

namespace {

using Kind = Position::Kind;

// The first thing not yet recorded, ignoring the transient state.
Position first_open(const Record& r) {
  for (std::size_t p = 0; p < r.participants.size(); ++p)
    for (std::size_t i = 0; i < r.checkin_items.size(); ++i)
      if (!r.rating(r.participants[p].id, r.checkin_items[i])) return {Kind::checkin, 0, p, i};
  for (std::size_t d = 0; d < r.dilemmas.size(); ++d) {
    if (r.is_revealed(r.dilemmas[d])) continue;
    for (std::size_t i = 0; i < r.actions.size(); ++i)
      if (r.actions[i].earlier && r.actions[i].outcome.empty() &&
          r.actions[i].dilemma == r.dilemmas[d])
        return {Kind::outcome, d, 0, i};
    for (std::size_t p = 0; p < r.participants.size(); ++p)
      if (!r.response(r.dilemmas[d], r.participants[p].id)) return {Kind::answer, d, p, 0};
    return {Kind::discuss, d, 0, 0};  // all answered, not yet moved on
  }
  return {Kind::done, 0, 0, 0};
}

void erase_response(Record& r, std::string_view dilemma, std::string_view participant) {
  std::erase_if(r.responses, [&](const Response& x) {
    return x.dilemma == dilemma && x.participant == participant;
  });
}

// Goes back from `from` to the previous answer or rating and removes it, so
// that it is asked again; reveals passed on the way are undone.
bool go_back(Record& r, Position from) {
  // Walk the slots in reverse order: (dilemma, participant) answers, each
  // dilemma's reveal after its answers, and the check-in before them all.
  std::size_t d = from.dilemma;
  std::size_t p = from.kind == Kind::discuss ? r.participants.size() : from.participant;
  if (from.kind == Kind::done) {
    d = r.dilemmas.size();
    p = 0;
  }
  if (from.kind != Kind::checkin) {
    while (true) {
      while (p > 0) {
        --p;
        if (r.response(r.dilemmas[d], r.participants[p].id)) {
          erase_response(r, r.dilemmas[d], r.participants[p].id);
          return true;
        }
      }
      if (d == 0) break;
      --d;
      std::erase(r.revealed, r.dilemmas[d]);
      p = r.participants.size();
    }
  }
  // Then the check-in ratings, in the order they were asked.
  const std::size_t items = r.checkin_items.size();
  if (items == 0) return false;
  std::size_t flat = from.kind == Kind::checkin ? from.participant * items + from.item
                                                : r.participants.size() * items;
  while (flat > 0) {
    --flat;
    const std::string& who = r.participants[flat / items].id;
    const std::string& item = r.checkin_items[flat % items];
    if (r.rating(who, item)) {
      std::erase_if(r.ratings,
                    [&](const Rating& x) { return x.participant == who && x.item == item; });
      return true;
    }
  }
  return false;
}

}  // namespace

Position position(const State& s) {
  if (s.room) {  // the open dilemma, answered or discussed by the whole room
    const auto d = open_dilemma(s);
    if (!d) return {Kind::done, 0, 0, 0};
    if (s.discussing == d) return {Kind::discuss, *d, 0, 0};
    // A follow-up: the facilitator says what became of the earlier action
    // steps while the phones answer.
    const auto& r = s.record;
    for (std::size_t i = 0; i < r.actions.size(); ++i)
      if (r.actions[i].earlier && r.actions[i].outcome.empty() &&
          r.actions[i].dilemma == r.dilemmas[*d])
        return {Kind::outcome, *d, 0, i};
    return {Kind::answer, *d, 0, 0};
  }
  if (s.pending_idea) return {Kind::idea, s.pending_idea->first, s.pending_idea->second, 0};
  if (s.discussing) return {Kind::discuss, *s.discussing, 0, 0};
  return first_open(s.record);
}

namespace {

// After an answer (and its idea) to dilemma d: the reveal when everyone has
// answered, else the next participant.
void after_answer(State& s, std::size_t d, Effects& fx) {
  Position next = first_open(s.record);
  if (next.kind == Kind::discuss && next.dilemma == d) {
    s.discussing = d;
    fx.reveal = true;
  } else {
    fx.next_person = true;
  }
}

}  // namespace

Effects step(State& s, const Event& e) {
  Effects fx;
  Record& r = s.record;
  const Position at = position(s);
  auto refuse = [&](const char* key) {
    fx.refused = key;
    return fx;
  };
  if (at.kind == Kind::done && e.kind != Event::Kind::note && e.kind != Event::Kind::quit &&
      e.kind != Event::Kind::back && e.kind != Event::Kind::unnote)
    return refuse("session.refused.done");

  switch (e.kind) {
    case Event::Kind::quit:
      fx.quit = true;
      return fx;

    case Event::Kind::note: {
      if (e.text.find_first_not_of(" \t") == std::string::npos)
        return refuse("session.refused.empty_note");
      std::string dilemma;
      if (at.kind == Kind::outcome || at.kind == Kind::answer || at.kind == Kind::idea ||
          at.kind == Kind::discuss)
        dilemma = r.dilemmas[at.dilemma];
      r.notes.push_back({dilemma, e.text, e.time});
      fx.save = true;
      return fx;
    }

    case Event::Kind::unnote:
      if (r.notes.empty()) return refuse("session.refused.no_note");
      r.notes.pop_back();
      fx.save = true;
      return fx;

    case Event::Kind::action:
    case Event::Kind::warning: {
      if (at.kind != Kind::outcome && at.kind != Kind::answer && at.kind != Kind::idea &&
          at.kind != Kind::discuss)
        return refuse("session.refused.not_dilemma");
      const std::string& dilemma = r.dilemmas[at.dilemma];
      if (e.kind == Event::Kind::warning) {
        if (e.text.find_first_not_of(" \t") == std::string::npos)
          return refuse("session.refused.empty_warning");
        r.warnings.push_back({dilemma, e.text, e.time});
      } else {
        Action a = parse_action(e.text);
        if (a.text.empty()) return refuse("session.refused.empty_action");
        a.dilemma = dilemma;
        a.time = e.time;
        r.actions.push_back(std::move(a));
      }
      fx.save = true;
      return fx;
    }

    case Event::Kind::outcome: {
      if (at.kind != Kind::outcome) return refuse("session.refused.not_outcome");
      const auto outcome = parse_outcome(e.text);
      if (!outcome) return refuse("session.refused.outcome_word");
      r.actions[at.item].outcome = *outcome;
      fx.save = true;
      return fx;
    }

    case Event::Kind::rating:
      if (at.kind != Kind::checkin) return refuse("session.refused.not_checkin");
      if (e.rating < 1 || e.rating > 5) return refuse("session.refused.rating_range");
      r.ratings.push_back(
          {r.participants[at.participant].id, r.checkin_items[at.item], e.rating, e.time});
      fx.save = true;
      fx.next_person =
          position(s).participant != at.participant || position(s).kind != Kind::checkin;
      return fx;

    case Event::Kind::answer:
      if (at.kind != Kind::answer) return refuse("session.refused.not_answer");
      if (e.point.a < kAnswerMin || e.point.a > kAnswerMax || e.point.b < kAnswerMin ||
          e.point.b > kAnswerMax)
        return refuse("session.refused.answer_range");
      r.responses.push_back(
          {r.dilemmas[at.dilemma], r.participants[at.participant].id, e.point, {}, e.time});
      fx.save = true;
      if (zone_of(e.point) == Zone::en_en) {
        s.pending_idea = {at.dilemma, at.participant};
        fx.ask_idea = true;
      } else {
        after_answer(s, at.dilemma, fx);
      }
      return fx;

    case Event::Kind::idea:
      if (at.kind != Kind::idea) return refuse("session.refused.not_idea");
      for (auto& resp : r.responses)
        if (resp.dilemma == r.dilemmas[at.dilemma] &&
            resp.participant == r.participants[at.participant].id)
          resp.idea = e.text;
      s.pending_idea.reset();
      fx.save = !e.text.empty();
      after_answer(s, at.dilemma, fx);
      return fx;

    case Event::Kind::skip:
      switch (at.kind) {
        case Kind::checkin:
          r.ratings.push_back(
              {r.participants[at.participant].id, r.checkin_items[at.item], {}, e.time});
          fx.save = true;
          fx.next_person =
              position(s).participant != at.participant || position(s).kind != Kind::checkin;
          return fx;
        case Kind::answer:
          r.responses.push_back({r.dilemmas[at.dilemma],
                                 r.participants[at.participant].id,
                                 std::nullopt,
                                 {},
                                 e.time});
          fx.save = true;
          after_answer(s, at.dilemma, fx);
          return fx;
        case Kind::idea:
          s.pending_idea.reset();
          after_answer(s, at.dilemma, fx);
          return fx;
        case Kind::outcome:
          r.actions[at.item].outcome = "none";
          fx.save = true;
          return fx;
        case Kind::discuss:
          return step(s, Event::of(Event::Kind::next, e.time));
        case Kind::done:
          break;
      }
      return refuse("session.refused.done");

    case Event::Kind::reveal:
      if (at.kind == Kind::idea) {
        s.pending_idea.reset();
      } else if (at.kind == Kind::outcome) {
        return refuse("session.refused.outcome_first");
      } else if (at.kind != Kind::answer) {
        return refuse("session.refused.not_answer");
      }
      s.discussing = at.dilemma;
      fx.reveal = true;
      return fx;

    case Event::Kind::reopen:
      if (at.kind != Kind::discuss || !s.discussing) return refuse("session.refused.not_discuss");
      s.discussing.reset();
      return fx;

    case Event::Kind::next:
      if (at.kind != Kind::discuss) return refuse("session.refused.not_discuss");
      r.revealed.push_back(r.dilemmas[at.dilemma]);
      s.discussing.reset();
      fx.save = true;
      if (position(s).kind == Kind::done) {
        r.finished = e.time;
        fx.done = true;
      } else {
        fx.next_person = true;
      }
      return fx;

    case Event::Kind::back: {
      Record copy = r;
      if (at.kind == Kind::idea) {
        erase_response(copy, r.dilemmas[at.dilemma], r.participants[at.participant].id);
      } else if (!go_back(copy, at)) {
        return refuse("session.refused.no_back");
      }
      r = std::move(copy);
      r.finished.clear();
      s.pending_idea.reset();
      s.discussing.reset();
      fx.save = true;
      fx.next_person = true;
      return fx;
    }
  }
  return fx;
}

std::optional<std::size_t> open_dilemma(const State& s) {
  for (std::size_t d = 0; d < s.record.dilemmas.size(); ++d)
    if (!s.record.is_revealed(s.record.dilemmas[d])) return d;
  return std::nullopt;
}

std::size_t join(State& s, const std::string& name, const std::string& time) {
  (void)time;
  const std::size_t n = s.record.participants.size() + 1;
  s.record.participants.push_back(
      {"p" + std::to_string(n), s.record.anonymous ? "P" + std::to_string(n) : name});
  return n - 1;
}

Effects answer_as(State& s, std::size_t who, Point p, const std::string& idea,
                  const std::string& time) {
  Effects fx;
  const auto d = open_dilemma(s);
  if (!d || s.discussing == d || who >= s.record.participants.size()) {
    fx.refused = "session.refused.not_answer";
    return fx;
  }
  if (p.a < kAnswerMin || p.a > kAnswerMax || p.b < kAnswerMin || p.b > kAnswerMax) {
    fx.refused = "session.refused.answer_range";
    return fx;
  }
  const std::string& dilemma = s.record.dilemmas[*d];
  const std::string& id = s.record.participants[who].id;
  erase_response(s.record, dilemma, id);
  s.record.responses.push_back(
      {dilemma, id, p, zone_of(p) == Zone::en_en ? idea : std::string(), time});
  fx.save = true;
  return fx;
}

namespace {
bool checkin_closed(const State& s) {
  const auto d = open_dilemma(s);
  return s.record.checkin_items.empty() || !d || *d != 0 || s.discussing == d;
}
}  // namespace

std::optional<std::size_t> checkin_item_of(const State& s, std::size_t who) {
  if (checkin_closed(s) || who >= s.record.participants.size()) return std::nullopt;
  const std::string& id = s.record.participants[who].id;
  // Whoever has answered the first dilemma is past the check-in.
  if (s.record.response(s.record.dilemmas[0], id)) return std::nullopt;
  for (std::size_t i = 0; i < s.record.checkin_items.size(); ++i)
    if (!s.record.rating(id, s.record.checkin_items[i])) return i;
  return std::nullopt;
}

Effects rate_as(State& s, std::size_t who, std::string_view item, std::optional<int> value,
                const std::string& time) {
  Effects fx;
  auto& items = s.record.checkin_items;
  if (checkin_closed(s) || who >= s.record.participants.size() ||
      std::find(items.begin(), items.end(), item) == items.end()) {
    fx.refused = "session.refused.not_checkin";
    return fx;
  }
  if (value && (*value < 1 || *value > 5)) {
    fx.refused = "session.refused.rating_range";
    return fx;
  }
  const std::string& id = s.record.participants[who].id;
  std::erase_if(s.record.ratings,
                [&](const Rating& x) { return x.participant == id && x.item == item; });
  s.record.ratings.push_back({id, std::string(item), value, time});
  fx.save = true;
  return fx;
}

void start_follow_up(Record& r, const std::vector<Record>& earlier) {
  for (const auto& e : earlier) {
    r.follow_up.push_back(e.team.empty() ? e.started : e.team + " " + e.started);
    for (const auto& a : e.actions) {
      if (a.earlier) continue;  // carried once, from the session that agreed on it
      if (std::find(r.dilemmas.begin(), r.dilemmas.end(), a.dilemma) == r.dilemmas.end()) continue;
      Action carried = a;
      carried.earlier = true;
      carried.outcome.clear();
      r.actions.push_back(std::move(carried));
    }
  }
  for (const auto& d : r.dilemmas) {
    Earlier then;
    then.dilemma = d;
    for (const auto& e : earlier)
      for (const auto& resp : e.responses) {
        if (resp.dilemma != d || !resp.point) continue;
        const Point p = *resp.point;
        ++then.n;
        then.sum_a += p.a;
        then.sumsq_a += p.a * p.a;
        then.sum_b += p.b;
        then.sumsq_b += p.b * p.b;
        ++then.zones[static_cast<std::size_t>(zone_of(p))];
        if (!resp.idea.empty()) then.ideas.push_back(resp.idea);
      }
    r.earlier.push_back(std::move(then));
  }
}

std::vector<std::string> initials(const std::vector<Participant>& participants) {
  auto first_chars = [](const std::string& name, std::size_t count) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < name.size() && chars < count; ++chars) {
      std::size_t len = 1;
      const auto c = static_cast<unsigned char>(name[i]);
      if (c >= 0xF0)
        len = 4;
      else if (c >= 0xE0)
        len = 3;
      else if (c >= 0xC0)
        len = 2;
      std::string ch = name.substr(i, len);
      if (chars == 0 && ch.size() == 1) ch[0] = static_cast<char>(std::toupper(c));
      out += ch;
      i += len;
    }
    return out;
  };
  std::vector<std::string> out;
  std::map<std::string, int> uses;
  for (const auto& p : participants) uses[first_chars(p.name, 1)]++;
  for (std::size_t i = 0; i < participants.size(); ++i) {
    const std::string& name = participants[i].name;
    std::string one = first_chars(name, 1);
    std::string label = uses[one] > 1 ? first_chars(name, 2) : one;
    if (std::find(out.begin(), out.end(), label) != out.end() || label.empty())
      label = std::to_string(i + 1);
    out.push_back(label);
  }
  return out;
}

}  // namespace h2h::session
