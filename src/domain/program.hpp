// A program: a mentoring initiative with its own dates, the formats it offers and its own rules
// for requests and fading (issue 18). The organisation always has one default program (today's
// global settings); others are made by administrators, hold cohorts, and close for good. A
// cohort belongs to one program and, while its sign-up is open, people add themselves to it.
// Pure rules: what is valid, when a cohort takes sign-ups, whether an end date is an extension.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"

namespace mh {

inline constexpr int kDefaultFadeAfterCadences = 2;

// What an administrator gives for a program (all of it when creating; when changing, the
// caller starts from the stored program and overwrites what the request carries).
struct ProgramFields {
  std::string name;
  std::string description;
  std::optional<std::chrono::sys_days> starts_on, ends_on;
  std::vector<Format> formats{Format::one_to_one, Format::circle, Format::flash};
  std::optional<int> request_expiry_days;  // none: the server's setting
  int fade_after_cadences = kDefaultFadeAfterCadences;
};

// The first problem, naming the field: `name` (empty or over 100 bytes), `description` (over
// 2000 bytes), `ends_on` (before `starts_on`), `formats` (none, or one twice),
// `request_expiry_days` (outside 1-90), `fade_after_cadences` (outside 1-6).
Status validate_program(const ProgramFields& p);

// Dates of a cohort: `ends_on` not before `starts_on` (invalid naming `ends_on`).
Status validate_date_range(const std::optional<std::chrono::sys_days>& starts_on,
                           const std::optional<std::chrono::sys_days>& ends_on);

// Whether a cohort takes sign-ups on `today`: sign-up is on, its program is open, and its end
// date (if any) has not passed. The end day itself still counts.
bool takes_signups(bool signup_open, bool program_closed, const std::optional<std::chrono::sys_days>& ends_on,
                   std::chrono::sys_days today);

// A change of end date that gives the cohort more time: later than before, or no end any more.
bool is_extension(const std::optional<std::chrono::sys_days>& before,
                  const std::optional<std::chrono::sys_days>& after);

}  // namespace mh
