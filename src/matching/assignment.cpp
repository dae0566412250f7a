#include "matching/assignment.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <limits>
#include <memory>
#include <new>
#include <thread>
#include <tuple>
#include <type_traits>

#if defined(__linux__)
#include <sys/mman.h>
#include <sys/resource.h>
#endif

#include "domain/enum_names.hpp"

namespace mh::matching {

namespace {
constexpr EnumNames<Unmatched, 4> kUnmatchedNames{{"matched", "no_eligible_mentor", "below_min_score", "mentors_full"}};
}  // namespace

const char* to_string(Unmatched u) { return kUnmatchedNames.name(u); }

std::string explain(Unmatched u) {
  switch (u) {
    case Unmatched::matched: return {};
    case Unmatched::no_eligible_mentor:
      return "No eligible mentor: every mentor in the cohort is ruled out (the mentee themselves, their manager, "
             "an existing pairing, a forbidden pair) or has no free place.";
    case Unmatched::below_min_score: return "No mentor in the cohort reaches the minimum score with this mentee.";
    case Unmatched::mentors_full:
      return "The mentee's best-matching mentors are full: their places went to pairs that score more in total.";
  }
  return {};
}

namespace {

// An uninitialised array for the solver's big table (the arcs by mentor: 20 MB at 100,000
// mentees x K = 50). Filling a fresh allocation takes one page fault per 4 KiB page, which on
// some machines (virtual ones notably) costs 10-15 microseconds each: 0.15 s for 40 MB, more
// than the whole solve. So one of 1 MiB or more asks Linux for transparent huge pages (2 MiB,
// where the system allows them; elsewhere, or when refused, it is an ordinary allocation), and
// nothing is zero-filled first. With `populate` (for a table that will be written whole), the
// pages are all mapped by one call instead of one fault each: where huge pages are refused, that
// is about half the cost of faulting them one by one.
template <class T>
class BigArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  void reset(std::size_t n, bool populate = false) {
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    const std::size_t bytes = std::max<std::size_t>(1, n * sizeof(T));
    void* raw = nullptr;
    if (bytes >= kHuge / 2) {  // rounded up to whole huge pages: at most 1.5 MiB more
      const std::size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
      raw = std::aligned_alloc(kHuge, rounded);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
      if (raw) madvise(raw, rounded, MADV_HUGEPAGE);
#endif
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
      if (raw && populate) madvise(raw, rounded, MADV_POPULATE_WRITE);  // older kernels: EINVAL, ignored
#endif
    }
    (void)populate;
    if (!raw) raw = std::malloc(bytes);
    if (!raw) throw std::bad_alloc();
    data_.reset(static_cast<T*>(raw));
    size_ = n;
  }
  T& operator[](std::size_t x) { return data_.get()[x]; }
  const T& operator[](std::size_t x) const { return data_.get()[x]; }
  T* begin() { return data_.get(); }
  T* end() { return data_.get() + size_; }

 private:
  struct Free {
    void operator()(T* ptr) const { std::free(ptr); }
  };
  std::unique_ptr<T, Free> data_;
  std::size_t size_ = 0;
};

// The solver's phase timers: this thread's CPU time and minor page faults since the last lap.
class PhaseMeter {
 public:
  PhaseMeter() { read(cpu_, faults_); }
  void lap(SolveStats::Phase& into) {
    double cpu = 0;
    std::int64_t faults = 0;
    read(cpu, faults);
    into.cpu_s += cpu - cpu_;
    into.minor_faults += faults - faults_;
    cpu_ = cpu;
    faults_ = faults;
  }

 private:
  static void read(double& cpu, std::int64_t& faults) {
#if defined(__linux__)
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0) cpu = static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
    rusage ru{};
    if (getrusage(RUSAGE_THREAD, &ru) == 0) faults = ru.ru_minflt;
#else
    cpu = static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
    faults = 0;
#endif
  }
  double cpu_ = 0;
  std::int64_t faults_ = 0;
};

constexpr std::int32_t kNone = -1;
constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max() / 4;

std::int32_t arc_score(const CandidateGraph& g, int i, std::int32_t j) {
  for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x)
    if (g.arc_mentor[x] == j) return g.arc_score[x];
  return std::numeric_limits<std::int32_t>::min();
}

// The successive-shortest-path solver. Both sides share the state (who holds which place, the
// duals u and p); the searches start from the scarcer side: from mentors with a free place when
// there are fewer places than mentees (the usual cohort), from mentees otherwise.
class Solver {
 public:
  Solver(const CandidateGraph& g, const SolveControl& control)
      : g_(g), n_(g.mentees()), m_(g.mentors()), control_(control) {}

