// Mentoring circles, one use case per function: creating a circle, its settings, joining and the
// waitlist, the host's answers, leaving and removal, the purpose, group sessions with attendance,
// stories and reflections, each member's action items, and the debriefs that conclude it. Each
// runs inside the caller's transaction (see use_case.hpp) and records every membership or state
// change of the circle (also written to its audit trail) and every nudge it sends.
// The circle's content is open to its host and members only; administrators see counts and
// states elsewhere, never content.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/circle.hpp"
#include "services/named_people.hpp"
#include "services/use_case.hpp"
#include "services/workspace.hpp"

namespace mh::services {

// A circle with its roster, and what the actor is in it.
struct CircleView {
  Circle circle;
  std::vector<CircleMember> roster;
  CircleRole role = CircleRole::none;
};

// The people a circle's view names (its host, members, the waiting line, requests, the authors
// of reflections and debriefs, the owners of action items), read together (read_named_people).
using CirclePeople = NamedPeople;
// The people circle `c`'s card names: its host.
CirclePeople card_people(sql::Connection& db, const Circle& c);

// Circle `c` with its roster, as `actor` stands in it.
CircleView circle_view_of(sql::Connection& db, const Person& actor, Circle c);
// Forbidden unless the view's reader is the circle's host or a member.
Status require_content(const CircleView& v);

// The circle `id` as `actor` stands in it (anyone signed in may see a circle's card): not_found
// if there is none.
Result<CircleView> circle_for(sql::Connection& db, const Person& actor, CircleId id);
// The same, for its content: forbidden for anyone but its host and members, administrators
// included.
Result<CircleView> circle_content_for(sql::Connection& db, const Person& actor, CircleId id);

// A circle's settings as a request gives them; absent ones stay as they are (or the defaults for
// a new circle).
struct CircleSettings {
  std::optional<std::string> topic;
  std::optional<std::string> description;
  std::optional<int> size_limit;
  std::optional<int> cadence_days;
  std::optional<Medium> medium;
  std::optional<Membership> membership;
  void apply_to(Circle& c) const;
};

// A mentor creates a circle they host; an administrator (`actor_is_admin`) may create one on a
// mentor's behalf, and the host is told.
Result<Circle> create_circle(UseCase& uc, const Person& actor, bool actor_is_admin, PersonId host_id,
                             const CircleSettings& settings);
// The host changes the settings; a larger size limit moves people up from the waitlist.
Status change_circle_settings(UseCase& uc, const Person& actor, CircleView& v, const CircleSettings& settings);
// The host closes the circle to new members or reopens it (which fills free places in order).
Status set_accepting_members(UseCase& uc, const Person& actor, CircleView& v, bool accepting);

// Joins an open circle (a place, or the back of the waitlist) or asks to join one by request; the
// host is told.
Status join_circle(UseCase& uc, const Person& actor, CircleView& v, const std::string& message);
// A member, someone waiting or someone who asked leaves; a freed place goes to the next in line.
Status leave_circle(UseCase& uc, const Person& actor, CircleView& v);
// The host's answers to one person: approve or decline a request (with a reason), or remove a
// member or someone waiting.
Status approve_member(UseCase& uc, const Person& actor, CircleView& v, PersonId person);
Status decline_member(UseCase& uc, const Person& actor, CircleView& v, PersonId person, const std::string& reason);
Status remove_member(UseCase& uc, const Person& actor, CircleView& v, PersonId person);

// The host or a member drafts the purpose (a member's draft asks the host to read it); the host
// agrees to the version they read, and every member is told.
Status draft_circle_purpose(UseCase& uc, const Person& actor, CircleView& v, std::vector<Objective> objectives,
                            std::string desired_outcome);
Status agree_to_circle_purpose(UseCase& uc, const Person& actor, CircleView& v, int version);

// A group session to schedule; what it does not say comes from the circle.
struct NewCircleSession {
  TimePoint starts_at{};
  std::optional<int> duration_minutes;
  std::optional<Medium> medium;
  std::string where;
};
Result<CircleSession> schedule_circle_session(UseCase& uc, const Person& actor, CircleView& v,
                                              const NewCircleSession& in);

struct CircleSessionChanges {
  std::optional<TimePoint> starts_at;
  std::optional<int> duration_minutes;
  std::optional<Medium> medium;
  std::optional<std::string> where;
  std::optional<std::string> notes;  // members may edit the notes; everything else is the host's
  std::optional<MeetingStatus> status;
};
// The session `id` of the circle: not_found if it is not one of its sessions.
Result<CircleSession> circle_session_of(const UseCase& uc, const CircleView& v, CircleSessionId id);
Result<CircleSession> change_circle_session(UseCase& uc, const Person& actor, CircleView& v, CircleSessionId id,
                                            const CircleSessionChanges& changes);
// Attendance of members at a session: the host records anyone's, a member may excuse themselves.
Result<CircleSession> record_attendance(UseCase& uc, const Person& actor, CircleView& v, CircleSessionId id,
                                        const std::vector<std::pair<PersonId, Attendance>>& entries);
// The host tells a story at a session that has started; the members are asked to reflect.
Result<std::pair<CircleSession, Story>> tell_circle_story(UseCase& uc, const Person& actor, CircleView& v,
                                                          CircleSessionId id, Story story);
// A member reflects on one of the host's stories.
Status reflect_on_circle_story(UseCase& uc, const Person& actor, CircleView& v, StoryId id,
                               const std::string& reflection);

// A member adds their own action item; the host adds one for a member (`owner`), who is told.
Result<ActionItem> add_action_item(UseCase& uc, const Person& actor, CircleView& v, std::optional<PersonId> owner,
                                   const TaskChanges& fields);
// The action item `id`, seen by its owner and the host only.
Result<ActionItem> action_item_for(const UseCase& uc, const Person& actor, const CircleView& v, ActionItemId id);
// The action items `actor` may see, of one owner or of everyone: a member sees only their own.
Result<std::vector<ActionItem>> action_items_for(const UseCase& uc, const Person& actor, const CircleView& v,
                                                std::optional<PersonId> owner);
Result<ActionItem> change_action_item(UseCase& uc, const Person& actor, CircleView& v, ActionItemId id,
                                      const TaskChanges& changes);

// The host starts concluding the circle; everyone is asked for their debrief.
Status start_circle_conclusion(UseCase& uc, const Person& actor, CircleView& v);
// The host's or a member's debrief; the last one concludes the circle.
Status submit_circle_debrief(UseCase& uc, const Person& actor, CircleView& v, Debrief debrief);

// A circle that has ended meets no more: each of its sessions still scheduled after now is
// cancelled, so the members' calendars drop it. Returns how many were.
int call_off_circle_sessions_to_come(UseCase& uc, const Circle& c);
// What a notice of the circle's end adds about `count` sessions called off (nothing for none).
std::string sessions_called_off(int count);

}  // namespace mh::services
