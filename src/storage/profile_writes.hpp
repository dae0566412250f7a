// Profile edits that run at READ COMMITTED with the person's row locked, instead of
// SERIALIZABLE, on PostgreSQL (issue 21): edits by different people then never fail each other
// with serialization failures. Only for edits no rule of another transaction reads (see
// api/people_routes.cpp describes_only): the row lock orders edits of one person, the unique
// e-mail index keeps e-mails unique. Free functions over a connection inside Store::write.
#pragma once

#include <optional>

#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// Turns the transaction just begun by Store::write into a READ COMMITTED one on PostgreSQL
// (SET TRANSACTION, before any statement of it; every retry runs it again); nothing on SQLite,
// where writers take turns. Call it first in the work.
void use_row_locks(sql::Connection& db);

// find_person, and on PostgreSQL the person's row locked until the transaction ends (SELECT ...
// FOR UPDATE), so that the edit reads and rewrites it with no other writer of that person in
// between.
std::optional<Person> find_person_for_update(sql::Connection& db, PersonId id);

// update_person, writing only what differs from `before` (the stored person, read in the same
// transaction): the people row always (with its row version; its indexed columns only when one
// of them changed), the skills, former managers and search entry only when they changed.
void update_person(sql::Connection& db, const Person& before, const Person& p);

}  // namespace mh::storage
