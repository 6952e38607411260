// The pieces behind "nothing lost, nothing silently wrong": overflow-checked
// merging, JSON errors in h2h's words, sniffing UTF-16, the session lock.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/tally.hpp"
#include "formats/json_text.hpp"
#include "formats/session_lock.hpp"
#include "formats/sniff.hpp"
#include "i18n/i18n.hpp"

using namespace h2h;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<const Weights> one_dilemma() {
  auto w = std::make_shared<Weights>();
  w->dilemma_ids = {"d1"};
  w->need_ids = {"autonomy"};
  w->poles = {{{2, 1}}};
  return w;
}

formats::JsonFault fault_of(const std::string& text) {
  try {
    const auto parsed = nlohmann::json::parse(text);
    FAIL("parsed: " << parsed.dump());
  } catch (const nlohmann::json::exception& e) {
    return formats::describe_json_error(text, e);
  }
  return {};
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("h2h-unit-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("merging tallies past the int64 range throws instead of wrapping") {
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  Tally big(one_dilemma()), more(one_dilemma());
  big.add_participant(kMax);
  more.add_participant(1);
  CHECK_THROWS_AS(big.merge(more), TallyOverflow);

  Tally cells(one_dilemma()), cells2(one_dilemma());
  cells.dilemmas()[0].cells[3][4] = kMax;
  cells2.dilemmas()[0].cells[3][4] = 1;
  CHECK_THROWS_AS(cells.merge(cells2), TallyOverflow);

  // Each dilemma's need sum fits, their total over dilemmas would not.
  auto w = std::make_shared<Weights>();
  w->dilemma_ids = {"d1", "d2"};
  w->need_ids = {"autonomy"};
  w->poles = {{{1, 0}}, {{1, 0}}};
  Tally empty(w), needs(w);
  needs.dilemmas()[0].needs[0].numerator = kMax;
  needs.dilemmas()[1].needs[0].numerator = kMax;
  CHECK_THROWS_AS(empty.merge(needs), TallyOverflow);

  Tally fine(one_dilemma()), fine2(one_dilemma());
  fine.add_participant(2);
  fine2.add_participant(3);
  fine.merge(fine2);
  CHECK(fine.participants() == 5);
}

TEST_CASE("groups of a report: capped by number, and by groups x dilemmas") {
  CHECK(limits::max_groups(5) == 2000);
  CHECK(limits::max_groups(200) == 50);
  CHECK(limits::max_groups(0) == 2000);
}

TEST_CASE("a standard deviation of huge merged counts does not overflow") {
  Moments m{1000000000000, 5000000000000, 30000000000000};  // 10^12 answers, mean 5
  REQUIRE(m.sd());
  CHECK(*m.sd() == doctest::Approx(2.2360679).epsilon(1e-6));
}

TEST_CASE("JSON errors in h2h's words, at the right byte") {
  i18n::set_language(i18n::Lang::en);
  auto f = fault_of(R"({"a": NaN})");
  CHECK(f.offset == 6);
  CHECK(f.message == "'NaN' is not a number JSON allows (JSON has no NaN or Infinity)");
  f = fault_of(R"({"a": -Infinity})");
  CHECK(f.message.find("'-Infinity'") == 0);
  f = fault_of(R"({"a": 1)");
  CHECK(f.offset == 7);  // the end
  CHECK(f.message.find("ends in the middle") != std::string::npos);
  f = fault_of(std::string("{\"a\": \"x") + "\xff" + "\"}");
  CHECK(f.offset == 8);
  CHECK(f.message.find("not UTF-8") == 0);
  f = fault_of(R"({"a": 1e400})");
  CHECK(f.offset == 6);
  CHECK(f.message == "the number 1e400 is too large");
  f = fault_of(R"({"a": 1,, "b": 2})");
  CHECK(f.offset == 8);
  CHECK(f.message.find("not valid JSON here") == 0);
  f = fault_of("{\"a\": \x01}");
  CHECK(f.message == "not valid JSON here");  // no control character in the message
}

TEST_CASE("a JSON document: duplicate keys with their paths, all of them") {
  i18n::set_language(i18n::Lang::en);
  try {
    (void)formats::parse_json_document(R"({"a": [1, {"b": 1, "b": 2}], "a": 3})", "x.json");
    FAIL("no error");
  } catch (const Error& e) {
    REQUIRE(e.problems().size() == 2);
    CHECK(e.problems()[0].message == "at /a/1: the key 'b' is there twice");
    CHECK(e.problems()[1].message == "at /: the key 'a' is there twice");
    CHECK(e.code() == ExitCode::invalid_data);
  }
  CHECK(formats::json_pointer("/x", "a/b~c") == "/x/a~1b~0c");
  CHECK(formats::json_pointer("", std::string("k\x1b")) == "/k?");
}

TEST_CASE("sniffing UTF-16") {
  using formats::Sniffed;
  CHECK(formats::sniff("\xFF\xFEr\0e\0") == Sniffed::utf16);
  CHECK(formats::sniff("\xFE\xFF\0r\0e") == Sniffed::utf16);
  CHECK(formats::sniff(std::string_view("r\0e\0s\0p\0", 8)) == Sniffed::utf16);
  CHECK(formats::sniff("respondent,team") == Sniffed::text);
  CHECK(formats::sniff("") == Sniffed::text);
  CHECK(formats::sniff("\xEF\xBB\xBFrespondent") == Sniffed::text);
}

TEST_CASE("one writer per session file") {
  i18n::set_language(i18n::Lang::en);
  TempDir dir;
  const std::string session = (dir.path / "s.yaml").string();
  const std::string lock_file = (dir.path / ".s.yaml.lock").string();
  CHECK(formats::lock_path_for(session) == lock_file);
  {
    formats::SessionLock lock(session);
    CHECK(lock.stale_holder().empty());
    CHECK(fs::exists(lock_file));
    // flock locks belong to the open file, so a second one in this process conflicts too.
    try {
      formats::SessionLock second(session);
      FAIL("locked twice");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::failure);
      const std::string& m = e.problems().front().message;
      CHECK(m.find("is being written by h2h, process " + std::to_string(::getpid()) + " on ") == 0);
    }
  }
  CHECK_FALSE(fs::exists(lock_file));
  // A lock file nobody holds (its process was killed) is taken over.
  std::ofstream(lock_file) << "pid: 99999999\nhost: elsewhere\nstarted: 2026-01-01T00:00:00Z\n";
  {
    formats::SessionLock lock(session);
    CHECK(lock.stale_holder() == "h2h, process 99999999 on elsewhere, since 2026-01-01T00:00:00Z");
  }
  CHECK_FALSE(fs::exists(lock_file));
}

TEST_CASE("stale temporaries: exactly the names a save makes") {
  TempDir dir;
  const std::string session = (dir.path / "s.yaml").string();
  for (const char* name : {".s.yaml.0123456789abcdef.tmp", ".s.yaml.0123456789abcdeg.tmp",
                           ".s.yaml.0123.tmp", ".t.yaml.0123456789abcdef.tmp", "s.yaml"})
    std::ofstream(dir.path / name) << "x";
  fs::create_symlink(dir.path / "s.yaml", dir.path / ".s.yaml.fedcba9876543210.tmp");
  const auto removed = formats::remove_stale_temporaries(session);
  REQUIRE(removed.size() == 1);
  CHECK(removed[0] == ".s.yaml.0123456789abcdef.tmp");
  CHECK(fs::exists(dir.path / ".s.yaml.0123456789abcdeg.tmp"));
  CHECK(fs::is_symlink(dir.path / ".s.yaml.fedcba9876543210.tmp"));
  CHECK(fs::exists(dir.path / "s.yaml"));
}
