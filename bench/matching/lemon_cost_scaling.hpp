// LEMON's CostScaling (Goldberg's cost-scaling push-relabel, with its price-refinement and
// early-termination heuristics) on a candidate graph, for the families benchmark: a measure of
// the cost-scaling route before writing one. LEMON 1.3.1's CostScaling does not compile as
// C++20 (it calls std::allocator::construct), so its file is compiled as C++17 and this
// interface uses plain types only (no project headers).
#pragma once

#include <cstdint>

namespace mh::bench {

struct PlainGraph {
  int mentees = 0, mentors = 0;
  const std::int64_t* offset = nullptr;      // CSR, as matching::CandidateGraph
  const std::int32_t* arc_mentor = nullptr;
  const std::int32_t* arc_score = nullptr;
  const std::int32_t* pinned = nullptr;      // per mentee: mentor index or -1
  const std::int32_t* capacity = nullptr;    // per mentor
};

struct PlainResult {
  bool optimal = false;
  long long total_score = 0;
  int matched = 0;
  double build_s = 0, run_s = 0;
};

// The same network as matching::lemon_network_simplex, solved by CostScaling.
PlainResult lemon_cost_scaling(const PlainGraph& g);

}  // namespace mh::bench
