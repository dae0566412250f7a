#include "cohort_families.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

#include "common/splitmix64.hpp"

namespace mh::bench {

const char* family_name(Family f) {
  switch (f) {
    case Family::contended: return "contended";
    case Family::flat: return "flat";
    case Family::sparse: return "sparse";
    case Family::pins: return "pins";
  }
  return "contended";
}

bool parse_family(const std::string& name, Family& out) {
  for (Family f : all_families())
    if (name == family_name(f)) {
      out = f;
      return true;
    }
  return false;
}

std::vector<Family> all_families() { return {Family::contended, Family::flat, Family::sparse, Family::pins}; }

namespace {

struct Shape {
  int skills;
  double zipf;
  int mentor_skills_min, mentor_skills_max;
  int wants_min, wants_max;
  int share_points;
  int quality_levels;  // 0: skewed 0..quality_max; else that many levels of quality_step
  int quality_max, quality_step;
  int noise;
  bool coverers_only;
  int forbid_percent, pin_percent;
  int quality_power = 3;
  double mentor_zipf = -1;  // < 0: as the mentees'; 0: uniform
  // > 0: the pool grows with the cohort, one skill per this many mentors (`skills` at least),
  // so a mentee has about as many candidates at every size; 0: `skills` whatever the size.
  int mentors_per_skill = 0;
};

// The family's skill pool for `mentors` mentors.
int skill_pool(const Shape& sh, int mentors) {
  return sh.mentors_per_skill > 0 ? std::max(sh.skills, mentors / sh.mentors_per_skill) : sh.skills;
}

Shape shape_of(Family f) {
  switch (f) {
    case Family::contended: return {10, 1.2, 1, 4, 2, 5, 6000, 0, 300, 0, 300, false, 0, 0, 1, 0.3};
    case Family::flat: return {6, 0.7, 1, 2, 1, 2, 300, 3, 0, 50, 0, false, 0, 0, 1, -1};
    case Family::sparse: return {20, 0.8, 1, 2, 1, 1, 5000, 0, 800, 0, 150, true, 0, 0, 3, -1, 10};
    case Family::pins: return {10, 1.2, 1, 4, 2, 5, 6000, 0, 300, 0, 300, false, 3, 3, 1, 0.3};
  }
  return shape_of(Family::contended);
}

// A 64-bit mix of (seed, a, b): the pair noise, prohibitions and pins.
std::uint64_t mix(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  return splitmix64_finish(seed * 0x9E3779B97F4A7C15ull ^ (a << 32 | b));
}

// Zipf-like weights as integers, so the draws are the same everywhere.
class Zipf {
 public:
  Zipf(int n, double s) {
    cumulative_.reserve(n);
    std::uint64_t total = 0;
    for (int r = 1; r <= n; ++r) {
      total += static_cast<std::uint64_t>(std::llround(1e6 * std::pow(static_cast<double>(r), -s))) + 1;
      cumulative_.push_back(total);
    }
  }
  int draw(std::mt19937& rng) const {
    const std::uint64_t x = ((static_cast<std::uint64_t>(rng()) << 32) | rng()) % cumulative_.back();
    return static_cast<int>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin());
  }

