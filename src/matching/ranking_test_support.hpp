// Test-only (the matching and api unit tests): two rankings are the same when they list the same
// mentors in the same order with the same scores, bit for bit, and the same explanations.
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "matching/scoring.hpp"

namespace mh::matching {

inline bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

inline void expect_same(const std::vector<Scored>& got, const std::vector<Scored>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].mentor_id, want[i].mentor_id) << what << " #" << i;
    EXPECT_TRUE(same_bits(got[i].score, want[i].score)) << what << " #" << i << ": " << got[i].score << " vs "
                                                        << want[i].score;
    EXPECT_EQ(got[i].excluded, want[i].excluded) << what << " #" << i;
    ASSERT_EQ(got[i].factors.size(), want[i].factors.size()) << what << " #" << i;
    for (std::size_t f = 0; f < got[i].factors.size(); ++f) {
      EXPECT_EQ(got[i].factors[f].name, want[i].factors[f].name) << what;
      EXPECT_TRUE(same_bits(got[i].factors[f].points, want[i].factors[f].points)) << what;
      EXPECT_EQ(got[i].factors[f].reason, want[i].factors[f].reason) << what;
    }
  }
}

inline void expect_same(const Recommendations& got, const Recommendations& want, const std::string& what) {
  expect_same(got.ranked, want.ranked, what + " (ranked)");
  expect_same(got.excluded, want.excluded, what + " (excluded)");
}

}  // namespace mh::matching
