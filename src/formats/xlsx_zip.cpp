#include "formats/xlsx_zip.hpp"

#include <expat.h>
#include <zip.h>

#include <cstring>

#include "core/limits.hpp"
#include "i18n/i18n.hpp"

namespace h2h::formats {

using i18n::tr;

namespace {

std::string zip_message(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string message = zip_error_strerror(&error);
  zip_error_fini(&error);
  return message;
}

// One pass over the name (called for every element and attribute).
std::string_view local_name(const char* name) {
  const char* start = name;
  const char* end = name;
  for (; *end != '\0'; ++end)
    if (*end == ':') start = end + 1;
  return std::string_view(start, static_cast<std::size_t>(end - start));
}

}  // namespace

// --- the archive

ZipArchive::ZipArchive(zip* archive, std::string source)
    : zip_(archive), source_(std::move(source)) {
  const zip_int64_t entries = zip_get_num_entries(zip_, 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > limits::kWorkbookParts) {
    zip_discard(zip_);
    zip_ = nullptr;
    throw Error(ExitCode::invalid_data, Place{source_},
                tr("xlsx.too_many_parts", fmt::arg("max", limits::kWorkbookParts)));
  }
}

ZipArchive::~ZipArchive() {
  if (zip_ != nullptr) zip_discard(zip_);
}

std::unique_ptr<ZipArchive> ZipArchive::open_file(const std::string& path) {
  int code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (archive == nullptr) {
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ)
      throw Error(ExitCode::failure, Place{path},
                  tr("file.cannot_read", fmt::arg("reason", zip_message(code))));
    throw Error(ExitCode::invalid_data, Place{path},
                tr("xlsx.not_zip", fmt::arg("reason", zip_message(code))));
  }
  return std::unique_ptr<ZipArchive>(new ZipArchive(archive, path));
}

std::unique_ptr<ZipArchive> ZipArchive::open_memory(std::string_view bytes, std::string source) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip* archive = src == nullptr ? nullptr : zip_open_from_source(src, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    if (src != nullptr) zip_source_free(src);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw Error(ExitCode::invalid_data, Place{source},
                tr("xlsx.not_zip", fmt::arg("reason", reason)));
  }
  zip_error_fini(&error);
  return std::unique_ptr<ZipArchive>(new ZipArchive(archive, std::move(source)));
}

void ZipArchive::fail(const std::string& message) const {
  throw Error(ExitCode::invalid_data, Place{source_}, message);
}

std::optional<std::uint64_t> ZipArchive::find(const std::string& name) const {
  const zip_int64_t at = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
  if (at < 0) return std::nullopt;
  return static_cast<std::uint64_t>(at);
}

std::unique_ptr<ZipPart> ZipArchive::open(std::uint64_t index) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_, index, 0, &st) != 0 || (st.valid & ZIP_STAT_NAME) == 0)
    fail(tr("xlsx.not_zip", fmt::arg("reason", zip_strerror(zip_))));
  std::string name = st.name;
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE)
    fail(tr("xlsx.encrypted", fmt::arg("part", name)));
  if ((st.valid & ZIP_STAT_SIZE) == 0 || (st.valid & ZIP_STAT_COMP_SIZE) == 0)
    fail(tr("xlsx.not_zip", fmt::arg("reason", name)));
  // Checked before unpacking a byte: a bomb is refused at once.
  if (st.size > limits::kWorkbookPartBytes)
    fail(tr("xlsx.part_too_large", fmt::arg("part", name),
            fmt::arg("max", limits::kWorkbookPartBytes)));
  if (st.size > limits::kWorkbookRatioFrom &&
      st.size / std::max<std::uint64_t>(st.comp_size, 1) > limits::kWorkbookRatio)
    fail(tr("xlsx.ratio", fmt::arg("part", name),
            fmt::arg("ratio", st.size / std::max<std::uint64_t>(st.comp_size, 1)),
            fmt::arg("max", limits::kWorkbookRatio)));
  return std::make_unique<ZipPart>(*this, index, std::move(name));
}

std::string ZipArchive::read_whole(const std::string& name, std::size_t max_bytes) const {
  const auto index = find(name);
  if (!index) fail(tr("xlsx.missing_part", fmt::arg("part", name)));
  auto part = open(*index);
  if (part->size() > max_bytes)
    fail(tr("xlsx.part_too_large", fmt::arg("part", name), fmt::arg("max", max_bytes)));
  std::string bytes(static_cast<std::size_t>(part->size()), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const std::size_t n = part->read(bytes.data() + done, bytes.size() - done);
    if (n == 0) break;
    done += n;
  }
  bytes.resize(done);
  return bytes;
}

// --- a part

