#include "formats/xlsx_parts.hpp"

#include <algorithm>

#include "core/limits.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats::xlsx {

using i18n::tr;

namespace {

struct Relationship {
  std::string id, type, target;
};

class RelsHandler : public XmlHandler {
 public:
  std::vector<Relationship> rels;
  void start(std::string_view name, const char** a) override {
    if (name != "Relationship") return;
    const char* id = attribute(a, "Id");
    const char* type = attribute(a, "Type");
    const char* target = attribute(a, "Target");
    if (id && type && target) rels.push_back({id, type, target});
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

class WorkbookHandler : public XmlHandler {
 public:
  std::vector<std::pair<std::string, std::string>> sheets;  // (name, relationship id)
  void start(std::string_view name, const char** a) override {
    if (name != "sheet") return;
    const char* sheet = attribute(a, "name");
    const char* id = attribute(a, "id");
    if (sheet && id) sheets.emplace_back(sheet, id);
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

void parse_small(const ZipArchive& archive, const std::string& part, XmlHandler& handler) {
  const auto index = archive.find(part);
  if (!index) archive.fail(tr("xlsx.missing_part", fmt::arg("part", part)));
  auto zip_part = archive.open(*index);
  if (zip_part->size() > limits::kWorkbookSmallPart)
    archive.fail(tr("xlsx.part_too_large", fmt::arg("part", part),
                    fmt::arg("max", limits::kWorkbookSmallPart)));
  XmlStream xml(std::move(zip_part), handler, archive.source());
  while (xml.run()) {
  }
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// A relationship's target as a part name: relative to the folder of the
// part that names it, or absolute from the archive's root.
std::string resolve(const std::string& from, const std::string& target) {
  std::string path;
  if (!target.empty() && target.front() == '/') {
    path = target.substr(1);
  } else {
    const auto slash = from.rfind('/');
    path = (slash == std::string::npos ? std::string() : from.substr(0, slash + 1)) + target;
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string piece = path.substr(start, end - start);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string rels_of(const std::string& part) {
  const auto slash = part.rfind('/');
  if (slash == std::string::npos) return "_rels/" + part + ".rels";
  return part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

class StringsHandler : public XmlHandler {
 public:
  StringsHandler(SharedStrings& out, const std::vector<bool>* wanted, XmlStream*& stream,
                 const std::string& source)
      : out_(out), wanted_(wanted), stream_(stream), source_(source) {}

  void start(std::string_view name, const char**) override {
    if (name == "si") {
      in_si_ = true;
      text_.clear();
    } else if (name == "rPh") {
      ++phonetic_;  // reading aids for East Asian text, not part of the value
    } else if (name == "t" && in_si_ && phonetic_ == 0) {
      collect_ = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "t") {
      collect_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "si") {
      in_si_ = false;
      if (count_ >= limits::kWorkbookStrings)
        return stream_->fail({Place{source_}, tr("xlsx.too_many_strings",
                                                 fmt::arg("max", limits::kWorkbookStrings))});
      if (wanted_ == nullptr || (count_ < wanted_->size() && (*wanted_)[count_])) {
        unescape_text(text_);
        kept_ += text_.size();
        if (kept_ > limits::kWorkbookStringBytes)
          return stream_->fail({Place{source_}, tr("xlsx.strings_too_large",
                                                   fmt::arg("max", limits::kWorkbookStringBytes))});
        out_.add(count_, text_);
      }
      ++count_;
    }
  }
  void text(std::string_view t) override {
    if (!collect_) return;
    if (text_.size() + t.size() > limits::kWorkbookCellBytes)
      return stream_->fail(
          {Place{source_}, tr("xlsx.text_too_long", fmt::arg("part", "sharedStrings"),
                              fmt::arg("max", limits::kWorkbookCellBytes))});
    text_.append(t);
  }
  std::uint64_t count() const { return count_; }

 private:
  SharedStrings& out_;
  const std::vector<bool>* wanted_;
  XmlStream*& stream_;
  const std::string& source_;
  std::string text_;
  bool in_si_ = false;
  bool collect_ = false;
  int phonetic_ = 0;
  std::uint64_t count_ = 0;
  std::uint64_t kept_ = 0;
};

}  // namespace

WorkbookParts read_workbook(const ZipArchive& archive) {
  // The workbook part: named by the package's relationships; Excel's own
  // place when those are missing.
  std::string workbook = "xl/workbook.xml";
  if (archive.find("_rels/.rels")) {
    RelsHandler rels;
    parse_small(archive, "_rels/.rels", rels);
    for (const auto& r : rels.rels)
      if (ends_with(r.type, "/officeDocument")) workbook = resolve("", r.target);
  }
  WorkbookHandler book;
  parse_small(archive, workbook, book);
  RelsHandler rels;
  if (archive.find(rels_of(workbook))) parse_small(archive, rels_of(workbook), rels);
  WorkbookParts out;
  for (const auto& sheet : book.sheets) {
    // (name, relationship id); no structured binding: clang 14 cannot capture one.
    const std::string& name = sheet.first;
    auto it = std::find_if(rels.rels.begin(), rels.rels.end(),
                           [&](const Relationship& r) { return r.id == sheet.second; });
    if (it == rels.rels.end() || !ends_with(it->type, "/worksheet")) continue;  // chart sheets
    out.sheets.push_back({name, resolve(workbook, it->target)});
  }
  for (const auto& r : rels.rels)
    if (ends_with(r.type, "/sharedStrings")) out.strings = resolve(workbook, r.target);
  if (!out.strings && archive.find("xl/sharedStrings.xml")) out.strings = "xl/sharedStrings.xml";
  return out;
}

void SharedStrings::load(const ZipArchive& archive, const std::string& part,
                         const std::vector<bool>* wanted) {
  arena_.clear();
  entries_.clear();
  all_ = wanted == nullptr;
  const auto index = archive.find(part);
  if (!index) archive.fail(tr("xlsx.missing_part", fmt::arg("part", part)));
  XmlStream* stream = nullptr;
  StringsHandler handler(*this, wanted, stream, archive.source());
  XmlStream xml(archive.open(*index), handler, archive.source());
  stream = &xml;
  while (xml.run()) {
  }
  count_ = handler.count();
  arena_.shrink_to_fit();
  entries_.shrink_to_fit();
}

void unescape_text(std::string& text) {
  std::size_t at = text.find("_x");
  if (at == std::string::npos) return;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out(text, 0, at);
  while (at < text.size()) {
    int code = -1;
    if (text.compare(at, 2, "_x") == 0 && at + 7 <= text.size() && text[at + 6] == '_') {
      code = 0;
      for (std::size_t k = at + 2; k < at + 6 && code >= 0; ++k)
        code = hex(text[k]) < 0 ? -1 : code * 16 + hex(text[k]);
    }
    // Surrogates are no characters; they stay as written.
    if (code < 0 || (code >= 0xD800 && code <= 0xDFFF)) {
      out += text[at++];
      continue;
    }
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
    at += 7;
  }
  text = std::move(out);
}

void SharedStrings::add(std::uint64_t index, std::string_view text) {
  entries_.push_back({static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(arena_.size()),
                      static_cast<std::uint32_t>(text.size())});
  arena_.append(text);
}

std::optional<std::string_view> SharedStrings::at(std::uint64_t index) const {
  if (index >= count_) return std::nullopt;
  const Entry* e = nullptr;
  if (all_) {
    e = &entries_[index];
  } else {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), index,
                               [](const Entry& x, std::uint64_t i) { return x.index < i; });
    if (it == entries_.end() || it->index != index) return std::string_view();
    e = &*it;
  }
  return std::string_view(arena_).substr(e->offset, e->length);
}

std::optional<std::pair<int, int>> parse_cell_ref(std::string_view ref) {
  std::size_t i = 0;
  int column = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) {
    column = column * 26 + (ref[i] - 'A' + 1);
    ++i;
  }
  if (i == 0 || column > 16384) return std::nullopt;
  const std::size_t digits = i;
  long row = 0;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - digits < 8) {
    row = row * 10 + (ref[i] - '0');
    ++i;
  }
  if (i != ref.size() || i == digits || row < 1 || row > 1048576) return std::nullopt;
  return std::make_pair(column, static_cast<int>(row));
}

}  // namespace h2h::formats::xlsx
