#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "formats/csv_reader.hpp"
#include "formats/csv_split.hpp"
#include "formats/deck_library.hpp"
#include "formats/responses.hpp"

using namespace h2h;

namespace {

std::vector<std::vector<std::string>> parse(const std::string& text,
                                            std::optional<char> delimiter = std::nullopt,
                                            std::vector<std::int64_t>* rows = nullptr,
                                            char* detected = nullptr,
                                            std::size_t buffer = formats::kCsvBufferBytes) {
  char path[] = "/tmp/h2h-csv-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::lseek(fd, 0, SEEK_SET);
  formats::CsvReader reader(fd, "t.csv", delimiter, buffer);
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

TEST_CASE("the delimiter is found in the whole header, however little the first read holds") {
  // A quoted line end in the header: the first read may end inside it.
  const std::string text = "\"respond\nent\"\tgrowth.a\tgrowth.b\n1\t2\t3\n";
  for (const std::size_t buffer : {1, 4, 16, 64, 1 << 18}) {
    CAPTURE(buffer);
    char detected = 0;
    CHECK(parse(text, std::nullopt, nullptr, &detected, buffer) ==
          Rows{{"respond\nent", "growth.a", "growth.b"}, {"1", "2", "3"}});
    CHECK(detected == '\t');
  }
  // A quote that opens nothing: the same bytes decide, whatever the reads.
  const std::string stray = "a\"b;c;d\n1,2\nx\"y\n3;4\n";
  for (const std::size_t buffer : {1, 3, 7, 1 << 18}) {
    CAPTURE(buffer);
    char detected = 0;
    parse(stray, std::nullopt, nullptr, &detected, buffer);
    CHECK(detected == ',');
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

namespace {

// A temporary file with `text`, removed at the end of the scope.
struct TempFile {
  explicit TempFile(const std::string& text) {
    fd = mkstemp(path);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    ::lseek(fd, 0, SEEK_SET);
  }
  ~TempFile() {
    ::close(fd);
    ::unlink(path);
  }
  char path[32] = "/tmp/h2h-split-XXXXXX";
  int fd = -1;
};

std::optional<std::uint64_t> split_of(const std::string& text, std::uint64_t target,
                                      std::size_t step = formats::kCsvSplitStep) {
  TempFile f(text);
  return formats::csv_split_point(f.fd, text.size(), target, ',', step);
}

}  // namespace

TEST_CASE("a CSV file is cut only where a record ends") {
  // The first line end at or after the target.
  CHECK(split_of("h\na\nb\nc\n", 2) == 4u);
  CHECK(split_of("h\na\nb\nc\n", 4) == 6u);
  // Line ends inside a quoted field are skipped, "" included.
  const std::string quoted = "h,i\n\"x\ny\",1\n\"a\"\"\nb\",2\nz,3\n";
  CHECK(split_of(quoted, 5) == quoted.find("1\n") + 2);
  CHECK(split_of(quoted, quoted.find("a\"\"")) == quoted.find("2\n") + 2);
  // A quote inside an unquoted field is text: it opens nothing.
  const std::string literal = "h\nab\"c\nd\ne\n";
  CHECK(split_of(literal, 2) == literal.find("c\n") + 2);
  // A byte order mark, then a quoted first field.
  const std::string bom = "\xEF\xBB\xBF\"h\nx\",i\n1,2\n3,4\n";
  CHECK(split_of(bom, 4) == bom.find("i\n") + 2);
  // No record ends after the target: not cut.
  CHECK_FALSE(split_of("h\n\"a\nb\nc", 3));
  CHECK_FALSE(split_of("h\na\n", 3));
  // A quoted field ended by a lone carriage return: not followed, not cut.
  CHECK_FALSE(split_of("h\n\"a\"\rb\nc\nd\n", 2));
  // Text after a closing quote, then a lone carriage return: CsvReader
  // starts a field there, and its quote opens it. Not followed, not cut,
  // whatever the reading step; a carriage return before a line end is one.
  for (const std::size_t step : {1, 2, 3, 5, 1 << 20}) {
    CAPTURE(step);
    CHECK_FALSE(split_of("h,i\n\"a\"x\r\"\n,\n\"\nr,1\nz,2\n", 4, step));
    CHECK_FALSE(split_of("h,i\n\"a\"\r\"\n,\n\"\nr,1\nz,2\n", 4, step));
    CHECK(split_of("h\n\"a\"x\r\nb\nc\n", 2, step) == 8u);
    CHECK(split_of("h,i\n\"a\"x,\"\n\"\nb\nc\n", 4, step) == 13u);
  }
  // Every cut of a file with quoted line ends everywhere is a record's end.
  std::string many = "respondent,idea\n";
  for (int i = 0; i < 200; ++i)
    many += "r" + std::to_string(i) + ",\"line\none, \"\"" + std::to_string(i) + "\"\"\n\"\n";
  for (std::uint64_t target = 16; target < many.size(); target += 7) {
    const auto at = split_of(many, target);
    if (!at) continue;
    CHECK(*at >= target);
    CHECK(many.compare(*at, 1, "r") == 0);
  }
}

TEST_CASE("a CSV file read in two parts gives the respondents of one pass, in order") {
  std::string text = "respondent,team,growth.a,growth.b,growth.idea\n";
  // Larger than the reader's first read (256 KiB), which holds the header.
  for (int i = 0; i < 60000; ++i)
    text += "r" + std::to_string(i) + ",t" + std::to_string(i % 3) + "," + std::to_string(i % 11) +
            "," + std::to_string((i * 7) % 11) +
            (i % 2 ? ",\"two\nlines, \"\"quoted\"\"\"\n" : ",\n");
  TempFile f(text);
  const std::string path = f.path;
  const Deck deck = formats::load_deck("h2h", {}).deck;
  const Weights w = Weights::of(deck);
  formats::ResponseOptions o;
  auto ids = [](std::vector<std::string>& out) {
    return [&out](const formats::Respondent& r) {
      out.push_back(std::string(r.id) + "/" + std::string(r.team));
    };
  };
  std::vector<std::string> one, first, second;
  const auto whole = formats::read_responses(path, formats::ResponseFormat::csv, w, o, ids(one));
  o.split_bytes = 0;
  const std::function<void(const formats::Respondent&)> later = ids(second);
  const auto parts =
      formats::read_responses(path, formats::ResponseFormat::csv, w, o, ids(first), &later);
  CHECK_FALSE(first.empty());
  CHECK_FALSE(second.empty());
  first.insert(first.end(), second.begin(), second.end());
  CHECK(first == one);
  CHECK(parts.rows == whole.rows);

  // A bad value in the second part: the row of one pass.
  std::string bad = text;
  const auto bad_at = bad.find("\nr59000,") + 1;  // an even row: no quoted field
  bad.replace(bad_at, bad.find('\n', bad_at) - bad_at, "r59000,t0,12,1,");
  TempFile g(bad);
  std::string one_pass, two_parts;
  o.split_bytes = ~0ULL;
  try {
    formats::read_responses(g.path, formats::ResponseFormat::csv, w, o, ids(one));
  } catch (const Error& e) {
    one_pass = format_problem(e.problems().front());
  }
  o.split_bytes = 0;
  try {
    formats::read_responses(g.path, formats::ResponseFormat::csv, w, o, ids(first), &later);
  } catch (const Error& e) {
    two_parts = format_problem(e.problems().front());
  }
  CHECK_FALSE(one_pass.empty());
  CHECK(one_pass == two_parts);
}
