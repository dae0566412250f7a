// The cohort matching benchmark driver: one solver on one generated cohort per process, so each
// run's peak memory is its own. bench/matching/bench.py runs it for every size and solver and
// writes the report; see bench/README.md.
//
//   bench_matching MODE --mentees N --mentors M [--seed S] [--k K] [--ks 10,20,50] [--out FILE]
//
// MODE: ours    candidates + exact solve + certificate + explanations (match_cohort)
//       lemon   our candidate graph, then LEMON NetworkSimplex on it
//       greedy  our candidate graph, then the greedy baseline
//       export  writes the candidate graph to --out for the scipy solvers (scipy_solvers.py)
//       kloss   the optimum for each K in --ks (the largest may be all mentors: no pruning)
//       verify  the pruned top-K lists against scoring every pair (matching::score, exclusion())
//       family  --family contended|flat|sparse|pins --solver ours|lemon|lemon_cs|greedy|ssp: one
//               solver on one cohort family (cohort_families.hpp); ours is end to end, lemon_cs is
//               LEMON's CostScaling (lemon_cost_scaling.hpp)
// Prints one JSON object on stdout. Peak memory: VmHWM after resetting it (clear_refs) just
// before the measured part, so it is the resident cohort plus what the part uses at its peak.
#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "matching/assignment.hpp"
#include "matching/candidates.hpp"
#include "matching/cohort_families.hpp"
#include "matching/cohort_generator.hpp"
#include "matching/lemon_cost_scaling.hpp"
#include "matching/lemon_reference.hpp"

namespace {

using namespace mh;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t len = std::strlen(key);
  while (std::getline(in, line))
    if (line.compare(0, len, key) == 0 && line.size() > len && line[len] == ':') return std::stol(line.substr(len + 1));
  return -1;
}

// Resets the peak resident set to the current one; false where the kernel does not allow it.
bool reset_peak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

double mib(long kb) { return kb / 1024.0; }

struct Args {
  std::string mode;
  int mentees = 1000, mentors = 300, k = 50;
  std::uint32_t seed = 20260110;
  std::vector<int> ks;
  std::string out;
  std::string family = "contended";
  std::string solver = "ours";
};

Args parse(int argc, char** argv) {
  Args a;
  if (argc > 1) a.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--mentees") a.mentees = std::stoi(value);
    else if (flag == "--mentors") a.mentors = std::stoi(value);
    else if (flag == "--seed") a.seed = static_cast<std::uint32_t>(std::stoul(value));
    else if (flag == "--k") a.k = std::stoi(value);
    else if (flag == "--out") a.out = value;
    else if (flag == "--family") a.family = value;
    else if (flag == "--solver") a.solver = value;
    else if (flag == "--ks") {
      std::stringstream ss(value);
      std::string item;
      while (std::getline(ss, item, ',')) a.ks.push_back(std::stoi(item));
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      std::exit(2);
    }
  }
  return a;
}

class Json {
 public:
  Json& num(const char* key, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return raw(key, buf);
  }
  Json& integer(const char* key, long long v) { return raw(key, std::to_string(v)); }
  Json& str(const char* key, const std::string& v) { return raw(key, "\"" + v + "\""); }
  Json& raw(const char* key, const std::string& v) {
    s_ += (s_.empty() ? "{" : ", ") + std::string("\"") + key + "\": " + v;
    return *this;
  }
  std::string done() const { return s_ + "}"; }

 private:
  std::string s_;
};

matching::Cohort generate(const Args& a, Json& j) {
  const auto t = Clock::now();
  bench::CohortSpec spec;
  spec.mentees = a.mentees;
  spec.mentors = a.mentors;
  spec.seed = a.seed;
  matching::Cohort c = bench::make_cohort(spec);
  long long places = 0;
  for (const auto& m : c.mentors) places += std::max(0, m.capacity - m.live_mentees);
  j.str("mode", a.mode).integer("mentees", a.mentees).integer("mentors", a.mentors).integer("seed", a.seed);
  j.integer("k", a.k).integer("places", places).integer("forbidden", static_cast<long long>(c.forbidden.size()));
  j.num("generate_s", since(t));
  return c;
}

