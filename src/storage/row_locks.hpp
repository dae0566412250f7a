// The row locks that guard the rules of a mentoring request, an acceptance and a cohort's
// proposals, so that those writes can run at READ COMMITTED (Store::write_locking_rows) on
// PostgreSQL instead of SERIALIZABLE (issue 21): people asking different mentors then never
// fail each other with serialization failures, and people asking the same one take turns.
//
// The rules read counts of a person's relationships (a mentee's open requests, a mentor's
// places, whether a pair is already engaged). Every write that can raise one of those counts
// locks the people it counts first, in id order; nothing that lowers them needs to. Free
// functions over a connection inside a Store transaction; nothing on SQLite, whose writers take
// turns anyway. (The relationship a use case changes is locked by
// relationships_repo.hpp's find_relationship_for_update.)
#pragma once

#include <optional>
#include <vector>

#include "domain/person.hpp"
#include "storage/cohorts_repo.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// Locks these people's rows until the transaction ends, in id order so that two writers never
// wait for each other crosswise. An update that changes nothing rather than SELECT ... FOR
// UPDATE: a SERIALIZABLE writer (a cohort's proposals, a flash session turned into a request)
// that read these people before this write committed then fails with a serialization failure
// and is retried, instead of counting without this write's relationship.
void lock_people(sql::Connection& db, std::vector<PersonId> ids);

// lock_people for everyone a cohort matching pairs (its mentees and mentors), in one statement.
void lock_people_of_matching(sql::Connection& db, MatchingJobId job);

}  // namespace mh::storage