ZipPart::ZipPart(const ZipArchive& archive, std::uint64_t index, std::string name)
    : archive_(archive), name_(std::move(name)) {
  zip_stat_t st;
  zip_stat_init(&st);
  zip_stat_index(archive_.zip_, index, 0, &st);
  declared_ = st.size;
  file_ = zip_fopen_index(archive_.zip_, index, 0);
  if (file_ == nullptr)
    archive_.fail(tr("xlsx.unpack", fmt::arg("part", name_),
                     fmt::arg("reason", zip_strerror(archive_.zip_))));
}

ZipPart::~ZipPart() {
  if (file_ != nullptr) zip_fclose(file_);
}

std::size_t ZipPart::read(char* data, std::size_t size) {
  const zip_int64_t n = zip_fread(file_, data, size);
  if (n < 0)
    archive_.fail(
        tr("xlsx.unpack", fmt::arg("part", name_), fmt::arg("reason", zip_file_strerror(file_))));
  done_ += static_cast<std::uint64_t>(n);
  // libzip stops at the declared size; counted again here in case it ever does not.
  if (done_ > declared_)
    archive_.fail(tr("xlsx.part_too_large", fmt::arg("part", name_), fmt::arg("max", declared_)));
  return static_cast<std::size_t>(n);
}

// --- XML

const char* attribute(const char** attributes, std::string_view name) {
  for (const char** a = attributes; a != nullptr && *a != nullptr; a += 2)
    if (local_name(a[0]) == name) return a[1];
  return nullptr;
}

XmlStream::XmlStream(std::unique_ptr<ZipPart> part, XmlHandler& handler, std::string source)
    : part_(std::move(part)),
      handler_(handler),
      source_(std::move(source)),
      parser_(XML_ParserCreate(nullptr)) {
  if (parser_ == nullptr) throw std::bad_alloc();
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, on_start, on_end);
  XML_SetCharacterDataHandler(parser_, on_text);
  XML_SetStartDoctypeDeclHandler(parser_, on_doctype);
}

XmlStream::~XmlStream() {
  XML_ParserFree(parser_);
}

void XmlStream::suspend() {
  if (suspended_ || problem_) return;
  suspended_ = true;
  XML_StopParser(parser_, XML_TRUE);
}

void XmlStream::fail(Problem problem) {
  if (problem_) return;
  problem_ = std::move(problem);
  XML_StopParser(parser_, XML_FALSE);
}

void XmlStream::on_start(void* self, const char* name, const char** attributes) {
  auto* s = static_cast<XmlStream*>(self);
  if (s->problem_) return;
  if (++s->depth_ > 64)
    return s->fail({Place{s->source_}, tr("xlsx.too_deep", fmt::arg("part", s->part_name()))});
  s->handler_.start(local_name(name), attributes);
}

void XmlStream::on_end(void* self, const char* name) {
  auto* s = static_cast<XmlStream*>(self);
  if (s->problem_) return;
  --s->depth_;
  s->handler_.end(local_name(name));
}

void XmlStream::on_text(void* self, const char* text, int length) {
  auto* s = static_cast<XmlStream*>(self);
  if (s->problem_) return;
  s->handler_.text(std::string_view(text, static_cast<std::size_t>(length)));
}

void XmlStream::on_doctype(void* self, const char*, const char*, const char*, int) {
  auto* s = static_cast<XmlStream*>(self);
  s->fail({Place{s->source_}, tr("xlsx.doctype", fmt::arg("part", s->part_name()))});
}

void XmlStream::check(int status) {
  if (problem_) throw Error(ExitCode::invalid_data, std::vector<Problem>{*problem_});
  if (status == XML_STATUS_ERROR)
    throw Error(ExitCode::invalid_data, Place{source_},
                tr("xlsx.bad_xml", fmt::arg("part", part_name()),
                   fmt::arg("line", XML_GetCurrentLineNumber(parser_)),
                   fmt::arg("column", XML_GetCurrentColumnNumber(parser_) + 1),
                   fmt::arg("reason", XML_ErrorString(XML_GetErrorCode(parser_)))));
}

bool XmlStream::run() {
  if (finished_) return false;
  if (suspended_) {
    suspended_ = false;
    const int status = XML_ResumeParser(parser_);
    check(status);
    if (status == XML_STATUS_SUSPENDED) return true;
    XML_ParsingStatus ps;
    XML_GetParsingStatus(parser_, &ps);
    if (ps.parsing == XML_FINISHED) {
      finished_ = true;
      return false;
    }
  }
  constexpr int kChunk = 1 << 16;
  for (;;) {
    void* buffer = XML_GetBuffer(parser_, kChunk);
    if (buffer == nullptr) throw std::bad_alloc();
    const std::size_t n = part_->read(static_cast<char*>(buffer), kChunk);
    bytes_ += n;
    const int status = XML_ParseBuffer(parser_, static_cast<int>(n), n == 0);
    check(status);
    if (status == XML_STATUS_SUSPENDED) return true;
    if (n == 0) {
      finished_ = true;
      return false;
    }
  }
}

}  // namespace h2h::formats
