#include "matching/lemon_reference.hpp"

#include <chrono>

#include <lemon/network_simplex.h>

#include "matching/lemon_network.hpp"

namespace mh::matching {

LemonResult lemon_network_simplex(const CandidateGraph& g) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const int n = g.mentees();
  const LemonNetwork net(g, n, g.mentors());
  using Solver = lemon::NetworkSimplex<LemonNetwork::Graph, int, long long>;
  Solver ns(net.graph);
  net.give_to(ns);
  const auto t1 = Clock::now();
  const auto status = ns.run();
  const auto t2 = Clock::now();

  LemonResult r;
  r.build_s = std::chrono::duration<double>(t1 - t0).count();
  r.run_s = std::chrono::duration<double>(t2 - t1).count();
  r.feasible = status == Solver::OPTIMAL;
  r.mentor_of.assign(n, -1);
  if (!r.feasible) return r;
  r.total_score = -ns.totalCost();
  for (int i = 0; i < n; ++i)
    for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x)
      if (ns.flow(net.arc[x]) > 0) {
        r.mentor_of[i] = g.arc_mentor[x];
        ++r.matched;
      }
  return r;
}

}  // namespace mh::matching