  Assignment run() {
    PhaseMeter meter;
    meter_ = &meter;
    Assignment a;
    stats_ = &a.stats;
    a.mentor_of.assign(n_, kNone);
    a.u.assign(n_, 0);
    a.p.assign(m_, 0);
    std::vector<std::int32_t> cap = g_.capacity;
    fixed_.assign(n_, 0);
    for (int i = 0; i < n_; ++i) {
      const std::int32_t j = g_.pinned[i];
      if (j == kNone) continue;
      fixed_[i] = 1;
      a.mentor_of[i] = j;
      --cap[j];
      a.total_score += arc_score(g_, i, j);
      ++a.stats.pinned;
    }
    // Places left after the pins, as slots grouped by mentor (a mentor is one node whatever its
    // capacity; the slots only record who holds its places).
    cap_ = std::move(cap);
    slot_begin_.assign(m_ + 1, 0);
    for (int j = 0; j < m_; ++j) slot_begin_[j + 1] = slot_begin_[j] + std::max(0, cap_[j]);
    holder_.assign(slot_begin_[m_], kNone);
    used_.assign(m_, 0);
    ms_.assign(n_, MenteeState{});
    held_w_.assign(n_, 0);
    matched_bits_.assign((n_ + 63) / 64 + 1, 0);
    slot_of_.assign(n_, 0);
    p_ = &a.p;
    dist_.assign(n_ + m_, kInf);
    pred_.assign(n_ + m_, kNone);
    pred_w_.assign(n_ + m_, 0);

    std::int64_t mentee_units = 0, mentor_units = 0;
    for (int i = 0; i < n_; ++i) mentee_units += !fixed_[i] && g_.offset[i] < g_.offset[i + 1];
    for (int j = 0; j < m_; ++j) mentor_units += std::max(0, cap_[j]);
    if (mentor_units <= mentee_units) from_mentors(a);
    else from_mentees(a);
    meter.lap(a.stats.search);
    for (int i = 0; i < n_; ++i)
      if (!fixed_[i] && ms_[i].mate != kNone) {
        a.mentor_of[i] = ms_[i].mate;
        a.total_score += held_w_[i];
      }
    for (int i = 0; i < n_; ++i) a.matched += a.mentor_of[i] != kNone;
    for (int i = 0; i < n_; ++i) a.u[i] = fixed_[i] ? 0 : ms_[i].u;
    if (cancelled_) {
      a.cancelled = true;
      a.u.clear();
      a.p.clear();
    }
    meter.lap(a.stats.finish);
    return a;
  }

 private:
  // Matched mentees as bits (12.5 KB for 100,000 mentees), for the first_free walks.
  bool is_matched(std::int32_t i) const { return (matched_bits_[i >> 6] >> (i & 63)) & 1u; }

  void place(std::int32_t i, std::int32_t j, std::int32_t w, std::int64_t slot) {
    matched_bits_[i >> 6] |= std::uint64_t{1} << (i & 63);
    ms_[i].mate = j;
    held_w_[i] = w;
    slot_of_[i] = slot;
    holder_[slot] = i;
  }

  // Takes mentee i out of its mentor's places (the last holder moves into its slot).
  void unplace(std::int32_t i) {
    const std::int32_t j = ms_[i].mate;
    const std::int64_t last = slot_begin_[j] + --used_[j];
    const std::int32_t moved = holder_[last];
    holder_[slot_of_[i]] = moved;
    slot_of_[moved] = slot_of_[i];
    holder_[last] = kNone;
    ms_[i].mate = kNone;
    matched_bits_[i >> 6] &= ~(std::uint64_t{1} << (i & 63));
  }

  void push(std::int32_t node, std::int64_t d, std::int64_t best) {
    if (d >= best || d >= dist_[node]) return;
    if (dist_[node] == kInf) touched_.push_back(node);
    dist_[node] = d;
    heap_.push_back({d, node});
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
  }

  // A new search (for a mentee or a mentor): no node reached or settled yet.
  void start_search(SolveStats& stats) {
    ++stats.searches;
    heap_.clear();
    settled_.clear();
    touched_.clear();
  }

