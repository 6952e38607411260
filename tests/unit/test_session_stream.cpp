#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/error.hpp"
#include "formats/atomic_file.hpp"
#include "formats/session_stream.hpp"
#include "formats/session_yaml.hpp"
#include "formats/spool.hpp"

using namespace h2h;
using namespace h2h::session;
namespace fs = std::filesystem;

namespace {

// A session file put together from the streamed pieces, as h2h import does.
std::string streamed(const Record& r) {
  const formats::SessionFrame frame = formats::session_frame(r);
  std::string out = frame.head;
  out += formats::session_list_key(formats::SessionList::participants, r.participants.empty());
  for (const auto& p : r.participants) formats::append_participant(out, p.id, p.name);
  out += formats::session_list_key(formats::SessionList::checkin, r.ratings.empty());
  for (const auto& c : r.ratings)
    formats::append_rating(out, c.participant, c.item, c.value, c.time);
  out += formats::session_list_key(formats::SessionList::answers, r.responses.empty());
  for (const auto& a : r.responses)
    formats::append_answer(out, a.dilemma, a.participant, a.point, a.idea, a.time);
  out += frame.tail;
  return out;
}

// Texts that take every path of the quoting: escapes, control characters,
// the no-break space and NEL, a byte order mark, non-ASCII letters, broken
// and forbidden UTF-8 (yaml-cpp writes U+FFFD for those), YAML's indicators.
const std::vector<std::string> kOddTexts = {
    "Anna",
    "",
    "Bram \"B\" \\ x",
    "Zo\xc3\xab \xe2\x82\xac",
    "tab\there\nline\rcr\bbs\fff",
    "nbsp\xc2\xa0x nel\xc2\x85y",
    "bom\xef\xbb\xbfz",
    "ctl\x01\x1f del\x7f",
    "\xf0\x9f\x98\x80 emoji",
    "lone \x80 continuation",
    "cut at the end \xc3",
    "cut \xe2\x82 in the middle",
    "overlong \xc0\x80",
    "surrogate \xed\xa0\x80",
    "not a character \xef\xbf\xbe and \xef\xb7\x90",
    "beyond \xf4\x90\x80\x80",
    "null",
    "~",
    "- dash",
    ": colon",
    "a: b",
    "#hash",
    "a, b",
    "[x]",
    "{y}",
    " lead",
    "trail ",
    "'single'",
    "&anchor *alias !tag |pipe >fold %pct @at `tick` ?q",
    std::string(1500, 'x'),
    std::string("with\0nul", 8),
};

Record odd_record() {
  Record r;
  r.deck_id = "h2h";
  r.deck_version = 2;
  r.deck_hash = "fnv1a64:0123456789abcdef";
  r.language = "en";
  r.team = "Sales: \"north\" #1";
  r.dilemmas = {"transparency", "growth"};
  r.revealed = r.dilemmas;
  r.checkin_items = {"autonomy", "belonging"};
  r.started = r.finished = "2026-12-07T03:04:32Z";
  int i = 0;
  for (const auto& text : kOddTexts) {
    const std::string pid = "p" + std::to_string(++i);
    r.participants.push_back({pid, text});
    r.ratings.push_back({pid, i % 2 ? "autonomy" : "belonging",
                         i % 3 ? std::optional<int>(i % 5 + 1) : std::nullopt, r.started});
    r.responses.push_back({i % 2 ? "transparency" : "growth", pid,
                           i % 4 ? std::optional<Point>(Point{i % 11, 10 - i % 11}) : std::nullopt,
                           text, r.started});
  }
  // Ids and times that are not plain scalars take yaml-cpp's own way.
  r.participants.push_back({"null", "id null"});
  r.participants.push_back({"x y: z", "id with a colon"});
  r.ratings.push_back({"x y: z", "item, odd", 3, "a time: odd"});
  r.responses.push_back({"dilemma [odd]", "null", Point{1, 2}, "", "~"});
  return r;
}

struct StreamTempDir {
  fs::path path = fs::temp_directory_path() / ("h2h-unit-stream-" + std::to_string(::getpid()));
  StreamTempDir() { fs::create_directories(path); }
  ~StreamTempDir() { fs::remove_all(path); }
};

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("a session file written piece by piece is the one session_to_yaml writes") {
  Record r = odd_record();
  CHECK(streamed(r) == formats::session_to_yaml(r));

  SUBCASE("every text in every place") {
    for (const auto& text : kOddTexts) {
      CAPTURE(text);
      Record one = r;
      one.team = text;
      one.participants = {{"p1", text}};
      one.ratings = {{"p1", "autonomy", 5, "2026-12-07T03:04:32Z"}};
      one.responses = {{"growth", "p1", Point{9, 9}, text, "2026-12-07T03:04:32Z"}};
      CHECK(streamed(one) == formats::session_to_yaml(one));
    }
  }
  SUBCASE("empty lists, no team, no check-in items") {
    r.team.clear();
    r.checkin_items.clear();
    r.ratings.clear();
    CHECK(streamed(r) == formats::session_to_yaml(r));
    r.responses.clear();
    CHECK(streamed(r) == formats::session_to_yaml(r));
    r.participants.clear();
    CHECK(streamed(r) == formats::session_to_yaml(r));
  }
  SUBCASE("random bytes, quoted as yaml-cpp quotes them") {
    std::mt19937 random(2026);
    for (int n = 0; n < 2000; ++n) {
      std::string text(random() % 12, '\0');
      for (auto& c : text) {
        const auto pick = random() % 4;
        c = static_cast<char>(pick == 0   ? random() % 0x20
                              : pick == 1 ? 0x20 + random() % 0x60
                                          : 0x80 + random() % 0x80);
      }
      CAPTURE(text);
      Record one = r;
      one.participants = {{"p1", text}};
      one.ratings.clear();
      one.responses = {{"growth", "p1", Point{9, 9}, text, "t"}};
      REQUIRE(streamed(one) == formats::session_to_yaml(one));
    }
  }
  // And it reads back as the same session.
  Record plain = odd_record();
  plain.participants = {{"p1", kOddTexts[2]}, {"p2", kOddTexts[3]}, {"p3", kOddTexts[8]}};
  plain.ratings = {{"p2", "belonging", 4, "2026-12-07T03:04:32Z"}};
  plain.responses = {{"growth", "p3", Point{9, 8}, kOddTexts[4], "2026-12-07T03:04:32Z"}};
  const Record back = formats::session_from_yaml(streamed(plain), "s.yaml");
  CHECK(back.team == plain.team);
  REQUIRE(back.participants.size() == 3);
  CHECK(back.participants[2].name == kOddTexts[8]);
  REQUIRE(back.ratings.size() == 1);
  CHECK(back.ratings[0].value == 4);
  REQUIRE(back.responses.size() == 1);
  CHECK(back.responses[0].point == Point{9, 8});
  CHECK(back.responses[0].idea == kOddTexts[4]);
}

TEST_CASE("a spool gives back every stream as it was written, however interleaved") {
  StreamTempDir tmp;
  formats::Spool spool({tmp.path.string()}, "out.yaml");
  std::vector<std::size_t> streams;
  std::vector<std::string> expected(300);
  for (int i = 0; i < 300; ++i) streams.push_back(spool.add());
  // Full blocks of three streams first, then so many streams that they pass
  // the memory cap before any block is full.
  std::mt19937 random(7);
  for (int n = 0; n < 90000; ++n) {
    const std::size_t s = random() % (n < 30000 ? 3 : 300);
    const std::string line(1 + random() % 400, static_cast<char>('a' + s % 26));
    spool.append(streams[s], [&line](std::string& out) { out += line; });
    expected[s] += line;
  }
  for (std::size_t s = 0; s < streams.size(); ++s) {
    std::string got;
    spool.read(
        streams[s],
        [&got](int fd, std::uint64_t offset, std::uint64_t size) {
          std::string part(size, '\0');
          REQUIRE(::pread(fd, part.data(), size, static_cast<off_t>(offset)) ==
                  static_cast<ssize_t>(size));
          got += part;
        },
        [&got](std::string_view bytes) { got += bytes; });
    CHECK(spool.size(streams[s]) == expected[s].size());
    CHECK(got == expected[s]);
  }
  // The file has no name: nothing is left in the folder.
  CHECK(fs::is_empty(tmp.path));
}

TEST_CASE("a file written in pieces appears whole at commit, or not at all") {
  StreamTempDir tmp;
  const fs::path path = tmp.path / "s.yaml";
  const fs::path source = tmp.path / "source";
  { std::ofstream(source, std::ios::binary) << "0123456789"; }
  const int fd = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  {
    formats::AtomicFile out(path.string());
    out.write("head ");
    out.copy(fd, 2, 5);
    out.write(" tail");
    CHECK_FALSE(fs::exists(path));  // not before commit
  }
  CHECK_FALSE(fs::exists(path));  // left without commit: nothing, not even the temporary file
  CHECK(std::distance(fs::directory_iterator(tmp.path), fs::directory_iterator()) == 1);
  {
    formats::AtomicFile out(path.string());
    out.write("head ");
    out.copy(fd, 2, 5);
    out.write(" tail");
    out.commit();
  }
  ::close(fd);
  CHECK(read_all(path) == "head 23456 tail");
  CHECK((fs::status(path).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  // A folder that is not there: the error names the file.
  try {
    formats::AtomicFile out((tmp.path / "no" / "s.yaml").string());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::failure);
  }
}
