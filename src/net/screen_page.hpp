// The big screen of h2h run --serve (/screen): one self-contained page for
// the projector (16:9, large type, no scrolling), updated by long polling,
// driven by the console or by the keys on the page itself.
#pragma once

#include <string>

namespace h2h::net {

// `qr_svg` is made by qr_svg() (trusted markup); every other text goes in
// through textContent.
std::string screen_page(const std::string& lang, const std::string& url, const std::string& code,
                        const std::string& qr_svg);

// Puts `value` in place of a page template's `slot` ("@LANG@").
void fill_slot(std::string& page, const std::string& slot, const std::string& value);

// Puts a JSON blob of texts into a page's script safely ("</" escaped).
std::string script_json(const std::string& json_text);

}  // namespace h2h::net
