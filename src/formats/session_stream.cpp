#include "formats/session_stream.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <stdexcept>

#include "formats/session_yaml.hpp"

namespace h2h::formats {

namespace {

// yaml-cpp's reading of UTF-8 (GetNextCodePointAndAdvance in its
// emitterutils.cpp), so that a broken sequence becomes the same U+FFFD.
constexpr int kReplacement = 0xFFFD;

int stream_utf8_length(unsigned char lead) {
  switch (lead >> 4) {
    case 12:
    case 13:
      return 2;
    case 14:
      return 3;
    case 15:
      return 4;
    default:
      return lead < 0x80 ? 1 : -1;
  }
}

int stream_next_code_point(std::string_view s, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  int n = stream_utf8_length(lead);
  if (n < 1) {
    ++i;
    return kReplacement;
  }
  if (n == 1) {
    ++i;
    return lead;
  }
  int cp = lead & ~(0xFF << (7 - n));
  ++i;
  for (--n; n > 0; ++i, --n) {
    if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      cp = kReplacement;
      break;
    }
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp & 0xFFFE) == 0xFFFE ||
      (cp >= 0xFDD0 && cp <= 0xFDEF))
    cp = kReplacement;
  return cp;
}

void stream_put_code_point(std::string& out, int cp) {
  if (cp <= 0x7F) {
    out += static_cast<char>(cp);
  } else if (cp <= 0x7FF) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp <= 0xFFFF) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void stream_put_escape(std::string& out, int cp) {
  static constexpr char kHex[] = "0123456789abcdef";
  int digits = 8;
  out += '\\';
  if (cp < 0xFF) {
    out += 'x';
    digits = 2;
  } else if (cp < 0xFFFF) {
    out += 'u';
    digits = 4;
  } else {
    out += 'U';
  }
  for (; digits > 0; --digits) out += kHex[(cp >> (4 * (digits - 1))) & 0xF];
}

// A scalar that yaml-cpp writes plain inside a flow map for sure: a letter
// or digit, then letters, digits and . _ + - :, no ':' at the end, and not
// a word that reads as null. Ids, "p12" and times all are.
bool surely_plain(std::string_view s) {
  if (s.empty() || s == "null" || s == "Null" || s == "NULL") return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(s.front()) || s.back() == ':') return false;
  for (char c : s)
    if (!alnum(c) && c != '.' && c != '_' && c != '+' && c != '-' && c != ':') return false;
  return true;
}

// A scalar as session_to_yaml writes it inside a flow map: plain when it
// can be, else as yaml-cpp decides (asked only for unusual text).
void append_flow_scalar(std::string& out, std::string_view s) {
  if (surely_plain(s)) {
    out += s;
    return;
  }
  YAML::Emitter e;
  e << YAML::Flow << YAML::BeginSeq << std::string(s) << YAML::EndSeq;
  const std::string_view text = e.c_str();  // "[...]"
  out += text.substr(1, text.size() - 2);
}

void append_int(std::string& out, int value) {
  char buf[16];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

}  // namespace

void append_double_quoted(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Plain ASCII runs as they are.
    std::size_t j = i;
    while (j < text.size()) {
      const auto c = static_cast<unsigned char>(text[j]);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') break;
      ++j;
    }
    out.append(text.data() + i, j - i);
    i = j;
    if (i == text.size()) break;
    const int cp = stream_next_code_point(text, i);
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        // Control characters (DEL too, see session_to_yaml), the no-break
        // space and the byte order mark.
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) || cp == 0xFEFF)
          stream_put_escape(out, cp);
        else
          stream_put_code_point(out, cp);
    }
  }
  out += '"';
}

SessionFrame session_frame(const session::Record& record) {
  session::Record shell = record;
  shell.participants.clear();
  shell.ratings.clear();
  shell.responses.clear();
  const std::string text = session_to_yaml(shell);
  // User text is always quoted, with its line ends escaped, so these keys
  // at the start of a line are the lists themselves.
  static constexpr std::string_view kEmpty = "\nparticipants:\n  []\ncheckin: []\nanswers: []\n";
  const auto at = text.find(kEmpty);
  if (at == std::string::npos || text.find(kEmpty, at + 1) != std::string::npos)
    throw std::logic_error("session_frame: the session file's lists are not where expected");
  return {text.substr(0, at + 1), text.substr(at + kEmpty.size())};
}

std::string_view session_list_key(SessionList list, bool empty) {
  switch (list) {
    case SessionList::participants:
      return empty ? "participants:\n  []\n" : "participants:\n";
    case SessionList::checkin:
      return empty ? "checkin: []\n" : "checkin:\n";
    case SessionList::answers:
      break;
  }
  return empty ? "answers: []\n" : "answers:\n";
}

void append_participant(std::string& out, std::string_view id, std::string_view name) {
  out += "  - {id: ";
  append_flow_scalar(out, id);
  out += ", name: ";
  append_double_quoted(out, name);
  out += "}\n";
}

void append_rating(std::string& out, std::string_view participant, std::string_view item,
                   std::optional<int> value, std::string_view time) {
  out += "  - {participant: ";
  append_flow_scalar(out, participant);
  out += ", item: ";
  append_flow_scalar(out, item);
  out += ", value: ";
  if (value)
    append_int(out, *value);
  else
    out += '~';
  out += ", time: ";
  append_flow_scalar(out, time);
  out += "}\n";
}

void append_answer(std::string& out, std::string_view dilemma, std::string_view participant,
                   std::optional<Point> point, std::string_view idea, std::string_view time) {
  out += "  - {dilemma: ";
  append_flow_scalar(out, dilemma);
  out += ", participant: ";
  append_flow_scalar(out, participant);
  if (point) {
    out += ", a: ";
    append_int(out, point->a);
    out += ", b: ";
    append_int(out, point->b);
  } else {
    out += ", a: ~, b: ~";
  }
  if (!idea.empty()) {
    out += ", idea: ";
    append_double_quoted(out, idea);
  }
  out += ", time: ";
  append_flow_scalar(out, time);
  out += "}\n";
}

}  // namespace h2h::formats
