#include "cli/demo_programs.hpp"

#include <algorithm>

#include "cli/demo_seeding.hpp"
#include "services/cohort_membership.hpp"
#include "services/cohorts.hpp"
#include "services/programs.hpp"
#include "storage/people_repo.hpp"

namespace mh::cli {

namespace {

Error wrap(const std::string& what, const Error& e) { return seeding::step_error("programs", what, e); }

}  // namespace

Status seed_demo_programs(sql::Connection& db, TimePoint now) {
  auto admin = storage::find_person_by_email(db, seeding::kAdminEmail);
  if (!admin) return seeding::step_failure("programs", "the administrator is missing");
  const auto today = std::chrono::floor<std::chrono::days>(now);

  ProgramFields joiners;
  joiners.name = "New joiners";
  joiners.description =
      "Everyone who joined in the last year, with a mentor from another team for their first six months.";
  joiners.starts_on = today - std::chrono::days(14);
  joiners.ends_on = today + std::chrono::days(180);
  joiners.formats = {Format::one_to_one, Format::circle};
  joiners.request_expiry_days = 10;
  auto program = services::create_program(db, *admin, joiners, "{}", now);
  SEED_CHECK("the new joiners' program", program);

  // Its first cohort takes sign-ups for a month; a few people have signed up already (never the
  // demo's sign-in accounts, so each of them can try signing up).
  services::CohortPlan plan;
  plan.program_id = *program;
  plan.starts_on = today + std::chrono::days(21);
  plan.ends_on = today + std::chrono::days(120);
  plan.signup_open = true;
  services::CohortSelection by_signup;
  by_signup.signup_only = true;
  auto cohort = services::create_cohort(db, "New joiners, first cohort",
                                        "Sign up as a mentee if you joined recently, or as a mentor to welcome them.",
                                        by_signup, admin->id, now, plan);
  SEED_CHECK("the new joiners' cohort", cohort);

  const std::vector<std::string> accounts{seeding::kMayaEmail, seeding::kDanielEmail, seeding::kSofiaEmail,
                                          seeding::kHelenaEmail, seeding::kAdminEmail};
  int mentees = 0, mentors = 0;
  for (const Person& p : storage::all_active_people(db)) {
    if (p.is_external || std::find(accounts.begin(), accounts.end(), p.email) != accounts.end()) continue;
    const bool seeks = std::find(p.formats_sought.begin(), p.formats_sought.end(), Format::one_to_one) !=
                       p.formats_sought.end();
    const auto role = seeks && mentees < 6 ? std::optional(storage::CohortRole::mentee)
                      : !seeks && mentors < 3 && p.mentor_capacity > 0 && p.offers(Format::one_to_one)
                          ? std::optional(storage::CohortRole::mentor)
                          : std::nullopt;
    if (!role) continue;
    SEED_CHECK("a sign-up to the new joiners' cohort", services::join_cohort(db, p, *cohort, *role, now));
    ++(*role == storage::CohortRole::mentee ? mentees : mentors);
  }
  return {};
}

}  // namespace mh::cli
