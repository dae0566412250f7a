// Helpers shared by the domain's unit tests: fixed times and short ways to read a Result.
// Test-only; included by *_test.cpp files, never by production code.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"
#include "domain/purpose.hpp"
#include "domain/relationship.hpp"

namespace mh::testing {

// The units the tests write their times in (`using namespace mh::testing` brings them along).
using namespace std::chrono_literals;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

// A fixed time from ISO 8601 text; the text is the test's own, so it is always valid.
inline TimePoint at(std::string_view iso) { return parse_iso8601(iso).value(); }

template <class R>
std::string code_of(const R& r) {
  return r ? "ok" : to_string(r.error().code);
}
template <class R>
std::string field_of(const R& r) {
  return r ? "<ok>" : r.error().field;
}
template <class R>
std::string message_of(const R& r) {
  return r ? "<ok>" : r.error().message;
}
// A Monday morning: the time most domain tests happen at.
inline const TimePoint kNow = at("2026-11-23T09:00:00Z");

// Every state of a relationship, for tests that walk them all.
inline constexpr RelState kAllStates[] = {RelState::requested, RelState::declined,   RelState::withdrawn,
                                          RelState::expired,   RelState::accepted,   RelState::starting,
                                          RelState::active,    RelState::fading,     RelState::concluding,
                                          RelState::concluded};

// A drafted purpose (version 1) with a career objective and a networking one.
inline constexpr ObjectiveId kCareer = 11;
inline constexpr ObjectiveId kNetwork = 12;
inline Purpose purpose_with_two_objectives() {
  Purpose p;
  p.version = 1;
  p.objectives = {Objective{kCareer, ObjectiveCategory::career_options, "Explore product management", ""},
                  Objective{kNetwork, ObjectiveCategory::networking, "Meet five product people", ""}};
  return p;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A person known by id, name and e-mail address only, as the views and calendars name them.
inline Person person_named(PersonId id, const std::string& name, const std::string& email) {
  Person p;
  p.id = id;
  p.name = name;
  p.email = email;
  return p;
}

// The name gtest gives each case of a table-driven test: the case's own `name`, so a failure
// says which row of the table failed (INSTANTIATE_TEST_SUITE_P(..., ValuesIn(kCases), CaseName{})).
struct CaseName {
  template <class Info>
  std::string operator()(const Info& info) const {
    return info.param.name;
  }
};

}  // namespace mh::testing
