// What the demo organisation (src/cli/demo.cpp) and the recommendation benchmark's synthetic
// organisation (bench/recommend/synthetic_org.cpp) both build their people with: seeded dice,
// weighted picks, the media people prefer and the parts of an e-mail address.
//
// Deterministic: only the modulo of raw std::mt19937 output is used, never a distribution,
// whose algorithm the standard leaves to the implementation, so a seed builds the same people
// on every platform.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "domain/person.hpp"
#include "domain/text.hpp"

namespace mh::cli::synthetic {

class Dice {
 public:
  explicit Dice(std::uint32_t seed) : rng_(seed) {}
  int below(int n) { return static_cast<int>(rng_() % static_cast<std::uint32_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
  }

 private:
  std::mt19937 rng_;
};

struct Weighted {
  const char* value;
  int weight;
};

// One of `items`, each as often as its weight says.
inline std::string pick_weighted(Dice& dice, const std::vector<Weighted>& items) {
  int total = 0;
  for (const auto& w : items) total += w.weight;
  int r = dice.below(total);
  for (const auto& w : items) {
    if (r < w.weight) return w.value;
    r -= w.weight;
  }
  return items.back().value;
}

// Most people prefer video (face-to-face, even through a camera); some add other media.
inline std::vector<Medium> media_for(Dice& dice) {
  std::vector<Medium> out;
  if (dice.chance(88))
    out.push_back(Medium::video);
  else
    out.push_back(dice.chance(50) ? Medium::phone : Medium::chat);
  auto add = [&out](Medium m) {
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  };
  if (dice.chance(30)) add(Medium::in_person);
  if (dice.chance(20)) add(Medium::phone);
  if (dice.chance(25)) add(Medium::chat);
  return out;
}

// A name as it stands in an e-mail address: its letters and digits, in lower case.
inline std::string email_part(const std::string& name) {
  std::string out;
  for (unsigned char c : name)
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}

}  // namespace mh::cli::synthetic
