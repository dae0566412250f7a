// How well a mentor fits a mentee, and why, in the article's terms: the skills the mentee
// wants, the role or department they aspire to, an experience gap, an outside perspective
// for a seasoned mentee, reverse mentoring in a cutting-edge skill, a former manager, working
// hours that overlap, a shared medium, free places, responsiveness, and a manager's
// recommendation. The same code ranks one mentee's recommendations and feeds the cohort
// matching. Pure: profiles in, scores out; no I/O. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/person.hpp"

namespace mh::matching {

// Points per factor at full strength. The program settings may change them.
struct Weights {
  double skill = 30;                  // all wanted skills held at level 5
  double aspiration_role = 15;        // holds the role the mentee aspires to
  double aspiration_department = 10;  // works in the department the mentee aspires to
  double experience_gap = 10;         // an ideal gap of 5 to 15 years
  double outside_perspective = 12;    // seasoned mentee: external mentor (half for another department)
  double reverse_mentoring = 15;      // less experienced, expert in an emerging skill the mentee wants
  double former_manager = 12;         // "they know where you started"
  double timezone_overlap = 8;        // a full working day in common
  double shared_medium = 5;
  double free_capacity = 5;
  double responsiveness = 10;         // answers every request within a day
  double unresponsive_penalty = 20;   // answers almost none: sinks
  double manager_recommendation = 20;
  int seasoned_years = 15;            // from this experience on, an outside view is worth more
};

// A mentor as the scoring sees them: keys are lower-cased, lists sorted.
struct MentorProfile {
  PersonId id = 0;
  std::string name;
  std::string title;
  std::string department;
  std::string organisation;
  std::string title_key;       // key_of(title), precomputed by whoever builds profiles in bulk;
  std::string department_key;  // empty: computed on the fly
  bool is_external = false;
  int years = 0;
  std::vector<std::pair<std::string, int>> skills;  // (key, level), sorted by key
  std::vector<std::string> skill_names;             // as written, parallel to skills
  unsigned media_mask = 0;                          // bit per Medium
  std::optional<int> utc_offset_minutes;
  int capacity = 0;
  int live_mentees = 0;
  std::optional<PersonId> manager_id;
  std::optional<double> answer_rate;
  std::optional<double> median_hours_to_answer;
};

struct ManagerRecommendation {
  PersonId mentor_id = 0;
  std::string manager_name;
  std::string note;
};

struct MenteeProfile {
  PersonId id = 0;
  std::optional<PersonId> manager_id;
  std::vector<PersonId> former_manager_ids;
  int years = 0;
  std::string department;                       // key
  std::vector<std::string> wanted_skills;       // keys
  std::vector<std::string> aspired_roles;       // keys
  std::vector<std::string> aspired_departments; // keys
  unsigned media_mask = 0;
  std::optional<int> utc_offset_minutes;
  std::vector<ManagerRecommendation> recommendations;
  std::vector<PersonId> engaged_with;           // sorted: a request or live relationship exists
};

struct Factor {
  std::string name;  // stable identifier, e.g. "skill_match"
  double points = 0;
  std::string reason;  // words a person reads
};

enum class Exclusion { oneself, current_manager, already_paired, no_capacity };
const char* to_string(Exclusion e);
std::string explain(Exclusion e);

struct Scored {
  PersonId mentor_id = 0;
  double score = 0;
  std::vector<Factor> factors;
  std::optional<Exclusion> excluded;
};

std::string key_of(std::string_view text);  // lower-cased, trimmed
unsigned media_mask_of(const std::vector<Medium>& media);

// Hard rules first (never oneself, never the current manager, no pair already engaged, no
// mentor without a free place): the reason, or nullopt if the mentor may be suggested.
std::optional<Exclusion> exclusion(const MenteeProfile& mentee, const MentorProfile& mentor);

// The score and its factors; `emerging` holds the program's emerging-skill keys (sorted).
Scored score(const MenteeProfile& mentee, const MentorProfile& mentor, const Weights& w,
             const std::vector<std::string>& emerging);

struct Recommendations {
  std::vector<Scored> ranked;    // best first, at most `limit`
  std::vector<Scored> excluded;  // people who would rank among them, with the reason they cannot
};
// The same score as a number only (no factors, no sentences): for ranking many mentors.
double score_points(const MenteeProfile& mentee, const MentorProfile& mentor, const Weights& w,
                    const std::vector<std::string>& emerging);

// Ranks every mentor: ties broken by id, so the order is stable.
Recommendations recommend(const MenteeProfile& mentee, const std::vector<MentorProfile>& mentors, const Weights& w,
                          const std::vector<std::string>& emerging, int limit);

// ---------------------------------------------------------------------------------------------
// Ranking many mentors without comparing strings.
//
// For each of 20,000 mentors the ranking asks whether they hold each wanted skill and whether
// their title and department are ones the mentee aspires to. On the profiles' strings that is
// a dozen string comparisons per mentor, most of them cache misses at that size. A MentorTable
// interns those keys to integers once, when it is built (with the directory snapshot), and
// keeps what the loop reads in one compact row per mentor; the mentee's keys are mapped to ids
// once per request. It runs the same evaluation as score() and score_points(), so the scores
// agree bit for bit and the ranking and explanations are the same.

// Skill, title and department keys as integers (one id space; each check compares within one
// kind of key).
class KeyIds {
 public:
  static constexpr std::int32_t kEmpty = -1;    // an empty title or department key
  static constexpr std::int32_t kUnknown = -2;  // a key nobody in the table has: matches nothing
  std::int32_t intern(const std::string& key);
  std::int32_t find(const std::string& key) const;  // kUnknown when never interned
  std::size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<std::string, std::int32_t> ids_;
};

struct SkillLevel {
  std::int32_t skill = 0;  // KeyIds id of the skill's key
  std::int32_t level = 0;  // the level score()'s lookup finds for that key
};

// What the ranking loop reads of one mentor (64 bytes): ids instead of strings, the optionals
// unpacked into flags.
struct MentorRow {
  PersonId id = 0;
  double answer_rate = 0;             // when has_answer_rate
  double median_hours_to_answer = 0;  // when has_median_hours
  std::int32_t title = KeyIds::kEmpty;
  std::int32_t department = KeyIds::kEmpty;
  std::int32_t years = 0;
  std::int32_t capacity = 0;
  std::int32_t live_mentees = 0;
  std::int32_t utc_offset_minutes = 0;  // when has_utc_offset
  std::uint32_t skills_begin = 0;       // [skills_begin, skills_end) in the table's skills, by id
  std::uint32_t skills_end = 0;
  unsigned media_mask = 0;
  bool is_external = false;
  bool has_utc_offset = false;
  bool has_answer_rate = false;
  bool has_median_hours = false;
};

// A mentor's new profile for MentorTable::patched, or their removal (profile null).
struct MentorChange {
  PersonId id = 0;
  std::shared_ptr<const MentorProfile> profile;
};

// Mentors as ranking reads them. The rows are held in chunks of kChunkRows, each with the
// profiles and the skills its rows were built from; the interned keys, the id index and every
// chunk are shared between copies until one of them changes it (a copy's change copies that
// chunk's rows only). So a profile edit costs one chunk, and places and responsiveness, which
// follow relationships rather than profiles, are refreshed without re-interning or copying any
// profile. Not safe to change while other threads read it; copies are independent.
class MentorTable {
 public:
  MentorTable() = default;
  // Interns the profiles' keys. `previous`, when given, lends its ids and, for every profile
  // it holds by the same pointer, its row: a refresh interns only the mentors who changed.
  explicit MentorTable(std::vector<std::shared_ptr<const MentorProfile>> profiles,
                       const MentorTable* previous = nullptr);
  explicit MentorTable(const std::vector<MentorProfile>& profiles);

