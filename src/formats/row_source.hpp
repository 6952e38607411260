// Where the rows of a response table come from: a CSV file's records or a
// workbook's sheet. responses.cpp turns the rows into respondents the same
// way for both, so a workbook and the CSV of the same data give the same
// figures.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace h2h::formats {

class RowSource {
 public:
  virtual ~RowSource() = default;

  // The next row's fields (the header first), valid until the next call;
  // false at the end. Throws Error (exit 3) when the input is broken.
  virtual bool next(std::vector<std::string_view>& fields) = 0;

  // The row last returned, as a spreadsheet numbers it (the header is 1).
  virtual std::int64_t row() const = 0;

  // How far reading has come, for a progress line.
  virtual std::uint64_t bytes_read() const = 0;

  // The place of a cell of the current row (column 1-based) in messages.
  virtual Place place(int column) const = 0;

  // Told once, after the header: which columns' text the caller uses
  // (index by column, 0-based; columns past the end are used). A source
  // may then hand out other columns as blank, to keep memory small.
  virtual void use_columns(const std::vector<bool>& /*used*/) {}
};

}  // namespace h2h::formats
