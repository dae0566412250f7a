#include "matching/candidates.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <functional>
#include <limits>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "common/timezones.hpp"

namespace mh::matching {

std::int32_t integer_score(double score) { return static_cast<std::int32_t>(std::lround(score * 100)); }

namespace {

constexpr std::int32_t kNone = -1;

class Interner {
 public:
  std::int32_t add(const std::string& s) {
    auto [it, inserted] = ids_.try_emplace(s, static_cast<std::int32_t>(ids_.size()));
    return it->second;
  }
  std::int32_t find(const std::string& s) const {
    auto it = ids_.find(s);
    return it == ids_.end() ? kNone : it->second;
  }

 private:
  std::unordered_map<std::string, std::int32_t> ids_;
};

// Per-mentor flags while one mentee is processed.
enum : std::uint8_t {
  kIndexed = 1,    // scored through an index (or about to be)
  kExcluded = 2,   // hard rule or prohibition for this mentee
  kRole = 4,       // holds a role the mentee aspires to
  kDepartment = 8, // in a department the mentee aspires to
  kFormer = 16,    // a former manager
  kRecommended = 32,
  kReverse = 64,   // holds an emerging skill the mentee wants at level >= 4
};

// The experience-gap points, as score() computes them.
double gap_points(int gap, const Weights& w) {
  if (gap < 3) return 0;
  const double strength = gap < 5 ? 0.6 : gap <= 15 ? 1.0 : 0.7;
  return w.experience_gap * strength;
}

// Everything about the cohort that does not depend on the mentee: mentors as arrays, the
// inverted indexes and the classes the bound works on.
struct Prepared {
  const Cohort* cohort = nullptr;
  int n = 0, m = 0;
  std::vector<std::int32_t> mentee_input, mentor_input;
  std::vector<PersonId> mentee_ids, mentor_ids;
  std::vector<std::int32_t> capacity;
  std::vector<std::uint8_t> available;  // free place > 0

  // Mentors (index = position in mentor_ids).
  std::vector<std::int32_t> years, dept, title, tz;  // tz: index into offsets or kNone
  std::vector<std::uint8_t> external;
  std::vector<unsigned> media;
  std::vector<double> free_points, resp_points;
  std::vector<std::uint8_t> has_free, has_resp;
  std::vector<int> offsets;  // distinct UTC offsets of mentors

  // What the integer upper bound of a pair reads about a mentor, in one place.
  // 12 bytes, so that the bounds of a mentee's ~thousands of mentors stay in cache. Values that
  // do not fit read as "unknown", which the bound treats as the most favourable case.
  static constexpr std::uint16_t kDeptUnknown = 0xffff;
  static constexpr std::uint8_t kByteUnknown = 0xff;
  struct Rec {
    std::int32_t static_ub;  // ceil(100 x free-place points) + ceil(100 x responsiveness points)
    std::uint16_t dept;      // department id, or kDeptUnknown
    std::uint8_t years;      // years - years_min, or kByteUnknown
    std::uint8_t tz;         // timezone index + 1 (0: none), or kByteUnknown
    std::uint8_t media;      // the low 7 media bits; bit 7: any higher bit
    std::uint8_t external;
  };
  std::vector<Rec> rec;
  int years_min = 0;
  // What the exact score reads about a mentor, in one place.
  struct Exact {
    double free_points, resp_points;
    std::int32_t years, dept;
    unsigned media;
    std::int32_t tz;  // index or kNone
    bool external, has_free, has_resp;
  };
  std::vector<Exact> exact;

  Interner skills, titles, depts;
  // Each mentor's skills as (skill id, level) by id: the level score()'s lookup finds.
  std::vector<std::int64_t> mentor_skill_off;
  std::vector<std::pair<std::int32_t, int>> mentor_skill;
  std::int32_t empty_dept = kNone, empty_title = kNone;
  // Inverted indexes over available mentors (CSR).
  std::vector<std::int64_t> skill_off;
  std::vector<std::int32_t> skill_mentor;
  std::vector<std::int8_t> skill_level;
  std::vector<std::int64_t> title_off, dept_off;
  std::vector<std::int32_t> title_mentor, dept_mentor;

  // Classes of available mentors for the bound: (timezone, external, band of years).
  struct Class {
    std::int32_t tz = kNone;
    bool external = false;
    int years_min = 0, years_max = 0;
    unsigned media_union = 0;
    std::int64_t begin = 0, end = 0;  // into class_mentor / class_static
  };
  std::vector<Class> classes;
  std::vector<std::int32_t> class_mentor;
  std::vector<double> class_static;  // free places + responsiveness points, descending in a class

  // Per mentee (index), prohibitions as mentor indexes, sorted.
  std::vector<std::int64_t> forbid_off;
  std::vector<std::int32_t> forbid_mentor;
  std::vector<std::int32_t> pinned;

  // Slots: the internal order of mentors (see prepare); every per-mentor array below the
  // capacity is by slot.
  std::vector<std::int32_t> index_of_slot, slot_of_index;
  std::int32_t mentor_slot(PersonId id) const {
    const std::int32_t j = mentor_index(id);
    return j == kNone ? kNone : slot_of_index[j];
  }