  // This table with `changes` applied (sorted by id, one per id; this table's rows in id order,
  // as the directory builds them): every other row and profile kept as it is, the keys shared
  // unless a changed profile brings one the table never interned. A mentor whose profile is
  // replaced keeps their row's places and responsiveness (they follow relationships, not the
  // profile); a new one has their profile's. `added` receives the number of new mentors.
  // Replacing profiles costs the chunks they are in; adding or removing a mentor moves the rows
  // after them, and costs a copy of the rows (never an interning of every profile).
  MentorTable patched(const std::vector<MentorChange>& changes, std::size_t* added = nullptr) const;

  std::size_t size() const { return size_; }
  const MentorRow& row(std::size_t i) const { return chunk_of(i).rows[i & (kChunkRows - 1)]; }
  // The i-th mentor's skills, by id.
  std::span<const SkillLevel> skills(std::size_t i) const;
  const KeyIds& keys() const;
  // The profile as built (its places and responsiveness are the ones it was built with).
  const MentorProfile& built_profile(std::size_t i) const { return *shared_profile(i); }
  const std::shared_ptr<const MentorProfile>& shared_profile(std::size_t i) const {
    return chunk_of(i).built->profiles[i & (kChunkRows - 1)];
  }
  // The profile with the row's current places and responsiveness: what score() explains.
  MentorProfile profile(std::size_t i) const;
  std::optional<std::size_t> index_of(PersonId id) const;

  void set_places_and_responsiveness(std::size_t i, int live_mentees, std::optional<double> answer_rate,
                                     std::optional<double> median_hours_to_answer);

  static constexpr unsigned kChunkShift = 8;
  static constexpr std::size_t kChunkRows = std::size_t{1} << kChunkShift;

 private:
  using Index = std::unordered_map<PersonId, std::uint32_t>;  // the first row of each id
  // What a chunk's rows were built from. Never changed once the chunk is built.
  struct Built {
    std::vector<std::shared_ptr<const MentorProfile>> profiles;  // one per row
    std::vector<SkillLevel> skills;                              // the rows' [skills_begin, skills_end)
  };
  struct Chunk {
    std::vector<MentorRow> rows;
    std::shared_ptr<Built> built;  // shared by the copies of this chunk (a copy changes rows only)
  };

  const Chunk& chunk_of(std::size_t i) const { return *chunks_[i >> kChunkShift]; }
  // Appends a row, with its profile and a copy of its skills, to the last chunk (a new one when
  // it is full). Only while building a table.
  void append(MentorRow r, std::shared_ptr<const MentorProfile> profile, std::span<const SkillLevel> skills);
  void index_rows();

  std::shared_ptr<const KeyIds> keys_;  // shared with the next table while no new key appears
  std::shared_ptr<const Index> index_;  // shared with the previous table when the ids did not move
  std::vector<std::shared_ptr<Chunk>> chunks_;  // all full but the last
  std::size_t size_ = 0;
};

// score_points() of the table's i-th mentor, through the interned path (maps the mentee's keys
// on every call: for tests and checks, not for loops).
double score_points(const MenteeProfile& mentee, const MentorTable& mentors, std::size_t i, const Weights& w,
                    const std::vector<std::string>& emerging);

// recommend() over a table: the same lists, scores and explanations as recommend() over the
// table's profiles (with the rows' places and responsiveness). Without `include_external` the
// external mentors are left out, as if they were not in the table.
Recommendations recommend(const MenteeProfile& mentee, const MentorTable& mentors, const Weights& w,
                          const std::vector<std::string>& emerging, int limit, bool include_external = true);

}  // namespace mh::matching
