// Mentoring circles: "one mentor to many people" around a subject (women in leadership,
// project management, advancing careers). A host (a mentor) runs the circle: a size limit and a
// waitlist promoted in order, open or by-request membership, the circle's purpose (objectives as
// in one-to-one, agreed by the host), group sessions with attendance and notes, the host's
// stories with each member's reflection, each member's own action items (seen by that member and
// the host only), and a debrief by the host and every member before the circle is concluded and
// read-only. The one-to-one pieces are reused: Objective and the purpose draft rules
// (purpose.hpp), the meeting and story rules (meetings.hpp), tasks (plan.hpp) and the debrief
// (conclusion.hpp). Pure C++: no I/O; the time is always an argument. Values only; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/conclusion.hpp"
#include "domain/meetings.hpp"
#include "domain/person.hpp"
#include "domain/plan.hpp"
#include "domain/purpose.hpp"

namespace mh {

using CircleId = std::int64_t;
using CircleSessionId = std::int64_t;
using ActionItemId = std::int64_t;

// active -> concluding (the host starts the debrief) -> concluded (every debrief is in; read-only).
enum class CircleState { active, concluding, concluded };
const char* to_string(CircleState s);
std::optional<CircleState> parse_circle_state(std::string_view s);

// How people get in: `open` (join at once, or the waitlist when full) or `by_request` (the host
// approves each request first).
enum class Membership { open, by_request };
const char* to_string(Membership m);
std::optional<Membership> parse_membership(std::string_view s);

// A person's standing in a circle. Only `member` takes a place; `waitlisted` waits in order.
enum class MemberStatus { requested, member, waitlisted, declined, left, removed };
const char* to_string(MemberStatus s);
std::optional<MemberStatus> parse_member_status(std::string_view s);
// Requested, member or waitlisted: the person is in the circle or in line for it.
bool is_engaged(MemberStatus s);

struct Circle {
  CircleId id = 0;
  PersonId host_id = 0;
  PersonId created_by = 0;  // the host, or an administrator on the host's behalf
  std::string topic;
  std::string description;
  int size_limit = 8;  // members, the host not counted
  int cadence_days = 14;
  Medium medium = Medium::video;
  Membership membership = Membership::open;
  bool accepting_members = true;  // false once the host closes the circle to new members
  CircleState state = CircleState::active;
  TimePoint created_at{};
  TimePoint updated_at{};
  std::optional<TimePoint> concluding_at;
  std::optional<TimePoint> concluded_at;
};

inline constexpr int kMinCircleSize = 2;
inline constexpr int kMaxCircleSize = 50;

// Topic (1-200 bytes), description (up to 4000), size limit (2-50), cadence (1-90 days).
Status validate_circle(const Circle& c);

// A host must be active and offer circles (field `host_id`).
Status check_can_host(const Person& host);

// One person's row in a circle: their status and their place in the queue. The queue number is
// taken anew each time they join, are approved or rejoin, so the waitlist is served in the order
// people entered it and a rejoining person goes to its back.
struct CircleMember {
  CircleId circle_id = 0;
  PersonId person_id = 0;
  MemberStatus status = MemberStatus::requested;
  std::int64_t queue = 0;
  std::string message;         // why they asked to join
  std::string decline_reason;  // the host's, when declined
  TimePoint requested_at{};    // when they last asked or joined
  TimePoint since{};           // when the status last changed
};

enum class CircleRole { host, member, none };
// The host; a current member; anyone else (waitlisted and requested people included).
CircleRole circle_role(const Circle& c, PersonId person, const std::vector<CircleMember>& roster);
const CircleMember* find_member(const std::vector<CircleMember>& roster, PersonId person);

int count_status(const std::vector<CircleMember>& roster, MemberStatus s);
// The waitlist in the order it is served.
std::vector<CircleMember> waitlist(const std::vector<CircleMember>& roster);
// 1-based place on the waitlist; none when not waitlisted.
std::optional<int> waitlist_position(const std::vector<CircleMember>& roster, PersonId person);

// 409 naming the state unless the circle is active: its content can change only then.
Status check_circle_workable(const Circle& c);

// Joining (an open circle) or asking to join (by request): the circle is active and accepting
// members; the person is not the host, not already in it or in line, was not removed by the
// host and had no request declined. Someone who left may come back (at the back of the line).
Status check_can_join(const Circle& c, PersonId person, const std::vector<CircleMember>& roster);

// Where a newcomer goes once admitted (joining an open circle, or approved): a place when one
// is free and nobody is waiting, otherwise the back of the waitlist.
MemberStatus admission(const Circle& c, const std::vector<CircleMember>& roster);

// The host approves or declines a request (403 for anyone else, 409 unless it is `requested`).
Status check_can_answer_request(const Circle& c, PersonId actor, const CircleMember* request);

// Leaving: a member, a waitlisted person or someone whose request is waiting; not once the
// circle is concluded.
Status check_can_leave(const Circle& c, PersonId person, const CircleMember* row);
// Removing: the host only, a member or a waitlisted person.
Status check_can_remove(const Circle& c, PersonId actor, const CircleMember* row);

// Who moves up from the waitlist now, in order: as many as there are free places, while the
// circle is active and accepting members.
std::vector<PersonId> promotions(const Circle& c, const std::vector<CircleMember>& roster);

// A new size limit may not fall below the members the circle already has.
Status check_new_size_limit(const Circle& c, int size_limit, const std::vector<CircleMember>& roster);

// The circle's purpose: objectives as in one-to-one, drafted by the host or a member (each
// draft bumps the version), agreed by the host to the version they read.
struct CirclePurpose {
  std::vector<Objective> objectives;
  std::string desired_outcome;
  int version = 0;
  int agreed_version = 0;
  std::optional<TimePoint> agreed_at;

