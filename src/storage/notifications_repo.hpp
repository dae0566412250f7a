// Notifications in the store: one row per person and occasion, read or unread, dismissed or
// not. A notification is unique per person, kind, subject and occasion (a unique index), so a
// check that runs every five minutes, or on several servers at once, writes each one once.
// Free functions over a connection inside a Store transaction; they never commit. Every read
// and change is scoped to one person: nobody reaches another person's notifications.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "domain/relationship.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

struct Notification {
  std::int64_t id = 0;
  PersonId person_id = 0;
  std::string kind;      // request_received, meeting_tomorrow, ...
  std::string subject;   // what it is about: "relationship:42", "meeting:7", "circle:3", ...
  std::string occasion;  // tells it from an earlier one of the same kind and subject ("" for once ever)
  std::string message;
  std::string link;  // the web app's page where the person acts, "/relationships/42#meetings"
  std::optional<RelationshipId> relationship_id;
  TimePoint created_at{};
  std::optional<TimePoint> read_at;
  std::optional<TimePoint> dismissed_at;
};

// Writes `n` unless its person already has one of the same kind, subject and occasion (read,
// dismissed or not); returns the new row's id, or nullopt for such a repeat.
std::optional<std::int64_t> insert_notification(sql::Connection& db, const Notification& n);

// A person's notifications that are not dismissed, newest first, at most `limit`, older than the
// id `before` when given.
std::vector<Notification> notifications_of(sql::Connection& db, PersonId person, bool unread_only, int limit,
                                           std::optional<std::int64_t> before = std::nullopt);
// Every notification of a person, dismissed ones too, oldest first (their data export).
std::vector<Notification> all_notifications_of(sql::Connection& db, PersonId person);
// How many of a person's notifications are unread and not dismissed.
int unread_notifications(sql::Connection& db, PersonId person);
// How many notifications of `kind` a relationship has caused, to everyone.
int count_notifications(sql::Connection& db, RelationshipId relationship, const std::string& kind);
// False if the person has no such notification; marking one read twice keeps the first time.
bool mark_notification_read(sql::Connection& db, PersonId person, std::int64_t id, TimePoint at);
// Hides it from the person's list (and counts it read); false if they have no such notification.
bool dismiss_notification(sql::Connection& db, PersonId person, std::int64_t id, TimePoint at);
// Marks every unread notification of the person read; returns how many.
int mark_all_notifications_read(sql::Connection& db, PersonId person, TimePoint at);

}  // namespace mh::storage
