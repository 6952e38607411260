// Wall-clock times as h2h writes them.
#pragma once

#include <string>

namespace h2h::ui {

// "2026-11-23T04:15:12Z": when answers were given, in session files.
std::string now_utc();
// "20261123-0415" in local time: for default file names.
std::string local_stamp();

}  // namespace h2h::ui