 private:
  std::vector<std::uint64_t> cumulative_;
};

std::vector<std::int32_t> distinct_draws(const Zipf& z, std::mt19937& rng, int count) {
  std::vector<std::int32_t> out;
  while (static_cast<int>(out.size()) < count) {
    const int s = z.draw(rng);
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

FamilyPeople make_people(const FamilySpec& spec) {
  const Shape sh = shape_of(spec.family);
  FamilyPeople p;
  p.spec = spec;
  p.share_points = sh.share_points;
  p.noise = sh.noise;
  p.coverers_only = sh.coverers_only;
  p.forbid_percent = sh.forbid_percent;
  std::mt19937 rng(spec.seed ^ (static_cast<std::uint32_t>(spec.family) * 7919u));
  const int m = spec.mentors, n = spec.mentees;
  const Zipf zipf(skill_pool(sh, m), sh.zipf);
  const Zipf mentor_zipf(skill_pool(sh, m), sh.mentor_zipf < 0 ? sh.zipf : sh.mentor_zipf);
  auto between = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  p.mentor_skills.resize(m);
  p.mentor_quality.resize(m);
  p.capacity.resize(m);
  if (sh.coverers_only) p.mentor_skill_list.resize(m);
  for (int j = 0; j < m; ++j) {
    const auto skills = distinct_draws(mentor_zipf, rng, between(sh.mentor_skills_min, sh.mentor_skills_max));
    if (sh.coverers_only) p.mentor_skill_list[j] = skills;
    else
      for (int s : skills) p.mentor_skills[j] |= 1u << s;
    if (sh.quality_levels > 0) {
      p.mentor_quality[j] = static_cast<std::int32_t>(rng() % static_cast<unsigned>(sh.quality_levels)) * sh.quality_step;
    } else {
      // Skewed: a power of a uniform draw, so a few mentors stand out.
      const double r = (rng() % 1'000'000) / 1e6;
      p.mentor_quality[j] = static_cast<std::int32_t>(std::pow(r, sh.quality_power) * sh.quality_max);
    }
  }
  // Capacities 1-5 (uniform: 3 on average), then scaled to the wanted places per mentee.
  const double scale = spec.places_per_mentee * n / (3.0 * std::max(1, m));
  for (int j = 0; j < m; ++j) {
    const int c = between(1, 5);
    p.capacity[j] = std::clamp(static_cast<int>(std::lround(c * scale + (rng() % 1000) / 1000.0 - 0.5)), 1, 5);
  }
  p.mentee_wants.resize(n);
  for (int i = 0; i < n; ++i) p.mentee_wants[i] = distinct_draws(zipf, rng, between(sh.wants_min, sh.wants_max));
  return p;
}

FamilyScore family_score(const FamilyPeople& people, int i, int j) {
  FamilyScore s;
  const auto& wants = people.mentee_wants[i];
  int covered = 0;
  if (people.coverers_only) {
    for (int w : wants)
      covered += std::binary_search(people.mentor_skill_list[j].begin(), people.mentor_skill_list[j].end(), w);
  } else {
    for (int w : wants) covered += (people.mentor_skills[j] >> w) & 1u;
  }
  s.share = static_cast<std::int32_t>(people.share_points * covered / static_cast<int>(wants.size()));
  s.quality = people.mentor_quality[j];
  const std::uint64_t h = mix(people.spec.seed, static_cast<std::uint64_t>(i), static_cast<std::uint64_t>(j));
  s.noise = people.noise > 0 ? static_cast<std::int32_t>(h % static_cast<std::uint64_t>(people.noise + 1)) : 0;
  s.total = s.share + s.quality + s.noise;
  s.forbidden = (people.coverers_only && covered == 0) ||
                (people.forbid_percent > 0 && (h >> 40) % 100 < static_cast<std::uint64_t>(people.forbid_percent));
  return s;
}

namespace {

using Entry = std::pair<std::int32_t, std::int32_t>;  // (score, mentor)
// Better first: score desc, then mentor index asc.
struct Better {
  bool operator()(const Entry& a, const Entry& b) const {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  }
};

// The top K of one mentee among the mentors of the masked families: mentors grouped by skill
// mask, each group by quality desc; a group (or the rest of it) is skipped once its bound
// cannot reach the K-th score.
struct MaskIndex {
  std::vector<std::uint32_t> masks;
  std::vector<std::int32_t> begin;    // per group, into order
  std::vector<std::int32_t> order;    // mentors by (group, quality desc, index asc)
  std::int32_t max_quality = 0;
};

MaskIndex mask_index(const FamilyPeople& p) {
  MaskIndex ix;
  const int m = static_cast<int>(p.mentor_skills.size());
  ix.order.resize(m);
  for (int j = 0; j < m; ++j) ix.order[j] = j;
  std::sort(ix.order.begin(), ix.order.end(), [&](int a, int b) {
    if (p.mentor_skills[a] != p.mentor_skills[b]) return p.mentor_skills[a] < p.mentor_skills[b];
    if (p.mentor_quality[a] != p.mentor_quality[b]) return p.mentor_quality[a] > p.mentor_quality[b];
    return a < b;
  });
  for (int x = 0; x < m; ++x)
    if (x == 0 || p.mentor_skills[ix.order[x]] != p.mentor_skills[ix.order[x - 1]]) {
      ix.masks.push_back(p.mentor_skills[ix.order[x]]);
      ix.begin.push_back(x);
    }
  ix.begin.push_back(m);
  for (int j = 0; j < m; ++j) ix.max_quality = std::max(ix.max_quality, p.mentor_quality[j]);
  return ix;
}

// Set bits of a skill mask (a plain loop: std::popcount is a library call without -mpopcnt,
// and this runs once per mentee and mask group).
int bits_set(std::uint32_t x) {
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  return static_cast<int>((((x + (x >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24);
}

struct TopKScratch {
  std::vector<std::uint8_t> covered;  // per mask group: wanted skills it covers
};

void top_k_masked(const FamilyPeople& p, const MaskIndex& ix, int i, int k, std::vector<Entry>& heap,
                  TopKScratch& scratch) {
  heap.clear();
  std::uint32_t want = 0;
  for (int w : p.mentee_wants[i]) want |= 1u << w;
  const int wanted = static_cast<int>(p.mentee_wants[i].size());
  const std::size_t groups = ix.masks.size();
  scratch.covered.resize(groups);
  for (std::size_t gi = 0; gi < groups; ++gi) scratch.covered[gi] = static_cast<std::uint8_t>(bits_set(ix.masks[gi] & want));
  const Better better;
  // Groups covering more wanted skills first, so the K-th score rises early and the rest is
  // skipped; once a whole level cannot reach the K-th score, neither can the levels below.
  for (int covered = wanted; covered >= 0; --covered) {
    const std::int32_t share = static_cast<std::int32_t>(p.share_points * covered / wanted);
    if (static_cast<int>(heap.size()) == k && share + ix.max_quality + p.noise < heap.front().first) break;
    for (std::size_t gi = 0; gi < groups; ++gi) {
      if (scratch.covered[gi] != covered) continue;
      for (std::int32_t x = ix.begin[gi]; x < ix.begin[gi + 1]; ++x) {
        const int j = ix.order[x];
        const std::int32_t bound = share + p.mentor_quality[j] + p.noise;
        // Later mentors of the group have a lower bound, or the same one and a larger index.
        if (static_cast<int>(heap.size()) == k &&
            (bound < heap.front().first || (p.noise == 0 && !better(Entry{bound, j}, heap.front()))))
          break;
        const FamilyScore s = family_score(p, i, j);
        if (s.forbidden) continue;
        const Entry e{s.total, j};
        if (static_cast<int>(heap.size()) < k) {
          heap.push_back(e);
          std::push_heap(heap.begin(), heap.end(), better);
        } else if (better(e, heap.front())) {
          std::pop_heap(heap.begin(), heap.end(), better);
          heap.back() = e;
          std::push_heap(heap.begin(), heap.end(), better);
        }
      }
    }
  }
  std::sort(heap.begin(), heap.end(), better);
}

void top_k_sparse(const FamilyPeople& p, const std::vector<std::vector<std::int32_t>>& holders, int i, int k,
                  std::vector<Entry>& list) {
  list.clear();
  for (int w : p.mentee_wants[i])
    for (std::int32_t j : holders[w]) {
      const FamilyScore s = family_score(p, i, j);
      if (!s.forbidden) list.push_back({s.total, j});
    }
  std::sort(list.begin(), list.end(), Better{});
  list.erase(std::unique(list.begin(), list.end()), list.end());
  if (static_cast<int>(list.size()) > k) list.resize(k);
}

}  // namespace

matching::CandidateGraph build_family_graph(const FamilyPeople& p) {
  const Shape sh = shape_of(p.spec.family);
  const int n = static_cast<int>(p.mentee_wants.size()), m = static_cast<int>(p.capacity.size());
  const int k = p.spec.k;
  MaskIndex ix;
  std::vector<std::vector<std::int32_t>> holders;
  if (sh.coverers_only) {
    holders.resize(skill_pool(sh, m));
    for (int j = 0; j < m; ++j)
      for (int s : p.mentor_skill_list[j]) holders[s].push_back(j);
  } else {
    ix = mask_index(p);
  }
  int threads = p.spec.threads > 0 ? p.spec.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, std::max(1, n / 1000));
  std::vector<std::vector<Entry>> lists(n);
  auto work = [&](int t) {
    std::vector<Entry> scratch;
    TopKScratch top_k_scratch;
    for (int i = t; i < n; i += threads) {
      if (sh.coverers_only) top_k_sparse(p, holders, i, k, scratch);
      else top_k_masked(p, ix, i, k, scratch, top_k_scratch);
      lists[i] = scratch;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();

  matching::CandidateGraph g;
  g.k = k;
  g.min_score = 1;
  g.mentor_ids.resize(m);
  g.mentor_input.resize(m);
  for (int j = 0; j < m; ++j) g.mentor_ids[j] = j + 1, g.mentor_input[j] = j;
  g.mentee_ids.resize(n);
  g.mentee_input.resize(n);
  for (int i = 0; i < n; ++i) g.mentee_ids[i] = m + 1 + i, g.mentee_input[i] = i;
  g.capacity = p.capacity;
  g.offset.assign(n + 1, 0);
  for (int i = 0; i < n; ++i) g.offset[i + 1] = g.offset[i] + static_cast<std::int64_t>(lists[i].size());
  g.arc_mentor.resize(g.offset[n]);
  g.arc_score.resize(g.offset[n]);
  g.pinned.assign(n, -1);
  g.eligibility.resize(n);
  g.eligible_count.resize(n);
  std::vector<std::int32_t> pins(m, 0);
  for (int i = 0; i < n; ++i) {
    std::int64_t x = g.offset[i];
    for (const auto& [s, j] : lists[i]) g.arc_mentor[x] = j, g.arc_score[x] = s, ++x;
    g.eligibility[i] = lists[i].empty() ? matching::Eligibility::no_eligible_mentor : matching::Eligibility::has_candidates;
    g.eligible_count[i] = static_cast<std::int32_t>(lists[i].size());
    if (sh.pin_percent > 0 && !lists[i].empty()) {
      const std::uint64_t h = mix(p.spec.seed + 17, static_cast<std::uint64_t>(i), 0);
      if (h % 100 < static_cast<std::uint64_t>(sh.pin_percent)) {
        const std::size_t len = lists[i].size();
        for (std::size_t t = 0; t < len; ++t) {
          const std::int32_t j = lists[i][((h >> 20) + t) % len].second;
          if (pins[j] < p.capacity[j]) {
            ++pins[j];
            g.pinned[i] = j;
            break;
          }
        }
      }
    }
  }
  g.stats.arcs = g.arcs();
  g.stats.pairs_total = static_cast<std::int64_t>(n) * m;
  g.stats.threads = threads;
  return g;
}

}  // namespace mh::bench