  // Id -> index: a direct table when the ids are dense enough (database ids usually are),
  // else a binary search in the sorted ids.
  struct IdIndex {
    std::vector<PersonId> ids;  // only without a table
    PersonId first = 0;
    std::vector<std::int32_t> table;
    void build(const std::vector<PersonId>& sorted) {
      table.clear();
      ids.clear();
      if (sorted.empty()) return;
      const auto span = static_cast<unsigned long long>(sorted.back() - sorted.front());
      if (span >= 4ull * sorted.size() + 1024) {
        ids = sorted;
        return;
      }
      first = sorted.front();
      table.assign(span + 1, kNone);
      for (std::size_t x = 0; x < sorted.size(); ++x) table[sorted[x] - first] = static_cast<std::int32_t>(x);
    }
    std::int32_t operator()(PersonId id) const {
      if (!table.empty()) {
        const auto off = static_cast<unsigned long long>(id - first);
        return id >= first && off < table.size() ? table[off] : kNone;
      }
      auto it = std::lower_bound(ids.begin(), ids.end(), id);
      return it != ids.end() && *it == id ? static_cast<std::int32_t>(it - ids.begin()) : kNone;
    }
  };
  IdIndex mentor_lookup, mentee_lookup;
  std::int32_t mentor_index(PersonId id) const { return mentor_lookup(id); }
  std::int32_t mentee_index(PersonId id) const { return mentee_lookup(id); }
  const MenteeProfile& mentee(int i) const { return cohort->mentees[mentee_input[i]]; }
  const MentorProfile& mentor(int j) const { return cohort->mentors[mentor_input[j]]; }
};

template <class T>
std::vector<std::int32_t> order_by_id(const std::vector<T>& people) {
  std::vector<std::int32_t> order(people.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int32_t>(i);
  std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) { return people[a].id < people[b].id; });
  return order;
}

std::string id_text(PersonId id) { return std::to_string(id); }

// The mentee-independent part, and the checks of the input.
Result<Prepared> prepare(const Cohort& c, bool all_available = false) {
  Prepared p;
  p.cohort = &c;
  p.n = static_cast<int>(c.mentees.size());
  p.m = static_cast<int>(c.mentors.size());
  if (c.mentees.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max() / 2) ||
      c.mentors.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max() / 2))
    return invalid("mentees", "The cohort is too large.");
  p.mentee_input = order_by_id(c.mentees);
  p.mentor_input = order_by_id(c.mentors);
  for (int i = 0; i < p.n; ++i) p.mentee_ids.push_back(c.mentees[p.mentee_input[i]].id);
  for (int j = 0; j < p.m; ++j) p.mentor_ids.push_back(c.mentors[p.mentor_input[j]].id);
  for (int i = 1; i < p.n; ++i)
    if (p.mentee_ids[i] == p.mentee_ids[i - 1])
      return invalid("mentees", "Mentee " + id_text(p.mentee_ids[i]) + " is listed twice.");
  for (int j = 1; j < p.m; ++j)
    if (p.mentor_ids[j] == p.mentor_ids[j - 1])
      return invalid("mentors", "Mentor " + id_text(p.mentor_ids[j]) + " is listed twice.");
  p.mentee_lookup.build(p.mentee_ids);
  p.mentor_lookup.build(p.mentor_ids);

  const Weights& w = c.weights;
  p.capacity.resize(p.m);
  p.available.resize(p.m);
  p.years.resize(p.m);
  p.dept.resize(p.m);
  p.title.resize(p.m);
  p.tz.resize(p.m);
  p.external.resize(p.m);
  p.media.resize(p.m);
  p.free_points.resize(p.m);
  p.resp_points.resize(p.m);
  p.has_free.resize(p.m);
  p.has_resp.resize(p.m);
  std::vector<std::vector<std::pair<std::int32_t, int>>> mentor_skills(p.m);  // (skill id, level) as found
  for (int j = 0; j < p.m; ++j) {
    const MentorProfile& mp = p.mentor(j);
    const int free = mp.capacity - mp.live_mentees;
    p.capacity[j] = std::max(0, free);
    p.available[j] = free > 0 || all_available;  // exclusion(): live_mentees >= capacity means no place
    p.years[j] = mp.years;
    // As score() reads them: the precomputed key when there is one.
    p.dept[j] = p.depts.add(mp.department_key.empty() ? key_of(mp.department) : mp.department_key);
    p.title[j] = p.titles.add(mp.title_key.empty() ? key_of(mp.title) : mp.title_key);
    p.external[j] = mp.is_external;
    p.media[j] = mp.media_mask;
    if (mp.utc_offset_minutes) {
      auto it = std::find(p.offsets.begin(), p.offsets.end(), *mp.utc_offset_minutes);
      if (it == p.offsets.end()) it = p.offsets.insert(p.offsets.end(), *mp.utc_offset_minutes);
      p.tz[j] = static_cast<std::int32_t>(it - p.offsets.begin());
    } else {
      p.tz[j] = kNone;
    }
    // The same expressions as score(), so the same doubles.
    p.has_free[j] = free > 0;
    p.free_points[j] = free > 0 ? w.free_capacity * std::min(free, 3) / 3.0 : 0;
    p.has_resp[j] = mp.answer_rate.has_value();
    if (mp.answer_rate) {
      const double rate = *mp.answer_rate;
      if (rate < 0.5) {
        p.resp_points[j] = -w.unresponsive_penalty * (1 - rate / 0.5);
      } else {
        const double speed =
            mp.median_hours_to_answer ? std::clamp(1.0 - (*mp.median_hours_to_answer - 24) / (14 * 24.0), 0.0, 1.0) : 0.5;
        p.resp_points[j] = w.responsiveness * (rate - 0.5) * 2 * (0.5 + 0.5 * speed);
      }
    }
    // A wanted key counts as held exactly when score()'s lookup (lower_bound on the key) finds
    // it, with the level it finds (a duplicate key is looked up once).
    for (std::size_t x = 0; x < mp.skills.size(); ++x) {
      const std::string& key = mp.skills[x].first;
      bool seen = false;
      for (std::size_t y = 0; y < x && !seen; ++y) seen = mp.skills[y].first == key;
      if (seen) continue;
      auto it = std::lower_bound(mp.skills.begin(), mp.skills.end(), key,
                                 [](const auto& skill, const std::string& k) { return skill.first < k; });
      if (it == mp.skills.end() || it->first != key) continue;
      if (it->second < -128 || it->second > 127) return invalid("mentors", "A skill level is out of range.");
      mentor_skills[j].emplace_back(p.skills.add(key), it->second);
    }
  }
  // From here on mentors live in "slots": grouped by department, title and timezone, so that
  // the mentors a mentee reaches through one index sit close together in memory. Slot
  // order is internal; lists and ties use the mentor index (= id order).
  {
    std::vector<std::int32_t> order(p.m);
    for (int j = 0; j < p.m; ++j) order[j] = j;
    std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
      return std::make_tuple(p.dept[a], p.title[a], p.tz[a], p.years[a], a) <
             std::make_tuple(p.dept[b], p.title[b], p.tz[b], p.years[b], b);
    });
    p.index_of_slot = order;
    p.slot_of_index.assign(p.m, 0);
    for (int slot = 0; slot < p.m; ++slot) p.slot_of_index[order[slot]] = slot;
    auto permute = [&](auto& v) {
      auto copy = v;
      for (int slot = 0; slot < p.m; ++slot) v[slot] = std::move(copy[order[slot]]);
    };
    permute(p.available);
    permute(p.years);
    permute(p.dept);
    permute(p.title);
    permute(p.tz);
    permute(p.external);
    permute(p.media);
    permute(p.free_points);
    permute(p.resp_points);
    permute(p.has_free);
    permute(p.has_resp);
    permute(mentor_skills);
  }
  p.mentor_skill_off.assign(p.m + 1, 0);
  for (int j = 0; j < p.m; ++j) {
    std::sort(mentor_skills[j].begin(), mentor_skills[j].end());
    p.mentor_skill_off[j + 1] = p.mentor_skill_off[j] + static_cast<std::int64_t>(mentor_skills[j].size());
    p.mentor_skill.insert(p.mentor_skill.end(), mentor_skills[j].begin(), mentor_skills[j].end());
  }
  p.empty_dept = p.depts.find("");
  p.empty_title = p.titles.find("");
  p.rec.resize(p.m);
  p.exact.resize(p.m);
  for (int j = 0; j < p.m; ++j) p.years_min = j == 0 ? p.years[j] : std::min(p.years_min, p.years[j]);
  for (int j = 0; j < p.m; ++j) {
    const auto up = [](double points) { return static_cast<std::int32_t>(std::ceil(points * 100)); };
    Prepared::Rec& r = p.rec[j];
    r.static_ub = (p.has_free[j] ? up(p.free_points[j]) : 0) + (p.has_resp[j] ? up(p.resp_points[j]) : 0);
    r.dept = p.dept[j] >= 0 && p.dept[j] < Prepared::kDeptUnknown ? static_cast<std::uint16_t>(p.dept[j])
                                                                 : Prepared::kDeptUnknown;
    const long long y = static_cast<long long>(p.years[j]) - p.years_min;
    r.years = y < Prepared::kByteUnknown ? static_cast<std::uint8_t>(y) : Prepared::kByteUnknown;
    r.tz = p.tz[j] + 1 < Prepared::kByteUnknown ? static_cast<std::uint8_t>(p.tz[j] + 1) : Prepared::kByteUnknown;
    r.media = static_cast<std::uint8_t>((p.media[j] & 0x7fu) | (p.media[j] > 0x7fu ? 0x80u : 0u));
    r.external = p.external[j];
    p.exact[j] = {p.free_points[j], p.resp_points[j], p.years[j], p.dept[j], p.media[j], p.tz[j],
                  p.external[j] != 0, p.has_free[j] != 0, p.has_resp[j] != 0};
  }

  // Inverted indexes (available mentors only, in mentor index order).
  auto build_index = [&](std::size_t keys, auto&& keys_of, std::vector<std::int64_t>& off,
                         std::vector<std::int32_t>& out, std::vector<std::int8_t>* levels) {
    off.assign(keys + 1, 0);
    for (int j = 0; j < p.m; ++j)
      if (p.available[j]) keys_of(j, [&](std::int32_t k, int) { ++off[k + 1]; });
    for (std::size_t k = 0; k < keys; ++k) off[k + 1] += off[k];
    out.resize(off[keys]);
    if (levels) levels->resize(off[keys]);
    std::vector<std::int64_t> pos(off.begin(), off.end() - 1);
    for (int j = 0; j < p.m; ++j)
      if (p.available[j])
        keys_of(j, [&](std::int32_t k, int level) {
          if (levels) (*levels)[pos[k]] = static_cast<std::int8_t>(std::clamp(level, -128, 127));
          out[pos[k]++] = j;
        });
  };
  std::size_t skill_count = 0, title_count = 0, dept_count = 0;
  for (const auto& v : mentor_skills)
    for (const auto& s : v) skill_count = std::max<std::size_t>(skill_count, s.first + 1);
  for (int j = 0; j < p.m; ++j) {
    title_count = std::max<std::size_t>(title_count, p.title[j] + 1);
    dept_count = std::max<std::size_t>(dept_count, p.dept[j] + 1);
  }
  build_index(skill_count, [&](int j, auto&& f) { for (const auto& s : mentor_skills[j]) f(s.first, s.second); },
              p.skill_off, p.skill_mentor, &p.skill_level);
  build_index(title_count, [&](int j, auto&& f) { if (p.title[j] != p.empty_title) f(p.title[j], 0); },
              p.title_off, p.title_mentor, nullptr);
  build_index(dept_count, [&](int j, auto&& f) { if (p.dept[j] != p.empty_dept) f(p.dept[j], 0); },
              p.dept_off, p.dept_mentor, nullptr);

  // Classes for the bound: timezone x external x band of 4 years.
  {
    std::vector<std::int32_t> order;
    for (int j = 0; j < p.m; ++j)
      if (p.available[j]) order.push_back(j);
    auto band = [&](int j) { return std::clamp(p.years[j], -4, 80) / 4; };
    auto stat = [&](int j) { return (p.has_free[j] ? p.free_points[j] : 0.0) + (p.has_resp[j] ? p.resp_points[j] : 0.0); };
    std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
      auto ka = std::make_tuple(p.tz[a], p.external[a], band(a));
      auto kb = std::make_tuple(p.tz[b], p.external[b], band(b));
      if (ka != kb) return ka < kb;
      const double sa = stat(a), sb = stat(b);
      return sa != sb ? sa > sb : a < b;
    });
    p.class_mentor = order;
    p.class_static.resize(order.size());
    for (std::size_t x = 0; x < order.size(); ++x) {
      const int j = order[x];
      p.class_static[x] = stat(j);
      if (x == 0 || p.tz[j] != p.tz[order[x - 1]] || p.external[j] != p.external[order[x - 1]] ||
          band(j) != band(order[x - 1])) {
        Prepared::Class cl;
        cl.tz = p.tz[j];
        cl.external = p.external[j];
        cl.years_min = cl.years_max = p.years[j];
        cl.begin = static_cast<std::int64_t>(x);
        p.classes.push_back(cl);
      }
      Prepared::Class& cl = p.classes.back();
      cl.years_min = std::min(cl.years_min, p.years[j]);
      cl.years_max = std::max(cl.years_max, p.years[j]);
      cl.media_union |= p.media[j];
      cl.end = static_cast<std::int64_t>(x) + 1;
    }
  }

  // Prohibitions and pins.
  // Grouped by mentee (a counting sort), each mentee's mentors sorted, duplicates dropped.
  {
    std::vector<std::int32_t> fi(c.forbidden.size()), fj(c.forbidden.size());
    std::vector<std::int64_t> count(p.n + 1, 0);
    for (std::size_t x = 0; x < c.forbidden.size(); ++x) {
      const auto& [mentee_id, mentor_id] = c.forbidden[x];
      fi[x] = p.mentee_index(mentee_id);
      fj[x] = p.mentor_index(mentor_id);
      if (fi[x] == kNone) return invalid("forbidden", "Forbidden pair: mentee " + id_text(mentee_id) + " is not in the cohort.");
      if (fj[x] == kNone) return invalid("forbidden", "Forbidden pair: mentor " + id_text(mentor_id) + " is not in the cohort.");
      ++count[fi[x] + 1];
    }
    for (int i = 0; i < p.n; ++i) count[i + 1] += count[i];
    std::vector<std::int32_t> grouped(c.forbidden.size());
    {
      std::vector<std::int64_t> pos(count.begin(), count.end() - 1);
      for (std::size_t x = 0; x < fi.size(); ++x) grouped[pos[fi[x]]++] = fj[x];
    }
    p.forbid_off.assign(p.n + 1, 0);
    p.forbid_mentor.clear();
    p.forbid_mentor.reserve(grouped.size());
    for (int i = 0; i < p.n; ++i) {
      auto b = grouped.begin() + count[i], e = grouped.begin() + count[i + 1];
      std::sort(b, e);
      p.forbid_mentor.insert(p.forbid_mentor.end(), b, std::unique(b, e));
      p.forbid_off[i + 1] = static_cast<std::int64_t>(p.forbid_mentor.size());
    }
  }
  auto forbidden = [&](std::int32_t i, std::int32_t j) {
    return std::binary_search(p.forbid_mentor.begin() + p.forbid_off[i], p.forbid_mentor.begin() + p.forbid_off[i + 1], j);
  };

  p.pinned.assign(p.n, kNone);
  std::vector<std::int32_t> pins_on(p.m, 0);
  for (const auto& [mentee_id, mentor_id] : c.pinned) {
    const std::int32_t i = p.mentee_index(mentee_id), j = p.mentor_index(mentor_id);
    const std::string pair = "(" + id_text(mentee_id) + ", " + id_text(mentor_id) + ")";
    if (i == kNone) return invalid("pinned", "Pinned pair " + pair + ": the mentee is not in the cohort.");
    if (j == kNone) return invalid("pinned", "Pinned pair " + pair + ": the mentor is not in the cohort.");
    if (p.pinned[i] == j) continue;
    if (p.pinned[i] != kNone) return invalid("pinned", "Mentee " + id_text(mentee_id) + " is pinned to two mentors.");
    if (forbidden(i, j))
      return invalid("pinned", "Pinned pair " + pair + " is also forbidden.");
    if (auto e = exclusion(p.mentee(i), p.mentor(j)))
      return invalid("pinned", "Pinned pair " + pair + " breaks a hard rule: " + to_string(*e) + ".");
    if (++pins_on[j] > p.capacity[j])
      return invalid("pinned", "Mentor " + id_text(mentor_id) + " has more pinned mentees than free places.");
    p.pinned[i] = j;
  }
  return p;
}

