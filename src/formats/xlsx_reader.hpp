// Workbooks (.xlsx, as Microsoft Forms and Excel write them) as a source of
// rows: the first sheet (or one named), the first row the header, text
// cells (shared and inline strings), numbers as they are written, blank
// cells as blanks. Streamed: one row at a time, whatever the sheet's size.
//
// Shared strings live in their own part, which a row may refer to anywhere;
// a small one is kept whole, a large one only for the columns the caller
// uses (found by a first pass over the sheet), so memory stays bounded.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "formats/row_source.hpp"

namespace h2h::formats {

class ZipArchive;

struct XlsxOptions {
  std::string sheet;                       // empty: the first sheet
  std::uint64_t keep_all_below = 8 << 20;  // shared strings part kept whole below this size
};

class XlsxReader final : public RowSource {
 public:
  // Throws Error (exit 3) when the archive is not a workbook or the sheet
  // does not exist.
  XlsxReader(std::unique_ptr<ZipArchive> archive, XlsxOptions options);
  ~XlsxReader() override;

  bool next(std::vector<std::string_view>& fields) override;
  std::int64_t row() const override;
  std::uint64_t bytes_read() const override;
  Place place(int column) const override;
  void use_columns(const std::vector<bool>& used) override;

  const std::string& sheet() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace h2h::formats
