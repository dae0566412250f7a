// The recommendation benchmark through the scoring code (Google Benchmark): one mentee's
// recommendations, matching::recommend(limit 10) over the MentorTable of the 20,000 mentors of
// the synthetic organisation of 100,000 people (bench/recommend/synthetic_org.hpp), as the
// directory snapshot holds them (keys interned), rotating over a sample of 1,000 mentees spread
// over the organisation. Every call is timed on its own (std::chrono::steady_clock) and the
// median, p90, p99 and max of those calls are reported as counters in milliseconds next to
// Google Benchmark's mean.
//
// In the same run, two named references (not the product's code path):
//   reference/explain_all_then_full_sort   the naive baseline: matching::score (with every
//                                     factor's reason) for all 20,000 mentors, std::sort of all
//                                     of them, then the first 10 not excluded;
//   reference/string_keys_top10_then_explain   matching::recommend over the profiles
//                                     themselves (vector<MentorProfile>): the same ranking on
//                                     the keys' strings, what the product did before the keys
//                                     were interned.
// Both are checked at start-up against the product (every tenth sampled mentee; exit code 3
// otherwise): the string path must give the same lists with the same factors, points and
// reasons, the naive baseline the same ranked mentors with bit-identical scores.
//
//   build/release/bench_recommend --benchmark_out=out.json --benchmark_out_format=json
//   (bench/recommend/run.sh runs it; MH_BENCH_SCALE=0.1 for a 10,000-person organisation)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "common/timezones.hpp"
#include "matching/profiles.hpp"
#include "recommend/synthetic_org.hpp"

