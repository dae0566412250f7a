#include "cli/second_factor_command.hpp"

#include <cstdio>

#include "cli/command_line.hpp"
#include "common/clock.hpp"
#include "domain/person.hpp"
#include "services/account_recovery.hpp"
#include "services/second_factor.hpp"
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
    services::UseCase uc(db, SystemClock().now(), LifecycleSettings{});
    auto removed = services::remove_second_factor_of(uc, operator_actor(), email);
    if (!removed) return removed.error();
    return {};
  });
  if (!done) return fail(done.error().message);
  std::printf("second factor of %s removed and their browser sessions ended\n", email.c_str());
  return 0;
}

}  // namespace mh::cli
