// How well a mentor fits a mentee, and why, in the article's terms: the skills the mentee
// wants, the role or department they aspire to, an experience gap, an outside perspective
// for a seasoned mentee, reverse mentoring in a cutting-edge skill, a former manager, working
// hours that overlap, a shared medium, free places, responsiveness, and a manager's
// recommendation. The same code ranks one mentee's recommendations and feeds the cohort
// matching. Pure: profiles in, scores out; no I/O. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
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

}  // namespace mh::matching