  // Settles the nearest node not settled yet, if it is nearer than `best`: its distance in `d`.
  // False when there is none (entries made stale by a shorter distance pushed since are dropped).
  bool settle_next(std::int64_t best, std::int64_t& d, std::int32_t& node) {
    while (!heap_.empty() && heap_.front().first < best) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      std::tie(d, node) = heap_.back();
      heap_.pop_back();
      if (d > dist_[node]) continue;
      settled_.push_back(node);
      return true;
    }
    return false;
  }

  // Every settled node's potential moves by best - d, which keeps every reduced cost >= 0 and
  // makes the path tight. From the mentees: u_i -= delta, p_j += delta.
  void update_from_mentee_search(std::int64_t best) {
    std::vector<std::int64_t>& p = *p_;
    for (std::int32_t node : settled_) {
      const std::int64_t delta = best - dist_[node];
      if (delta <= 0) continue;
      if (node < n_) ms_[node].u = static_cast<std::int32_t>(ms_[node].u - delta);
      else p[node - n_] += delta;
    }
    for (std::int32_t node : touched_) dist_[node] = kInf;
  }

  // From the mentors: p_j -= delta for the settled mentors. A mentee holding a place of such a
  // mentor gets u = w - p_j, so its pair stays tight (u + p >= w holds for every arc): its u
  // rises by at least its own delta, since it is never nearer than its mentor (it reaches its
  // mentor at no cost), so every reduced cost stays >= 0 and the path stays tight.
  void update_from_mentor_search(std::int64_t best) {
    for (std::int32_t node : settled_) {
      const std::int64_t delta = best - dist_[node];
      if (delta > 0 && node >= n_) lower_price(node - n_, delta);
    }
    for (std::int32_t node : touched_) dist_[node] = kInf;
  }

  void lower_price(std::int32_t j, std::int64_t delta) {
    std::vector<std::int64_t>& p = *p_;
    p[j] -= delta;
    for (std::int32_t k = 0; k < used_[j]; ++k) {
      const std::int32_t h = holder_[slot_begin_[j] + k];
      ms_[h].u = static_cast<std::int32_t>(held_w_[h] - p[j]);
    }
  }

  // ---- From the mentors: p starts at each mentor's best score, u at 0, nobody matched. A
  // mentor with a free place and p > 0 is unsettled; a search from it ends at an unmatched mentee
  // (reduced cost 0 to "done") or at a mentor giving up a place (reduced cost p).
  //
  // Two facts keep the searches small. A matched mentee stays matched (paths only move mentees
  // between mentors), so each mentor's incoming arcs, sorted by score, have a prefix of matched
  // mentees and a pointer to the first unmatched one that only moves forward; that one is the
  // nearest unmatched mentee (u = 0 for all of them). And any arc worth relaxing must beat it,
  // w - u_i > w(first unmatched) with u_i >= 0, so only the matched prefix before the pointer
  // needs scanning, in score order, stopping once d + p_j - w reaches the best end found.
  void from_mentors(Assignment& a) {
    // Incoming arcs per mentor (movable mentees only): first their number, from the mentors'
    // column alone; the scores' range from each list's ends (a list is best first).
    count_.assign(m_, 0);
    std::int32_t lo = std::numeric_limits<std::int32_t>::max(), hi = std::numeric_limits<std::int32_t>::min();
    for (int i = 0; i < n_; ++i) {
      if (fixed_[i] || g_.offset[i] == g_.offset[i + 1]) continue;
      for (std::int64_t x = g_.offset[i]; x < g_.offset[i + 1]; ++x) ++count_[g_.arc_mentor[x]];
      hi = std::max(hi, g_.arc_score[g_.offset[i]]);
      lo = std::min(lo, g_.arc_score[g_.offset[i + 1] - 1]);
    }
    // An arc is one integer key, (hi - score) above the mentee index, so the order (score desc,
    // mentee asc) is the integers' order: 4 bytes an arc when both fit in 32 bits (100,000 mentees
    // and scores spanning under 32,768 do), 8 otherwise.
    score_hi_ = hi;
    mentee_bits_ = std::bit_width(static_cast<std::uint32_t>(std::max(1, n_) - 1));
    const std::uint64_t span = lo <= hi ? static_cast<std::uint64_t>(std::int64_t{hi} - lo) : 0;
    if (std::bit_width(span) + mentee_bits_ <= 32) mentor_side<std::uint32_t>(a);
    else mentor_side<std::uint64_t>(a);
  }

  // The table of the mentors' incoming arcs holds, of a mentor with more than 8 x `window` of
  // them, only a window of its best: `window` to 2 x `window` of them, its first in key order
  // (every key up to a threshold). The solve reads a mentor's arcs only down to its first
  // unmatched mentee, which on the benchmark's cohorts is a few hundred deep at most (of up to
  // 35,000 arcs), so most of a popular mentor's arcs were written and never read; where the
  // mentors are few and popular (the flat family) that was most of the table and of the setup
  // at 100,000 mentees. Cutting a window back costs more than writing the arcs when a mentor
  // has only a few times `window`, hence the 8. Should the solve reach the end of a window,
  // every window is rebuilt 4 times larger (refill): the answer is the same, as arcs are only
  // ever read in key order from the first.
  static constexpr std::int64_t kWindow = 1024;
  bool windowed(std::int32_t j) const { return count_[j] > 8 * window_; }

  template <class Key>
  void build_windows(std::int64_t window) {
    BigArray<Key>& in = keys<Key>();
    window_ = window;
    in_off_.assign(m_ + 1, 0);
    for (int j = 0; j < m_; ++j) in_off_[j + 1] = in_off_[j] + (windowed(j) ? 2 * window : count_[j]);
    in.reset(in_off_[m_], /*populate=*/true);
    // While filling: per mentor its next place, or for a windowed mentor (~ its number among
    // them) its next place, the places left before its window is cut back to its best keys, and
    // the largest key still taken (all larger ones are past the window).
    struct Window {
      std::int64_t pos;
      std::int64_t room;
      Key limit;
    };
    std::vector<std::int64_t> pos(m_);
    std::vector<Window> win;
    for (int j = 0; j < m_; ++j)
      if (windowed(j)) {
        pos[j] = ~static_cast<std::int64_t>(win.size());
        win.push_back({in_off_[j], 2 * window, std::numeric_limits<Key>::max()});
      } else {
        pos[j] = in_off_[j];
      }
    for (int i = 0; i < n_; ++i)
      if (!fixed_[i])
        for (std::int64_t x = g_.offset[i]; x < g_.offset[i + 1]; ++x) {
          const std::int32_t j = g_.arc_mentor[x];
          const Key key =
              static_cast<Key>(static_cast<Key>(score_hi_ - g_.arc_score[x]) << mentee_bits_) | static_cast<Key>(i);
          const std::int64_t q = pos[j];
          if (q >= 0) {
            in[q] = key;
            pos[j] = q + 1;
            continue;
          }
          Window& f = win[~q];
          if (key > f.limit) continue;
          in[f.pos++] = key;
          if (--f.room == 0) {  // the window is full: keep its best keys; the rest, and all larger ones, are out
            Key* const begin = in.begin() + in_off_[j];
            const std::int64_t kept = cut_back(begin, f.pos - in_off_[j], window, f.limit);
            f.pos = in_off_[j] + kept;
            f.room = in_off_[j + 1] - f.pos;
          }
        }
    win_end_.resize(m_);
    for (int j = 0; j < m_; ++j) win_end_[j] = pos[j] >= 0 ? pos[j] : win[~pos[j]].pos;
  }

  // Cuts a full window [begin, begin + len) back to its `window` to 1.25 x `window` smallest
  // keys, at its front (in any order); returns how many, and sets `limit` to the largest kept.
  // A threshold from a sample of the keys, counted then kept in two plain passes, is usually
  // right; otherwise nth_element.
  template <class Key>
  static std::int64_t cut_back(Key* begin, std::int64_t len, std::int64_t window, Key& limit) {
    constexpr std::int64_t kSample = 64;
    if (len >= 4 * kSample) {
      Key sample[kSample];
      const std::int64_t stride = len / kSample;
      for (std::int64_t s = 0; s < kSample; ++s) sample[s] = begin[s * stride];
      std::sort(sample, sample + kSample);
      const Key t = sample[std::min<std::int64_t>(kSample - 1, kSample * (window + window / 8) / len)];
      std::int64_t below = 0;
      for (std::int64_t x = 0; x < len; ++x) below += begin[x] <= t;
      if (below >= window && below <= window + window / 4) {
        std::int64_t k = 0;
        for (std::int64_t x = 0; x < len; ++x) {
          const Key v = begin[x];
          begin[k] = v;
          k += v <= t;
        }
        limit = t;
        return k;
      }
    }
    std::nth_element(begin, begin + (window - 1), begin + len);
    limit = begin[window - 1];
    return window;
  }

  // Mentor j's window is used up: every window is rebuilt 4 times larger. Each mentor's arcs in
  // order so far are the same first keys of its new window, put back in order in front, and its
  // pointer stays at the same depth.
  template <class Key>
  void refill() {
    const std::vector<std::int64_t> old_off = in_off_;
    std::vector<std::int64_t> sorted_depth(m_), free_depth(m_);
    for (int j = 0; j < m_; ++j) {
      sorted_depth[j] = sorted_end_[j] - old_off[j];
      free_depth[j] = first_free_[j] - old_off[j];
    }
    build_windows<Key>(window_ * 4);
    ++stats_->window_refills;
    BigArray<Key>& in = keys<Key>();
    for (int j = 0; j < m_; ++j) {
      Key* const begin = in.begin() + in_off_[j];
      if (sorted_depth[j] > 0) {
        select_front(begin, in.begin() + win_end_[j], sorted_depth[j]);
        std::sort(begin, begin + sorted_depth[j]);
      }
      sorted_end_[j] = in_off_[j] + sorted_depth[j];
      first_free_[j] = in_off_[j] + free_depth[j];
    }
  }

  // Whether mentor j has arcs past the end of its window.
  bool cut(std::int32_t j) const { return win_end_[j] - in_off_[j] < count_[j]; }

  template <class Key>
  BigArray<Key>& keys() {
    if constexpr (std::is_same_v<Key, std::uint32_t>) return keys32_;
    else return keys64_;
  }
  template <class Key>
  std::int32_t mentee_of(Key key) const {
    return static_cast<std::int32_t>(key & ((Key{1} << mentee_bits_) - 1));
  }
  template <class Key>
  std::int32_t score_of(Key key) const {
    return static_cast<std::int32_t>(score_hi_ - static_cast<std::int64_t>(key >> mentee_bits_));
  }

  template <class Key>
  void mentor_side(Assignment& a) {
    std::vector<std::int64_t>& p = *p_;
    build_windows<Key>(control_.mentor_window > 0 ? std::max<std::int64_t>(2, control_.mentor_window) : kWindow);
    BigArray<Key>& in = keys<Key>();
    sorted_end_.assign(in_off_.begin(), in_off_.end() - 1);
    first_free_.assign(in_off_.begin(), in_off_.end() - 1);
    // Warm start, the greedy pass: each mentor in turn fills its places with its best unmatched
    // mentees while the best choice is an unmatched mentee (a search that ends at once). Mentors
    // whose best choice is already taken wait for the second pass.
    meter_->lap(a.stats.setup);
    // p_j starts at the mentor's best score, its first key, known once its first arcs are in
    // order; the greedy pass reads no other mentor's p.
    std::vector<std::int32_t> contested;
    for (int j = 0; j < m_; ++j) {
      if (win_end_[j] > in_off_[j]) {
        if (sorted_end_[j] == in_off_[j]) extend<Key>(j);
        p[j] = std::max(0, score_of(in[in_off_[j]]));
      }
      while (used_[j] < cap_[j] && p[j] > 0 && take_at_once<Key>(j)) ++a.stats.greedy_matched;
      if (used_[j] < cap_[j] && p[j] > 0) contested.push_back(j);
    }
    meter_->lap(a.stats.greedy);
    start_progress(contested.size());
    for (std::int32_t j : contested) {
      if (step()) return;
      while (used_[j] < cap_[j] && p[j] > 0)
        if (!take_at_once<Key>(j)) search_from_mentor<Key>(j, a.stats);
    }
  }

  // Progress and cancellation, once per contested mentor (or mentee): a search takes well under
  // a millisecond, so checking the flag there stops the solve within milliseconds.
  void start_progress(std::size_t total) {
    if (control_.places_total) control_.places_total->store(static_cast<int>(total));
  }
  bool step() {
    if (control_.places_done) control_.places_done->fetch_add(1, std::memory_order_relaxed);
    if (control_.cancel && control_.cancel->load(std::memory_order_relaxed)) cancelled_ = true;
    return cancelled_;
  }

  // The first incoming arc of mentor j from an unmatched mentee, or the end of its arcs.
  template <class Key>
  std::int64_t first_free(std::int32_t j) {
    const BigArray<Key>& in = keys<Key>();
    std::int64_t& x = first_free_[j];
    for (;;) {
      while (x < sorted_end_[j] && is_matched(mentee_of(in[x]))) ++x;
      if (x < sorted_end_[j]) return x;
      if (x < win_end_[j]) extend<Key>(j);
      else if (cut(j)) refill<Key>();
      else return x;
    }
  }

  // Puts the next arcs of mentor j in order: as many as are in order already (at least 16),
  // chosen (select_front), then sorted; doubling, so reading a mentor's arcs to depth t costs
  // about (its arcs) x log(t), and a mentor read only at its top costs one pass.
  // The order (score desc, mentee index asc: the keys' order) is total, so the result does not
  // depend on how the unordered rest happens to be arranged.
  template <class Key>
  void extend(std::int32_t j) {
    BigArray<Key>& in = keys<Key>();
    const std::int64_t from = sorted_end_[j];
    Key* const begin = in.begin() + from;
    Key* const end = in.begin() + win_end_[j];
    const std::int64_t chunk = std::max<std::int64_t>(16, from - in_off_[j]);
    if (end - begin <= chunk + chunk / 2) {
      std::sort(begin, end);
      sorted_end_[j] = win_end_[j];
    } else {
      select_front(begin, end, chunk);
      std::sort(begin, begin + chunk);
      sorted_end_[j] += chunk;
    }
  }

  // Moves the `chunk` smallest keys of [begin, end) to its front (in any order), as
  // nth_element does, but in about one pass when the chunk is a small part: a threshold taken
  // from a sample of the keys (a little above the chunk's expected share) separates the few
  // candidates, and only they are selected from; when the sample misjudged, nth_element on all.
  template <class Key>
  static void select_front(Key* begin, Key* end, std::int64_t chunk) {
    constexpr std::int64_t kSample = 64;
    const std::int64_t len = end - begin;
    if (len >= 8 * chunk && len >= 4 * kSample) {
      Key sample[kSample];
      const std::int64_t stride = len / kSample;
      for (std::int64_t s = 0; s < kSample; ++s) sample[s] = begin[s * stride];
      std::sort(sample, sample + kSample);
      // About 2 x the chunk's share of the sample, and 3 more: usually enough, seldom many more.
      const std::int64_t rank = std::min<std::int64_t>(kSample - 1, 2 * chunk * kSample / len + 3);
      const Key threshold = sample[rank];
      Key* const mid = std::partition(begin, end, [threshold](Key k) { return k <= threshold; });
      if (mid - begin >= chunk) {
        std::nth_element(begin, begin + chunk, mid);
        return;
      }
    }
    std::nth_element(begin, begin + chunk, end);
  }

  // The search from mentor j when it ends at its first step: the nearest mentee is unmatched
  // (or nobody is worth p_j: j gives up its places). False when a matched mentee is nearer:
  // one whose w - u_i beats the first unmatched mentee's w (or 0).
  template <class Key>
  bool take_at_once(std::int32_t j) {
    std::vector<std::int64_t>& p = *p_;
    const BigArray<Key>& in = keys<Key>();
    const std::int64_t f = first_free<Key>(j);
    const std::int32_t w = f == win_end_[j] ? 0 : std::max(0, score_of(in[f]));
    for (std::int64_t x = in_off_[j]; x < f; ++x) {
      const std::int32_t wx = score_of(in[x]);
      if (wx <= w) break;
      const MenteeState st = ms_[mentee_of(in[x])];
      if (st.mate != j && wx - st.u > w) return false;
    }
    if (w == 0) {  // nobody unmatched is worth a place: giving it up costs p_j, which drops to 0
      lower_price(j, p[j]);
      return true;
    }
    lower_price(j, p[j] - w);
    place(mentee_of(in[f]), j, w, slot_begin_[j] + used_[j]++);
    return true;
  }

  // Dijkstra from mentor s. Only mentors go through the heap: a matched mentee's one way on is
  // to its own mentor at reduced cost 0 (the pair is tight), so reaching it is reaching its
  // mentor at the same distance, and an unmatched mentee is an end. Ends are taken as soon as
  // they are reached (an unmatched mentee, or a mentor giving up a place at its price), so
  // `best` falls early and prunes the scans; every node nearer than the final best is still
  // settled, which is all the price update needs.
  template <class Key>
  void search_from_mentor(std::int32_t s, SolveStats& stats) {
    std::vector<std::int64_t>& p = *p_;
    const BigArray<Key>& in = keys<Key>();
    start_search(stats);
    std::int64_t best = p[s];   // s gives up the place
    std::int32_t end = n_ + s;  // an unmatched mentee (< n) or a mentor giving up a place (>= n)
    push(n_ + s, 0, best);
    std::int64_t d;
    std::int32_t node;
    while (settle_next(best, d, node)) {
      const std::int32_t j = node - n_;
      const std::int64_t base = d + p[j];
      const std::int64_t f = first_free<Key>(j);
      if (f < win_end_[j] && base - score_of(in[f]) < best) {  // the nearest unmatched mentee
        best = base - score_of(in[f]);
        end = mentee_of(in[f]);
        pred_[end] = j;
        pred_w_[end] = score_of(in[f]);
      }
      std::int64_t x = in_off_[j];
      for (; x < f; ++x) {  // matched mentees, by score desc: the distance is >= base - w
        const std::int32_t w = score_of(in[x]);
        if (base - w >= best) break;
        const std::int32_t i = mentee_of(in[x]);
        const MenteeState st = ms_[i];
        if (st.mate == j) continue;
        const std::int64_t nd = base - w + st.u;
        const std::int32_t k = st.mate;
        if (nd < best && nd < dist_[n_ + k]) {
          pred_[i] = j;
          pred_w_[i] = w;
          pred_[n_ + k] = i;
          push(n_ + k, nd, best);
          if (nd + p[k] < best) {  // k gives up the place i leaves
            best = nd + p[k];
            end = n_ + k;
          }
        }
      }
      stats.arcs_scanned += x - in_off_[j] + 1;
    }
    stats.nodes_settled += static_cast<std::int64_t>(settled_.size());
    update_from_mentor_search(best);

    // Augment: each mentee on the path moves to the mentor it was reached from.
    std::int32_t cur;
    if (end >= n_) {
      const std::int32_t j = end - n_;
      if (j == s) return;  // s gives up the place (p_s is now 0)
      cur = pred_[end];    // the mentee leaving j, whose place stays empty
      unplace(cur);
    } else {
      cur = end;
    }
    for (;;) {
      const std::int32_t j = pred_[cur];
      if (j == s) {
        place(cur, s, pred_w_[cur], slot_begin_[s] + used_[s]++);
        return;
      }
      const std::int32_t leaving = pred_[n_ + j];
      place(cur, j, pred_w_[cur], slot_of_[leaving]);
      cur = leaving;
    }
  }

  // ---- From the mentees: p starts at 0, u_i at the mentee's best score. A mentee with u > 0
  // and no mentor is unsettled; a search from it ends at a mentor with a free place (reduced
  // cost 0) or at a mentee giving up its place, possibly itself (reduced cost u).
  void from_mentees(Assignment& a) {
    std::vector<std::int64_t>& p = *p_;
    std::vector<std::int32_t> order;
    for (int i = 0; i < n_; ++i) {
      if (fixed_[i] || g_.offset[i] == g_.offset[i + 1]) continue;
      ms_[i].u = std::max<std::int32_t>(0, g_.arc_score[g_.offset[i]]);
      if (ms_[i].u > 0) order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [&](std::int32_t x, std::int32_t y) {
      return ms_[x].u != ms_[y].u ? ms_[x].u > ms_[y].u : x < y;
    });
    meter_->lap(a.stats.setup);
    // Warm start, the greedy pass: best mentees first, each takes its best mentor if it has room.
    for (std::int32_t i : order)
      for (std::int64_t x = g_.offset[i]; x < g_.offset[i + 1] && g_.arc_score[x] == ms_[i].u; ++x) {
        const std::int32_t j = g_.arc_mentor[x];
        if (used_[j] < cap_[j]) {
          place(i, j, g_.arc_score[x], slot_begin_[j] + used_[j]++);
          ++a.stats.greedy_matched;
          break;
        }
      }
    meter_->lap(a.stats.greedy);
    start_progress(order.size());
    for (std::int32_t i : order) {
      if (step()) return;
      if (ms_[i].mate != kNone) continue;
      std::int64_t best = 0;
      for (std::int64_t x = g_.offset[i]; x < g_.offset[i + 1]; ++x)
        best = std::max(best, g_.arc_score[x] - p[g_.arc_mentor[x]]);
      ms_[i].u = static_cast<std::int32_t>(best);
      if (best > 0) search_from_mentee(i, a.stats);
    }
  }

  void search_from_mentee(std::int32_t s, SolveStats& stats) {
    std::vector<std::int64_t>& p = *p_;
    start_search(stats);
    std::int64_t best = kInf;
    std::int32_t end = kNone;  // a mentee giving up its place (< n) or a mentor with room (>= n)
    push(s, 0, best);
    std::int64_t d;
    std::int32_t node;
    while (settle_next(best, d, node)) {
      if (node < n_) {
        const std::int32_t i = node;
        if (d + ms_[i].u < best) {
          best = d + ms_[i].u;
          end = i;
        }
        const std::int64_t base = d + ms_[i].u;
        for (std::int64_t x = g_.offset[i]; x < g_.offset[i + 1]; ++x) {
          const std::int32_t j = g_.arc_mentor[x];
          if (j == ms_[i].mate) continue;
          const std::int64_t nd = base + p[j] - g_.arc_score[x];
          if (nd < best && nd < dist_[n_ + j]) {
            pred_[n_ + j] = i;
            pred_w_[n_ + j] = g_.arc_score[x];
            push(n_ + j, nd, best);
          }
        }
        stats.arcs_scanned += g_.offset[i + 1] - g_.offset[i];
      } else {
        const std::int32_t j = node - n_;
        if (used_[j] < cap_[j] && d - p[j] < best) {  // a free place (p_j = 0 there)
          best = d - p[j];
          end = node;
        }
        for (std::int32_t k = 0; k < used_[j]; ++k) {
          const std::int32_t h = holder_[slot_begin_[j] + k];
          push(h, d + held_w_[h] - p[j] - ms_[h].u, best);
        }
      }
    }
    stats.nodes_settled += static_cast<std::int64_t>(settled_.size());
    update_from_mentee_search(best);

    // Augment: walk back from the end, each mentor on the path handing the place of its next
    // mentee to the previous one.
    std::int32_t j;
    std::int64_t slot;
    if (end < n_) {
      if (end == s) return;  // s stays unmatched (u_s is now 0)
      j = ms_[end].mate;
      slot = slot_of_[end];
      ms_[end].mate = kNone;
      matched_bits_[end >> 6] &= ~(std::uint64_t{1} << (end & 63));
    } else {
      j = end - n_;
      slot = slot_begin_[j] + used_[j]++;
    }
    for (;;) {
      const std::int32_t i = pred_[n_ + j];
      const std::int32_t next_j = ms_[i].mate;
      const std::int64_t next_slot = slot_of_[i];
      place(i, j, pred_w_[n_ + j], slot);
      if (i == s) break;
      j = next_j;
      slot = next_slot;
    }
  }

  const CandidateGraph& g_;
  int n_, m_;
  SolveControl control_;
  PhaseMeter* meter_ = nullptr;
  bool cancelled_ = false;
  std::vector<std::uint8_t> fixed_;
  // Per mentee, together: its dual u and its mentor (or kNone), in 8 bytes, since the searches
  // read them at random for many mentees (800 KB at 100,000 mentees, where 16 bytes were 1.6 MB).
  // u fits 32 bits: 0 <= u_i <= the mentee's best score at every step (u_i is w - p_j >= 0 for a
  // matched mentee, p_j >= 0, and 0 otherwise; from the mentees it starts at the best score and
  // only falls). The score of the pair held is apart, read far less often.
  struct MenteeState {
    std::int32_t u = 0;
    std::int32_t mate = kNone;
  };
  std::vector<MenteeState> ms_;
  std::vector<std::int32_t> held_w_;  // per mentee: the score of the pair it holds
  std::vector<std::uint64_t> matched_bits_;
  // Incoming arcs per mentor as keys (see from_mentors), one table or the other.
  BigArray<std::uint32_t> keys32_;
  BigArray<std::uint64_t> keys64_;
  std::int64_t score_hi_ = 0;
  int mentee_bits_ = 0;
  std::vector<std::int32_t> cap_, used_, holder_, pred_, pred_w_;
  std::vector<std::int64_t> slot_begin_, slot_of_, dist_;
  // Per mentor: its movable incoming arcs, where its window starts and ends in the table, how
  // far it is in order, and its first unmatched mentee.
  std::vector<std::int64_t> count_, in_off_, win_end_, sorted_end_, first_free_;
  std::int64_t window_ = 0;
  SolveStats* stats_ = nullptr;
  std::vector<std::int64_t>* p_ = nullptr;
  std::vector<std::pair<std::int64_t, std::int32_t>> heap_;
  std::vector<std::int32_t> settled_, touched_;
};

}  // namespace

