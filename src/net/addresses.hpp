// This computer's addresses on the local network, for the address to print
// when h2h listens on all of them (--listen 0.0.0.0:PORT).
#pragma once

#include <string>
#include <vector>

namespace h2h::net {

// IPv4 addresses of interfaces that are up, loopback excluded.
std::vector<std::string> lan_addresses();

}  // namespace h2h::net