namespace {

using namespace mh;
using Steady = std::chrono::steady_clock;

constexpr int kLimit = 10;

struct Data {
  bench::SyntheticOrg org;
  std::vector<matching::MentorProfile> mentors;
  matching::MentorTable table;  // the mentors as the directory snapshot holds them
  std::vector<matching::MenteeProfile> mentees;
  std::vector<std::string> emerging;
  matching::Weights weights;
  double build_seconds = 0;
};

Data& data() {
  static Data d = [] {
    Data d;
    const auto t0 = Steady::now();
    // The server scores at the current time (experience, daylight saving), so do we.
    const TimePoint now = SystemClock().now();
    bench::SyntheticOptions o;
    if (const char* s = std::getenv("MH_BENCH_SCALE")) {
      const double scale = std::atof(s);
      if (scale > 0 && scale <= 1) {
        o.people = static_cast<int>(o.people * scale);
        o.mentors = static_cast<int>(o.mentors * scale);
        o.externals = static_cast<int>(o.externals * scale);
      }
    }
    d.org = bench::make_synthetic_org(o, now);
    // The directory keeps, as mentors, the people offering one-to-one with a capacity.
    for (const Person& p : d.org.people)
      if (p.mentor_capacity > 0 && p.offers(Format::one_to_one)) d.mentors.push_back(matching::mentor_profile(p, now));
    d.table = matching::MentorTable(d.mentors);
    for (PersonId id : d.org.mentee_ids) d.mentees.push_back(matching::mentee_profile(d.org.people[id - 1], now));
    d.emerging = bench::default_emerging_keys();
    d.build_seconds = std::chrono::duration<double>(Steady::now() - t0).count();
    return d;
  }();
  return d;
}

// ---------------------------------------------------------------------------------------------
// The naive baseline: explain everyone, sort everyone (recommend() before it ranked on numbers).

std::vector<matching::Scored> explain_all_then_full_sort(const matching::MenteeProfile& mentee,
                                                         const std::vector<matching::MentorProfile>& mentors,
                                                         const matching::Weights& w,
                                                         const std::vector<std::string>& emerging, int limit) {
  std::vector<matching::Scored> all;
  all.reserve(mentors.size());
  for (const auto& m : mentors) all.push_back(matching::score(mentee, m, w, emerging));
  std::sort(all.begin(), all.end(), [](const matching::Scored& a, const matching::Scored& b) {
    return a.score != b.score ? a.score > b.score : a.mentor_id < b.mentor_id;
  });
  std::vector<matching::Scored> out;
  for (auto& s : all) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (!s.excluded) out.push_back(std::move(s));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Nearest-rank percentile of sorted samples.
double percentile(const std::vector<double>& sorted, double q) {
  const auto rank = static_cast<std::size_t>(std::ceil(q / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// Wall-clock time of each call (what a caller waits) and the thread's CPU time in it (what the
// code costs, without the time a busy machine keeps the thread off a CPU).
void report_percentiles(benchmark::State& state, std::vector<double>& wall, std::vector<double>& cpu) {
  if (wall.empty()) return;
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  state.counters["p50_ms"] = percentile(wall, 50);
  state.counters["p90_ms"] = percentile(wall, 90);
  state.counters["p99_ms"] = percentile(wall, 99);
  state.counters["max_ms"] = wall.back();
  state.counters["cpu_p50_ms"] = percentile(cpu, 50);
  state.counters["cpu_p99_ms"] = percentile(cpu, 99);
  state.counters["calls"] = static_cast<double>(wall.size());
}

template <class F>
void timed_loop(benchmark::State& state, F&& one_call) {
  Data& d = data();
  std::vector<double> wall, cpu;
  wall.reserve(4096);
  cpu.reserve(4096);
  std::size_t next = 0;
  for (auto _ : state) {
    const matching::MenteeProfile& mentee = d.mentees[next++ % d.mentees.size()];
    const double c0 = thread_cpu_ms();
    const auto t0 = Steady::now();
    one_call(mentee);
    wall.push_back(std::chrono::duration<double, std::milli>(Steady::now() - t0).count());
    cpu.push_back(thread_cpu_ms() - c0);
  }
  report_percentiles(state, wall, cpu);
}

void BM_Recommend(benchmark::State& state) {
  Data& d = data();
  timed_loop(state, [&](const matching::MenteeProfile& mentee) {
    auto r = matching::recommend(mentee, d.table, d.weights, d.emerging, kLimit);
    benchmark::DoNotOptimize(r);
  });
}

void BM_StringKeys(benchmark::State& state) {
  Data& d = data();
  timed_loop(state, [&](const matching::MenteeProfile& mentee) {
    auto r = matching::recommend(mentee, d.mentors, d.weights, d.emerging, kLimit);
    benchmark::DoNotOptimize(r);
  });
}

void BM_ExplainAllThenFullSort(benchmark::State& state) {
  Data& d = data();
  timed_loop(state, [&](const matching::MenteeProfile& mentee) {
    auto r = explain_all_then_full_sort(mentee, d.mentors, d.weights, d.emerging, kLimit);
    benchmark::DoNotOptimize(r);
  });
}

bool same_factors(const matching::Scored& a, const matching::Scored& b) {
  if (a.mentor_id != b.mentor_id || a.score != b.score || a.excluded != b.excluded ||
      a.factors.size() != b.factors.size())
    return false;
  for (std::size_t i = 0; i < a.factors.size(); ++i)
    if (a.factors[i].name != b.factors[i].name || a.factors[i].points != b.factors[i].points ||
        a.factors[i].reason != b.factors[i].reason)
      return false;
  return true;
}

bool same_lists(const std::vector<matching::Scored>& a, const std::vector<matching::Scored>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), same_factors);
}

// The references must agree with the product: checked on every tenth sampled mentee (100 of
// the 1,000), or on none with MH_BENCH_SKIP_CHECK=1 (profiling).
int check_reference(std::size_t& checked) {
  Data& d = data();
  int mismatches = 0;
  checked = 0;
  if (std::getenv("MH_BENCH_SKIP_CHECK")) return 0;
  for (std::size_t k = 0; k < d.mentees.size(); k += 10) {
    const auto& mentee = d.mentees[k];
    const auto ours = matching::recommend(mentee, d.table, d.weights, d.emerging, kLimit);
    const auto strings = matching::recommend(mentee, d.mentors, d.weights, d.emerging, kLimit);
    if (!same_lists(ours.ranked, strings.ranked) || !same_lists(ours.excluded, strings.excluded)) ++mismatches;
    const auto naive = explain_all_then_full_sort(mentee, d.mentors, d.weights, d.emerging, kLimit);
    bool same = ours.ranked.size() == naive.size();
    for (std::size_t i = 0; same && i < naive.size(); ++i)
      same = ours.ranked[i].mentor_id == naive[i].mentor_id && ours.ranked[i].score == naive[i].score;
    if (!same) ++mismatches;
    ++checked;
  }
  return mismatches;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  Data& d = data();
  std::size_t wanted = 0;
  for (const auto& m : d.mentees) wanted += m.wanted_skills.size();
  std::size_t checked = 0;
  const int mismatches = check_reference(checked);
  std::fprintf(stderr,
               "synthetic organisation: %zu people, %zu mentors (offering one-to-one, capacity 1-5), %zu skills in "
               "the pool, %zu sampled mentees (%.1f wanted skills each), built in %.2f s; reference check: %d "
               "mismatch(es) with recommend()'s top %d over %zu mentees x 2 references\n",
               d.org.people.size(), d.mentors.size(), d.org.skill_pool.size(), d.mentees.size(),
               static_cast<double>(wanted) / static_cast<double>(d.mentees.size()), d.build_seconds, mismatches,
               kLimit, checked);
  benchmark::AddCustomContext("people", std::to_string(d.org.people.size()));
  benchmark::AddCustomContext("mentors", std::to_string(d.mentors.size()));
  benchmark::AddCustomContext("mentees_sampled", std::to_string(d.mentees.size()));
  benchmark::AddCustomContext("limit", std::to_string(kLimit));
  benchmark::AddCustomContext("reference_check", std::to_string(mismatches) + " mismatches over " +
                                                     std::to_string(checked) + " mentees x 2 references");
  benchmark::AddCustomContext(
      "references",
      "explain_all_then_full_sort = matching::score with reasons for every mentor, std::sort of all, first 10 "
      "not excluded (the naive baseline); string_keys_top10_then_explain = matching::recommend over the "
      "profiles' strings (vector<MentorProfile>), before the keys were interned");

  // Calls: every sampled mentee once for recommend() by default (MH_BENCH_CALLS to change); the
  // references half as many (a fifth for the slow naive baseline), to keep the run short.
  const char* calls_env = std::getenv("MH_BENCH_CALLS");
  const auto calls = static_cast<benchmark::IterationCount>(calls_env ? std::max(1, std::atoi(calls_env)) : 1000);
  benchmark::RegisterBenchmark("recommend/matching::recommend", BM_Recommend)
      ->Unit(benchmark::kMillisecond)->Iterations(calls);
  benchmark::RegisterBenchmark("reference/explain_all_then_full_sort", BM_ExplainAllThenFullSort)
      ->Unit(benchmark::kMillisecond)->Iterations(std::max<benchmark::IterationCount>(1, calls / 5));
  benchmark::RegisterBenchmark("reference/string_keys_top10_then_explain", BM_StringKeys)
      ->Unit(benchmark::kMillisecond)->Iterations(std::max<benchmark::IterationCount>(1, calls / 2));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return mismatches == 0 ? 0 : 3;
}