void fill_reasons(const CandidateGraph& g, Assignment& a) {
  a.reason.assign(g.mentees(), Unmatched::matched);
  for (int i = 0; i < g.mentees(); ++i) {
    if (a.mentor_of[i] != kNone) continue;
    switch (g.eligibility[i]) {
      case Eligibility::no_eligible_mentor: a.reason[i] = Unmatched::no_eligible_mentor; break;
      case Eligibility::below_min_score: a.reason[i] = Unmatched::below_min_score; break;
      case Eligibility::has_candidates: a.reason[i] = Unmatched::mentors_full; break;
    }
  }
}

Assignment solve_ssp(const CandidateGraph& g, const SolveControl& control) {
  Assignment a = Solver(g, control).run();
  fill_reasons(g, a);
  return a;
}

Assignment solve(const CandidateGraph& g, const SolveControl& control) { return solve_ssp(g, control); }

Assignment greedy(const CandidateGraph& g) {
  const int n = g.mentees(), m = g.mentors();
  Assignment a;
  a.mentor_of.assign(n, kNone);
  std::vector<std::int32_t> left = g.capacity;
  for (int i = 0; i < n; ++i)
    if (g.pinned[i] != kNone) {
      a.mentor_of[i] = g.pinned[i];
      --left[g.pinned[i]];
      a.total_score += arc_score(g, i, g.pinned[i]);
      ++a.stats.pinned;
    }
  // Arcs by score desc, then arc index (= mentee index, then mentor index): a counting sort.
  const std::int64_t arcs = g.arcs();
  if (arcs > 0) {
    const auto [lo_it, hi_it] = std::minmax_element(g.arc_score.begin(), g.arc_score.end());
    const std::int64_t lo = *lo_it, hi = *hi_it;
    std::vector<std::int64_t> start(hi - lo + 2, 0);
    for (std::int32_t s : g.arc_score) ++start[hi - s + 1];
    for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    std::vector<std::int32_t> arc_mentee(arcs);
    for (int i = 0; i < n; ++i)
      for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x) arc_mentee[x] = i;
    std::vector<std::int64_t> order(arcs);
    for (std::int64_t x = 0; x < arcs; ++x) order[start[hi - g.arc_score[x]]++] = x;
    // Within a score, arc index order is mentee index then list order; a mentee's list is by
    // mentor index within one score, so this is (mentee id, mentor id).
    for (std::int64_t x : order) {
      const std::int32_t i = arc_mentee[x], j = g.arc_mentor[x];
      if (a.mentor_of[i] != kNone || left[j] <= 0) continue;
      a.mentor_of[i] = j;
      --left[j];
      a.total_score += g.arc_score[x];
    }
  }
  (void)m;
  for (int i = 0; i < n; ++i) a.matched += a.mentor_of[i] != kNone;
  a.stats.greedy_matched = a.matched - a.stats.pinned;
  fill_reasons(g, a);
  return a;
}

