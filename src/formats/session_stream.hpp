// A session file written piece by piece, for sessions too large to hold in
// memory first (h2h import): the head, the entries of the participants,
// check-in and answers lists one at a time as they come, and the tail; put
// together, the very bytes session_to_yaml writes for the same record.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/answer.hpp"
#include "core/session.hpp"

namespace h2h::formats {

// What session_to_yaml writes before the participants list (`head`) and
// after the answers list (`tail`); the record's participants, ratings and
// responses are not looked at.
struct SessionFrame {
  std::string head, tail;
};
SessionFrame session_frame(const session::Record& record);

// The three lists between head and tail, in this order.
enum class SessionList { participants, checkin, answers };

// The line that opens a list: its key, with `[]` when the list is empty.
std::string_view session_list_key(SessionList list, bool empty);

// One entry of a list, with its line end, appended to `out`.
void append_participant(std::string& out, std::string_view id, std::string_view name);
void append_rating(std::string& out, std::string_view participant, std::string_view item,
                   std::optional<int> value, std::string_view time);
void append_answer(std::string& out, std::string_view dilemma, std::string_view participant,
                   std::optional<Point> point, std::string_view idea, std::string_view time);

// A text as the session file quotes it ("..." with yaml-cpp's escapes).
void append_double_quoted(std::string& out, std::string_view text);

}  // namespace h2h::formats
