// Asking for mentoring and answering: a request (or an offer), a proposal made by the program,
// accepting, declining, withdrawing, and the questions a recipient may ask before answering.
// Each function is one use case run inside the caller's transaction (see use_case.hpp): it
// checks the actor and the lifecycle's hard rules against rows read in that transaction, so
// races have one winner, and records its audit rows and nudges as events.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/named_people.hpp"
#include "services/use_case.hpp"

namespace mh::services {

struct RequestInput {
  PersonId mentee = 0;
  PersonId mentor = 0;
  bool by_mentee = true;  // a request from the mentee, or else an offer from the mentor
  std::string message;
  std::string draft_purpose;
  std::string note;  // the audit note; empty for "requested a mentor" / "offered to mentor"
};

// The actor (who must be the input's mentee, or its mentor for an offer) asks the other person.
// A request (not an offer) must say what the mentee hopes for (invalid naming `message`). Errors: invalid naming `mentor_id` (a request) or `mentee_id` (an offer) when that person does
// not exist or is the mentee's manager; conflict for a live pair, a full mentor or too many open
// requests (see check_can_request).
Result<Relationship> send_request(UseCase& uc, const Person& actor, const RequestInput& in);

// The program proposes `mentor` to `mentee` (cohort matching): the mentee is the initiator and
// the mentor answers; `admin` (or nobody, from the command line) is audited with `note`; both
// people are nudged. The caller has locked both people (storage/row_locks.hpp: apply_matching
// locks everyone of a matching in one statement).
Result<Relationship> propose_pair(UseCase& uc, std::optional<PersonId> admin, const Person& mentee,
                                  const Person& mentor, const std::string& message, const std::string& note);

// The recipient accepts: accepted, then at once starting. Conflict when the mentor has no place.
Result<Relationship> accept_request(UseCase& uc, const Person& actor, RelationshipId id);
// The recipient declines with a reason the requester reads (not blank, at most 2000 bytes).
Result<Relationship> decline_request(UseCase& uc, const Person& actor, RelationshipId id, const std::string& reason);
// The initiator withdraws an unanswered request.
Result<Relationship> withdraw_request(UseCase& uc, const Person& actor, RelationshipId id);
// The recipient asks the initiator a question before answering (at most 2000 bytes).
Result<Relationship> ask_question(UseCase& uc, const Person& actor, RelationshipId id, const std::string& question);
// The initiator answers question `question_id` (at most 4000 bytes) while the request is open.
Result<Relationship> answer_question(UseCase& uc, const Person& actor, RelationshipId id, std::int64_t question_id,
                                     const std::string& answer);

// After concluding, either participant proposes a new relationship between the same two people,
// with a new purpose prefilled from what still needs doing (or `draft_purpose` when given).
Result<Relationship> propose_follow_up(UseCase& uc, const Person& actor, RelationshipId concluded,
                                       const std::string& message, const std::optional<std::string>& draft_purpose);

// A person's own relationships, newest first: in `state` and where they are `role` when given,
// older than the relationship `before` when given, at most `limit`, with everyone they name read
// at once (sorted by id) and the id to continue from when more remain.
struct MyRelationships {
  std::vector<Relationship> relationships;
  NamedPeople people;  // everyone the page names
  std::optional<RelationshipId> next;

  const Person* person(PersonId id) const {
    const std::optional<Person>& p = people.of(id);
    return p ? &*p : nullptr;
  }
};
MyRelationships my_relationships(sql::Connection& db, const Person& me, std::optional<RelState> state,
                                 std::optional<Role> role, std::optional<RelationshipId> before, int limit);

// A relationship's state changes, oldest first: states and dates only, so its participants and
// administrators read them; forbidden for anyone else, not_found when there is no such one.
Result<std::vector<StateChange>> state_changes(sql::Connection& db, const Person& reader, RelationshipId id);

}  // namespace mh::services