// One candidate while a list is built.
struct Cand {
  std::int32_t score;
  std::int32_t mentor;
};
// a before b in a list: higher score, then lower mentor index (= lower id).
inline bool better(const Cand& a, const Cand& b) { return a.score != b.score ? a.score > b.score : a.mentor < b.mentor; }

// The per-thread state for one mentee at a time.
class Worker {
 public:
  Worker(const Prepared& p, int k, int min_score)
      : p_(p), k_(k), min_score_(min_score), scratch_(p.m), touched_(p.m + 8), tz_points_(p.offsets.size()) {
    cands_.resize(p.m + 8);
    counts_.resize(kBuckets);
    for (int j = 0; j < p.m; ++j) scratch_[j].rec = p.rec[j];
  }

  std::int64_t scored = 0, bounded = 0;

  // The list of mentee i (best first) into out; returns the eligible count.
  std::int32_t run(int i, std::vector<Cand>& out, bool rules = true) {
    const MenteeProfile& e = p_.mentee(i);
    const Weights& w = p_.cohort->weights;
    heap_.clear();
    excluded_.clear();
    Scratch* const sc = scratch_.data();

    // Hard rules and prohibitions, exactly as exclusion() decides them.
    auto exclude = [&](std::int32_t j) {
      if (j == kNone || !p_.available[j] || (sc[j].flags & kExcluded)) return;
      sc[j].flags |= kExcluded;
      excluded_.push_back(j);
    };
    if (rules) {
      exclude(p_.mentor_slot(e.id));
      if (e.manager_id) exclude(p_.mentor_slot(*e.manager_id));
      for (PersonId id : e.engaged_with)
        if (std::binary_search(e.engaged_with.begin(), e.engaged_with.end(), id)) exclude(p_.mentor_slot(id));
      for (std::int64_t x = p_.forbid_off[i]; x < p_.forbid_off[i + 1]; ++x)
        exclude(p_.slot_of_index[p_.forbid_mentor[x]]);
    }

    // Mentee-side values.
    years_ = e.years;
    seasoned_ = e.years >= w.seasoned_years;
    dept_ = p_.depts.find(e.department);
    media_ = e.media_mask;
    has_tz_ = e.utc_offset_minutes.has_value();
    if (has_tz_)
      for (std::size_t t = 0; t < p_.offsets.size(); ++t)
        tz_points_[t] = w.timezone_overlap * working_hours_overlap(*e.utc_offset_minutes, p_.offsets[t]) / 8.0;
    wanted_.clear();
    for (const std::string& want : e.wanted_skills)
      wanted_.push_back(
          {p_.skills.find(want), std::binary_search(p_.cohort->emerging.begin(), p_.cohort->emerging.end(), want)});

    // Through the indexes: every mentor holding a wanted skill, an aspired role or department,
    // a former manager or a recommendation. Branch-free: the touched list grows only for a
    // mentor seen the first time. The first kKeptLevels levels are kept for the exact score.
    std::int32_t* const touched = touched_.data();
    std::size_t nt = 0;
    for (std::size_t k = 0; k < wanted_.size(); ++k) {
      const auto [s, emerging] = wanted_[k];
      if (s == kNone || s + 1 >= static_cast<std::int32_t>(p_.skill_off.size())) continue;
      const std::int32_t* mentor = p_.skill_mentor.data();
      const std::int8_t* level = p_.skill_level.data();
      const unsigned reverse = emerging ? kReverse : 0;
      const std::size_t keep = std::min<std::size_t>(k, kKeptLevels);
      const std::int64_t end = p_.skill_off[s + 1];
      for (std::int64_t x = p_.skill_off[s]; x < end; ++x) {
        if (x + kPrefetch < end) __builtin_prefetch(&sc[mentor[x + kPrefetch]], 1);
        const std::int32_t j = mentor[x];
        const int l = level[x];
        Scratch& m = sc[j];
        touched[nt] = j;
        nt += !(m.flags & kIndexed);
        m.flags |= static_cast<std::uint8_t>(kIndexed | (l >= 4 ? reverse : 0u));
        m.sum = static_cast<std::int16_t>(m.sum + l);
        m.level[keep] = static_cast<std::int8_t>(l);
      }
    }
    auto touch_list = [&](const std::vector<std::int64_t>& off, const std::vector<std::int32_t>& list, std::int32_t key,
                          std::uint8_t flag) {
      for (std::int64_t x = off[key]; x < off[key + 1]; ++x) {
        if (x + kPrefetch < off[key + 1]) __builtin_prefetch(&sc[list[x + kPrefetch]], 1);
        const std::int32_t j = list[x];
        touched[nt] = j;
        nt += !(sc[j].flags & kIndexed);
        sc[j].flags |= static_cast<std::uint8_t>(kIndexed | flag);
      }
    };
    for (const std::string& role : e.aspired_roles) {
      if (!std::binary_search(e.aspired_roles.begin(), e.aspired_roles.end(), role)) continue;
      const std::int32_t t = p_.titles.find(role);
      if (t != kNone && t != p_.empty_title) touch_list(p_.title_off, p_.title_mentor, t, kRole);
    }
    for (const std::string& d : e.aspired_departments) {
      if (!std::binary_search(e.aspired_departments.begin(), e.aspired_departments.end(), d)) continue;
      const std::int32_t t = p_.depts.find(d);
      if (t != kNone && t != p_.empty_dept) touch_list(p_.dept_off, p_.dept_mentor, t, kDepartment);
    }
    auto touch_one = [&](PersonId id, std::uint8_t flag) {
      const std::int32_t j = p_.mentor_slot(id);
      if (j == kNone || !p_.available[j]) return;
      touched[nt] = j;
      nt += !(sc[j].flags & kIndexed);
      sc[j].flags |= static_cast<std::uint8_t>(kIndexed | flag);
    };
    for (PersonId id : e.former_manager_ids) touch_one(id, kFormer);
    for (const auto& rec : e.recommendations) touch_one(rec.mentor_id, kRecommended);

    // The integer upper bound of every mentor found through an index; exact scores only for
    // the bounds in the top K and then for any bound that still reaches the K-th exact score.
    setup_bounds(w);
    Cand* const cands = cands_.data();
    int* const counts = counts_.data();
    std::fill(counts, counts + kBuckets, 0);
    std::size_t nc = 0;
    {
      // upper_bound() with everything it reads in locals, so the loop keeps them in registers.
      const std::int32_t* const gap = ub_gap_;
      const std::int32_t* const tz = ub_tz_;
      const std::int32_t* const flag_points = ub_flags_;
      const bool* const may_reverse = may_reverse_;
      const std::int32_t* const skill = ub_skill_.data();
      const unsigned skill_n = static_cast<unsigned>(ub_skill_.size());
      const std::int32_t out_known[4] = {ub_outside_[0], ub_outside_[1], ub_outside_[2], ub_outside_[3]};
      const std::int32_t out_unknown[2] = {ub_outside_unknown_[0], ub_outside_unknown_[1]};
      const std::int32_t medium = ub_medium_, reverse = ub_reverse_, min_score = min_score_;
      const unsigned media8 = media8_;
      const std::int32_t dept16 = dept16_;
      for (std::size_t x = 0; x < nt; ++x) {
        if (x + kPrefetch < nt) __builtin_prefetch(&sc[touched[x + kPrefetch]], 0);
        const std::int32_t j = touched[x];
        const Scratch& m = sc[j];
        const Prepared::Rec& r = m.rec;
        const unsigned f = m.flags;
        std::int32_t ub = r.static_ub + gap[r.years] + tz[r.tz] + flag_points[(f >> 2) & 15u];
        ub += static_cast<unsigned>(m.sum) < skill_n ? skill[m.sum] : skill_bound(m.sum);
        ub += r.dept == Prepared::kDeptUnknown ? out_unknown[r.external] : out_known[2 * r.external + (r.dept != dept16)];
        ub += (r.media & media8) ? medium : 0;
        ub += ((f & kReverse) && may_reverse[r.years]) ? reverse : 0;
        cands[nc] = {ub, j};
        const bool keep = ub >= min_score && !(f & kExcluded);
        nc += keep;
        counts[bucket(ub)] += keep;
      }
    }
    bounded += static_cast<std::int64_t>(nt);
    select(nc, w);

    // Everyone else scores only through terms bounded per class: visit classes and, in a
    // class, mentors by decreasing bound, while the bound can still reach the list.
    scan_classes(w);

    // Reset the scratch state, then the list.
    for (std::size_t x = 0; x < nt; ++x) {
      if (x + kPrefetch < nt) __builtin_prefetch(&sc[touched[x + kPrefetch]], 1);
      sc[touched[x]].reset();
    }
    for (std::int32_t j : excluded_) sc[j].reset();
    out.assign(heap_.begin(), heap_.end());
    std::sort(out.begin(), out.end(), better);
    return available_ - static_cast<std::int32_t>(excluded_.size());
  }

