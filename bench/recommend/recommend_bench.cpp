// The recommendation benchmark through the scoring code (Google Benchmark): one mentee's
// recommendations, matching::recommend(limit 10), over the 20,000 MentorProfiles of the
// synthetic organisation of 100,000 people (bench/recommend/synthetic_org.hpp), rotating over
// a sample of 1,000 mentees spread over the organisation. Every call is timed on its own
// (std::chrono::steady_clock) and the median, p90, p99 and max of those calls are reported as
// counters in milliseconds next to Google Benchmark's mean.
//
// In the same run, two named references (not the product's code path):
//   reference/explain_all_then_full_sort   the naive baseline: matching::score (with every
//                                     factor's reason) for all 20,000 mentors, std::sort of all
//                                     of them, then the first 10 not excluded; this is what
//                                     recommend() did before it ranked on plain numbers;
//   reference/interned_numeric_top10_then_explain   recommend()'s approach with what the
//                                     snapshot could also compute once per refresh: skill,
//                                     title and department keys as integer ids (no string
//                                     comparison per mentor and request).
// Both are checked at start-up to rank exactly the same mentors, with bit-identical scores,
// as recommend() (every tenth sampled mentee; exit code 3 otherwise).
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
#include <unordered_map>
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
    for (PersonId id : d.org.mentee_ids) d.mentees.push_back(matching::mentee_profile(d.org.people[id - 1], now));
    d.emerging = bench::default_emerging_keys();
    d.build_seconds = std::chrono::duration<double>(Steady::now() - t0).count();
    return d;
  }();
  return d;
}

// ---------------------------------------------------------------------------------------------
// The naive baseline: explain everyone, sort everyone (recommend() before it ranked on numbers).

bool contains(const std::vector<std::string>& sorted, const std::string& key) {
  return std::binary_search(sorted.begin(), sorted.end(), key);
}

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

// The interned reference: what the snapshot would precompute once per refresh.
struct Interned {
  std::unordered_map<std::string, int> ids;  // key -> id, for skills, titles and departments
  struct Mentor {
    int title = -1, department = -1;                      // ids of the keys (-1: empty)
    std::vector<std::pair<int, int>> skills;              // (skill id, level), sorted by id
  };
  std::vector<Mentor> mentors;                            // parallel to data().mentors

  int id_of(const std::string& key) {
    return ids.emplace(key, static_cast<int>(ids.size())).first->second;
  }
  int find(const std::string& key) const {
    auto it = ids.find(key);
    return it == ids.end() ? -2 : it->second;  // -2 matches nothing
  }
};

Interned& interned() {
  static Interned in = [] {
    Interned in;
    for (const auto& m : data().mentors) {
      Interned::Mentor x;
      const std::string title = matching::key_of(m.title), department = matching::key_of(m.department);
      x.title = title.empty() ? -1 : in.id_of(title);
      x.department = in.id_of(department);
      for (const auto& [key, level] : m.skills) x.skills.emplace_back(in.id_of(key), level);
      std::sort(x.skills.begin(), x.skills.end());
      in.mentors.push_back(std::move(x));
    }
    return in;
  }();
  return in;
}

const int* level_of(const Interned::Mentor& m, int skill) {
  auto it = std::lower_bound(m.skills.begin(), m.skills.end(), std::make_pair(skill, 0));
  return it != m.skills.end() && it->first == skill ? &it->second : nullptr;
}

