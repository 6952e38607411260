// The participant's page of h2h run --serve: one self-contained HTML page
// (inline CSS and a little plain JavaScript, no external resources) in the
// session's language, for a phone-sized screen.
#pragma once

#include <string>

namespace h2h::net {

// The page, with the catalog texts of the current language built in.
std::string participant_page(const std::string& lang, bool anonymous);

}  // namespace h2h::net