  void set_available(std::int32_t a) { available_ = a; }

 private:
  // The levels of the first kKeptLevels wanted skills are kept for the exact score (the later
  // ones are looked up); level[kKeptLevels] takes the writes for those later ones.
  static constexpr std::size_t kKeptLevels = 4;
  static constexpr int kPrefetch = 12;  // mentors ahead: their scratch is fetched while others are read
  static constexpr std::size_t kMaxSummed = 200;  // wanted skills whose levels fit the 16-bit sum
  // Per mentor and thread: a copy of the mentor's bound record next to what the indexes
  // gathered for the current mentee, so that bounding a mentor reads one place.
  struct Scratch {
    Prepared::Rec rec{};
    std::int16_t sum = 0;  // of the wanted skills' levels
    std::uint8_t flags = 0;
    std::int8_t level[kKeptLevels + 1] = {0, 0, 0, 0, 0};  // 0: not held
    void reset() {  // sum, flags and levels: 8 contiguous bytes, one store
      static constexpr std::uint64_t kZero = 0;
      static_assert(offsetof(Scratch, level) + sizeof(level) - offsetof(Scratch, sum) == sizeof kZero);
      std::memcpy(&sum, &kZero, sizeof kZero);
    }
  };
  static_assert(sizeof(Scratch) == 20);


