#include "api/circle_json.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace mh::api {

namespace {

json circle_purpose_json(const CirclePurpose& p) {
  json j = purpose_json(p.as_purpose(), Role::mentee);
  for (const char* k : {"agreed_by_me", "agreed_by_other", "agreed_by_mentee", "agreed_by_mentor"}) j.erase(k);
  j["agreed_by_host"] = p.is_agreed();
  return j;
}

json session_json(const CircleSession& s) {
  return {{"id", id_json(s.id)},
          {"starts_at", format_iso8601(s.starts_at)},
          {"duration_minutes", s.duration_minutes},
          {"medium", to_string(s.medium)},
          {"where", s.where},
          {"status", to_string(s.status)},
          {"notes", s.notes}};
}

AttendanceSummary summary_of(CircleSessionId session, const std::vector<storage::AttendanceRecord>& records) {
  AttendanceSummary a;
  for (const auto& r : records) {
    if (r.session_id != session) continue;
    if (r.status == Attendance::present) ++a.present;
    if (r.status == Attendance::absent) ++a.absent;
    if (r.status == Attendance::excused) ++a.excused;
  }
  return a;
}

json summary_json(const AttendanceSummary& a) {
  return {{"present", a.present}, {"absent", a.absent}, {"excused", a.excused}};
}

std::vector<std::string> next_steps(const services::CircleView& l, const CirclePurpose& p, const std::vector<CircleSession>& sessions,
                                    const std::vector<ActionItem>& my_items, const std::vector<Story>& stories,
                                    const std::vector<storage::CircleReflection>& reflections,
                                    bool debrief_submitted_by_me, PersonId viewer, TimePoint now) {
  std::vector<std::string> steps;
  const Circle& c = l.circle;
  if (c.state == CircleState::concluding) {
    if (!debrief_submitted_by_me)
      steps.push_back("Write your debrief: what was achieved, and what you would do differently next time.");
    return steps;
  }
  if (c.state != CircleState::active) return steps;
  if (l.role == CircleRole::host) {
    if (p.version == 0) steps.push_back("Define the circle's purpose: objectives and the outcome you want together.");
    else if (!p.is_agreed()) steps.push_back("Read the drafted purpose and agree to it.");
    const int requests = count_status(l.roster, MemberStatus::requested);
    if (requests > 0) steps.push_back("Answer " + std::to_string(requests) + (requests == 1 ? " request" : " requests") +
                                      " to join.");
    const bool upcoming = std::any_of(sessions.begin(), sessions.end(), [&](const CircleSession& s) {
      return s.status == MeetingStatus::scheduled && s.starts_at > now;
    });
    if (!upcoming) steps.push_back("Schedule the next group session.");
  } else {
    if (my_items.empty())
      steps.push_back("Add your own action items: tasks with dates give you something to follow up on.");
    const auto unreflected = std::count_if(stories.begin(), stories.end(), [&](const Story& s) {
      return std::none_of(reflections.begin(), reflections.end(),
                          [&](const auto& r) { return r.story_id == s.id && r.person_id == viewer; });
    });
    if (unreflected > 0)
      steps.push_back("Reflect on the host's stories: what did you learn, or what can you apply?");
  }
  return steps;
}

}  // namespace

// What anyone signed in sees: enough to decide whether to join.
json card_json(const Circle& c, const std::vector<CircleMember>& roster, const services::CirclePeople& people,
               PersonId viewer) {
  const int members = count_status(roster, MemberStatus::member);
  json my_status = nullptr;
  if (viewer == c.host_id) my_status = "host";
  else if (const CircleMember* m = find_member(roster, viewer)) my_status = to_string(m->status);
  const auto position = waitlist_position(roster, viewer);
  return {{"id", id_json(c.id)},
          {"topic", c.topic},
          {"description", c.description},
          {"host", person_ref(people.of(c.host_id), c.host_id)},
          {"created_by", id_json(c.created_by)},
          {"size_limit", c.size_limit},
          {"cadence_days", c.cadence_days},
          {"medium", to_string(c.medium)},
          {"membership", to_string(c.membership)},
          {"accepting_members", c.accepting_members},
          {"state", to_string(c.state)},
          {"members", members},
          {"waitlisted", count_status(roster, MemberStatus::waitlisted)},
          {"places_free", std::max(0, c.size_limit - members)},
          {"my_status", my_status},
          {"my_waitlist_position", position ? json(*position) : json(nullptr)},
          {"created_at", format_iso8601(c.created_at)},
          {"updated_at", format_iso8601(c.updated_at)},
          {"concluding_at", opt_time_json(c.concluding_at)},
          {"concluded_at", opt_time_json(c.concluded_at)}};
}

json action_item_json(const ActionItem& item, const services::CirclePeople& people, TimePoint now) {
  json j = task_json(item.task, now);
  j.erase("owner");
  j["owner"] = person_ref(people.of(item.owner_id), item.owner_id);
  j["created_by"] = id_json(item.created_by);
  return j;
}

