// Caps on what h2h reads, so that hostile or broken input gets a clear
// error instead of exhausting memory. Documented in man/h2h.1 (LIMITS).
#pragma once

#include <cstddef>
#include <cstdint>

namespace h2h::limits {

constexpr std::size_t kDeckBytes = 1024 * 1024;          // a deck file
constexpr std::size_t kDilemmas = 200;                   // dilemmas in a deck
constexpr std::size_t kNeeds = 20;                       // needs in a deck
constexpr std::size_t kCheckinItems = 200;               // check-in items in a deck
constexpr std::size_t kListItems = 50;                   // upsides or downsides of a pole
constexpr std::size_t kTextChars = 4000;                 // one text of a deck
constexpr std::size_t kIdChars = 64;                     // an id
constexpr std::size_t kYamlNodes = 200000;               // nodes in one YAML document
constexpr std::size_t kYamlDepth = 200;                  // nesting in a session file (ours: 4)
constexpr std::size_t kSessionBytes = 32 * 1024 * 1024;  // a session file
constexpr std::size_t kParticipants = 100;               // participants of a live session
constexpr std::size_t kServedParticipants = 500;         // participants of h2h run --serve
constexpr std::size_t kSessionParticipants = 1000000;    // participants of a session file (import)
constexpr std::size_t kSessionAnswers = kSessionParticipants * kDilemmas;  // answers or ratings
constexpr std::size_t kSessionFileBytes = std::size_t{1} << 30;  // a session file read as a stream
constexpr std::size_t kNotes = 10000;                    // notes of one session
constexpr std::size_t kNameChars = 80;                   // a participant's or team's name
constexpr std::size_t kInputLine = 4000;                 // one line typed or piped into h2h run
constexpr std::size_t kRecordBytes = 4 * 1024 * 1024;    // a CSV record or a JSON line
constexpr std::size_t kGroups = 2000;                    // groups of h2h report --by
constexpr std::size_t kGroupDilemmas = 10000;            // and groups x dilemmas of the deck
constexpr std::uint64_t kReportCount = 1000000000000;    // any count in one report JSON (10^12)

// The groups a report may have with a deck of `dilemmas` dilemmas: each
// group's figures (and its part of a JSON report, about 14 KB per dilemma)
// grow with the deck.
constexpr std::size_t max_groups(std::size_t dilemmas) {
  const std::size_t by_deck = kGroupDilemmas / (dilemmas == 0 ? 1 : dilemmas);
  return by_deck < kGroups ? by_deck : kGroups;
}
constexpr std::size_t kIdeasPerDilemma = 200;            // survey ideas kept per dilemma and group
// Workbooks (.xlsx): parts of the zip, a part's unpacked size, the packing
// ratio allowed for parts over kWorkbookRatioFrom (real sheets pack 5 to 20
// times; a zip bomb 1000 times), the small parts read whole, one cell's text,
// the shared strings kept in memory and their number.
constexpr std::size_t kWorkbookParts = 10000;
constexpr std::uint64_t kWorkbookPartBytes = 4ULL << 30;
constexpr std::uint64_t kWorkbookRatioFrom = 16 << 20;
constexpr std::uint64_t kWorkbookRatio = 200;
constexpr std::size_t kWorkbookSmallPart = 16 << 20;
constexpr std::size_t kWorkbookCellBytes = 128 << 10;
constexpr std::size_t kWorkbookStringBytes = 48 << 20;
constexpr std::size_t kWorkbookStrings = 16 << 20;

}  // namespace h2h::limits
