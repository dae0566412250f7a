#include "matching/scoring.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

#include "common/timezones.hpp"
#include "domain/enum_names.hpp"
#include "domain/text.hpp"

namespace mh::matching {

namespace {
constexpr EnumNames<Exclusion, 4> kExclusions{{"oneself", "current_manager", "already_paired", "no_capacity"}};
}  // namespace

const char* to_string(Exclusion e) { return kExclusions.name(e); }

std::string explain(Exclusion e) {
  switch (e) {
    case Exclusion::oneself: return "This is you.";
    case Exclusion::current_manager:
      return "Your current manager: look for a mentor who is not your manager (your manager can recommend one).";
    case Exclusion::already_paired: return "You already have a request or a relationship with this person.";
    case Exclusion::no_capacity: return "No free place: all their mentoring places are taken.";
  }
  return {};
}

std::string key_of(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return ascii_lower(text);
}

unsigned media_mask_of(const std::vector<Medium>& media) {
  unsigned m = 0;
  for (Medium x : media) m |= 1u << static_cast<unsigned>(x);
  return m;
}

namespace {

bool contains(const std::vector<std::string>& sorted, const std::string& key) {
  return std::binary_search(sorted.begin(), sorted.end(), key);
}

std::string percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
  return buf;
}

std::string hours(double h) {
  char buf[32];
  if (h < 48) std::snprintf(buf, sizeof buf, "%.0f hours", std::max(1.0, std::round(h)));
  else std::snprintf(buf, sizeof buf, "%.0f days", std::round(h / 24));
  return buf;
}

const char* medium_words(unsigned bit) {
  switch (bit) {
    case 0: return "video";
    case 1: return "meeting in person";
    case 2: return "phone";
    default: return "chat";
  }
}

}  // namespace

namespace {

std::optional<Exclusion> exclusion_of(const MenteeProfile& mentee, PersonId mentor_id, int live_mentees, int capacity) {
  if (mentor_id == mentee.id) return Exclusion::oneself;
  if (mentee.manager_id && *mentee.manager_id == mentor_id) return Exclusion::current_manager;
  if (std::binary_search(mentee.engaged_with.begin(), mentee.engaged_with.end(), mentor_id))
    return Exclusion::already_paired;
  if (live_mentees >= capacity) return Exclusion::no_capacity;
  return std::nullopt;
}

}  // namespace

std::optional<Exclusion> exclusion(const MenteeProfile& mentee, const MentorProfile& mentor) {
  return exclusion_of(mentee, mentor.id, mentor.live_mentees, mentor.capacity);
}

namespace {

// One scoring walk serves both callers: Explained collects each factor with its sentence,
// Points only sums, so ranking 20,000 mentors builds no strings. Reasons are lambdas that
// only the explaining sink calls.
struct Explained {
  Scored* out;
  template <class Reason>
  void add(const char* name, double points, Reason&& reason) {
    if (points == 0) return;
    out->factors.push_back({name, points, reason()});
    out->score += points;
  }
};

struct Points {
  double total = 0;
  template <class Reason>
  void add(const char*, double points, Reason&&) {
    total += points;
  }
};

const std::string& cached_key(const std::string& key, const std::string& text, std::string& scratch) {
  if (!key.empty() || text.empty()) return key;
  scratch = key_of(text);
  return scratch;
}

// Where score()'s lookup finds `key` in the mentor's skills (sorted by key; the first of equal
// keys), or npos.
std::size_t skill_at(const MentorProfile& mentor, const std::string& key) {
  auto it = std::lower_bound(mentor.skills.begin(), mentor.skills.end(), key,
                             [](const auto& skill, const std::string& k) { return skill.first < k; });
  return it != mentor.skills.end() && it->first == key ? static_cast<std::size_t>(it - mentor.skills.begin())
                                                       : std::string::npos;
}

// What evaluate() asks of a mentor, answered from the profile's strings: score() and
// score_points(). Holds references into itself: neither copied nor moved.
class ByStrings {
 public:
  ByStrings(const MenteeProfile& mentee, const MentorProfile& mentor, const std::vector<std::string>& emerging)
      : mentee_(mentee),
        mentor_(mentor),
        emerging_(emerging),
        title_(cached_key(mentor.title_key, mentor.title, title_scratch_)),
        department_(cached_key(mentor.department_key, mentor.department, department_scratch_)) {}
  ByStrings(const ByStrings&) = delete;
  ByStrings& operator=(const ByStrings&) = delete;

