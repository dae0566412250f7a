#include "domain/circle.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "domain/enum_names.hpp"
#include "domain/logistics.hpp"
#include "domain/text.hpp"

namespace mh {

namespace {

constexpr EnumNames<CircleState, 3> kStates{{"active", "concluding", "concluded"}};
constexpr EnumNames<Membership, 2> kMemberships{{"open", "by_request"}};
constexpr EnumNames<MemberStatus, 6> kStatuses{{"requested", "member", "waitlisted", "declined", "left", "removed"}};
constexpr EnumNames<Attendance, 3> kAttendance{{"present", "absent", "excused"}};

std::string state_phrase(const Circle& c) { return std::string("the circle is ") + to_string(c.state); }

// The one-to-one rules speak of "this relationship's objectives"; here they are the circle's.
Status in_circle(Status s) {
  if (s) return s;
  Error e = s.error();
  const std::string from = "relationship's", to = "circle's";
  if (auto pos = e.message.find(from); pos != std::string::npos) e.message.replace(pos, from.size(), to);
  return e;
}

}  // namespace

const char* to_string(CircleState s) { return kStates.name(s); }
std::optional<CircleState> parse_circle_state(std::string_view s) { return kStates.parse(s); }
const char* to_string(Membership m) { return kMemberships.name(m); }
std::optional<Membership> parse_membership(std::string_view s) { return kMemberships.parse(s); }
const char* to_string(MemberStatus s) { return kStatuses.name(s); }
std::optional<MemberStatus> parse_member_status(std::string_view s) { return kStatuses.parse(s); }
const char* to_string(Attendance a) { return kAttendance.name(a); }
std::optional<Attendance> parse_attendance(std::string_view s) { return kAttendance.parse(s); }

bool is_engaged(MemberStatus s) {
  return s == MemberStatus::requested || s == MemberStatus::member || s == MemberStatus::waitlisted;
}

Status validate_circle(const Circle& c) {
  if (blank(c.topic)) return invalid("topic", "must not be empty: name the subject the circle is about");
  if (c.topic.size() > 200) return invalid("topic", "is longer than 200 characters");
  if (c.description.size() > 4000) return invalid("description", "is longer than 4000 characters");
  if (c.size_limit < kMinCircleSize || c.size_limit > kMaxCircleSize)
    return invalid("size_limit", "must be between " + std::to_string(kMinCircleSize) + " and " +
                                     std::to_string(kMaxCircleSize) + " members");
  if (c.cadence_days < kMinCadenceDays || c.cadence_days > kMaxCadenceDays)
    return invalid("cadence_days", "must be between 1 and 90 days");
  return {};
}

Status check_can_host(const Person& host) {
  if (!host.active) return invalid("host_id", "this person is deactivated");
  if (!host.offers(Format::circle))
    return invalid("host_id", "this person does not offer circles: add \"circle\" to the formats they offer first");
  return {};
}

CircleRole circle_role(const Circle& c, PersonId person, const std::vector<CircleMember>& roster) {
  if (person == c.host_id) return CircleRole::host;
  const CircleMember* m = find_member(roster, person);
  return m && m->status == MemberStatus::member ? CircleRole::member : CircleRole::none;
}

const CircleMember* find_member(const std::vector<CircleMember>& roster, PersonId person) {
  auto it = std::find_if(roster.begin(), roster.end(), [&](const CircleMember& m) { return m.person_id == person; });
  return it == roster.end() ? nullptr : &*it;
}

int count_status(const std::vector<CircleMember>& roster, MemberStatus s) {
  return static_cast<int>(std::count_if(roster.begin(), roster.end(), [&](const CircleMember& m) { return m.status == s; }));
}

std::vector<CircleMember> waitlist(const std::vector<CircleMember>& roster) {
  std::vector<CircleMember> out;
  for (const auto& m : roster)
    if (m.status == MemberStatus::waitlisted) out.push_back(m);
  std::sort(out.begin(), out.end(), [](const CircleMember& a, const CircleMember& b) {
    return a.queue != b.queue ? a.queue < b.queue : a.person_id < b.person_id;
  });
  return out;
}

std::optional<int> waitlist_position(const std::vector<CircleMember>& roster, PersonId person) {
  const auto line = waitlist(roster);
  for (std::size_t i = 0; i < line.size(); ++i)
    if (line[i].person_id == person) return static_cast<int>(i + 1);
  return std::nullopt;
}

Status check_circle_workable(const Circle& c) {
  switch (c.state) {
    case CircleState::active: return {};
    case CircleState::concluding:
      return conflict(state_phrase(c) + "; only the debriefs can be written now", "state");
    case CircleState::concluded: return conflict(state_phrase(c) + "; it is read-only", "state");
  }
  return {};
}

Status check_can_join(const Circle& c, PersonId person, const std::vector<CircleMember>& roster) {
  if (c.state != CircleState::active)
    return conflict(state_phrase(c) + "; it takes no new members", "state");
  if (person == c.host_id) return conflict("you host this circle", "state");
  if (const CircleMember* m = find_member(roster, person)) {
    switch (m->status) {
      case MemberStatus::member: return conflict("you are already a member of this circle", "state");
      case MemberStatus::waitlisted: return conflict("you are already on this circle's waitlist", "state");
      case MemberStatus::requested: return conflict("your request to join is waiting for the host", "state");
      case MemberStatus::declined:
        return conflict("the host declined your request to join this circle", "state");
      case MemberStatus::removed: return conflict("the host removed you from this circle", "state");
      case MemberStatus::left: break;  // welcome back, at the back of the line
    }
  }
  if (!c.accepting_members) return conflict("the circle is closed to new members", "state");
  return {};
}

MemberStatus admission(const Circle& c, const std::vector<CircleMember>& roster) {
  const int members = count_status(roster, MemberStatus::member);
  const int waiting = count_status(roster, MemberStatus::waitlisted);
  return members < c.size_limit && waiting == 0 ? MemberStatus::member : MemberStatus::waitlisted;
}

Status check_can_answer_request(const Circle& c, PersonId actor, const CircleMember* request) {
  if (actor != c.host_id) return forbidden("only the circle's host answers requests to join");
  MH_CHECK(check_circle_workable(c));
  if (!request) return not_found("this person has not asked to join the circle");
  if (request->status != MemberStatus::requested)
    return conflict(std::string("this person is ") + to_string(request->status) + "; there is no request to answer",
                    "state");
  return {};
}

Status check_can_leave(const Circle& c, PersonId person, const CircleMember* row) {
  if (person == c.host_id) return conflict("the host cannot leave the circle; conclude it instead", "state");
  if (c.state == CircleState::concluded) return conflict(state_phrase(c) + "; it is read-only", "state");
  if (!row || !is_engaged(row->status))
    return conflict(row ? std::string("you are ") + to_string(row->status) + "; there is nothing to leave"
                        : std::string("you are not in this circle"),
                    "state");
  return {};
}

Status check_can_remove(const Circle& c, PersonId actor, const CircleMember* row) {
  if (actor != c.host_id) return forbidden("only the circle's host removes people");
  if (c.state == CircleState::concluded) return conflict(state_phrase(c) + "; it is read-only", "state");
  if (!row) return not_found("this person is not in the circle");
  if (row->status != MemberStatus::member && row->status != MemberStatus::waitlisted)
    return conflict(std::string("this person is ") + to_string(row->status) + "; only members and waitlisted people "
                                                                           "can be removed",
                    "state");
  return {};
}

std::vector<PersonId> promotions(const Circle& c, const std::vector<CircleMember>& roster) {
  std::vector<PersonId> out;
  if (c.state != CircleState::active || !c.accepting_members) return out;
  int free = c.size_limit - count_status(roster, MemberStatus::member);
  for (const auto& m : waitlist(roster)) {
    if (free <= 0) break;
    out.push_back(m.person_id);
    --free;
  }
  return out;
}

Status check_new_size_limit(const Circle& c, int size_limit, const std::vector<CircleMember>& roster) {
  Circle changed = c;
  changed.size_limit = size_limit;
  MH_CHECK(validate_circle(changed));
  const int members = count_status(roster, MemberStatus::member);
  if (size_limit < members)
    return conflict("the circle already has " + std::to_string(members) +
                        " members; the size limit cannot go below that",
                    "size_limit");
  return {};
}

Purpose CirclePurpose::as_purpose() const {
  Purpose p;
  p.objectives = objectives;
  p.desired_outcome = desired_outcome;
  p.version = version;
  p.mentee_agreed_version = p.mentor_agreed_version = agreed_version;
  p.agreed_at = agreed_at;
  return p;
}

Status redraft_circle_purpose(CirclePurpose& p, const Circle& c, std::vector<Objective> objectives,
                              std::string desired_outcome) {
  MH_CHECK(check_circle_workable(c));
  return replace_draft(p, std::move(objectives), std::move(desired_outcome));
}

Result<bool> agree_circle_purpose(CirclePurpose& p, const Circle& c, PersonId actor, int version, TimePoint now) {
  if (actor != c.host_id) return forbidden("the circle's purpose is agreed by its host");
  MH_CHECK(check_circle_workable(c));
  MH_CHECK(check_version_to_agree(p.version, version));
  if (p.is_agreed()) return false;
  p.agreed_version = version;
  p.agreed_at = now;
  return true;
}

Status validate_new_session(const CircleSession& s, const Circle& c, TimePoint now) {
  MH_CHECK(check_circle_workable(c));
  Meeting m;
  m.starts_at = s.starts_at;
  m.duration_minutes = s.duration_minutes;
  m.medium = s.medium;
  m.where = s.where;
  // The meeting rules apply as they do to a workable one-to-one relationship.
  return validate_new_meeting(m, RelState::active, now);
}

Status change_session_status(CircleSession& s, MeetingStatus to, TimePoint now) {
  if (to == MeetingStatus::no_show) return invalid("status", "a group session is held or cancelled");
  Meeting m;
  m.starts_at = s.starts_at;
  m.status = s.status;
  if (auto ok = change_meeting_status(m, to, now); !ok) {
    Error e = ok.error();
    // "the meeting is held" reads "the session is held" here.
    if (auto pos = e.message.find("meeting"); pos != std::string::npos) e.message.replace(pos, 7, "session");
    return e;
  }
  s.status = m.status;
  return {};
}

Status check_attendance(const CircleSession& s, Attendance a, PersonId actor, PersonId host, PersonId subject,
                        TimePoint now) {
  if (actor != host && actor != subject) return forbidden("the host records attendance; a member may excuse themselves");
  if (actor != host && a != Attendance::excused)
    return forbidden("a member may only excuse themselves; the host records who was present or absent");
  if (s.status == MeetingStatus::cancelled) return conflict("the session was cancelled", "status");
  if (a != Attendance::excused && s.starts_at > now)
    return conflict("the session has not started yet; record who was present once it has", "status");
  return {};
}

Status check_can_tell_story(const CircleSession& s, const Circle& c, PersonId actor, TimePoint now) {
  if (actor != c.host_id) return forbidden("stories are logged by the host; members answer them with a reflection");
  MH_CHECK(check_circle_workable(c));
  if (s.status == MeetingStatus::cancelled) return conflict("the session was cancelled; no story was told in it", "status");
  if (s.starts_at > now) return conflict("the session has not started yet; log its stories when you meet", "status");
  return {};
}

bool can_see_action_item(const Circle& c, const ActionItem& item, PersonId viewer) {
  return viewer == item.owner_id || viewer == c.host_id;
}

Status validate_action_item(const ActionItem& item, const CirclePurpose& purpose,
                            const std::vector<CircleMember>& roster) {
  const CircleMember* owner = find_member(roster, item.owner_id);
  if (!owner || owner->status != MemberStatus::member)
    return invalid("owner_id", "action items belong to a current member of the circle");
  return in_circle(validate_task(item.task, purpose.as_purpose()));
}

Status check_circle_transition(CircleState from, CircleState to) {
  const bool allowed = (from == CircleState::active && to == CircleState::concluding) ||
                       (from == CircleState::concluding && to == CircleState::concluded);
  if (allowed) return {};
  return conflict(std::string("the circle is ") + to_string(from) + " and cannot become " + to_string(to), "state");
}

Status check_can_start_circle_conclusion(const Circle& c, PersonId actor) {
  if (actor != c.host_id) return forbidden("only the host starts concluding the circle");
  if (c.state != CircleState::active)
    return conflict(state_phrase(c) + (c.state == CircleState::concluded ? "; it is read-only" : " already"), "state");
  return {};
}

Status validate_circle_debrief(const Debrief& d, const Circle& c, const CirclePurpose& purpose,
                               const std::vector<CircleMember>& roster) {
  if (circle_role(c, d.author_id, roster) == CircleRole::none)
    return forbidden("the debrief is written by the host and the circle's members");
  if (c.state != CircleState::concluding)
    return conflict(state_phrase(c) +
                        (c.state == CircleState::concluded ? "; it is read-only" : "; the host starts concluding first"),
                    "state");
  return in_circle(validate_debrief(d, purpose.as_purpose(), RelState::concluding));
}

bool all_debriefed(const Circle& c, const std::vector<CircleMember>& roster, const std::vector<Debrief>& debriefs) {
  std::set<PersonId> authors;
  for (const auto& d : debriefs) authors.insert(d.author_id);
  if (!authors.count(c.host_id)) return false;
  return std::all_of(roster.begin(), roster.end(), [&](const CircleMember& m) {
    return m.status != MemberStatus::member || authors.count(m.person_id) > 0;
  });
}

}  // namespace mh