std::string certify(const CandidateGraph& g, const Assignment& a) {
  const int n = g.mentees(), m = g.mentors();
  if (static_cast<int>(a.mentor_of.size()) != n) return "mentor_of has the wrong size";
  std::vector<std::int32_t> load(m, 0), movable(m, 0), cap = g.capacity;
  std::int64_t total = 0;
  int matched = 0;
  for (int i = 0; i < n; ++i) {
    const std::int32_t j = a.mentor_of[i];
    if (g.pinned[i] != kNone) {
      if (j != g.pinned[i]) return "mentee " + std::to_string(g.mentee_ids[i]) + " is not with their pinned mentor";
      --cap[j];
    }
    if (j == kNone) continue;
    if (j < 0 || j >= m) return "mentor index out of range";
    const std::int32_t w = arc_score(g, i, j);
    if (w == std::numeric_limits<std::int32_t>::min())
      return "pair (" + std::to_string(g.mentee_ids[i]) + ", " + std::to_string(g.mentor_ids[j]) + ") is not a candidate";
    ++load[j];
    if (g.pinned[i] == kNone) ++movable[j];
    total += w;
    ++matched;
  }
  for (int j = 0; j < m; ++j)
    if (load[j] > g.capacity[j]) return "mentor " + std::to_string(g.mentor_ids[j]) + " is over capacity";
  if (total != a.total_score) return "the total does not add up";
  if (matched != a.matched) return "the matched count does not add up";
  if (a.u.empty() && a.p.empty()) return {};

  // The optimality certificate, on the problem left after the pins.
  if (static_cast<int>(a.u.size()) != n || static_cast<int>(a.p.size()) != m) return "duals have the wrong size";
  std::int64_t dual = 0, primal = 0;
  for (int j = 0; j < m; ++j) {
    if (a.p[j] < 0) return "negative mentor dual";
    if (a.p[j] > 0 && movable[j] < cap[j]) return "mentor " + std::to_string(g.mentor_ids[j]) + " has room but a price";
    dual += a.p[j] * std::max(0, cap[j]);
  }
  for (int i = 0; i < n; ++i) {
    if (g.pinned[i] != kNone) continue;
    if (a.u[i] < 0) return "negative mentee dual";
    const std::int32_t mine = a.mentor_of[i];
    if (mine == kNone && a.u[i] != 0) return "unmatched mentee " + std::to_string(g.mentee_ids[i]) + " has a positive dual";
    for (std::int64_t x = g.offset[i]; x < g.offset[i + 1]; ++x) {
      const std::int32_t j = g.arc_mentor[x];
      const std::int64_t slack = a.u[i] + a.p[j] - g.arc_score[x];
      if (slack < 0) return "arc (" + std::to_string(g.mentee_ids[i]) + ", " + std::to_string(g.mentor_ids[j]) + ") violates dual feasibility";
      if (j == mine && slack != 0) return "matched arc is not tight";
    }
    dual += a.u[i];
    if (mine != kNone) primal += arc_score(g, i, mine);
  }
  if (dual != primal) return "dual objective differs from the primal";
  return {};
}

