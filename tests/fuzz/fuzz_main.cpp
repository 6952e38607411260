// One libFuzzer program per target: compiled with -DH2H_FUZZ_TARGET=name.
#include <cstddef>
#include <cstdint>

#include "fuzz_targets.hpp"

#ifndef H2H_FUZZ_TARGET
#error "define H2H_FUZZ_TARGET"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  h2h::fuzz::H2H_FUZZ_TARGET(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
