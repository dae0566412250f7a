// The demo's one-to-one relationships: about thirty pairs across the demo organisation, so a
// new user sees the whole lifecycle at once - requests waiting (one with a question asked and
// answered), declined, withdrawn and expired ones, pairs starting out, active ones with their
// purpose, logistics, action plan, meetings and stories, a fading one, a pair concluding and
// concluded ones with both debriefs. Maya Patel and Daniel Okafor's relationship is the
// showcase. Every step goes through the domain's checks (the hard rules, the lifecycle, the
// validation of each action) and every transition through storage::change_state at its
// historic time, so the audit trail reads naturally. Deterministic for a given `now`.
#pragma once

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/sql/connection.hpp"

namespace mh::cli {

// Adds the relationships to a database that holds the demo organisation and no relationship
// yet, inside the caller's transaction. The fixed people are found by their e-mail addresses
// and the others chosen from the people in the store, so it needs no other input. History is
// placed before `now`, upcoming meetings and unanswered requests' expiry after it; the result
// is consistent at `now` (nothing to expire, nothing newly fading). An internal error names
// the step that failed.
Status seed_demo_relationships(sql::Connection& db, TimePoint now);

}  // namespace mh::cli