  bool is_agreed() const { return version > 0 && agreed_version == version; }
  // The same objectives as a one-to-one Purpose, for the rules shared with it (tasks, debriefs).
  Purpose as_purpose() const;
};

Status redraft_circle_purpose(CirclePurpose& p, const Circle& c, std::vector<Objective> objectives,
                              std::string desired_outcome);
// The host agrees to `version`; 409 if it changed since it was read. True when this agreed it.
Result<bool> agree_circle_purpose(CirclePurpose& p, const Circle& c, PersonId actor, int version, TimePoint now);

// A group session: a meeting of the whole circle.
struct CircleSession {
  CircleSessionId id = 0;
  CircleId circle_id = 0;
  TimePoint starts_at{};
  int duration_minutes = 60;
  Medium medium = Medium::video;
  std::string where;
  MeetingStatus status = MeetingStatus::scheduled;
  std::string notes;  // shared with the circle
  TimePoint created_at{};
  int calendar_sequence = 0;  // RFC 5545 SEQUENCE: raised by the store when time, place or cancellation change
};

// In an active circle, by the host; the meeting rules for the time, duration and place.
Status validate_new_session(const CircleSession& s, const Circle& c, TimePoint now);
// scheduled -> held (once started) | cancelled; a group session has no `no_show`.
Status change_session_status(CircleSession& s, MeetingStatus to, TimePoint now);

enum class Attendance { present, absent, excused };
const char* to_string(Attendance a);
std::optional<Attendance> parse_attendance(std::string_view s);

// Recording one member's attendance: the host records anyone's, a member may only excuse
// themselves (403 otherwise); present and absent only once the session has started, nothing on
// a cancelled session (409).
Status check_attendance(const CircleSession& s, Attendance a, PersonId actor, PersonId host, PersonId subject,
                        TimePoint now);

struct AttendanceSummary {
  int present = 0;
  int absent = 0;
  int excused = 0;
};

// The host logs a story on a session that has started and was not cancelled.
Status check_can_tell_story(const CircleSession& s, const Circle& c, PersonId actor, TimePoint now);

// A member's own action item: a one-to-one task owned by one member of the circle.
struct ActionItem {
  Task task;  // task.relationship_id holds the circle's id
  PersonId owner_id = 0;
  PersonId created_by = 0;
};
// Seen and changed by its owner and the host only.
bool can_see_action_item(const Circle& c, const ActionItem& item, PersonId viewer);
// The task rules, against the circle's purpose; the owner must be a current member.
Status validate_action_item(const ActionItem& item, const CirclePurpose& purpose,
                            const std::vector<CircleMember>& roster);

// The circle's own life: active -> concluding -> concluded, nothing else (a conflict naming the
// current state otherwise).
Status check_circle_transition(CircleState from, CircleState to);

// The host starts concluding an active circle (403 for anyone else, 409 naming the state).
Status check_can_start_circle_conclusion(const Circle& c, PersonId actor);
// A debrief by the host or a current member, while the circle is concluding, with an outcome
// for every objective of the purpose.
Status validate_circle_debrief(const Debrief& d, const Circle& c, const CirclePurpose& purpose,
                               const std::vector<CircleMember>& roster);
// True when the host and every current member have submitted their debrief.
bool all_debriefed(const Circle& c, const std::vector<CircleMember>& roster, const std::vector<Debrief>& debriefs);

}  // namespace mh
