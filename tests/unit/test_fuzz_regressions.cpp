// Replays the fuzz seed corpus and every input that once crashed h2h
// (tests/fuzz/corpus/<target>/, tests/fuzz/regressions/<target>/) through the
// fuzz targets, so that the normal test suite keeps them fixed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../fuzz/fuzz_targets.hpp"

namespace fs = std::filesystem;

TEST_CASE("fuzz corpus and regressions replay without a crash") {
  std::size_t replayed = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    for (const auto& target : h2h::fuzz::targets()) {
      const fs::path dir = fs::path(H2H_SOURCE_DIR) / "tests" / "fuzz" / kind / target.name;
      if (!fs::is_directory(dir)) continue;
      for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        CAPTURE(entry.path().string());
        CHECK_NOTHROW(target.run(bytes.str()));
        ++replayed;
      }
    }
  }
  CHECK(replayed >= 12);  // at least two seeds per target
}
