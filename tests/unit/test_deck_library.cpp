#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "formats/deck_library.hpp"

using namespace h2h;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/h2h-test-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
  }
};

}  // namespace

TEST_CASE("built-in decks load by id, default h2h") {
  auto d = formats::load_deck("", {});
  CHECK(d.deck.id == "h2h");
  CHECK(d.origin.builtin);
  CHECK(d.deck.dilemmas.size() == 5);
  CHECK(formats::load_deck("customer", {}).deck.id == "customer");
}

TEST_CASE("an unknown id is a usage error naming the known decks") {
  try {
    formats::load_deck("nope", {});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::usage);
    CHECK(std::string(e.what()).find("h2h") != std::string::npos);
  }
}

TEST_CASE("user decks are listed, and win over built-in ids") {
  TempDir dir;
  auto bytes = formats::load_deck("h2h", {}).bytes;
  std::string mine = bytes;
  mine.replace(mine.find("\nversion: "), 11, "\nversion: 7");
  dir.write("mine.yaml", mine);
  dir.write("broken.yaml", "id: [\n");
  auto list = formats::list_decks(dir.path);
  REQUIRE(list.size() == 5);
  CHECK(list[0].origin.builtin);
  CHECK(list[1].origin.builtin);
  CHECK(list[2].origin.builtin);
  CHECK_FALSE(list[3].deck);  // broken.yaml, sorted by name
  CHECK_FALSE(list[3].problems.empty());
  REQUIRE(list[4].deck);
  auto loaded = formats::load_deck("h2h", dir.path);
  CHECK(loaded.deck.version == 7);
  CHECK_FALSE(loaded.origin.builtin);
}

TEST_CASE("a file path loads that file; invalid files throw with exit code 3") {
  TempDir dir;
  dir.write("bad.yaml", "id: x\n");
  try {
    formats::load_deck((dir.path / "bad.yaml").string(), {});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::invalid_data);
    CHECK(e.problems().size() >= 5);
  }
  try {
    formats::load_deck((dir.path / "missing.yaml").string(), {});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::failure);
  }
}