std::vector<matching::Scored> interned_top(const matching::MenteeProfile& mentee,
                                           const std::vector<matching::MentorProfile>& mentors,
                                           const matching::Weights& w, const std::vector<std::string>& emerging,
                                           int limit) {
  const Interned& in = interned();
  // Per request: the mentee's keys as ids, in the same order as matching::score walks them.
  std::vector<int> wanted, wanted_emerging, roles, departments;
  for (const auto& k : mentee.wanted_skills) {
    wanted.push_back(in.find(k));
    if (contains(emerging, k)) wanted_emerging.push_back(in.find(k));
  }
  for (const auto& k : mentee.aspired_roles) roles.push_back(in.find(k));
  for (const auto& k : mentee.aspired_departments) departments.push_back(in.find(k));
  const int own_department = in.find(mentee.department);
  const bool seasoned = mentee.years >= w.seasoned_years;
  auto has = [](const std::vector<int>& v, int id) { return std::find(v.begin(), v.end(), id) != v.end(); };

  struct Cand {
    double score;
    std::size_t index;
    PersonId id;
  };
  std::vector<Cand> c;
  c.reserve(mentors.size());
  for (std::size_t i = 0; i < mentors.size(); ++i) {
    const matching::MentorProfile& mentor = mentors[i];
    if (matching::exclusion(mentee, mentor)) continue;
    const Interned::Mentor& x = in.mentors[i];
    double total = 0;
    auto add = [&](double points) {
      if (points != 0) total += points;
    };
    if (!wanted.empty()) {
      double strength = 0;
      for (int s : wanted)
        if (const int* level = level_of(x, s)) strength += *level / 5.0;
      if (strength > 0) add(w.skill * strength / wanted.size());
    }
    if (x.title >= 0 && has(roles, x.title)) add(w.aspiration_role);
    if (has(departments, x.department) && !mentor.department.empty()) add(w.aspiration_department);
    const int gap = mentor.years - mentee.years;
    if (gap >= 3) add(w.experience_gap * (gap < 5 ? 0.6 : gap <= 15 ? 1.0 : 0.7));
    if (seasoned && mentor.is_external) add(w.outside_perspective);
    else if (seasoned && !mentor.is_external && x.department != own_department) add(w.outside_perspective / 2);
    if (gap < 0)
      for (int s : wanted_emerging)
        if (const int* level = level_of(x, s); level && *level >= 4) {
          add(w.reverse_mentoring);
          break;
        }
    if (std::find(mentee.former_manager_ids.begin(), mentee.former_manager_ids.end(), mentor.id) !=
        mentee.former_manager_ids.end())
      add(w.former_manager);
    if (mentee.utc_offset_minutes && mentor.utc_offset_minutes)
      add(w.timezone_overlap * working_hours_overlap(*mentee.utc_offset_minutes, *mentor.utc_offset_minutes) / 8.0);
    if (mentee.media_mask & mentor.media_mask) add(w.shared_medium);
    const int free = mentor.capacity - mentor.live_mentees;
    if (free > 0) add(w.free_capacity * std::min(free, 3) / 3.0);
    if (mentor.answer_rate) {
      const double rate = *mentor.answer_rate;
      if (rate < 0.5) {
        add(-w.unresponsive_penalty * (1 - rate / 0.5));
      } else {
        const double speed = mentor.median_hours_to_answer
                                 ? std::clamp(1.0 - (*mentor.median_hours_to_answer - 24) / (14 * 24.0), 0.0, 1.0)
                                 : 0.5;
        add(w.responsiveness * (rate - 0.5) * 2 * (0.5 + 0.5 * speed));
      }
    }
    for (const auto& rec : mentee.recommendations)
      if (rec.mentor_id == mentor.id) {
        add(w.manager_recommendation);
        break;
      }
    c.push_back({total, i, mentor.id});
  }
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(limit), c.size());
  std::partial_sort(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(n), c.end(), [](const Cand& a, const Cand& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  std::vector<matching::Scored> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(matching::score(mentee, mentors[c[i].index], w, emerging));
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

void BM_InternedTop10ThenExplain(benchmark::State& state) {
  Data& d = data();
  interned();
  timed_loop(state, [&](const matching::MenteeProfile& mentee) {
    auto r = interned_top(mentee, d.mentors, d.weights, d.emerging, kLimit);
    benchmark::DoNotOptimize(r);
  });
}

// The references must rank exactly the mentors recommend() ranks: checked on every
// tenth sampled mentee (100 of the 1,000), or on none with MH_BENCH_SKIP_CHECK=1 (profiling).
int check_reference(std::size_t& checked) {
  Data& d = data();
  int mismatches = 0;
  checked = 0;
  if (std::getenv("MH_BENCH_SKIP_CHECK")) return 0;
  for (std::size_t k = 0; k < d.mentees.size(); k += 10) {
    const auto& mentee = d.mentees[k];
    const auto ours = matching::recommend(mentee, d.mentors, d.weights, d.emerging, kLimit);
    for (const auto& ref : {explain_all_then_full_sort(mentee, d.mentors, d.weights, d.emerging, kLimit),
                            interned_top(mentee, d.mentors, d.weights, d.emerging, kLimit)}) {
      bool same = ours.ranked.size() == ref.size();
      for (std::size_t i = 0; same && i < ref.size(); ++i)
        same = ours.ranked[i].mentor_id == ref[i].mentor_id && ours.ranked[i].score == ref[i].score;
      if (!same) ++mismatches;
    }
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
      "not excluded (the naive baseline); interned_numeric_top10_then_explain = recommend()'s approach with "
      "skill, title and department keys interned to integers once per snapshot");

  // Calls: every sampled mentee once for recommend() by default (MH_BENCH_CALLS to change); the
  // references half as many (a fifth for the slow naive baseline), to keep the run short.
  const char* calls_env = std::getenv("MH_BENCH_CALLS");
  const auto calls = static_cast<benchmark::IterationCount>(calls_env ? std::max(1, std::atoi(calls_env)) : 1000);
  benchmark::RegisterBenchmark("recommend/matching::recommend", BM_Recommend)
      ->Unit(benchmark::kMillisecond)->Iterations(calls);
  benchmark::RegisterBenchmark("reference/explain_all_then_full_sort", BM_ExplainAllThenFullSort)
      ->Unit(benchmark::kMillisecond)->Iterations(std::max<benchmark::IterationCount>(1, calls / 5));
  benchmark::RegisterBenchmark("reference/interned_numeric_top10_then_explain", BM_InternedTop10ThenExplain)
      ->Unit(benchmark::kMillisecond)->Iterations(std::max<benchmark::IterationCount>(1, calls / 2));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return mismatches == 0 ? 0 : 3;
}
