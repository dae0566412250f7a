// A mentoring relationship and its lifecycle: the states from the first request to the
// conclusion, which transitions are legal, and the hard rules that guard a request and an
// acceptance. The five actions (purpose, logistics, plan, meetings and stories, debrief) have
// their own headers beside this one. Pure C++: no I/O; the time is always an argument.
// Values only; safe to copy across threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"

namespace mh {

using RelationshipId = std::int64_t;

// requested -> declined | withdrawn | expired, or accepted -> starting -> active <-> fading
// -> concluding -> concluded.
enum class RelState { requested, declined, withdrawn, expired, accepted, starting, active, fading, concluding, concluded };

const char* to_string(RelState s);
std::optional<RelState> parse_rel_state(std::string_view s);

// Live: the pair is mentoring (or about to); it takes one of the mentor's places.
bool is_live(RelState s);
// Closed for good: nothing can change any more.
bool is_final(RelState s);
// The content (purpose, plan, meetings) may be edited.
bool is_workable(RelState s);

// 409 naming the current state when `from -> to` is not in the lifecycle.
Status check_transition(RelState from, RelState to);

enum class Role { mentee, mentor };
const char* to_string(Role r);

struct Relationship {
  RelationshipId id = 0;
  PersonId mentee_id = 0;
  PersonId mentor_id = 0;
  PersonId initiator_id = 0;  // the mentee (a request) or the mentor (an offer)
  Format format = Format::one_to_one;
  RelState state = RelState::requested;
  std::string message;        // why the initiator asks
  std::string draft_purpose;  // a first idea of the purpose, refined in action 1
  std::string decline_reason;
  TimePoint requested_at{};
  TimePoint expires_at{};
  std::optional<TimePoint> answered_at;   // accepted or declined
  std::optional<TimePoint> activated_at;  // purpose first agreed
  std::optional<TimePoint> concluded_at;
  TimePoint updated_at{};
  bool proposed_by_program = false;  // cohort matching proposed it; the mentee did not ask

  bool is_participant(PersonId p) const { return p == mentee_id || p == mentor_id; }
  std::optional<Role> role_of(PersonId p) const;
  PersonId other_than(PersonId p) const { return p == mentee_id ? mentor_id : mentee_id; }
  // The person who must answer the request: the one who did not initiate it.
  PersonId recipient() const { return other_than(initiator_id); }
};

// Program settings the lifecycle needs (defaults from the product rules).
struct LifecycleSettings {
  int request_expiry_days = 14;
  int max_open_requests = 3;
  int default_cadence_days = 14;
  // A pair that accepted but has not agreed a purpose is reminded after this many days, and once
  // more after twice as many.
  int purpose_reminder_days = 7;
  // Whether the program sends e-mail (a mail server is configured): use cases then queue mail in
  // their transactions. Off for the demo seeder, the CLI and a server without --smtp.
  bool send_mail = false;
};

// Which reminder to agree the purpose is due now for a relationship still `starting` (1 or 2),
// given how many were already sent; none when it is not starting or not yet time. A check that
// comes late (a server stopped for weeks, pairs imported) gets the latest reminder due, never the
// ones it missed one after another.
std::optional<int> purpose_reminder_due(const Relationship& r, int reminders_sent, TimePoint now,
                                        const LifecycleSettings& settings);
// Starting for longer than the first reminder's delay: the administrator sees it as not started.
bool is_not_started(const Relationship& r, TimePoint now, const LifecycleSettings& settings);

// What the hard rules need to know about the pair, read from the store.
struct PairFacts {
  const Person* mentee = nullptr;
  const Person* mentor = nullptr;
  bool live_relationship_between_them = false;  // any live or requested one
  int mentor_live_relationships = 0;            // places already taken
  int mentee_open_requests = 0;                 // requests the mentee has sent and are unanswered
};

// The rules for creating a request (by the mentee) or an offer (by the mentor): not oneself,
// never the mentee's current manager, both active, no second live relationship between the
// pair, the mentor has a free place, and the mentee has not too many open requests. Each
// failure is a 409 or 422 with a reason a person understands.
Status check_can_request(const PairFacts& facts, PersonId initiator, const LifecycleSettings& settings);

// The rules again at acceptance (things may have changed since the request).
Status check_can_accept(const PairFacts& facts);

// A request or offer, ready to store, with its expiry.
Result<Relationship> new_request(PersonId initiator, PersonId mentee, PersonId mentor, std::string message,
                                 std::string draft_purpose, TimePoint now, const LifecycleSettings& settings);

// Who may answer what: the recipient accepts, declines or asks for more information; the
// initiator withdraws or answers a question. 403 otherwise; 409 if the state forbids it.
Status check_can_answer(const Relationship& r, PersonId actor, TimePoint now);
Status check_can_withdraw(const Relationship& r, PersonId actor, TimePoint now);

// True when an unanswered request has passed its expiry time.
bool has_expired(const Relationship& r, TimePoint now);

// A mentor's responsiveness, from the requests addressed to them.
struct Responsiveness {
  int requests_received = 0;
  int answered = 0;
  std::optional<double> answer_rate;           // answered / (answered + expired); none without data
  std::optional<double> median_hours_to_answer;
};
struct ReceivedRequest {
  TimePoint requested_at{};
  std::optional<TimePoint> answered_at;
  RelState state = RelState::requested;
};
Responsiveness responsiveness(const std::vector<ReceivedRequest>& received);

// One state change, kept forever: who (none for the system), when, from, to.
struct StateChange {
  RelationshipId relationship_id = 0;
  std::optional<PersonId> actor;
  RelState from = RelState::requested;
  RelState to = RelState::requested;
  TimePoint at{};
  std::string note;
};

// Applies a checked transition and returns its audit record; `r` is unchanged on error.
Result<StateChange> transition(Relationship& r, RelState to, std::optional<PersonId> actor, TimePoint now,
                               std::string note = {});

}  // namespace mh