  const MentorProfile& profile() const { return mentor_; }
  // The level of the mentee's k-th wanted skill, or null when the mentor does not hold it.
  const int* level(std::size_t k) const {
    const std::size_t at = skill_at(mentor_, mentee_.wanted_skills[k]);
    return at == std::string::npos ? nullptr : &mentor_.skills[at].second;
  }
  const std::string& skill_name(std::size_t k) const {
    return mentor_.skill_names[skill_at(mentor_, mentee_.wanted_skills[k])];
  }
  bool wanted_is_emerging(std::size_t k) const { return contains(emerging_, mentee_.wanted_skills[k]); }
  bool aspired_role() const { return !title_.empty() && contains(mentee_.aspired_roles, title_); }
  bool aspired_department() const { return !department_.empty() && contains(mentee_.aspired_departments, department_); }
  bool same_department() const { return department_ == mentee_.department; }
  PersonId id() const { return mentor_.id; }
  int years() const { return mentor_.years; }
  bool is_external() const { return mentor_.is_external; }
  bool has_utc_offset() const { return mentor_.utc_offset_minutes.has_value(); }
  double hours_overlap(int mentee_offset) const {
    return working_hours_overlap(mentee_offset, *mentor_.utc_offset_minutes);
  }
  unsigned media_mask() const { return mentor_.media_mask; }
  int capacity() const { return mentor_.capacity; }
  int live_mentees() const { return mentor_.live_mentees; }
  bool has_answer_rate() const { return mentor_.answer_rate.has_value(); }
  double answer_rate() const { return *mentor_.answer_rate; }
  bool has_median_hours() const { return mentor_.median_hours_to_answer.has_value(); }
  double median_hours() const { return *mentor_.median_hours_to_answer; }

 private:
  const MenteeProfile& mentee_;
  const MentorProfile& mentor_;
  const std::vector<std::string>& emerging_;
  std::string title_scratch_, department_scratch_;  // before title_ and department_, which may refer to them
  const std::string& title_;
  const std::string& department_;
};

// The mentee's keys as a table's ids, mapped once per request. Each list answers exactly what
// the string path's lookup would: `roles` and `departments` keep only the aspirations that
// std::binary_search finds in the mentee's list, as contains() does.
struct MenteeIds {
  std::vector<std::int32_t> wanted;  // parallel to mentee.wanted_skills
  std::vector<char> emerging;        // parallel: that wanted skill is an emerging one
  std::vector<std::int32_t> roles;
  std::vector<std::int32_t> departments;
  std::int32_t department = KeyIds::kEmpty;  // the mentee's own

  // working_hours_overlap(mentee's offset, o) for every whole quarter hour o from UTC-12 to
  // UTC+14, where all of today's zones are: the same values, computed once per request.
  static constexpr int kFirstOffset = -12 * 60, kLastOffset = 14 * 60, kStep = 15;
  std::vector<double> overlap;

