#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "formats/csv_reader.hpp"

using namespace h2h;

namespace {

std::vector<std::vector<std::string>> parse(const std::string& text,
                                            std::optional<char> delimiter = std::nullopt,
                                            std::vector<std::int64_t>* rows = nullptr,
                                            char* detected = nullptr) {
  char path[] = "/tmp/h2h-csv-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::lseek(fd, 0, SEEK_SET);
  formats::CsvReader reader(fd, "t.csv", delimiter);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string_view> fields;
  try {
    while (reader.next(fields)) {
      out.emplace_back(fields.begin(), fields.end());
      if (rows) rows->push_back(reader.row());
    }
  } catch (...) {
    ::close(fd);
    ::unlink(path);
    throw;
  }
  if (detected) *detected = reader.delimiter();
  ::close(fd);
  ::unlink(path);
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("plain CSV, LF and CRLF, with and without BOM") {
  CHECK(parse("a,b\n1,2\n") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(parse("a,b\r\n1,2\r\n") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(parse("\xEF\xBB\xBF"
              "a,b\r\n1,2") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(parse("a,b\n1,\n,\n") == Rows{{"a", "b"}, {"1", ""}, {"", ""}});
}

TEST_CASE("RFC 4180 quoting: delimiters, quotes and newlines inside fields") {
  std::vector<std::int64_t> rows;
  auto r =
      parse("h1,h2\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\nlast,y\n", std::nullopt, &rows);
  CHECK(r == Rows{{"h1", "h2"}, {"a,b", "say \"hi\""}, {"two\nlines", "x"}, {"last", "y"}});
  // A quoted newline does not start a new row: rows as a spreadsheet counts them.
  CHECK(rows == std::vector<std::int64_t>{1, 2, 3, 4});
  CHECK(parse("a\n\"\"\n") == Rows{{"a"}});  // one empty cell: a blank row
}

TEST_CASE("blank lines count as rows but give no record") {
  std::vector<std::int64_t> rows;
  auto r = parse("a\n\n1\n\n", std::nullopt, &rows);
  CHECK(r == Rows{{"a"}, {"1"}});
  CHECK(rows == std::vector<std::int64_t>{1, 3});
}

TEST_CASE("the delimiter is detected from the header, or given") {
  char d = 0;
  CHECK(parse("a;b;c\n1;2,5;3\n", std::nullopt, nullptr, &d) ==
        Rows{{"a", "b", "c"}, {"1", "2,5", "3"}});
  CHECK(d == ';');
  CHECK(parse("a\tb\n1\t2\n", std::nullopt, nullptr, &d) == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(d == '\t');
  CHECK(parse("\"x;y\",b\n1,2\n", std::nullopt, nullptr, &d) == Rows{{"x;y", "b"}, {"1", "2"}});
  CHECK(d == ',');
  CHECK(parse("a;b\n1;2\n", ',') == Rows{{"a;b"}, {"1;2"}});
}

TEST_CASE("an unclosed quote is an error with its row and column") {
  try {
    parse("a,b\n1,\"open\n2,3\n");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::invalid_data);
    CHECK(format_problem(e.problems()[0]).starts_with("t.csv:2:2: "));
  }
}

TEST_CASE("records across the reader's buffer boundaries") {
  // Enough records that quotes, doubled quotes and CRLF fall on every
  // position of the 1 MiB buffer boundary.
  std::string text = "id,text,n\r\n";
  Rows expected = {{"id", "text", "n"}};
  for (int i = 0; i < 70000; ++i) {
    std::string body = std::string(static_cast<std::size_t>(i % 17), 'x') + "\"q\"," +
                       std::to_string(i) + (i % 3 == 0 ? "\nline" : "");
    std::string quoted;
    for (char c : body) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    text += std::to_string(i) + ",\"" + quoted + "\"," + std::to_string(i % 11) + "\r\n";
    expected.push_back({std::to_string(i), body, std::to_string(i % 11)});
  }
  REQUIRE(text.size() > 2 * (1 << 20));
  CHECK(parse(text) == expected);
}
