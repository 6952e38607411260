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

namespace {

using Kind = Position::Kind;

// The first thing not yet recorded, ignoring the transient state.
Position first_open(const Record& r) {
  for (std::size_t p = 0; p < r.participants.size(); ++p)
    for (std::size_t i = 0; i < r.checkin_items.size(); ++i)
      if (!r.rating(r.participants[p].id, r.checkin_items[i])) return {Kind::checkin, 0, p, i};
  for (std::size_t d = 0; d < r.dilemmas.size(); ++d) {
    if (r.is_revealed(r.dilemmas[d])) continue;
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
      e.kind != Event::Kind::back)
    return refuse("session.refused.done");

  switch (e.kind) {
    case Event::Kind::quit:
      fx.quit = true;
      return fx;

    case Event::Kind::note: {
      if (e.text.find_first_not_of(" \t") == std::string::npos)
        return refuse("session.refused.empty_note");
      std::string dilemma;
      if (at.kind == Kind::answer || at.kind == Kind::idea || at.kind == Kind::discuss)
        dilemma = r.dilemmas[at.dilemma];
      r.notes.push_back({dilemma, e.text, e.time});
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
        case Kind::discuss:
          return step(s, Event::of(Event::Kind::next, e.time));
        case Kind::done:
          break;
      }
      return refuse("session.refused.done");

    case Event::Kind::reveal:
      if (at.kind == Kind::idea) {
        s.pending_idea.reset();
      } else if (at.kind != Kind::answer) {
        return refuse("session.refused.not_answer");
      }
      s.discussing = at.dilemma;
      fx.reveal = true;
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
