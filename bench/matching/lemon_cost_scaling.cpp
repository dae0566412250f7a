#include "lemon_cost_scaling.hpp"

#include <chrono>
#include <vector>

#include <lemon/cost_scaling.h>
#include <lemon/smart_graph.h>

namespace mh::bench {

PlainResult lemon_cost_scaling(const PlainGraph& g) {
  using Clock = std::chrono::steady_clock;
  using Graph = lemon::SmartDigraph;
  const auto t0 = Clock::now();
  const int n = g.mentees, m = g.mentors;
  const std::int64_t arcs = g.offset[n];
  Graph graph;
  graph.reserveNode(n + m + 2);
  graph.reserveArc(2 * n + static_cast<int>(arcs) + m);
  const Graph::Node source = graph.addNode(), sink = graph.addNode();
  std::vector<Graph::Node> mentee, mentor;
  mentee.reserve(n);
  mentor.reserve(m);
  for (int i = 0; i < n; ++i) mentee.push_back(graph.addNode());
  for (int j = 0; j < m; ++j) mentor.push_back(graph.addNode());
  std::vector<Graph::Arc> arc, to_sink;
  arc.reserve(arcs);
  to_sink.reserve(m);
  for (int i = 0; i < n; ++i) {
    graph.addArc(source, mentee[i]);
    graph.addArc(mentee[i], sink);
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

  using Solver = lemon::CostScaling<Graph, int, long long>;
  Solver cs(graph);
  cs.lowerMap(lower).upperMap(upper).costMap(cost).stSupply(source, sink, n);
  const auto t1 = Clock::now();
  const auto status = cs.run();
  const auto t2 = Clock::now();
  PlainResult r;
  r.build_s = std::chrono::duration<double>(t1 - t0).count();
  r.run_s = std::chrono::duration<double>(t2 - t1).count();
  r.optimal = status == Solver::OPTIMAL;
  if (!r.optimal) return r;
  r.total_score = -cs.totalCost();
  for (std::int64_t x = 0; x < arcs; ++x) r.matched += cs.flow(arc[x]) > 0;
  return r;
}

}  // namespace mh::bench
