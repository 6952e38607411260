// Where a CSV file can be cut in two so that each part holds whole records,
// for reading the parts at once on two cores. A line end ends a record
// unless it is inside a quoted field, so the file is followed from its
// start with the quoting rules of CsvReader (a quote opens a field only at
// the field's start; "" inside one is a quote): that costs one memchr over
// the first part when the file has no quotes, a hop per quote when it has.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace h2h::formats {

// How many bytes csv_split_point reads at a time.
inline constexpr std::size_t kCsvSplitStep = 1 << 20;

// The offset just after the first line end at or after `target` that ends
// a record of the file `fd` (`size` bytes, read with pread; the delimiter
// as detected), or nothing when there is none before the end, when the
// file cannot be read, or in the rare case where a quoted field is followed
// (after any text) by a lone carriage return, which CsvReader takes as the
// field's end and the next field's start.
// The file is read `chunk` bytes at a time (tests make it small).
std::optional<std::uint64_t> csv_split_point(int fd, std::uint64_t size, std::uint64_t target,
                                             char delimiter, std::size_t chunk = kCsvSplitStep);

}  // namespace h2h::formats
