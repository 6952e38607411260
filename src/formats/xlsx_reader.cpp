#include "formats/xlsx_reader.hpp"

#include <fmt/ranges.h>

#include <algorithm>

#include "core/limits.hpp"
#include "formats/xlsx_parts.hpp"
#include "formats/xlsx_zip.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using i18n::tr;

namespace {

constexpr std::size_t kRowBytes = 4 << 20;  // one row's text, as a CSV record

// The local part of an XML name ("x:c" -> "c").
std::string_view xml_local(const char* name) {
  const char* start = name;
  const char* end = name;
  for (; *end != '\0'; ++end)
    if (*end == ':') start = end + 1;
  return std::string_view(start, static_cast<std::size_t>(end - start));
}

// The row number of a <row r="...">, 1..1048576; 0 when it is none.
int row_of(const char* r) {
  long row = 0;
  int digits = 0;
  for (; *r >= '0' && *r <= '9'; ++r)
    if (++digits > 7)
      return 0;
    else
      row = row * 10 + (*r - '0');
  return *r == '\0' && row >= 1 && row <= 1048576 ? static_cast<int>(row) : 0;
}

// The column of a cell reference such as "D14" (1..16384), checked as
// xlsx::parse_cell_ref checks it; 0 when it is none.
int column_of(const char* r) {
  int column = 0, letters = 0;
  for (; *r >= 'A' && *r <= 'Z'; ++r)
    if (++letters > 3)
      return 0;
    else
      column = column * 26 + (*r - 'A' + 1);
  if (letters == 0 || column > 16384 || row_of(r) == 0) return 0;
  return column;
}

}  // namespace

// The sheet's reading, which XlsxReader::Impl holds: in a namespace of its
// own rather than an anonymous one, as a member's type must be when this
// file is compiled together with others (a unity build).
namespace xlsx_sheet {

// One cell of the current row: text in the row's arena, or a shared string.
struct Slot {
  int column;  // 1-based
  bool shared;
  std::uint64_t value;  // offset in the arena, or the shared string's index
  std::uint32_t length;
};

// Reads <sheetData>: rows of cells. In "mark" mode it only notes which
// shared strings the used columns refer to; otherwise it stops after every
// row, which the reader then hands out.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(std::string source, std::string sheet)
      : source_(std::move(source)), sheet_(std::move(sheet)) {}

  XmlStream* stream = nullptr;
  // Mark mode: the used columns (0-based) and the strings they refer to.
  const std::vector<bool>* used = nullptr;
  std::vector<bool>* marks = nullptr;

  std::vector<Slot> slots;
  std::string arena;
  int row = 0;

