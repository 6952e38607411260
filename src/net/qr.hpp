// QR codes for the join address, made on this computer (libqrencode): as
// SVG for the screen page and in Unicode half blocks for the terminal.
#pragma once

#include <string>
#include <vector>

namespace h2h::net {

struct QrCode {
  int size = 0;            // modules per side, without the quiet zone
  std::vector<bool> dark;  // size x size, row by row
  bool at(int x, int y) const {
    return x >= 0 && y >= 0 && x < size && y < size && dark[static_cast<std::size_t>(y * size + x)];
  }
};

// Throws h2h::Error when the text cannot be encoded.
QrCode qr_encode(const std::string& text);
// One path of unit squares on a white ground, with the quiet zone; scales
// to whatever box it is put in. `label` (the encoded text, escaped) is its
// accessible name.
std::string qr_svg(const QrCode& code, const std::string& label);
// Two module rows per line; light modules are blocks, for a terminal with
// a dark background (as qrencode -t UTF8 draws them).
std::string qr_half_blocks(const QrCode& code);

}  // namespace h2h::net
