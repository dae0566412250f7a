// Action 5, debrief and conclude, and the scheduler's lifecycle pass over one relationship.
// Each function is one use case inside the caller's transaction (see use_case.hpp).
#pragma once

#include "domain/conclusion.hpp"
#include "services/use_case.hpp"

namespace mh::services {

// Either participant starts concluding a starting, active or fading relationship; the other is
// asked for their debrief.
Status start_concluding(UseCase& uc, const Person& actor, Relationship& r);
// Saves the actor's debrief (replacing an earlier one); the second participant's concludes the
// relationship and both are told.
Status submit_debrief(UseCase& uc, const Person& actor, Relationship& r, Debrief debrief);

// `departed` left the organisation (deactivated by a complete people import): a relationship
// still starting, active or fading moves to concluding, and the other participant is asked for
// their debrief; a request still waiting is withdrawn, and the other person told. Anything else
// is left as it is. Recorded as the system's doing, with the reason in the audit note.
Status conclude_for_departure(UseCase& uc, Relationship& r, const Person& departed);

// What the scheduler did to one relationship.
enum class LifecycleStep { none, expired, faded, revived, reminded_of_purpose };
// The scheduled check of relationship `id`, re-read in this transaction (another server may have
// moved it): an unanswered request past its time expires, a relationship without a meeting held or
// scheduled within twice its cadence fades (both nudged), a fading one with a meeting again is
// active again, and a pair that accepted but has not agreed its purpose is reminded (both) after
// `purpose_reminder_days` and once more after twice as long; each reminder once, however often
// the check runs.
Result<LifecycleStep> check_lifecycle(UseCase& uc, RelationshipId id);

}  // namespace mh::services
