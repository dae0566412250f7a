// splitmix64's finaliser (Steele, Lea and Flood; the constants of Vigna's splitmix64.c): a 64-bit
// value mixed so that every input bit reaches every output bit. For hashes and seeded noise, not
// for secrets.
#pragma once

#include <cstdint>

namespace mh {

constexpr std::uint64_t splitmix64_finish(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

}  // namespace mh
