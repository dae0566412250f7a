// The demo's programs: besides the organisation's default program, a new joiners' program with
// a cohort open for sign-up, so a new user sees a program to run and a cohort to join.
#pragma once

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/sql/connection.hpp"

namespace mh::cli {

// In the caller's transaction, after the people. Through the services, as an administrator would.
Status seed_demo_programs(sql::Connection& db, TimePoint now);

}  // namespace mh::cli
