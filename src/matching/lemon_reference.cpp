#include "matching/lemon_reference.hpp"

#include <chrono>

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

namespace mh::matching {

LemonResult lemon_network_simplex(const CandidateGraph& g) {
  using Clock = std::chrono::steady_clock;
  using Graph = lemon::SmartDigraph;
  const auto t0 = Clock::now();
  const int n = g.mentees(), m = g.mentors();
  Graph graph;
  graph.reserveNode(n + m + 2);
  graph.reserveArc(2 * static_cast<int>(n) + static_cast<int>(g.arcs()) + m);
  const Graph::Node source = graph.addNode(), sink = graph.addNode();
  // (LEMON's handles have no initial value: vectors of them are filled by push_back.)
  std::vector<Graph::Node> mentee, mentor;
  mentee.reserve(n);
  mentor.reserve(m);
  for (int i = 0; i < n; ++i) mentee.push_back(graph.addNode());
  for (int j = 0; j < m; ++j) mentor.push_back(graph.addNode());
  // Arcs first: a LEMON map gives its initial value only to the arcs that exist when it is made.
  std::vector<Graph::Arc> arc, to_sink;  // arc[x]: candidate arc x
  arc.reserve(g.arcs());
  to_sink.reserve(m);
  for (int i = 0; i < n; ++i) {
    graph.addArc(source, mentee[i]);
    graph.addArc(mentee[i], sink);  // unmatched: capacity 1, cost 0
    for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x) arc.push_back(graph.addArc(mentee[i], mentor[g.arc_mentor[x]]));
  }
  for (int j = 0; j < m; ++j) to_sink.push_back(graph.addArc(mentor[j], sink));
  Graph::ArcMap<int> lower(graph, 0), upper(graph, 1);
  Graph::ArcMap<long long> cost(graph, 0);
  for (int i = 0; i < n; ++i)
    for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x) {
      cost[arc[x]] = -static_cast<long long>(g.arc_score[x]);
      if (g.pinned[i] == g.arc_mentor[x]) lower[arc[x]] = 1;
    }
  for (int j = 0; j < m; ++j) upper[to_sink[j]] = g.capacity[j];

  lemon::NetworkSimplex<Graph, int, long long> ns(graph);
  ns.lowerMap(lower).upperMap(upper).costMap(cost).stSupply(source, sink, n);
  const auto t1 = Clock::now();
  const auto status = ns.run();
  const auto t2 = Clock::now();

  LemonResult r;
  r.build_s = std::chrono::duration<double>(t1 - t0).count();
  r.run_s = std::chrono::duration<double>(t2 - t1).count();
  r.feasible = status == lemon::NetworkSimplex<Graph, int, long long>::OPTIMAL;
  r.mentor_of.assign(n, -1);
  if (!r.feasible) return r;
  r.total_score = -ns.totalCost();
  for (int i = 0; i < n; ++i)
    for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x)
      if (ns.flow(arc[x]) > 0) {
        r.mentor_of[i] = g.arc_mentor[x];
        ++r.matched;
      }
  return r;
}

}  // namespace mh::matching
