// Calendars in the store: the SEQUENCE rule shared by meetings and circle sessions, and each
// person's calendar feed (a long random secret in its address, one per person, replaced when
// they ask for a new one so the old address stops working at once). Stateless; each call runs on
// the caller's connection and transaction.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// An SQL expression, 1 or 0, for an UPDATE of a meeting or a session: 1 when the new time,
// duration, medium, place or a cancellation (or its undoing) differs from the row as it was.
// It takes six parameters: the new starts_at, duration_minutes, medium, location, status, and
// status again.
const char* calendar_change_sql();

// The secret of a person's feed; none until they ask for one.
std::optional<std::string> calendar_feed_secret(sql::Connection& db, PersonId person);
// Sets (or replaces) the person's feed secret.
void save_calendar_feed(sql::Connection& db, PersonId person, const std::string& secret, TimePoint at);
void delete_calendar_feed(sql::Connection& db, PersonId person);
// Whose feed `secret` opens; none for an unknown or replaced one.
std::optional<PersonId> calendar_feed_owner(sql::Connection& db, const std::string& secret);

}  // namespace mh::storage