matching::CandidateGraph candidates(const matching::Cohort& c, int k, Json& j) {
  const auto t = Clock::now();
  matching::CandidateOptions o;
  o.k = k;
  auto g = matching::build_candidates(c, o);
  if (!g) {
    std::fprintf(stderr, "candidates: %s\n", g.error().message.c_str());
    std::exit(1);
  }
  j.num("candidates_s", since(t)).integer("arcs", g->arcs()).integer("pairs_total", g->stats.pairs_total);
  j.integer("pairs_bounded", g->stats.pairs_bounded).integer("pairs_scored", g->stats.pairs_scored);
  j.integer("threads", g->stats.threads);
  return std::move(*g);
}

void memory(Json& j, long rss_before_kb, bool reset) {
  j.num("rss_before_mib", mib(rss_before_kb)).num("peak_mib", mib(status_kb("VmHWM")));
  j.raw("peak_reset", reset ? "true" : "false");
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  j.num("process_peak_mib", ru.ru_maxrss / 1024.0);
}

// The measured part of a run, from its construction: the resident set before it (with the peak
// reset to it), and the wall and CPU time since.
struct Measured {
  long before = status_kb("VmRSS");
  bool reset = reset_peak();
  Clock::time_point t = Clock::now();
  std::clock_t c = std::clock();

  double cpu_s() const { return static_cast<double>(std::clock() - c) / CLOCKS_PER_SEC; }

  // The solver's time and the memory, now that it has finished.
  void solved(Json& j) const {
    const double s = since(t);
    const double cpu = cpu_s();
    memory(j, before, reset);
    j.num("solve_s", s).num("solve_cpu_s", cpu);
  }
};

// What a solver of the plain kind (LEMON's) reports.
void plain_result(Json& j, double build_s, double run_s, bool feasible, long long total, long long matched) {
  j.num("build_s", build_s).num("run_s", run_s);
  j.raw("feasible", feasible ? "true" : "false").integer("total", total).integer("matched", matched);
}

// The solver's phases (this thread's CPU time and minor page faults each).
void phases(Json& j, const matching::SolveStats& s) {
  const std::pair<const char*, const matching::SolveStats::Phase*> all[] = {
      {"setup", &s.setup}, {"greedy", &s.greedy}, {"search", &s.search}, {"finish", &s.finish}};
  for (const auto& [name, ph] : all) {
    j.num((std::string("phase_") + name + "_cpu_s").c_str(), ph->cpu_s);
    j.integer((std::string("phase_") + name + "_faults").c_str(), ph->minor_faults);
  }
}

// One solver alone on a built candidate graph (lemon, lemon_cs, greedy, or ssp: the exact solver as solve() runs it),
// measured from here: its time, memory and results go to `j`. False for an unknown solver.
bool solve_alone(const std::string& solver, const matching::CandidateGraph& g, Json& j) {
  const Measured m;
  if (solver == "lemon") {
    const matching::LemonResult l = matching::lemon_network_simplex(g);
    m.solved(j);
    plain_result(j, l.build_s, l.run_s, l.feasible, l.total_score, l.matched);
  } else if (solver == "lemon_cs") {
    const bench::PlainResult l =
        bench::lemon_cost_scaling({g.mentees(), g.mentors(), g.offset.data(), g.arc_mentor.data(), g.arc_score.data(),
                                   g.pinned.data(), g.capacity.data()});
    m.solved(j);
    plain_result(j, l.build_s, l.run_s, l.optimal, l.total_score, l.matched);
  } else if (solver == "greedy" || solver == "ssp") {
    const matching::Assignment r = solver == "greedy" ? matching::greedy(g) : matching::solve_ssp(g);
    m.solved(j);
    j.integer("total", r.total_score).integer("matched", r.matched);
    if (solver == "ssp") {
      j.raw("certified", matching::certify(g, r).empty() ? "true" : "false");
      phases(j, r.stats);
    }
  } else {
    return false;
  }
  return true;
}