Result<CohortMatch> match_cohort(const Cohort& cohort, const MatchOptions& options) {
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  auto cpu = [] { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
  CohortMatch out;
  const auto t0 = Clock::now();
  const double c0 = cpu();
  MatchProgress* progress = options.progress;
  CandidateOptions candidate_options = options.candidates;
  if (progress) candidate_options.mentees_done = &progress->mentees_done;
  MH_TRY(g, build_candidates(cohort, candidate_options));
  const auto t1 = Clock::now();
  const double c1 = cpu();
  if (progress) progress->phase = MatchProgress::solving;
  SolveControl control;
  control.cancel = options.cancel;
  if (progress) control.places_done = &progress->solve_done, control.places_total = &progress->solve_total;
  Assignment a = solve(g, control);
  if (a.cancelled) return Error{ErrorCode::unavailable, "The matching was cancelled.", {}};
  const auto t2 = Clock::now();
  const double c2 = cpu();
  if (progress) progress->phase = MatchProgress::explaining;
  if (std::string why = certify(g, a); !why.empty())
    return Error{ErrorCode::internal, "The matching failed its optimality check: " + why, {}};

  // Explanations: matching::score on every chosen pair, which must agree with the graph's score.
  std::vector<std::int32_t> matched;
  for (int i = 0; i < g.mentees(); ++i) {
    if (a.mentor_of[i] != kNone) matched.push_back(i);
    else out.unmatched.push_back({g.mentee_ids[i], a.reason[i], g.eligible_count[i],
                                  static_cast<int>(g.offset[i + 1] - g.offset[i])});
  }
  out.pairs.resize(matched.size());
  std::atomic<bool> disagree{false};
  auto explain_range = [&](std::size_t begin, std::size_t end) {
    for (std::size_t x = begin; x < end; ++x) {
      const int i = matched[x];
      const std::int32_t j = a.mentor_of[i];
      MatchedPair& pair = out.pairs[x];
      pair.mentee_id = g.mentee_ids[i];
      pair.mentor_id = g.mentor_ids[j];
      pair.score = arc_score(g, i, j);
      pair.pinned = g.pinned[i] == j;
      pair.explanation = score(cohort.mentees[g.mentee_input[i]], cohort.mentors[g.mentor_input[j]], cohort.weights,
                               cohort.emerging);
      if (integer_score(pair.explanation.score) != pair.score) disagree = true;
    }
  };
  const std::size_t half = matched.size() / 2;
  if (g.stats.threads > 1 && matched.size() > 4096) {
    std::thread other(explain_range, half, matched.size());
    explain_range(0, half);
    other.join();
  } else {
    explain_range(0, matched.size());
  }
  if (disagree)
    return Error{ErrorCode::internal, "The candidate scores disagree with matching::score.", {}};
  const auto t3 = Clock::now();
  const double c3 = cpu();

  out.total_score = a.total_score;
  out.candidate_stats = g.stats;
  out.solve_stats = a.stats;
  out.timings = {seconds(t0, t1), seconds(t1, t2), seconds(t2, t3), c1 - c0, c2 - c1, c3 - c2};
  if (progress) progress->phase = MatchProgress::finished;
  return out;
}

}  // namespace mh::matching
