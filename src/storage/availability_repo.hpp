// People's recurring availability in the store: one row per person who has set it (its time
// zone), their weekly windows and their dated exceptions; and the times a person is already
// taken (scheduled meetings of any of their relationships and their booked flash sessions), which
// suggestions and generated flash slots avoid. Stateless; each call runs on the caller's
// connection and transaction.
#pragma once

#include <optional>
#include <vector>

#include "common/clock.hpp"
#include "domain/availability.hpp"
#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// The person's availability as saved, in the stored order; none if they never set it.
std::optional<Availability> find_availability(sql::Connection& db, PersonId person);
// Replaces the person's availability as a whole.
void save_availability(sql::Connection& db, PersonId person, const Availability& a, TimePoint at);
// When the person last saved it; none if never.
std::optional<TimePoint> availability_updated_at(sql::Connection& db, PersonId person);
void delete_availability(sql::Connection& db, PersonId person);

// The times `person` is taken between `from` and `to`: scheduled meetings of relationships they
// take part in and flash sessions booked with them (as mentor or mentee), not cancelled ones.
std::vector<TimeInterval> taken_times(sql::Connection& db, PersonId person, TimePoint from, TimePoint to);

}  // namespace mh::storage
