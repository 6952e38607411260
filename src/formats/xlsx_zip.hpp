// The two layers under a workbook: its zip archive (libzip) and the XML of
// its parts (expat), both read as hostile input.
//
// libzip (Debian's libzip4) reads the central directory, checks each part's
// CRC and hands out a part as a stream, so a sheet of any size passes
// through a small buffer; expat (libexpat1) is a streaming XML parser that
// can suspend after any element, which lets the sheet reader hand out one
// row at a time. Both are small, long-maintained C libraries that Debian
// keeps patched.
//
// Guards: the number of parts, each part's unpacked size and its packing
// ratio (zip bombs) are checked before a byte is unpacked, and the bytes
// actually unpacked are counted against the declared size; a DOCTYPE (and so
// any entity declaration: "billion laughs") ends parsing; elements nest at
// most 64 deep.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

struct zip;
struct zip_file;
struct XML_ParserStruct;

namespace h2h::formats {

class ZipArchive;

// One part of the archive, unpacked as it is read.
class ZipPart {
 public:
  ZipPart(const ZipArchive& archive, std::uint64_t index, std::string name);
  ~ZipPart();
  ZipPart(const ZipPart&) = delete;
  ZipPart& operator=(const ZipPart&) = delete;

  // Up to `size` bytes; 0 at the end. Throws Error (exit 3).
  std::size_t read(char* data, std::size_t size);
  const std::string& name() const { return name_; }
  std::uint64_t size() const { return declared_; }

 private:
  const ZipArchive& archive_;
  zip_file* file_ = nullptr;
  std::string name_;
  std::uint64_t declared_ = 0;
  std::uint64_t done_ = 0;
};

class ZipArchive {
 public:
  // A file on disk, or bytes in memory (kept by the caller while in use).
  static std::unique_ptr<ZipArchive> open_file(const std::string& path);
  static std::unique_ptr<ZipArchive> open_memory(std::string_view bytes, std::string source);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // The index of a part by name (case-insensitive, as Excel reads them).
  std::optional<std::uint64_t> find(const std::string& name) const;
  // Opens a part after checking its size and ratio.
  std::unique_ptr<ZipPart> open(std::uint64_t index) const;
  // A small part whole (relationships, the workbook), at most max_bytes.
  std::string read_whole(const std::string& name, std::size_t max_bytes) const;

  const std::string& source() const { return source_; }
  [[noreturn]] void fail(const std::string& message) const;

 private:
  friend class ZipPart;
  ZipArchive(zip* archive, std::string source);
  zip* zip_;
  std::string source_;
};

// Receives a part's XML as names without their namespace prefix.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view text) = 0;
};

// An attribute's value by its name without prefix; nullptr when absent.
const char* attribute(const char** attributes, std::string_view name);

// Parses a part with a handler, suspending whenever the handler asks.
class XmlStream {
 public:
  XmlStream(std::unique_ptr<ZipPart> part, XmlHandler& handler, std::string source);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Parses on; true when the handler suspended, false at the end of the part.
  bool run();
  // From a handler: stop after this element (run() returns true).
  void suspend();
  // From a handler: stop with a problem (run() throws it).
  void fail(Problem problem);
  // Bytes of XML parsed so far.
  std::uint64_t bytes() const { return bytes_; }
  const std::string& part_name() const { return part_->name(); }

 private:
  static void on_start(void* self, const char* name, const char** attributes);
  static void on_end(void* self, const char* name);
  static void on_text(void* self, const char* text, int length);
  static void on_doctype(void* self, const char*, const char*, const char*, int);
  void check(int status);

  std::unique_ptr<ZipPart> part_;
  XmlHandler& handler_;
  std::string source_;
  XML_ParserStruct* parser_;
  std::optional<Problem> problem_;
  bool suspended_ = false;
  bool finished_ = false;
  int depth_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace h2h::formats
