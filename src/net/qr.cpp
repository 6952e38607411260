#include "net/qr.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>

#include "core/error.hpp"
#include "render/document.hpp"

namespace h2h::net {

namespace {
constexpr int kQuiet = 4;  // the quiet zone a scanner needs, in modules
}

QrCode qr_encode(const std::string& text) {
  // Level M: still read when a projector or a phone's camera blurs a little.
  std::unique_ptr<QRcode, void (*)(QRcode*)> q(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (!q) throw Error(ExitCode::failure, "QR: " + text);
  QrCode out;
  out.size = q->width;
  out.dark.resize(static_cast<std::size_t>(q->width * q->width));
  for (std::size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = (q->data[i] & 1) != 0;
  return out;
}

std::string qr_svg(const QrCode& code, const std::string& label) {
  const int side = code.size + 2 * kQuiet;
  std::string path;
  for (int y = 0; y < code.size; ++y)
    for (int x = 0; x < code.size; ++x)
      if (code.at(x, y)) path += fmt::format("M{} {}h1v1h-1z", x + kQuiet, y + kQuiet);
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" "
      "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{2}\"><rect width=\"{0}\" "
      "height=\"{0}\" "
      "fill=\"#fff\"/><path fill=\"#000\" d=\"{1}\"/></svg>",
      side, path, render::html_escape(label));
}

std::string qr_half_blocks(const QrCode& code) {
  std::string out;
  for (int y = -kQuiet; y < code.size + kQuiet; y += 2) {
    for (int x = -kQuiet; x < code.size + kQuiet; ++x) {
      const bool top = !code.at(x, y), bottom = y + 1 < code.size + kQuiet && !code.at(x, y + 1);
      out += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
    }
    out += "\n";
  }
  return out;
}

}  // namespace h2h::net
