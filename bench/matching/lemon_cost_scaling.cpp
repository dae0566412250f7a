#include "lemon_cost_scaling.hpp"

#include <chrono>

#include <lemon/cost_scaling.h>

#include "matching/lemon_network.hpp"

namespace mh::bench {

PlainResult lemon_cost_scaling(const PlainGraph& g) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const int n = g.mentees;
  const std::int64_t arcs = g.offset[n];
  const matching::LemonNetwork net(g, n, g.mentors);
  using Solver = lemon::CostScaling<matching::LemonNetwork::Graph, int, long long>;
  Solver cs(net.graph);
  net.give_to(cs);
  const auto t1 = Clock::now();
  const auto status = cs.run();
  const auto t2 = Clock::now();
  PlainResult r;
  r.build_s = std::chrono::duration<double>(t1 - t0).count();
  r.run_s = std::chrono::duration<double>(t2 - t1).count();
  r.optimal = status == Solver::OPTIMAL;
  if (!r.optimal) return r;
  r.total_score = -cs.totalCost();
  for (std::int64_t x = 0; x < arcs; ++x) r.matched += cs.flow(net.arc[x]) > 0;
  return r;
}

}  // namespace mh::bench
