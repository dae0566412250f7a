// The demo organisation: about 300 people in nine departments with reporting lines, former
// managers, skills and levels, aspirations, a few external experts, timezones and media, plus
// one administrator. Deterministic (seeded), so screenshots and docs stay true.
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/store.hpp"

namespace mh::cli {

struct DemoSignIn {
  std::string role;  // "administrator", "mentee", ...
  std::string email;
};

inline constexpr const char* kDemoPassword = "mentorhub-demo";

// The sign-ins the demo organisation has (without touching a database).
Result<std::vector<DemoSignIn>> demo_sign_ins(TimePoint now);

// Seeds an empty database; `conflict` if it already holds people.
Result<std::vector<DemoSignIn>> seed_demo(Store& store, TimePoint now);

}  // namespace mh::cli
