// The reference the tests and the benchmark check the cohort solver against: the same candidate
// graph as a min-cost flow solved by LEMON's NetworkSimplex (Debian's liblemon-dev, 1.3.1).
//
// Network: source -> each mentee (capacity 1), mentee -> mentor for each candidate arc
// (capacity 1, cost -score; a pinned arc has lower bound 1), mentee -> sink (capacity 1, cost 0:
// "unmatched" is allowed), mentor -> sink (capacity = free places); the source supplies one
// unit per mentee. The minimum cost is minus the maximum total score.
#pragma once

#include <cstdint>
#include <vector>

#include "matching/candidates.hpp"

namespace mh::matching {

struct LemonResult {
  bool feasible = false;
  std::int64_t total_score = 0;           // hundredths of a point
  int matched = 0;
  std::vector<std::int32_t> mentor_of;    // per mentee index, -1 if unmatched
  double build_s = 0, run_s = 0;          // building the network, NetworkSimplex::run
};

LemonResult lemon_network_simplex(const CandidateGraph& g);

}  // namespace mh::matching