  // Buckets of 32 hundredths of the bound (clamped): the K best bounds are found by counting.
  static constexpr int kBuckets = 1024;
  static constexpr int kNearBuckets = 4;
  static int bucket(std::int32_t ub) { return std::clamp(ub >> 5, 0, kBuckets - 1); }

  // Exact scores for the candidates whose bounds are in the buckets holding the K best bounds,
  // then for the others whose bound still reaches the K-th exact score.
  void select(std::size_t nc, const Weights& w) {
    const Cand* const cands = cands_.data();
    if (nc <= static_cast<std::size_t>(k_)) {
      for (std::size_t x = 0; x < nc; ++x) offer(cands[x].mentor, score(cands[x].mentor, w));
      return;
    }
    int last = kBuckets - 1;
    for (int acc = 0; last > 0 && acc + counts_[last] < k_; --last) acc += counts_[last];
    // The buckets from `last` up hold at least K bounds; a few buckets below are kept aside,
    // since the exact K-th score is usually just below the K-th bound.
    const int near = std::max(0, last - kNearBuckets);
    near_.clear();
    for (std::size_t x = 0; x < nc; ++x) {
      const int b = bucket(cands[x].score);
      if (b >= last) offer(cands[x].mentor, score(cands[x].mentor, w));
      else if (b >= near) near_.push_back(cands[x]);
    }
    if (near == 0 || threshold() < (near << 5)) {  // the K-th score fell further: look at all
      for (std::size_t x = 0; x < nc; ++x)
        if (bucket(cands[x].score) < last && cands[x].score >= threshold()) offer(cands[x].mentor, score(cands[x].mentor, w));
      return;
    }
    for (const Cand& c : near_)
      if (c.score >= threshold()) offer(c.mentor, score(c.mentor, w));
  }

