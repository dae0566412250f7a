// A candidate graph as the min-cost flow network that LEMON's solvers take (the network is
// described in lemon_reference.hpp): built once here for the reference's NetworkSimplex and for
// the benchmark's CostScaling (bench/matching/lemon_cost_scaling.cpp).
//
// The benchmark's file is compiled as C++17 (LEMON 1.3.1's CostScaling is not C++20), so this
// header stays C++17 and includes no other project header.
#pragma once

#include <cstdint>
#include <vector>

#include <lemon/smart_graph.h>

namespace mh::matching {

class LemonNetwork {
 public:
  using Graph = lemon::SmartDigraph;

  // `g` has n mentees and m mentors and the CSR arrays (or pointers) offset, arc_mentor,
  // arc_score, pinned and capacity, as CandidateGraph.
  template <class Csr>
  LemonNetwork(const Csr& g, int n, int m)
      : mentees(n), arc(add_arcs(g, n, m)), lower(graph, 0), upper(graph, 1), cost(graph, 0) {
    for (int i = 0; i < n; ++i)
      for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x) {
        cost[arc[x]] = -static_cast<long long>(g.arc_score[x]);
        if (g.pinned[i] == g.arc_mentor[x]) lower[arc[x]] = 1;
      }
    for (int j = 0; j < m; ++j) upper[to_sink[j]] = g.capacity[j];
  }

  // Gives a LEMON min-cost flow solver (NetworkSimplex, CostScaling, ...) the bounds, the costs
  // and the supply: one unit per mentee from the source to the sink.
  template <class Solver>
  void give_to(Solver& solver) const {
    solver.lowerMap(lower).upperMap(upper).costMap(cost).stSupply(source, sink, mentees);
  }

  // Declared in this order on purpose: the arcs are all added (by add_arcs) before the maps are
  // made, since a LEMON map gives its initial value only to the arcs that exist when it is made.
  int mentees;
  Graph graph;
  Graph::Node source, sink;
  std::vector<Graph::Arc> to_sink;  // per mentor
  std::vector<Graph::Arc> arc;      // arc[x]: candidate arc x
  Graph::ArcMap<int> lower, upper;
  Graph::ArcMap<long long> cost;

 private:
  template <class Csr>
  std::vector<Graph::Arc> add_arcs(const Csr& g, int n, int m) {
    const std::int64_t arcs = g.offset[n];
    graph.reserveNode(n + m + 2);
    graph.reserveArc(2 * n + static_cast<int>(arcs) + m);
    source = graph.addNode();
    sink = graph.addNode();
    // (LEMON's handles have no initial value: vectors of them are filled by push_back.)
    std::vector<Graph::Node> mentee, mentor;
    mentee.reserve(n);
    mentor.reserve(m);
    for (int i = 0; i < n; ++i) mentee.push_back(graph.addNode());
    for (int j = 0; j < m; ++j) mentor.push_back(graph.addNode());
    std::vector<Graph::Arc> out;
    out.reserve(arcs);
    to_sink.reserve(m);
    for (int i = 0; i < n; ++i) {
      graph.addArc(source, mentee[i]);
      graph.addArc(mentee[i], sink);  // unmatched: capacity 1, cost 0
      for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x)
        out.push_back(graph.addArc(mentee[i], mentor[g.arc_mentor[x]]));
    }
    for (int j = 0; j < m; ++j) to_sink.push_back(graph.addArc(mentor[j], sink));
    return out;
  }
};

}  // namespace mh::matching
