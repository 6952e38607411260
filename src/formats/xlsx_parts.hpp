// The small parts of a workbook that lead to its rows: where the workbook
// part is (_rels/.rels), its sheets in order (workbook.xml and its
// relationships), and the shared strings table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/xlsx_zip.hpp"

namespace h2h::formats::xlsx {

struct SheetRef {
  std::string name;
  std::string part;  // e.g. "xl/worksheets/sheet1.xml"
};

struct WorkbookParts {
  std::vector<SheetRef> sheets;        // in the workbook's order
  std::optional<std::string> strings;  // the shared strings part, if any
};

WorkbookParts read_workbook(const ZipArchive& archive);

// The shared strings, all of them or only those asked for.
class SharedStrings {
 public:
  // Which strings to keep: every one, or those whose index `wanted` says.
  void load(const ZipArchive& archive, const std::string& part, const std::vector<bool>* wanted);
  // The text of string `index`; empty when it was not kept; nothing when
  // the table has no such string.
  std::optional<std::string_view> at(std::uint64_t index) const;
  std::uint64_t count() const { return count_; }

  // Used by the parser.
  void add(std::uint64_t index, std::string_view text);
  void set_count(std::uint64_t count) { count_ = count; }

 private:
  struct Entry {
    std::uint32_t index, offset, length;
  };
  std::string arena_;
  std::vector<Entry> entries_;  // by index
  std::uint64_t count_ = 0;
  bool all_ = false;
};

// Decodes the escapes Excel writes for characters XML cannot hold (control
// characters, as _x001B_; _x005F_ for an underscore that would look like
// one) in a cell's text, in place.
void unescape_text(std::string& text);

// The 1-based column and row of a cell reference such as "D14"; nothing
// when it is not one or lies outside A1..XFD1048576.
std::optional<std::pair<int, int>> parse_cell_ref(std::string_view ref);

}  // namespace h2h::formats::xlsx