int run_ours(const Args& a) {
  Json j;
  const matching::Cohort c = generate(a, j);
  const Measured m;
  matching::MatchOptions o;
  o.candidates.k = a.k;
  auto r = matching::match_cohort(c, o);
  const double total = since(m.t);
  if (!r) {
    std::fprintf(stderr, "match_cohort: %s\n", r.error().message.c_str());
    return 1;
  }
  memory(j, m.before, m.reset);
  long long unmatched[4] = {0, 0, 0, 0};
  for (const auto& u : r->unmatched) ++unmatched[static_cast<int>(u.reason)];
  j.num("candidates_s", r->timings.candidates_s).num("solve_s", r->timings.solve_s);
  j.num("explain_s", r->timings.explain_s).num("end_to_end_s", total);
  j.num("candidates_cpu_s", r->timings.candidates_cpu_s).num("solve_cpu_s", r->timings.solve_cpu_s);
  j.num("explain_cpu_s", r->timings.explain_cpu_s);
  j.integer("total", r->total_score).integer("matched", static_cast<long long>(r->pairs.size()));
  j.integer("arcs", r->candidate_stats.arcs).integer("pairs_total", r->candidate_stats.pairs_total);
  j.integer("pairs_bounded", r->candidate_stats.pairs_bounded).integer("pairs_scored", r->candidate_stats.pairs_scored);
  j.integer("threads", r->candidate_stats.threads);
  j.integer("greedy_matched", r->solve_stats.greedy_matched).integer("searches", r->solve_stats.searches);
  j.integer("nodes_settled", r->solve_stats.nodes_settled).integer("arcs_scanned", r->solve_stats.arcs_scanned);
  j.integer("unmatched_no_eligible", unmatched[1]).integer("unmatched_below_min", unmatched[2]);
  j.integer("unmatched_full", unmatched[3]).raw("certified", "true");
  std::printf("%s\n", j.done().c_str());
  return 0;
}

// lemon, greedy: the solver alone on our candidate graph.
int run_solver_alone(const Args& a) {
  Json j;
  const matching::Cohort c = generate(a, j);
  const matching::CandidateGraph g = candidates(c, a.k, j);
  solve_alone(a.mode, g, j);
  std::printf("%s\n", j.done().c_str());
  return 0;
}

int run_export(const Args& a) {
  Json j;
  const matching::Cohort c = generate(a, j);
  const matching::CandidateGraph g = candidates(c, a.k, j);
  std::ofstream out(a.out, std::ios::binary);
  const char magic[8] = {'M', 'H', 'C', 'G', '1', 0, 0, 0};
  out.write(magic, 8);
  const std::int64_t header[3] = {g.mentees(), g.mentors(), g.arcs()};
  out.write(reinterpret_cast<const char*>(header), sizeof header);
  out.write(reinterpret_cast<const char*>(g.offset.data()), g.offset.size() * sizeof(std::int64_t));
  out.write(reinterpret_cast<const char*>(g.arc_mentor.data()), g.arc_mentor.size() * sizeof(std::int32_t));
  out.write(reinterpret_cast<const char*>(g.arc_score.data()), g.arc_score.size() * sizeof(std::int32_t));
  out.write(reinterpret_cast<const char*>(g.capacity.data()), g.capacity.size() * sizeof(std::int32_t));
  if (!out) {
    std::fprintf(stderr, "export: cannot write %s\n", a.out.c_str());
    return 1;
  }
  j.str("file", a.out);
  std::printf("%s\n", j.done().c_str());
  return 0;
}