  static std::int32_t up(double points) { return static_cast<std::int32_t>(std::ceil(points * 100)); }

  // Per mentee: each term of score() rounded up to hundredths, by what it depends on; the
  // "unknown" entries take the largest value.
  void setup_bounds(const Weights& w) {
    ub_role_ = up(w.aspiration_role);
    ub_dept_ = up(w.aspiration_department);
    ub_reverse_ = up(w.reverse_mentoring);
    ub_former_ = up(w.former_manager);
    ub_rec_ = up(w.manager_recommendation);
    ub_medium_ = up(w.shared_medium);
    // [external][department differs]; an unknown department may differ.
    const std::int32_t out_ext = seasoned_ ? up(w.outside_perspective) : 0;
    const std::int32_t out_int = seasoned_ ? up(w.outside_perspective / 2) : 0;
    ub_outside_[0] = 0;
    ub_outside_[1] = out_int;
    ub_outside_[2] = ub_outside_[3] = out_ext;
    ub_outside_unknown_[0] = std::max(0, out_int);
    ub_outside_unknown_[1] = out_ext;
    dept16_ = dept_ >= 0 && dept_ < Prepared::kDeptUnknown ? dept_ : -1;
    // Skill points from the sum of the levels of the wanted skills held (a bound of the exact
    // sum of level / 5.0 in the mentee's order).
    const std::size_t n = wanted_.size();
    skill_factor_ = n > 0 ? w.skill / static_cast<double>(n) / 5.0 : 0;
    // A table over the sums of levels 0-5 (other sums go through skill_bound).
    ub_skill_.resize(n <= kMaxSummed ? 5 * n + 1 : 0);
    for (std::size_t x = 0; x < ub_skill_.size(); ++x) ub_skill_[x] = skill_bound(static_cast<int>(x));
    // Role, department, former manager, recommendation: flag bits 2 to 5.
    for (unsigned x = 0; x < 16; ++x)
      ub_flags_[x] = 1 + ((x & 1) ? ub_role_ : 0) + ((x & 2) ? ub_dept_ : 0) + ((x & 4) ? ub_former_ : 0) +
                     ((x & 8) ? ub_rec_ : 0);
    // Any sum: strength / n lies within [-128, 127] / 5.
    ub_skill_any_ = 1 + std::max({0, up(w.skill * 127 / 5.0), up(-w.skill * 128 / 5.0)});
    std::int32_t gap_max = 0;
    for (int gap : {3, 5, 16}) gap_max = std::max(gap_max, up(gap_points(gap, w)));
    for (int y = 0; y < Prepared::kByteUnknown; ++y) {
      const int gap = p_.years_min + y - years_;
      ub_gap_[y] = gap >= 3 ? up(gap_points(gap, w)) : 0;
      may_reverse_[y] = p_.years_min + y < years_;
    }
    ub_gap_[Prepared::kByteUnknown] = gap_max;
    may_reverse_[Prepared::kByteUnknown] = true;
    std::int32_t tz_max = 0;
    ub_tz_[0] = 0;
    for (std::size_t t = 0; t + 1 < Prepared::kByteUnknown; ++t) {
      ub_tz_[t + 1] = has_tz_ && t < tz_points_.size() ? up(tz_points_[t]) : 0;
      tz_max = std::max(tz_max, ub_tz_[t + 1]);
    }
    for (std::size_t t = Prepared::kByteUnknown - 1; t < tz_points_.size(); ++t)
      if (has_tz_) tz_max = std::max(tz_max, up(tz_points_[t]));
    ub_tz_[Prepared::kByteUnknown] = tz_max;
    media8_ = static_cast<std::uint8_t>((media_ & 0x7fu) | (media_ > 0x7fu ? 0x80u : 0u));
  }

  std::int32_t skill_bound(std::int32_t l) const {
    if (wanted_.size() > kMaxSummed) return ub_skill_any_;  // the 16-bit sum may have wrapped
    return 1 + (l > 0 ? up(skill_factor_ * l) : 0);
  }

  // At least integer_score of (current mentee, j): the sum of the terms rounded up, plus one
  // hundredth for the rounding of the real score. Table lookups only.
  [[gnu::always_inline]] std::int32_t upper_bound(std::int32_t j) const {
    const Scratch& m = scratch_[j];
    const Prepared::Rec& r = m.rec;
    const unsigned f = m.flags;
    const int sum = m.sum;
    std::int32_t b = r.static_ub + ub_gap_[r.years] + ub_tz_[r.tz] + ub_flags_[(f >> 2) & 15u];
    b += static_cast<unsigned>(sum) < ub_skill_.size() ? ub_skill_[sum] : skill_bound(m.sum);
    b += r.dept == Prepared::kDeptUnknown ? ub_outside_unknown_[r.external]
                                          : ub_outside_[2 * r.external + (r.dept != dept16_)];
    b += (r.media & media8_) ? ub_medium_ : 0;
    b += ((f & kReverse) && may_reverse_[r.years]) ? ub_reverse_ : 0;
    return b;
  }