json story_with_reflections(const Story& s, const std::vector<storage::CircleReflection>& all,
                            const services::CirclePeople& people, PersonId viewer) {
  json reflections = json::array();
  json mine = nullptr;
  for (const auto& r : all) {
    if (r.story_id != s.id) continue;
    reflections.push_back({{"person", person_ref(people.of(r.person_id), r.person_id)},
                           {"reflection", r.reflection},
                           {"reflected_at", format_iso8601(r.reflected_at)}});
    if (r.person_id == viewer) mine = r.reflection;
  }
  return {{"id", id_json(s.id)},
          {"session_id", id_json(s.meeting_id)},
          {"teller_id", id_json(s.teller_id)},
          {"story", s.story},
          {"point", s.point},
          {"reflections", reflections},
          {"my_reflection", mine},
          {"question_for_members", "What did you learn from this story, or what can you apply?"}};
}

json workspace_json(const services::CircleView& l, const services::CircleContent& content, PersonId viewer,
                    TimePoint now) {
  const services::CirclePeople& people = content.people;
  const Circle& c = l.circle;
  const bool host = l.role == CircleRole::host;
  json j = card_json(c, l.roster, people, viewer);
  json members = json::array();
  for (const auto& m : l.roster)
    if (m.status == MemberStatus::member)
      members.push_back(
          {{"person", person_ref(people.of(m.person_id), m.person_id)}, {"since", format_iso8601(m.since)}});
  j["member_list"] = members;
  if (host) {
    json line = json::array();
    int position = 0;
    for (const auto& m : waitlist(l.roster))
      line.push_back({{"person", person_ref(people.of(m.person_id), m.person_id)},
                      {"position", ++position},
                      {"since", format_iso8601(m.since)}});
    json requests = json::array();
    for (const auto& m : l.roster)
      if (m.status == MemberStatus::requested)
        requests.push_back({{"person", person_ref(people.of(m.person_id), m.person_id)},
                            {"message", m.message},
                            {"requested_at", format_iso8601(m.requested_at)}});
    j["waitlist"] = line;
    j["requests"] = requests;
  } else {
    j["waitlist"] = nullptr;
    j["requests"] = nullptr;
  }
  j["purpose"] = circle_purpose_json(content.purpose);
  std::vector<CircleSession> sessions;
  json session_items = json::array();
  for (const auto& [s, link] : content.sessions) {
    json sj = session_json(s);
    sj["video_url"] = link_or_null(link);
    sj["attendance"] = summary_json(summary_of(s.id, content.attendance));
    sj["stories"] = static_cast<int>(std::count_if(content.stories.begin(), content.stories.end(),
                                                   [&](const Story& x) { return x.meeting_id == s.id; }));
    session_items.push_back(sj);
    sessions.push_back(s);
  }
  j["sessions"] = session_items;
  json story_items = json::array();
  for (const auto& s : content.stories)
    story_items.push_back(story_with_reflections(s, content.reflections, people, viewer));
  j["stories"] = story_items;
  json item_items = json::array();
  for (const auto& item : content.action_items) item_items.push_back(action_item_json(item, people, now));
  j["action_items"] = item_items;
  j["debrief"] = {{"submitted_by_me", content.debrief_submitted_by_me}, {"submitted", content.debriefs_submitted}};
  j["next_steps"] = next_steps(l, content.purpose, sessions, host ? std::vector<ActionItem>{} : content.action_items,
                               content.stories, content.reflections, content.debrief_submitted_by_me, viewer, now);
  return j;
}

json session_detail(const services::CircleView& l, const services::CircleSessionView& v, PersonId viewer) {
  const CircleSession& s = v.item.session;
  json j = session_json(s);
  j["video_url"] = link_or_null(v.item.video_link);
  std::map<PersonId, Attendance> by_person;
  for (const auto& r : v.attendance) by_person[r.person_id] = r.status;
  json attendance = json::array();
  for (const auto& m : l.roster) {
    if (m.status != MemberStatus::member && !by_person.count(m.person_id)) continue;
    auto it = by_person.find(m.person_id);
    attendance.push_back({{"person", person_ref(v.people.of(m.person_id), m.person_id)},
                          {"status", it == by_person.end() ? json(nullptr) : json(to_string(it->second))}});
  }
  j["attendance"] = attendance;
  j["attendance_summary"] = summary_json(summary_of(s.id, v.attendance));
  json stories = json::array();
  for (const auto& st : v.stories) stories.push_back(story_with_reflections(st, v.reflections, v.people, viewer));
  j["stories"] = stories;
  j["story_hints"] = v.story_hints;
  return j;
}

json debrief_summary(const services::CircleView& l, const services::CircleDebriefs& v) {
  json items = json::array();
  for (const auto& d : v.debriefs) {
    json dj = debrief_json(d);
    dj["author"] = person_ref(v.people.of(d.author_id), d.author_id);
    items.push_back(dj);
  }
  const int expected = 1 + count_status(l.roster, MemberStatus::member);
  return json{{"circle_id", id_json(l.circle.id)},
              {"state", to_string(l.circle.state)},
              {"purpose", circle_purpose_json(v.purpose)},
              {"submitted_by_me", v.submitted_by_me},
              {"submitted", v.submitted},
              {"expected", expected},
              {"debriefs", items}};
}

}  // namespace mh::api
