// A person in the organisation: the profile every mentee, mentor, manager and administrator
// has, and the rules a profile must satisfy. Pure C++: no I/O, no JSON, no SQL; the current
// year is passed in. Values only; safe to copy across threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace mh {

using PersonId = std::int64_t;

enum class Medium { video, in_person, phone, chat };
enum class Format { one_to_one, circle, flash };

const char* to_string(Medium m);
const char* to_string(Format f);
std::optional<Medium> parse_medium(std::string_view s);
std::optional<Format> parse_format(std::string_view s);

struct Skill {
  std::string name;  // as written by people, compared case-insensitively
  int level = 1;     // 1 (beginner) to 5 (expert)
  bool operator==(const Skill&) const = default;
};

// "A position or department that you aspire to", and the skills the person wants to develop.
struct Aspirations {
  std::vector<std::string> roles;
  std::vector<std::string> departments;
  std::vector<std::string> skills;
  bool operator==(const Aspirations&) const = default;
};

struct Person {
  PersonId id = 0;
  std::string email;  // lower-cased, unique
  std::string name;
  std::string title;
  std::string organisation;  // for external people: their own organisation
  bool is_external = false;  // outside the home organisation
  std::string department;
  std::optional<PersonId> manager_id;       // the current reporting line
  std::vector<PersonId> former_manager_ids; // "they know where you started"
  std::optional<int> career_start_year;     // experience without storing an age
  std::vector<Skill> skills;
  Aspirations aspirations;
  std::string timezone = "UTC";             // IANA name
  std::vector<std::string> languages;
  std::vector<Medium> media;                // preferred meeting media
  int monthly_availability_hours = 0;
  int mentor_capacity = 0;                  // concurrent mentees; 0: not mentoring now
  std::vector<Format> formats_offered;
  std::vector<Format> formats_sought;
  std::string bio;
  bool is_admin = false;
  bool active = true;
  // From the HR system (the people import): its employee id (unique when set, empty for people
  // created by hand), the day they joined as YYYY-MM-DD, and where they work.
  std::string employee_id;
  std::string start_date;
  std::string location;
  TimePoint created_at{};
  TimePoint updated_at{};
  // How many times the store has written this person's row: every profile write raises it, so two
  // copies with the same version are the same profile (updated_at counts whole seconds only).
  std::int64_t row_version = 0;

  // Years since the career started, 0 when unknown.
  int years_of_experience(int current_year) const;
  bool offers(Format f) const;
};

// Limits a profile must respect; exposed so the API can document and test them.
inline constexpr int kMaxSkillLevel = 5;
inline constexpr int kMaxMentorCapacity = 20;
inline constexpr int kMaxMonthlyHours = 200;
inline constexpr std::size_t kMaxBioLength = 2000;
inline constexpr std::size_t kMaxNameLength = 120;
inline constexpr std::size_t kMaxListItems = 30;

// Lower-cases and trims an e-mail address.
std::string normalize_email(std::string_view email);
bool is_plausible_email(std::string_view email);

// Checks every field of a profile; the first violation comes back as `invalid` naming the
// field (e.g. "skills[2].level", "timezone"). `timezone_problem` says what is wrong with a zone
// name (nothing for a known zone); it is injected so the domain does no I/O.
using TimezoneCheck = std::function<std::optional<std::string>(std::string_view)>;
Status validate_person(const Person& p, int current_year, const TimezoneCheck& timezone_problem);

// Refuses a reporting line that would make `person` (directly or through others) their own
// manager. `manager_of` answers the current manager of anyone, as stored.
Status check_no_manager_cycle(PersonId person, std::optional<PersonId> new_manager,
                              const std::function<std::optional<PersonId>(PersonId)>& manager_of);

// A directory query split for its two matchers: words the full-text index can use (letters and
// digits only, three or more), and exact terms it cannot ("AI", "UX", "Go", "R", "C#", "C++"),
// lower-cased, each matched against skills and titles by mentions_term.
struct SearchTerms {
  std::string full_text;           // the usable words, space-separated
  std::vector<std::string> exact;  // short or symbolic terms
};
SearchTerms split_search_terms(std::string_view query);

// A skill or the title says `term` (lower-cased) as a word: a skill named exactly so, or with it
// among its words ("Applied AI", "UX research", "Go developer"); a term ending in a symbol may
// run on ("C++" finds "C++17"), a letter may not ("Go" does not find "Google Analytics").
bool mentions_term(const Person& p, std::string_view term);

}  // namespace mh
