// Relationships in the store: the request and its state, the audit trail, questions asked
// before answering, the purpose and the logistics (one row each). Free functions
// over a connection inside a Store transaction; they never commit. Missing rows are
// std::nullopt.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/conclusion.hpp"
#include "domain/logistics.hpp"
#include "domain/person.hpp"
#include "domain/purpose.hpp"
#include "domain/relationship.hpp"
#include "storage/programs_repo.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

RelationshipId insert_relationship(sql::Connection& db, const Relationship& r);
std::optional<Relationship> find_relationship(sql::Connection& db, RelationshipId id);
// find_relationship with the row locked until the transaction ends (SELECT ... FOR UPDATE on
// PostgreSQL; SQLite's writers take turns anyway), for a use case about to change its state: at
// READ COMMITTED (Store::write_locking_rows) a second answer to the same request waits, then
// reads the state the first one left.
std::optional<Relationship> find_relationship_for_update(sql::Connection& db, RelationshipId id);
// Writes the state, its timestamps and the decline reason.
void update_relationship(sql::Connection& db, const Relationship& r);

// The person's relationships (as mentee or mentor), newest first, optionally in one state.
std::vector<Relationship> relationships_of(sql::Connection& db, PersonId person, std::optional<RelState> state);
// One page of them, newest first: only those with an id below `before` (when given), in `state`
// and with `person` as `role` (when given), at most `limit`. The database pages, so a person with
// thousands of relationships costs a list request no more than one with a few. The page comes with
// the people it names (what people_named_with_ids reads of them), read in the same statement.
struct RelationshipsPage {
  std::vector<Relationship> relationships;
  std::vector<Person> named;  // each participant once, deactivated ones included
};
RelationshipsPage relationships_page(sql::Connection& db, PersonId person, std::optional<RelState> state,
                                     std::optional<Role> role, std::optional<RelationshipId> before, int limit);
// Every relationship in one of these states (for the scheduled checks), oldest first.
std::vector<Relationship> relationships_in(sql::Connection& db, const std::vector<RelState>& states);

// What an administrator may know of a relationship: who, its state and dates, and counts; never
// its content (messages, purpose, notes, stories).
struct RelationshipMetadata {
  RelationshipId id = 0;
  PersonId mentee_id = 0, mentor_id = 0, initiator_id = 0;
  std::string format, state;
  bool proposed_by_program = false;
  TimePoint requested_at{};
  std::optional<TimePoint> answered_at, activated_at, concluded_at;
  TimePoint updated_at{};
  bool purpose_agreed = false;
  int objectives = 0, tasks = 0, tasks_done = 0, meetings = 0, meetings_held = 0;
  // The program it belongs to: the one whose cohort started it, or the default program.
  ProgramId program_id = 0;
  std::string program;
};
// Every relationship's metadata, by id, in four queries whatever their number (for exports).
std::vector<RelationshipMetadata> all_relationship_metadata(sql::Connection& db);

// Places the mentor has taken: live relationships where they mentor.
int live_mentees_of(sql::Connection& db, PersonId mentor);
// A request waiting or a live relationship between these two, in either direction of roles.
bool pair_is_engaged(sql::Connection& db, PersonId a, PersonId b);
// The people `person` has a relationship with that was accepted (starting to concluded): the
// ones they work or worked with, who may see each other's contact details.
std::vector<PersonId> partners_of(sql::Connection& db, PersonId person);
// Unanswered requests the mentee has sent.
int open_requests_sent_by(sql::Connection& db, PersonId mentee);
// Requests mentees sent to this mentor (for responsiveness).
std::vector<ReceivedRequest> requests_received_by(sql::Connection& db, PersonId mentor);
// What one's own profile shows beyond the person, in one statement (a round trip on PostgreSQL):
// the requests they received, and whether they have a password.
struct OwnProfileFacts {
  std::vector<ReceivedRequest> received;
  bool has_password = false;
};
OwnProfileFacts own_profile_facts(sql::Connection& db, PersonId person);

void insert_state_change(sql::Connection& db, const StateChange& c);
std::vector<StateChange> state_changes_of(sql::Connection& db, RelationshipId id);

struct InfoRequest {
  std::int64_t id = 0;
  RelationshipId relationship_id = 0;
  PersonId asked_by = 0;
  std::string question;
  std::optional<std::string> answer;
  TimePoint asked_at{};
  std::optional<TimePoint> answered_at;
};
std::int64_t insert_info_request(sql::Connection& db, const InfoRequest& q);
std::vector<InfoRequest> info_requests_of(sql::Connection& db, RelationshipId id);
void answer_info_request(sql::Connection& db, std::int64_t id, const std::string& answer, TimePoint at);

Purpose load_purpose(sql::Connection& db, RelationshipId id);
// Saves the purpose; objectives without an id are inserted and get one (written back into
// `p`), those no longer listed are deleted (their tasks lose the link).
void save_purpose(sql::Connection& db, RelationshipId id, Purpose& p);
// The purpose as first agreed, kept to compare with the debrief (opaque JSON text).
// Keeps the purpose as first agreed by both (later calls keep the first); read back as JSON text
// with the API's purpose fields that do not depend on the reader.
void set_first_agreed_purpose(sql::Connection& db, RelationshipId id, const Purpose& p);
std::string first_agreed_purpose(sql::Connection& db, RelationshipId id);

// Logistics, or nullopt when the pair has not decided them yet.
std::optional<Logistics> load_logistics(sql::Connection& db, RelationshipId id);
void save_logistics(sql::Connection& db, RelationshipId id, const Logistics& l);

// What the fading check needs.
Activity load_activity(sql::Connection& db, const Relationship& r, int default_cadence_days, TimePoint now);

}  // namespace mh::storage

namespace mh::storage {

// Applies a lifecycle transition (checked by the domain) and records it in the audit trail.
Status change_state(sql::Connection& db, Relationship& r, RelState to, std::optional<PersonId> actor, TimePoint now,
                    std::string note = {});

}  // namespace mh::storage