  // Called for every element of the sheet: the cells first, and no
  // allocation on the way.
  void start(std::string_view name, const char** a) override {
    if (name == "c" && in_data_) {
      const char* r = nullptr;
      const char* t = nullptr;
      for (const char** at = a; *at != nullptr; at += 2) {
        const std::string_view key = xml_local(at[0]);
        if (key == "r")
          r = at[1];
        else if (key == "t")
          t = at[1];
      }
      int column = column_ + 1;
      if (r != nullptr) {
        column = column_of(r);
        if (column == 0) return bad_ref(r);
      }
      if (column > 16384) return bad_ref(std::to_string(column));
      column_ = column;
      const std::string_view type = t == nullptr ? "n" : t;
      shared_ = type == "s";
      inline_ = type == "inlineStr";
      number_ = type == "n";
      in_cell_ = true;
      text_.clear();
    } else if (name == "v" && in_cell_) {
      collect_ = true;
    } else if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      return;
    } else if (name == "row") {
      const char* r = attribute(a, "r");
      int number = row + 1;
      if (r != nullptr) {
        number = row_of(r);
        if (number == 0) return bad_ref(std::string(r));
      }
      row = number;
      column_ = 0;
      slots.clear();
      arena.clear();
    } else if (in_cell_ && name == "t" && inline_ && phonetic_ == 0) {
      collect_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    }
  }

  void end(std::string_view name) override {
    if (!in_data_) return;
    if (name == "v" || name == "t") {
      collect_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "c") {
      in_cell_ = false;
      end_cell();
    } else if (name == "row") {
      if (marks == nullptr) stream->suspend();
    } else if (name == "sheetData") {
      in_data_ = false;
    }
  }

  void text(std::string_view t) override {
    if (!collect_) return;
    if (text_.size() + t.size() > limits::kWorkbookCellBytes)
      return fail(tr("xlsx.cell_too_long", fmt::arg("max", limits::kWorkbookCellBytes)));
    text_.append(t);
  }

 private:
  void end_cell() {
    if (shared_) {
      std::uint64_t index = 0;
      std::size_t digits = 0;
      for (const char ch : text_) {
        if (ch == ' ') continue;
        if (ch < '0' || ch > '9' || ++digits > 9)
          return fail(tr("xlsx.bad_shared_ref", fmt::arg("ref", text_)));
        index = index * 10 + static_cast<std::uint64_t>(ch - '0');
      }
      if (digits == 0) return;  // an empty shared cell: blank
      if (marks != nullptr) {
        const auto c = static_cast<std::size_t>(column_ - 1);
        if (c >= used->size() || (*used)[c]) {
          if (index >= limits::kWorkbookStrings) return;  // reported when read
          if (marks->size() <= index) marks->resize(index + 1);
          (*marks)[index] = true;
        }
        return;
      }
      slots.push_back({column_, true, index, 0});
      return;
    }
    if (marks != nullptr || text_.empty()) return;
    if (!number_) xlsx::unescape_text(text_);
    if (arena.size() + text_.size() > kRowBytes)
      return fail(tr("xlsx.row_too_long", fmt::arg("max", kRowBytes)));
    slots.push_back({column_, false, arena.size(), static_cast<std::uint32_t>(text_.size())});
    arena.append(text_);
  }

  // Where a broken reference is, is not known: the sheet is named.
  void bad_ref(const std::string& ref) {
    stream->fail({Place{source_, 0, 0, sheet_}, tr("xlsx.bad_ref", fmt::arg("ref", ref))});
  }

  void fail(std::string message) {
    stream->fail({Place{source_, row, column_, sheet_}, std::move(message)});
  }

  std::string source_;
  std::string sheet_;
  std::string text_;
  int column_ = 0;
  bool in_data_ = false;
  bool in_cell_ = false;
  bool shared_ = false;
  bool inline_ = false;
  bool number_ = false;
  bool collect_ = false;
  int phonetic_ = 0;
};

}  // namespace xlsx_sheet

using xlsx_sheet::SheetHandler;
using xlsx_sheet::Slot;

struct XlsxReader::Impl {
  std::unique_ptr<ZipArchive> archive;
  XlsxOptions options;
  xlsx::WorkbookParts parts;
  xlsx::SheetRef sheet;
  std::unique_ptr<SheetHandler> handler;
  std::unique_ptr<XmlStream> stream;
  xlsx::SharedStrings strings;
  std::optional<std::vector<bool>> used;
  bool header_done = false;
  bool strings_loaded = false;
  std::string header_text;  // the header's shared strings, kept for the views

  std::unique_ptr<XmlStream> open_sheet(SheetHandler& h) {
    const auto index = archive->find(sheet.part);
    if (!index) archive->fail(tr("xlsx.missing_part", fmt::arg("part", sheet.part)));
    auto s = std::make_unique<XmlStream>(archive->open(*index), h, archive->source());
    h.stream = s.get();
    return s;
  }

  void load_strings(const std::vector<bool>* wanted) {
    if (parts.strings) strings.load(*archive, *parts.strings, wanted);
  }

  // Every string, or (for a large table) only those the used columns refer to.
  void load_used_strings() {
    strings_loaded = true;
    if (!parts.strings) return;
    const auto index = archive->find(*parts.strings);
    if (!index) archive->fail(tr("xlsx.missing_part", fmt::arg("part", *parts.strings)));
    const std::uint64_t size = archive->open(*index)->size();
    if (!used || size < options.keep_all_below) return load_strings(nullptr);
    SheetHandler marker(archive->source(), sheet.name);
    std::vector<bool> marks;
    marker.used = &*used;
    marker.marks = &marks;
    auto pass = open_sheet(marker);
    while (pass->run()) {
    }
    load_strings(&marks);
  }

