#include "services/circle_views.hpp"

#include <algorithm>

#include "services/video.hpp"
#include "storage/content_repo.hpp"

namespace mh::services {

namespace {

CircleSessionItem with_link(sql::Connection& db, const VideoSettings& video, CircleSession s) {
  std::string link = circle_session_video_link(db, video, s, "");
  return {std::move(s), std::move(link)};
}

// The people of the roster the reader may see named: the members, and for the host everyone
// waiting or asking to join too.
void add_roster(std::vector<PersonId>& ids, const CircleView& v) {
  const bool host = v.role == CircleRole::host;
  for (const CircleMember& m : v.roster)
    if (m.status == MemberStatus::member ||
        (host && (m.status == MemberStatus::waitlisted || m.status == MemberStatus::requested)))
      ids.push_back(m.person_id);
}

void add_authors(std::vector<PersonId>& ids, const std::vector<storage::CircleReflection>& reflections) {
  for (const auto& r : reflections) ids.push_back(r.person_id);
}

// Stories as the one-to-one hints see them: "reflected" once any member reflected.
std::vector<Story> stories_for_hints(std::vector<Story> stories, const std::vector<storage::CircleReflection>& reflections) {
  for (Story& s : stories)
    if (std::any_of(reflections.begin(), reflections.end(), [&](const auto& r) { return r.story_id == s.id; }))
      s.reflection = "reflected";
  return stories;
}

}  // namespace

Result<CircleContent> circle_content(sql::Connection& db, const Person& actor, const CircleView& v) {
  MH_CHECK(require_content(v));
  const CircleId id = v.circle.id;
  CircleContent c;
  c.purpose = storage::load_circle_purpose(db, id);
  const VideoSettings video = current_video_settings(db);
  for (CircleSession& s : storage::circle_sessions_of(db, id)) c.sessions.push_back(with_link(db, video, std::move(s)));
  c.attendance = storage::attendance_of(db, id);
  c.stories = storage::circle_stories_of(db, id);
  c.reflections = storage::circle_reflections_of(db, id);
  const bool host = v.role == CircleRole::host;
  c.action_items =
      storage::tasks_of(db, storage::ContentOwner::circle(id), host ? std::nullopt : std::optional<PersonId>(actor.id));
  const std::vector<Debrief> debriefs = storage::debriefs_of(db, storage::ContentOwner::circle(id));
  c.debriefs_submitted = static_cast<int>(debriefs.size());
  c.debrief_submitted_by_me =
      std::any_of(debriefs.begin(), debriefs.end(), [&](const Debrief& d) { return d.author_id == actor.id; });
  std::vector<PersonId> named{v.circle.host_id};
  add_roster(named, v);
  add_authors(named, c.reflections);
  for (const ActionItem& item : c.action_items) named.push_back(item.owner_id);
  c.people = read_named_people(db, std::move(named));
  return c;
}

Result<CircleSessionView> circle_session_view(sql::Connection& db, const CircleView& v, const CircleSession& s) {
  MH_CHECK(require_content(v));
  if (s.circle_id != v.circle.id) return not_found("no such session");
  CircleSessionView out;
  out.item = with_link(db, current_video_settings(db), s);
  for (auto& r : storage::attendance_of(db, v.circle.id))
    if (r.session_id == s.id) out.attendance.push_back(std::move(r));
  std::vector<Story> all = storage::circle_stories_of(db, v.circle.id);
  out.reflections = storage::circle_reflections_of(db, v.circle.id);
  std::copy_if(all.begin(), all.end(), std::back_inserter(out.stories), [&](const Story& x) { return x.meeting_id == s.id; });
  if (v.role == CircleRole::host) out.story_hints = story_hints(s.id, stories_for_hints(std::move(all), out.reflections));
  std::vector<PersonId> named;
  for (const CircleMember& m : v.roster)
    if (m.status == MemberStatus::member) named.push_back(m.person_id);
  for (const auto& r : out.attendance) named.push_back(r.person_id);
  add_authors(named, out.reflections);
  out.people = read_named_people(db, std::move(named));
  return out;
}

Result<CircleDebriefs> circle_debriefs(sql::Connection& db, const Person& actor, const CircleView& v) {
  MH_CHECK(require_content(v));
  CircleDebriefs out;
  out.purpose = storage::load_circle_purpose(db, v.circle.id);
  const bool concluded = v.circle.state == CircleState::concluded;
  for (Debrief& d : storage::debriefs_of(db, storage::ContentOwner::circle(v.circle.id))) {
    ++out.submitted;
    const bool mine = d.author_id == actor.id;
    if (mine) out.submitted_by_me = true;
    if (mine || concluded) out.debriefs.push_back(std::move(d));
  }
  std::vector<PersonId> authors;
  for (const Debrief& d : out.debriefs) authors.push_back(d.author_id);
  out.people = read_named_people(db, std::move(authors));
  return out;
}

CirclePeople action_item_owners(sql::Connection& db, const std::vector<ActionItem>& items) {
  std::vector<PersonId> owners;
  for (const ActionItem& item : items) owners.push_back(item.owner_id);
  return read_named_people(db, std::move(owners));
}

}  // namespace mh::services