int run_kloss(const Args& a) {
  Json j;
  const matching::Cohort c = generate(a, j);
  std::string rows = "[";
  for (int k : a.ks) {
    Json row;
    row.integer("k", k);
    const matching::CandidateGraph g = candidates(c, k, row);
    const auto t = Clock::now();
    const std::clock_t c0 = std::clock();
    const matching::Assignment s = matching::solve(g);
    row.num("solve_s", since(t)).num("solve_cpu_s", static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    row.integer("searches", s.stats.searches).integer("nodes_settled", s.stats.nodes_settled);
    row.integer("arcs_scanned", s.stats.arcs_scanned);
    const std::string why = matching::certify(g, s);
    row.integer("total", s.total_score).integer("matched", s.matched).raw("certified", why.empty() ? "true" : "false");
    rows += (rows.size() > 1 ? ", " : "") + row.done();
  }
  j.raw("runs", rows + "]");
  std::printf("%s\n", j.done().c_str());
  return 0;
}

// Candidate generation alone, one thread, on the first `--sample` mentees (the full mentor side):
// the CPU time per mentee, best of three, for tuning.
int run_cand1(const Args& a) {
  Json j;
  matching::Cohort c = generate(a, j);
  const std::size_t sample = std::min<std::size_t>(c.mentees.size(), a.k > 0 ? 10000 : 10000);
  c.mentees.resize(sample);
  std::vector<std::pair<PersonId, PersonId>> forbidden;
  for (const auto& f : c.forbidden)
    if (f.first <= c.mentees.back().id) forbidden.push_back(f);
  c.forbidden = forbidden;
  double best = 1e300;
  long long bounded = 0, scored = 0;
  for (int r = 0; r < 3; ++r) {
    timespec t0{}, t1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    matching::CandidateOptions o;
    o.k = a.k;
    o.threads = 1;
    auto g = matching::build_candidates(c, o);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
    best = std::min(best, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9);
    bounded = g->stats.pairs_bounded;
    scored = g->stats.pairs_scored;
  }
  j.integer("sample", static_cast<long long>(sample)).num("cpu_s", best).num("us_per_mentee", best * 1e6 / sample);
  j.integer("pairs_bounded", bounded).integer("pairs_scored", scored);
  std::printf("%s\n", j.done().c_str());
  return 0;
}

int run_verify(const Args& a) {
  Json j;
  const matching::Cohort c = generate(a, j);
  const matching::CandidateGraph g = candidates(c, a.k, j);
  const auto t = Clock::now();
  auto all = matching::build_candidates_exhaustive(c);
  if (!all) return 1;
  j.num("exhaustive_s", since(t));
  long long differ = 0, missed = 0;
  for (int i = 0; i < g.mentees(); ++i) {
    const std::int64_t want = std::min<std::int64_t>(all->offset[i + 1] - all->offset[i], g.k);
    bool same = g.offset[i + 1] - g.offset[i] == want;
    for (std::int64_t x = 0; same && x < want; ++x)
      same = g.arc_mentor[g.offset[i] + x] == all->arc_mentor[all->offset[i] + x] &&
             g.arc_score[g.offset[i] + x] == all->arc_score[all->offset[i] + x];
    if (!same) {
      ++differ;
      for (std::int64_t x = 0; x < want; ++x) {
        const std::int32_t mentor = all->arc_mentor[all->offset[i] + x];
        bool found = false;
        for (std::int64_t y = g.offset[i]; y < g.offset[i + 1] && !found; ++y) found = g.arc_mentor[y] == mentor;
        missed += !found;
      }
    }
  }
  j.integer("mentees_differing", differ).integer("candidates_missed", missed);
  std::printf("%s\n", j.done().c_str());
  return 0;
}

// One solver on one cohort family (cohort_families.hpp). ours: end to end, the family's scoring
// and lists, the exact solve, its certificate and every chosen pair's explanation (its score
// from its parts, which must equal the arc's); lemon, lemon_cs, greedy, ssp (the exact solver
// alone, as solve() is): the same lists built first, then only the solver is measured.
int run_family(const Args& a) {
  Json j;
  bench::FamilySpec spec;
  if (!bench::parse_family(a.family, spec.family)) {
    std::fprintf(stderr, "unknown family %s\n", a.family.c_str());
    return 2;
  }
  spec.mentees = a.mentees;
  spec.mentors = a.mentors;
  spec.k = a.k;
  spec.seed = a.seed;
  const auto tg = Clock::now();
  const bench::FamilyPeople people = bench::make_people(spec);
  long long places = 0;
  for (int c : people.capacity) places += c;
  j.str("mode", "family").str("family", a.family).str("solver", a.solver).integer("mentees", a.mentees);
  j.integer("mentors", a.mentors).integer("seed", a.seed).integer("k", a.k).integer("places", places);
  j.num("generate_s", since(tg));
  const bool end_to_end = a.solver == "ours";
  std::optional<matching::CandidateGraph> prebuilt;
  if (!end_to_end) {
    const auto t = Clock::now();
    prebuilt = bench::build_family_graph(people);
    j.num("candidates_s", since(t)).integer("arcs", prebuilt->arcs());
  }
  if (end_to_end) {
    const Measured m;
    const auto t0 = m.t;
    const std::clock_t c0 = m.c;
    const matching::CandidateGraph g = bench::build_family_graph(people);
    const auto t1 = Clock::now();
    const std::clock_t c1 = std::clock();
    const matching::Assignment r = matching::solve(g);
    const auto t2 = Clock::now();
    const std::clock_t c2 = std::clock();
    const std::string why = matching::certify(g, r);
    const auto t3 = Clock::now();
    long long explained = 0, disagree = 0;
    for (int i = 0; i < g.mentees(); ++i) {
      const std::int32_t m = r.mentor_of[i];
      if (m < 0) continue;
      const bench::FamilyScore s = bench::family_score(people, i, m);
      ++explained;
      std::int32_t w = -1;
      for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x)
        if (g.arc_mentor[x] == m) w = g.arc_score[x];
      disagree += s.total != w || s.forbidden;
    }
    const double total = since(t0);
    const std::clock_t c4 = std::clock();
    auto secs = [](std::clock_t a, std::clock_t b) { return static_cast<double>(b - a) / CLOCKS_PER_SEC; };
    memory(j, m.before, m.reset);
    j.num("candidates_s", std::chrono::duration<double>(t1 - t0).count());
    j.num("solve_s", std::chrono::duration<double>(t2 - t1).count());
    j.num("certify_s", std::chrono::duration<double>(t3 - t2).count());
    j.num("end_to_end_s", total).num("candidates_cpu_s", secs(c0, c1)).num("solve_cpu_s", secs(c1, c2));
    j.num("end_to_end_cpu_s", secs(c0, c4));
    j.integer("arcs", g.arcs()).integer("total", r.total_score).integer("matched", r.matched);
    j.integer("pinned", r.stats.pinned).integer("greedy_matched", r.stats.greedy_matched);
    j.integer("searches", r.stats.searches).integer("nodes_settled", r.stats.nodes_settled);
    j.integer("window_refills", r.stats.window_refills);
    j.integer("arcs_scanned", r.stats.arcs_scanned).integer("explained", explained);
    phases(j, r.stats);
    j.raw("certified", why.empty() && disagree == 0 ? "true" : "false");
    if (!why.empty()) j.str("certificate", why);
    std::printf("%s\n", j.done().c_str());
    return why.empty() && disagree == 0 ? 0 : 1;
  }
  if (!solve_alone(a.solver, *prebuilt, j)) {
    std::fprintf(stderr, "unknown solver %s\n", a.solver.c_str());
    return 2;
  }
  std::printf("%s\n", j.done().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  if (a.mode == "ours") return run_ours(a);
  if (a.mode == "lemon" || a.mode == "greedy") return run_solver_alone(a);
  if (a.mode == "export") return run_export(a);
  if (a.mode == "kloss") return run_kloss(a);
  if (a.mode == "verify") return run_verify(a);
  if (a.mode == "cand1") return run_cand1(a);
  if (a.mode == "family") return run_family(a);
  std::fprintf(stderr, "usage: bench_matching ours|lemon|greedy|export|kloss|verify --mentees N --mentors M ...\n");
  return 2;
}