  // The exact integer score of (current mentee, j): score()'s terms in score()'s order, the
  // wanted skills' levels as score()'s lookup finds them.
  std::int32_t score(std::int32_t j, const Weights& w) {
    ++scored;
    const Scratch& m = scratch_[j];
    const Prepared::Exact& x = p_.exact[j];
    const std::uint8_t f = m.flags;
    double s = 0;
    if (!wanted_.empty() && (f & kIndexed)) {
      double strength = 0;
      for (std::size_t k = 0; k < wanted_.size(); ++k) {
        if (wanted_[k].skill == kNone) continue;
        if (k < kKeptLevels) {
          strength += m.level[k] / 5.0;  // 0 when not held: adding +0.0 changes nothing
          continue;
        }
        const auto begin = p_.mentor_skill.begin() + p_.mentor_skill_off[j];
        const auto end = p_.mentor_skill.begin() + p_.mentor_skill_off[j + 1];
        auto it = std::lower_bound(begin, end, std::make_pair(wanted_[k].skill, std::numeric_limits<int>::min()));
        if (it != end && it->first == wanted_[k].skill) strength += it->second / 5.0;
      }
      if (strength > 0) s += w.skill * strength / wanted_.size();
    }
    if (f & kRole) s += w.aspiration_role;
    if (f & kDepartment) s += w.aspiration_department;
    const int gap = x.years - years_;
    if (gap >= 3) s += gap_points(gap, w);
    if (seasoned_ && x.external) s += w.outside_perspective;
    else if (seasoned_ && !x.external && x.dept != dept_) s += w.outside_perspective / 2;
    if (gap < 0 && (f & kReverse)) s += w.reverse_mentoring;
    if (f & kFormer) s += w.former_manager;
    if (has_tz_ && x.tz != kNone) s += tz_points_[x.tz];
    if (media_ & x.media) s += w.shared_medium;
    if (x.has_free) s += x.free_points;
    if (x.has_resp) s += x.resp_points;
    if (f & kRecommended) s += w.manager_recommendation;
    return integer_score(s);
  }

  std::int32_t threshold() const {
    return static_cast<int>(heap_.size()) == k_ ? std::max(heap_.front().score, min_score_) : min_score_;
  }

  // Offers slot j with exact score s to the list (which holds mentor indexes).
  void offer(std::int32_t j, std::int32_t s) {
    if (s < min_score_) return;
    const Cand c{s, p_.index_of_slot[j]};
    if (static_cast<int>(heap_.size()) < k_) {
      heap_.push_back(c);
      std::push_heap(heap_.begin(), heap_.end(), better);  // the worst on top
    } else if (better(c, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.back() = c;
      std::push_heap(heap_.begin(), heap_.end(), better);
    }
  }

  // An upper bound, in hundredths, of what the class terms plus `static_points` can add up to;
  // one hundredth above the rounded real bound so floating point cannot make it short.
  static std::int32_t bound(double points) { return static_cast<std::int32_t>(std::ceil(points * 100)) + 1; }

  void scan_classes(const Weights& w) {
    const double outside_ext = seasoned_ ? std::max(0.0, w.outside_perspective) : 0.0;
    const double outside_int = seasoned_ ? std::max(0.0, w.outside_perspective / 2) : 0.0;
    const double medium = std::max(0.0, w.shared_medium);
    scan_.clear();
    class_bound_.resize(p_.classes.size());
    const std::int32_t start = threshold();
    for (std::size_t c = 0; c < p_.classes.size(); ++c) {
      const Prepared::Class& cl = p_.classes[c];
      // The best experience-gap points over the class's years.
      double gap = 0;
      for (int y : {cl.years_min, cl.years_max, years_ + 3, years_ + 5, years_ + 15, years_ + 16})
        if (y >= cl.years_min && y <= cl.years_max) gap = std::max(gap, gap_points(y - years_, w));
      double b = gap + (cl.external ? outside_ext : outside_int);
      if (has_tz_ && cl.tz != kNone) b += std::max(0.0, tz_points_[cl.tz]);
      if (media_ & cl.media_union) b += medium;
      class_bound_[c] = b;
      const std::int32_t top = bound(b + p_.class_static[cl.begin]);
      if (top >= start) scan_.push_back({top, static_cast<std::int32_t>(c), cl.begin});
    }
    auto lower = [](const Scan& a, const Scan& b) { return a.bound != b.bound ? a.bound < b.bound : a.cls > b.cls; };
    std::make_heap(scan_.begin(), scan_.end(), lower);
    while (!scan_.empty() && scan_.front().bound >= threshold()) {
      std::pop_heap(scan_.begin(), scan_.end(), lower);
      Scan s = scan_.back();
      scan_.pop_back();
      const std::int32_t j = p_.class_mentor[s.pos];
      if (!(scratch_[j].flags & (kIndexed | kExcluded))) {
        ++bounded;
        if (upper_bound(j) >= threshold()) offer(j, score(j, w));
      }
      const Prepared::Class& cl = p_.classes[s.cls];
      if (++s.pos < cl.end) {
        s.bound = bound(class_bound_[s.cls] + p_.class_static[s.pos]);
        if (s.bound >= threshold()) {
          scan_.push_back(s);
          std::push_heap(scan_.begin(), scan_.end(), lower);
        }
      }
    }
  }

  struct Scan {
    std::int32_t bound;
    std::int32_t cls;
    std::int64_t pos;
  };
  struct Wanted {
    std::int32_t skill;  // kNone: no mentor holds it
    bool emerging;
  };

  const Prepared& p_;
  int k_, min_score_;
  std::int32_t available_ = 0;
  std::vector<Scratch> scratch_;
  std::vector<std::int32_t> touched_, excluded_;
  std::vector<double> tz_points_;
  std::vector<double> class_bound_;
  std::vector<Cand> heap_, cands_, near_;
  std::vector<int> counts_;
  std::vector<Scan> scan_;
  std::vector<Wanted> wanted_;
  std::vector<std::int32_t> ub_skill_;
  std::int32_t ub_gap_[256] = {};
  std::int32_t ub_tz_[256] = {};
  bool may_reverse_[256] = {};
  std::int32_t ub_role_ = 0, ub_dept_ = 0, ub_reverse_ = 0, ub_former_ = 0, ub_rec_ = 0, ub_medium_ = 0;
  std::int32_t ub_outside_[4] = {0, 0, 0, 0};
  std::int32_t ub_outside_unknown_[2] = {0, 0};
  std::int32_t dept16_ = -1;
  std::uint8_t media8_ = 0;
  double skill_factor_ = 0;
  std::int32_t ub_skill_any_ = 0;
  std::int32_t ub_flags_[16] = {};
  int years_ = 0;
  bool seasoned_ = false;
  std::int32_t dept_ = kNone;
  unsigned media_ = 0;
  bool has_tz_ = false;
};

CandidateGraph start_graph(const Prepared& p, int k, int min_score) {
  CandidateGraph g;
  g.mentee_ids = p.mentee_ids;
  g.mentor_ids = p.mentor_ids;
  g.mentee_input = p.mentee_input;
  g.mentor_input = p.mentor_input;
  g.capacity = p.capacity;
  g.pinned = p.pinned;
  g.k = k;
  g.min_score = min_score;
  g.eligibility.assign(p.n, Eligibility::has_candidates);
  g.eligible_count.assign(p.n, 0);
  g.offset.assign(p.n + 1, 0);
  return g;
}

// Appends the pin if the list lacks it, sets the eligibility, and packs the lists into CSR.
void finish_graph(CandidateGraph& g, std::vector<std::vector<Cand>>& lists,
                  const std::function<std::int32_t(int, int)>& pinned_score) {
  const int n = g.mentees();
  for (int i = 0; i < n; ++i) {
    auto& l = lists[i];
    if (g.pinned[i] != kNone &&
        std::none_of(l.begin(), l.end(), [&](const Cand& c) { return c.mentor == g.pinned[i]; }))
      l.push_back({pinned_score(i, g.pinned[i]), g.pinned[i]});
    g.eligibility[i] = !l.empty()                 ? Eligibility::has_candidates
                       : g.eligible_count[i] == 0 ? Eligibility::no_eligible_mentor
                                                  : Eligibility::below_min_score;
    g.offset[i + 1] = g.offset[i] + static_cast<std::int64_t>(l.size());
  }
  g.arc_mentor.resize(g.offset[n]);
  g.arc_score.resize(g.offset[n]);
  for (int i = 0; i < n; ++i) {
    std::int64_t x = g.offset[i];
    for (const Cand& c : lists[i]) {
      g.arc_mentor[x] = c.mentor;
      g.arc_score[x] = c.score;
      ++x;
    }
    std::vector<Cand>().swap(lists[i]);
  }
  g.stats.arcs = g.offset[n];
}

Status check_options(int k, int min_score) {
  if (k < 1) return invalid("k", "K must be at least 1.");
  if (min_score < 1) return invalid("min_score", "The minimum score must be at least 1 hundredth of a point.");
  return {};
}

}  // namespace