  double hours_overlap(int mentee_offset, int mentor_offset) const {
    if (mentor_offset % kStep == 0 && mentor_offset >= kFirstOffset && mentor_offset <= kLastOffset && !overlap.empty())
      return overlap[static_cast<std::size_t>((mentor_offset - kFirstOffset) / kStep)];
    return working_hours_overlap(mentee_offset, mentor_offset);
  }
};

MenteeIds mentee_ids(const MenteeProfile& mentee, const KeyIds& keys, const std::vector<std::string>& emerging) {
  MenteeIds ids;
  for (const std::string& want : mentee.wanted_skills) {
    ids.wanted.push_back(keys.find(want));
    ids.emerging.push_back(contains(emerging, want));
  }
  for (const std::string& role : mentee.aspired_roles)
    if (contains(mentee.aspired_roles, role)) ids.roles.push_back(keys.find(role));
  for (const std::string& dept : mentee.aspired_departments)
    if (contains(mentee.aspired_departments, dept)) ids.departments.push_back(keys.find(dept));
  // An empty key is kEmpty on both sides, so "" == "" still holds.
  ids.department = mentee.department.empty() ? KeyIds::kEmpty : keys.find(mentee.department);
  if (mentee.utc_offset_minutes)
    for (int o = MenteeIds::kFirstOffset; o <= MenteeIds::kLastOffset; o += MenteeIds::kStep)
      ids.overlap.push_back(working_hours_overlap(*mentee.utc_offset_minutes, o));
  return ids;
}

bool has_id(const std::vector<std::int32_t>& ids, std::int32_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// What evaluate() asks of a mentor, answered from a table row: integers only. The reasons
// (never built while ranking) read the profile's strings.
class ByIds {
 public:
  ByIds(const MenteeProfile& mentee, const MenteeIds& ids, const MentorTable& table, std::size_t i)
      : mentee_(mentee), ids_(ids), table_(table), i_(i), row_(table.row(i)) {
    const auto skills = table.skills(i);
    begin_ = skills.data();
    end_ = skills.data() + skills.size();
  }

  const MentorProfile& profile() const { return table_.built_profile(i_); }
  const int* level(std::size_t k) const {
    const std::int32_t want = ids_.wanted[k];
    const SkillLevel* it = std::lower_bound(begin_, end_, want, [](const SkillLevel& s, std::int32_t id) { return s.skill < id; });
    return it != end_ && it->skill == want ? &it->level : nullptr;
  }
  const std::string& skill_name(std::size_t k) const {
    return profile().skill_names[skill_at(profile(), mentee_.wanted_skills[k])];
  }
  bool wanted_is_emerging(std::size_t k) const { return ids_.emerging[k] != 0; }
  bool aspired_role() const { return row_.title != KeyIds::kEmpty && has_id(ids_.roles, row_.title); }
  bool aspired_department() const {
    return row_.department != KeyIds::kEmpty && has_id(ids_.departments, row_.department);
  }
  bool same_department() const { return row_.department == ids_.department; }
  PersonId id() const { return row_.id; }
  int years() const { return row_.years; }
  bool is_external() const { return row_.is_external; }
  bool has_utc_offset() const { return row_.has_utc_offset; }
  double hours_overlap(int mentee_offset) const { return ids_.hours_overlap(mentee_offset, row_.utc_offset_minutes); }
  unsigned media_mask() const { return row_.media_mask; }
  int capacity() const { return row_.capacity; }
  int live_mentees() const { return row_.live_mentees; }
  bool has_answer_rate() const { return row_.has_answer_rate; }
  double answer_rate() const { return row_.answer_rate; }
  bool has_median_hours() const { return row_.has_median_hours; }
  double median_hours() const { return row_.median_hours_to_answer; }

 private:
  const MenteeProfile& mentee_;
  const MenteeIds& ids_;
  const MentorTable& table_;
  std::size_t i_;
  const MentorRow& row_;
  const SkillLevel* begin_ = nullptr;
  const SkillLevel* end_ = nullptr;
};

// The one evaluation of a mentor for a mentee, whichever view answers the questions: the
// arithmetic below is written once, so both views give the same points bit for bit.
template <class Sink, class Mentor>
void evaluate(const MenteeProfile& mentee, const Mentor& mentor, const Weights& w, Sink& sink) {
  const std::size_t wanted = mentee.wanted_skills.size();
  // Wanted skills: the share of them the mentor holds, weighted by level.
  if (wanted != 0) {
    double strength = 0;
    for (std::size_t k = 0; k < wanted; ++k)
      if (const int* level = mentor.level(k)) strength += *level / 5.0;
    if (strength > 0)
      sink.add("skill_match", w.skill * strength / mentee.wanted_skills.size(), [&] {
        std::string held;
        for (std::size_t k = 0; k < wanted; ++k) {
          const int* level = mentor.level(k);
          if (!level) continue;
          held += (held.empty() ? "" : ", ") + mentor.skill_name(k) + " at level " + std::to_string(*level);
        }
        return "Has skills you want to develop: " + held + ".";
      });
  }

  if (mentor.aspired_role())
    sink.add("aspiration_role", w.aspiration_role,
             [&] { return "Works as " + mentor.profile().title + ", the role you aspire to."; });
  if (mentor.aspired_department())
    sink.add("aspiration_department", w.aspiration_department,
             [&] { return "Works in " + mentor.profile().department + ", the department you aspire to join."; });

  const int gap = mentor.years() - mentee.years;
  if (gap >= 3) {
    // Full points for 5 to 15 more years; a little less when the gap is small or very large.
    const double strength = gap < 5 ? 0.6 : gap <= 15 ? 1.0 : 0.7;
    sink.add("experience_gap", w.experience_gap * strength,
             [&] { return std::to_string(gap) + " more years of experience than you."; });
  }

  const bool seasoned = mentee.years >= w.seasoned_years;
  if (seasoned && mentor.is_external())
    sink.add("outside_perspective", w.outside_perspective, [&] {
      return "From outside the organisation (" + mentor.profile().organisation +
             "): a broader perspective on your discipline, which matters when you are seasoned in your career.";
    });
  else if (seasoned && !mentor.is_external() && !mentor.same_department())
    sink.add("outside_perspective", w.outside_perspective / 2,
             [] { return std::string("From another department: a broader perspective for a seasoned professional."); });

  if (gap < 0) {
    for (std::size_t k = 0; k < wanted; ++k) {
      if (!mentor.wanted_is_emerging(k)) continue;
      const int* level = mentor.level(k);
      if (level && *level >= 4) {
        sink.add("reverse_mentoring", w.reverse_mentoring, [&] {
          return "Reverse mentoring: fewer years of experience, but level " + std::to_string(*level) + " in " +
                 mentor.skill_name(k) + ", a cutting-edge skill you want.";
        });
        break;
      }
    }
  }

  if (std::find(mentee.former_manager_ids.begin(), mentee.former_manager_ids.end(), mentor.id()) !=
      mentee.former_manager_ids.end())
    sink.add("former_manager", w.former_manager,
             [] { return std::string("Your former manager: they know where you started."); });

  if (mentee.utc_offset_minutes && mentor.has_utc_offset()) {
    const double overlap = mentor.hours_overlap(*mentee.utc_offset_minutes);
    sink.add("timezone_overlap", w.timezone_overlap * overlap / 8.0, [&] {
      if (overlap >= 8) return std::string("Works in your timezone.");
      char buf[80];
      std::snprintf(buf, sizeof buf,
                    overlap == std::floor(overlap) ? "%.0f of your 8 working hours overlap."
                                                   : "%.1f of your 8 working hours overlap.",
                    overlap);
      return std::string(buf);
    });
  }

  if (const unsigned shared = mentee.media_mask & mentor.media_mask()) {
    unsigned bit = 0;
    while (!(shared & (1u << bit))) ++bit;
    sink.add("shared_medium", w.shared_medium, [&] { return std::string("Also likes ") + medium_words(bit) + "."; });
  }

  const int free = mentor.capacity() - mentor.live_mentees();
  if (free > 0)
    sink.add("free_capacity", w.free_capacity * std::min(free, 3) / 3.0, [&] {
      return std::to_string(free) + (free == 1 ? " free mentoring place." : " free mentoring places.");
    });

  if (mentor.has_answer_rate()) {
    const double rate = mentor.answer_rate();
    if (rate < 0.5) {
      sink.add("responsiveness", -w.unresponsive_penalty * (1 - rate / 0.5),
               [&] { return "Answers only " + percent(rate) + " of mentoring requests."; });
    } else {
      const double speed = mentor.has_median_hours()
                               ? std::clamp(1.0 - (mentor.median_hours() - 24) / (14 * 24.0), 0.0, 1.0)
                               : 0.5;
      sink.add("responsiveness", w.responsiveness * (rate - 0.5) * 2 * (0.5 + 0.5 * speed), [&] {
        std::string reason = "Answers " + percent(rate) + " of requests";
        if (mentor.has_median_hours()) reason += ", usually within " + hours(mentor.median_hours());
        return reason + ".";
      });
    }
  }

  for (const auto& rec : mentee.recommendations)
    if (rec.mentor_id == mentor.id()) {
      sink.add("manager_recommendation", w.manager_recommendation, [&] {
        return "Recommended by your manager " + rec.manager_name + (rec.note.empty() ? "." : ": \"" + rec.note + "\"");
      });
      break;
    }
}

struct Ranked {
  double points;
  std::size_t index;
  PersonId id;
  std::optional<Exclusion> excluded;
};

// Everyone who can appear: the best `limit` eligible people, the excluded ones ranked above
// the last of them, and the current manager wherever they rank; explained by `explain(index)`.
// Ties are broken by id, so the order is stable.
template <class Explain>
Recommendations shortlist(const std::vector<Ranked>& all, int limit, Explain&& explain) {
  auto better = [](const Ranked& a, const Ranked& b) { return a.points != b.points ? a.points > b.points : a.id < b.id; };
  std::vector<Ranked> eligible;
  eligible.reserve(all.size());
  for (const Ranked& r : all)
    if (!r.excluded) eligible.push_back(r);
  const std::size_t shown = std::min<std::size_t>(std::max(limit, 0), eligible.size());
  std::partial_sort(eligible.begin(), eligible.begin() + shown, eligible.end(), better);
  eligible.resize(shown);
  std::vector<Ranked> excluded;
  for (const Ranked& r : all) {
    if (!r.excluded || *r.excluded == Exclusion::oneself) continue;
    const bool would_rank =
        r.points > 0 && (static_cast<int>(shown) < limit || (!eligible.empty() && better(r, eligible.back())));
    if (*r.excluded == Exclusion::current_manager || would_rank) excluded.push_back(r);
  }
  std::sort(excluded.begin(), excluded.end(), better);
  Recommendations out;
  for (const Ranked& r : eligible) out.ranked.push_back(explain(r.index));
  for (const Ranked& r : excluded) out.excluded.push_back(explain(r.index));
  return out;
}

}  // namespace

Scored score(const MenteeProfile& mentee, const MentorProfile& mentor, const Weights& w,
             const std::vector<std::string>& emerging) {
  Scored s;
  s.mentor_id = mentor.id;
  s.excluded = exclusion(mentee, mentor);
  Explained sink{&s};
  const ByStrings view(mentee, mentor, emerging);
  evaluate(mentee, view, w, sink);
  return s;
}

double score_points(const MenteeProfile& mentee, const MentorProfile& mentor, const Weights& w,
                    const std::vector<std::string>& emerging) {
  Points sink;
  const ByStrings view(mentee, mentor, emerging);
  evaluate(mentee, view, w, sink);
  return sink.total;
}

Recommendations recommend(const MenteeProfile& mentee, const std::vector<MentorProfile>& mentors, const Weights& w,
                          const std::vector<std::string>& emerging, int limit) {
  // Rank on plain numbers, then explain only the people shown: the sentences are the costly part.
  std::vector<Ranked> all;
  all.reserve(mentors.size());
  for (std::size_t i = 0; i < mentors.size(); ++i)
    all.push_back({score_points(mentee, mentors[i], w, emerging), i, mentors[i].id, exclusion(mentee, mentors[i])});
  return shortlist(all, limit, [&](std::size_t i) { return score(mentee, mentors[i], w, emerging); });
}

// --- MentorTable -------------------------------------------------------------------------------

std::int32_t KeyIds::intern(const std::string& key) {
  return ids_.emplace(key, static_cast<std::int32_t>(ids_.size())).first->second;
}

std::int32_t KeyIds::find(const std::string& key) const {
  auto it = ids_.find(key);
  return it == ids_.end() ? kUnknown : it->second;
}

namespace {

// Calls f(key) for each key of `p` a table interns: its title's and department's (when not
// empty) and its skills'.
template <class F>
void for_each_key(const MentorProfile& p, F&& f) {
  std::string scratch;
  if (const std::string& title = cached_key(p.title_key, p.title, scratch); !title.empty()) f(title);
  if (const std::string& department = cached_key(p.department_key, p.department, scratch); !department.empty())
    f(department);
  for (const auto& s : p.skills) f(s.first);
}

// `intern(key)` gives a key's id: KeyIds::intern, or KeyIds::find when every key is known.
template <class Intern>
MentorRow interned_row(const MentorProfile& p, Intern&& intern, std::vector<SkillLevel>& skills) {
  MentorRow r;
  r.id = p.id;
  std::string scratch;
  const std::string& title = cached_key(p.title_key, p.title, scratch);
  r.title = title.empty() ? KeyIds::kEmpty : intern(title);
  const std::string& department = cached_key(p.department_key, p.department, scratch);
  r.department = department.empty() ? KeyIds::kEmpty : intern(department);
  r.years = p.years;
  r.capacity = p.capacity;
  r.live_mentees = p.live_mentees;
  r.has_utc_offset = p.utc_offset_minutes.has_value();
  r.utc_offset_minutes = p.utc_offset_minutes.value_or(0);
  r.has_answer_rate = p.answer_rate.has_value();
  r.answer_rate = p.answer_rate.value_or(0);
  r.has_median_hours = p.median_hours_to_answer.has_value();
  r.median_hours_to_answer = p.median_hours_to_answer.value_or(0);
  r.media_mask = p.media_mask;
  r.is_external = p.is_external;
  // One entry per distinct key, with the level score()'s lookup finds for it (the first of
  // equal keys; a key the lookup cannot find, in an unsorted list, is left out as it never matches).
  r.skills_begin = static_cast<std::uint32_t>(skills.size());
  for (std::size_t x = 0; x < p.skills.size(); ++x) {
    const std::string& key = p.skills[x].first;
    bool seen = false;
    for (std::size_t y = 0; y < x && !seen; ++y) seen = p.skills[y].first == key;
    if (seen) continue;
    const std::size_t at = skill_at(p, key);
    if (at != std::string::npos) skills.push_back({intern(key), p.skills[at].second});
  }
  r.skills_end = static_cast<std::uint32_t>(skills.size());
  std::sort(skills.begin() + r.skills_begin, skills.end(),
            [](const SkillLevel& a, const SkillLevel& b) { return a.skill < b.skill; });
  return r;
}

}  // namespace

void MentorTable::append(MentorRow r, std::shared_ptr<const MentorProfile> profile, std::span<const SkillLevel> skills) {
  if (chunks_.empty() || chunks_.back()->rows.size() == kChunkRows) {
    auto c = std::make_shared<Chunk>();
    c->built = std::make_shared<Built>();
    c->rows.reserve(kChunkRows);
    c->built->profiles.reserve(kChunkRows);
    c->built->skills.reserve(kChunkRows * 8);
    chunks_.push_back(std::move(c));
  }
  Chunk& c = *chunks_.back();
  std::vector<SkillLevel>& own = c.built->skills;
  r.skills_begin = static_cast<std::uint32_t>(own.size());
  own.insert(own.end(), skills.begin(), skills.end());
  r.skills_end = static_cast<std::uint32_t>(own.size());
  c.rows.push_back(r);
  c.built->profiles.push_back(std::move(profile));
  ++size_;
}

void MentorTable::index_rows() {
  auto index = std::make_shared<Index>();
  index->reserve(size_);
  for (std::size_t i = 0; i < size_; ++i) index->emplace(row(i).id, static_cast<std::uint32_t>(i));
  index_ = std::move(index);
}

MentorTable::MentorTable(std::vector<std::shared_ptr<const MentorProfile>> profiles, const MentorTable* previous) {
  if (previous && !previous->keys_) previous = nullptr;  // an empty table lends nothing
  // The reused rows' ids stay valid.
  auto keys = previous ? std::make_shared<KeyIds>(*previous->keys_) : std::make_shared<KeyIds>();
  const auto intern = [&keys](const std::string& key) { return keys->intern(key); };
  const std::size_t n = profiles.size();
  chunks_.reserve((n + kChunkRows - 1) / kChunkRows);
  std::vector<SkillLevel> scratch;
  bool same_ids = previous && previous->size_ == n;
  for (std::size_t i = 0; i < n; ++i) {
    auto& p = profiles[i];
    std::optional<std::size_t> reuse;
    if (previous) {
      // Mostly the same mentors in the same order: try the same position before hashing.
      std::optional<std::size_t> at;
      if (i < previous->size_ && previous->row(i).id == p->id) at = i;
      else at = previous->index_of(p->id);
      if (at && previous->shared_profile(*at) == p) reuse = at;
      same_ids = same_ids && at == i;
    }
    if (reuse) {
      append(previous->row(*reuse), std::move(p), previous->skills(*reuse));
    } else {
      scratch.clear();
      const MentorRow r = interned_row(*p, intern, scratch);
      append(r, std::move(p), scratch);
    }
  }
  keys_ = std::move(keys);
  if (same_ids) index_ = previous->index_;
  else index_rows();
}

namespace {
std::vector<std::shared_ptr<const MentorProfile>> shared_copies(const std::vector<MentorProfile>& profiles) {
  std::vector<std::shared_ptr<const MentorProfile>> out;
  out.reserve(profiles.size());
  for (const auto& p : profiles) out.push_back(std::make_shared<const MentorProfile>(p));
  return out;
}

// A replaced mentor's new row keeps the old row's places and responsiveness.
void carry_places(MentorRow& r, const MentorRow& old) {
  r.live_mentees = old.live_mentees;
  r.has_answer_rate = old.has_answer_rate;
  r.answer_rate = old.answer_rate;
  r.has_median_hours = old.has_median_hours;
  r.median_hours_to_answer = old.median_hours_to_answer;
}
}  // namespace

MentorTable::MentorTable(const std::vector<MentorProfile>& profiles) : MentorTable(shared_copies(profiles)) {}

MentorTable MentorTable::patched(const std::vector<MentorChange>& changes, std::size_t* added) const {
  if (added) *added = 0;
  if (!keys_) {
    std::vector<std::shared_ptr<const MentorProfile>> profiles;
    for (const auto& c : changes)
      if (c.profile) profiles.push_back(c.profile);
    if (added) *added = profiles.size();
    return MentorTable(std::move(profiles));
  }
  // The keys are shared unless a changed profile brings a new one; then this table interns into
  // a copy, and every id of the old ones stays what it was.
  std::shared_ptr<KeyIds> own_keys;
  for (const auto& c : changes) {
    if (!c.profile || own_keys) continue;
    for_each_key(*c.profile, [&](const std::string& key) {
      if (!own_keys && keys_->find(key) == KeyIds::kUnknown) own_keys = std::make_shared<KeyIds>(*keys_);
    });
  }
  const auto intern = [&](const std::string& key) { return own_keys ? own_keys->intern(key) : keys_->find(key); };
  std::vector<SkillLevel> scratch;
  // The new row of a changed mentor, its skills in `scratch`.
  const auto new_row = [&](const MentorProfile& p) {
    scratch.clear();
    return interned_row(p, intern, scratch);
  };

  MentorTable out;
  bool rows_move = false;  // a mentor added or removed
  for (const auto& c : changes) rows_move = rows_move || c.profile == nullptr || !index_of(c.id);
  if (!rows_move) {
    // Only replacements: each chunk holding one is built again, every other shared.
    out.chunks_ = chunks_;
    out.size_ = size_;
    out.index_ = index_;
    std::map<std::size_t, std::map<std::size_t, const MentorChange*>> by_chunk;  // chunk -> row in it -> change
    for (const auto& c : changes) {
      const std::size_t i = *index_of(c.id);
      by_chunk[i >> kChunkShift][i & (kChunkRows - 1)] = &c;
    }
    for (const auto& [chunk, replaced] : by_chunk) {
      const Chunk& old = *chunks_[chunk];
      MentorTable part;  // the chunk built again, as a table of its own
      for (std::size_t j = 0; j < old.rows.size(); ++j) {
        const std::size_t i = (chunk << kChunkShift) + j;
        if (auto it = replaced.find(j); it != replaced.end()) {
          MentorRow r = new_row(*it->second->profile);
          carry_places(r, old.rows[j]);
          part.append(r, it->second->profile, scratch);
        } else {
          part.append(old.rows[j], old.built->profiles[j], skills(i));
        }
      }
      out.chunks_[chunk] = std::move(part.chunks_.front());
    }
  } else {
    std::size_t i = 0;
    const auto keep = [&](std::size_t k) { out.append(row(k), shared_profile(k), skills(k)); };
    for (const auto& c : changes) {
      while (i < size_ && row(i).id < c.id) keep(i++);
      const bool existed = i < size_ && row(i).id == c.id;
      if (c.profile) {
        MentorRow r = new_row(*c.profile);
        if (existed) carry_places(r, row(i));
        else if (added) ++*added;
        out.append(r, c.profile, scratch);
      }
      if (existed) ++i;
    }
    while (i < size_) keep(i++);
    out.index_rows();
  }
  out.keys_ = own_keys ? std::shared_ptr<const KeyIds>(std::move(own_keys)) : keys_;
  return out;
}

std::span<const SkillLevel> MentorTable::skills(std::size_t i) const {
  const Chunk& c = chunk_of(i);
  const MentorRow& r = c.rows[i & (kChunkRows - 1)];
  return std::span<const SkillLevel>(c.built->skills.data() + r.skills_begin, r.skills_end - r.skills_begin);
}

const KeyIds& MentorTable::keys() const {
  static const KeyIds none;
  return keys_ ? *keys_ : none;
}

MentorProfile MentorTable::profile(std::size_t i) const {
  MentorProfile p = built_profile(i);
  const MentorRow& r = row(i);
  p.live_mentees = r.live_mentees;
  p.answer_rate = r.has_answer_rate ? std::optional<double>(r.answer_rate) : std::nullopt;
  p.median_hours_to_answer = r.has_median_hours ? std::optional<double>(r.median_hours_to_answer) : std::nullopt;
  return p;
}

std::optional<std::size_t> MentorTable::index_of(PersonId id) const {
  if (!index_) return std::nullopt;
  auto it = index_->find(id);
  if (it == index_->end()) return std::nullopt;
  return it->second;
}

void MentorTable::set_places_and_responsiveness(std::size_t i, int live_mentees, std::optional<double> answer_rate,
                                                std::optional<double> median_hours_to_answer) {
  // Copy on write: a chunk another table holds too is copied (its rows; the profiles and
  // skills stay shared) before this table's row changes.
  std::shared_ptr<Chunk>& c = chunks_[i >> kChunkShift];
  if (c.use_count() > 1) c = std::make_shared<Chunk>(*c);
  MentorRow& r = c->rows[i & (kChunkRows - 1)];
  r.live_mentees = live_mentees;
  r.has_answer_rate = answer_rate.has_value();
  r.answer_rate = answer_rate.value_or(0);
  r.has_median_hours = median_hours_to_answer.has_value();
  r.median_hours_to_answer = median_hours_to_answer.value_or(0);
}

double score_points(const MenteeProfile& mentee, const MentorTable& mentors, std::size_t i, const Weights& w,
                    const std::vector<std::string>& emerging) {
  const MenteeIds ids = mentee_ids(mentee, mentors.keys(), emerging);
  Points sink;
  evaluate(mentee, ByIds(mentee, ids, mentors, i), w, sink);
  return sink.total;
}

Recommendations recommend(const MenteeProfile& mentee, const MentorTable& mentors, const Weights& w,
                          const std::vector<std::string>& emerging, int limit, bool include_external) {
  const MenteeIds ids = mentee_ids(mentee, mentors.keys(), emerging);
  std::vector<Ranked> all;
  all.reserve(mentors.size());
  for (std::size_t i = 0; i < mentors.size(); ++i) {
    const MentorRow& row = mentors.row(i);
    if (row.is_external && !include_external) continue;
    Points sink;
    evaluate(mentee, ByIds(mentee, ids, mentors, i), w, sink);
    all.push_back({sink.total, i, row.id, exclusion_of(mentee, row.id, row.live_mentees, row.capacity)});
  }
  return shortlist(all, limit, [&](std::size_t i) { return score(mentee, mentors.profile(i), w, emerging); });
}

}  // namespace mh::matching
