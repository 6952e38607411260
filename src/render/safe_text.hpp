// Text from files and people made safe for a terminal: control characters
// (ESC, CSI, BEL, backspace, carriage return, every C0 and C1 control but
// newline and tab) become visible as ^X or <U+009B>, and bytes that are not
// UTF-8 become U+FFFD, so a hostile name or deck cannot rewrite the screen
// or the window title.
#pragma once

#include <string>
#include <string_view>

namespace h2h::render {

std::string visible(std::string_view text);

}  // namespace h2h::render