Result<CandidateGraph> build_candidates(const Cohort& cohort, const CandidateOptions& options) {
  MH_CHECK(check_options(options.k, options.min_score));
  MH_TRY(p, prepare(cohort));
  const int k = std::min(options.k, std::max(1, p.m));
  CandidateGraph g = start_graph(p, k, options.min_score);
  std::int32_t available = 0;
  for (int j = 0; j < p.m; ++j) available += p.available[j];

  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, 64);
  if (p.n < 2048) threads = 1;
  std::vector<std::vector<Cand>> lists(p.n);
  std::atomic<int> next{0};
  std::atomic<std::int64_t> scored{0}, bounded{0};
  constexpr int kChunk = 256;
  // Mentees who want the same things reach the same mentors: processing them one after the
  // other keeps those mentors' data in cache. The order changes no result.
  std::vector<std::int32_t> order(p.n);
  {
    std::vector<std::array<std::int32_t, 4>> key(p.n);
    for (int i = 0; i < p.n; ++i) {
      const MenteeProfile& e = p.mentee(i);
      auto skill = [&](std::size_t x) { return x < e.wanted_skills.size() ? p.skills.find(e.wanted_skills[x]) : kNone; };
      key[i] = {skill(0), skill(1), e.aspired_roles.empty() ? kNone : p.titles.find(e.aspired_roles[0]), i};
      order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) { return key[a] < key[b]; });
  }
  auto work = [&] {
    Worker worker(p, k, options.min_score);
    worker.set_available(available);
    for (;;) {
      const int begin = next.fetch_add(kChunk);
      if (begin >= p.n) break;
      for (int x = begin; x < std::min(p.n, begin + kChunk); ++x) {
        const int i = order[x];
        g.eligible_count[i] = worker.run(i, lists[i]);
      }
      if (options.mentees_done) options.mentees_done->fetch_add(std::min(p.n, begin + kChunk) - begin);
    }
    scored += worker.scored;
    bounded += worker.bounded;
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  g.stats.threads = threads;
  g.stats.pairs_total = static_cast<std::int64_t>(p.n) * available;
  g.stats.pairs_scored = scored;
  g.stats.pairs_bounded = bounded;
  finish_graph(g, lists, [&](int i, int j) {
    return integer_score(score(p.mentee(i), p.mentor(j), cohort.weights, cohort.emerging).score);
  });
  return g;
}

Result<CandidateGraph> build_candidates_exhaustive(const Cohort& cohort, int min_score) {
  MH_CHECK(check_options(1, min_score));
  MH_TRY(p, prepare(cohort));
  CandidateGraph g = start_graph(p, std::max(1, p.m), min_score);
  std::vector<std::vector<Cand>> lists(p.n);
  for (int i = 0; i < p.n; ++i) {
    const MenteeProfile& e = p.mentee(i);
    for (int j = 0; j < p.m; ++j) {
      const MentorProfile& mp = p.mentor(j);
      if (exclusion(e, mp)) continue;
      if (std::binary_search(p.forbid_mentor.begin() + p.forbid_off[i], p.forbid_mentor.begin() + p.forbid_off[i + 1], j))
        continue;
      ++g.eligible_count[i];
      ++g.stats.pairs_scored;
      const std::int32_t s = integer_score(score(e, mp, cohort.weights, cohort.emerging).score);
      if (s >= min_score) lists[i].push_back({s, j});
    }
    std::sort(lists[i].begin(), lists[i].end(), better);
    g.stats.pairs_total += std::count(p.available.begin(), p.available.end(), 1);
  }
  g.stats.threads = 1;
  finish_graph(g, lists, [&](int i, int j) {
    return integer_score(score(p.mentee(i), p.mentor(j), cohort.weights, cohort.emerging).score);
  });
  return g;
}

std::int32_t fast_integer_score(const MenteeProfile& mentee, const MentorProfile& mentor, const Weights& w,
                                const std::vector<std::string>& emerging) {
  Cohort c;
  c.mentees.push_back(mentee);
  c.mentors.push_back(mentor);
  c.weights = w;
  c.emerging = emerging;
  auto p = prepare(c, /*all_available=*/true);
  if (!p) return std::numeric_limits<std::int32_t>::min();
  p->cohort = &c;
  Worker worker(*p, 1, std::numeric_limits<std::int32_t>::min() + 1);
  worker.set_available(1);
  std::vector<Cand> out;
  worker.run(0, out, /*rules=*/false);
  return out.empty() ? std::numeric_limits<std::int32_t>::min() : out.front().score;
}

}  // namespace mh::matching
