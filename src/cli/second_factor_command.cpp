#include "cli/second_factor_command.hpp"

#include <cstdio>

#include "cli/command_line.hpp"
#include "common/clock.hpp"
#include "domain/person.hpp"
#include "services/second_factor.hpp"
#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/second_factor_repo.hpp"

namespace mh::cli {

int second_factor_requirement(Store& store, const std::string& action) {
  const TimePoint now = SystemClock().now();
  if (action == "require" || action == "allow") {
    auto done = store.write([&](sql::Connection& db) -> Status {
      services::UseCase uc(db, now, LifecycleSettings{});
      return services::set_second_factor_requirement(uc, nullptr, action == "require", "");
    });
    if (!done) return fail(done.error().message);
  }
  struct Shown {
    bool required = false;
    storage::AdminSecondFactors counts;
  };
  auto shown = store.read_value<Shown>([](sql::Connection& db) -> Result<Shown> {
    return Shown{services::second_factor_required_for_admins(db), storage::count_admin_second_factors(db)};
  });
  if (!shown) return fail(shown.error().message);
  std::printf("a second factor is %s for administrators signing in with a password; %lld of %lld administrators have "
              "one\n",
              shown->required ? "required" : "not required", shown->counts.with_second_factor,
              shown->counts.administrators);
  return 0;
}

int remove_second_factor(Store& store, const std::string& email) {
  auto done = store.write([&](sql::Connection& db) -> Status {
    auto p = storage::find_person_by_email(db, normalize_email(email));
    if (!p) return not_found("no person with e-mail " + email);
    if (!storage::second_factor_of(db, p->id)) return not_found(email + " has no second factor");
    storage::delete_second_factor(db, p->id);
    storage::delete_tokens_of(db, p->id, "session");
    return {};
  });
  if (!done) return fail(done.error().message);
  std::printf("second factor of %s removed and their browser sessions ended\n", email.c_str());
  return 0;
}

}  // namespace mh::cli