  std::string_view text_of(const Slot& s) {
    if (!s.shared) return std::string_view(handler->arena).substr(s.value, s.length);
    const auto text = strings.at(s.value);
    if (!text)
      throw Error(ExitCode::invalid_data,
                  Place{archive->source(), handler->row, s.column, sheet.name},
                  tr("xlsx.no_shared_string", fmt::arg("index", s.value),
                     fmt::arg("count", strings.count())));
    return *text;
  }

  void fill(std::vector<std::string_view>& fields) {
    int width = 0;
    for (const auto& s : handler->slots) width = std::max(width, s.column);
    fields.assign(static_cast<std::size_t>(width), std::string_view());
    for (const auto& s : handler->slots)
      fields[static_cast<std::size_t>(s.column - 1)] = text_of(s);
  }
};

XlsxReader::XlsxReader(std::unique_ptr<ZipArchive> archive, XlsxOptions options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.archive = std::move(archive);
  m.options = std::move(options);
  m.parts = xlsx::read_workbook(*m.archive);
  if (m.parts.sheets.empty()) m.archive->fail(tr("xlsx.no_sheets"));
  if (m.options.sheet.empty()) {
    m.sheet = m.parts.sheets.front();
  } else {
    auto it = std::find_if(m.parts.sheets.begin(), m.parts.sheets.end(),
                           [&](const xlsx::SheetRef& s) { return s.name == m.options.sheet; });
    if (it == m.parts.sheets.end()) {
      std::vector<std::string> names;
      for (const auto& s : m.parts.sheets) names.push_back("'" + s.name + "'");
      m.archive->fail(tr("xlsx.no_such_sheet", fmt::arg("sheet", m.options.sheet),
                         fmt::arg("sheets", fmt::join(names, ", "))));
    }
    m.sheet = *it;
  }
  m.handler = std::make_unique<SheetHandler>(m.archive->source(), m.sheet.name);
  m.stream = m.open_sheet(*m.handler);
}

XlsxReader::~XlsxReader() = default;

bool XlsxReader::next(std::vector<std::string_view>& fields) {
  Impl& m = *impl_;
  for (;;) {
    if (m.header_done && !m.strings_loaded) m.load_used_strings();
    if (!m.stream->run()) return false;
    if (m.handler->slots.empty()) continue;  // a row without cells, as a blank line
    if (m.header_done) {
      m.fill(fields);
      return true;
    }
    // The header: only its own shared strings for now, kept as a copy.
    m.header_done = true;
    std::vector<bool> wanted;
    for (const auto& s : m.handler->slots)
      if (s.shared && s.value < limits::kWorkbookStrings) {
        if (wanted.size() <= s.value) wanted.resize(s.value + 1);
        wanted[s.value] = true;
      }
    if (!wanted.empty()) m.load_strings(&wanted);
    m.fill(fields);
    std::size_t total = 0;
    for (const auto f : fields) total += f.size();
    m.header_text.clear();
    m.header_text.reserve(total);
    for (auto& f : fields) {
      const std::size_t at = m.header_text.size();
      m.header_text.append(f);
      f = std::string_view(m.header_text).substr(at, f.size());
    }
    return true;
  }
}

std::int64_t XlsxReader::row() const {
  return impl_->handler->row;
}

std::uint64_t XlsxReader::bytes_read() const {
  return impl_->stream->bytes();
}

Place XlsxReader::place(int column) const {
  return Place{impl_->archive->source(), impl_->handler->row, column, impl_->sheet.name};
}

void XlsxReader::use_columns(const std::vector<bool>& used) {
  impl_->used = used;
}

const std::string& XlsxReader::sheet() const {
  return impl_->sheet.name;
}

}  // namespace h2h::formats
