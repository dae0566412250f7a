#include "services/relationship_views.hpp"

#include <algorithm>

#include "services/video.hpp"
#include "storage/content_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::services {

namespace {

RelationshipCard read_card(sql::Connection& db, const Relationship& r) {
  const NamedPeople pair = read_named_people(db, {r.mentee_id, r.mentor_id});
  return {r, pair.of(r.mentee_id), pair.of(r.mentor_id), storage::info_requests_of(db, r.id)};
}

WorkspaceView read_workspace(sql::Connection& db, const Relationship& r, bool with_video_links) {
  WorkspaceView v;
  static_cast<RelationshipCard&>(v) = read_card(db, r);
  v.program = storage::program_of_relationship(db, r.id);
  v.purpose = storage::load_purpose(db, r.id);
  v.logistics = storage::load_logistics(db, r.id);
  v.tasks = storage::plain_tasks(storage::tasks_of(db, storage::ContentOwner::relationship(r.id)));
  const VideoSettings video = current_video_settings(db);
  for (Meeting& m : storage::meetings_of(db, r.id)) {
    std::string link = with_video_links ? meeting_video_link(db, video, m, "") : "";
    v.meetings.push_back({std::move(m), std::move(link)});
  }
  v.stories = storage::stories_of(db, r.id);
  return v;
}

}  // namespace

Result<RelationshipCard> relationship_card(sql::Connection& db, const Person& actor, const Relationship& r) {
  MH_CHECK(require_participant(r, actor));
  return read_card(db, r);
}

Result<WorkspaceView> workspace_view(sql::Connection& db, const Person& actor, const Relationship& r) {
  MH_CHECK(require_participant(r, actor));
  return read_workspace(db, r, true);
}

WorkspaceView shared_workspace(sql::Connection& db, const Relationship& r) { return read_workspace(db, r, false); }

Result<MeetingView> meeting_view(sql::Connection& db, const Person& actor, const Relationship& r, const Meeting& m) {
  MH_CHECK(require_participant(r, actor));
  if (m.relationship_id != r.id) return not_found("no such meeting");
  MeetingView v;
  v.item = {m, meeting_video_link(db, current_video_settings(db), m, "")};
  v.my_private_note = storage::private_note(db, m.id, actor.id);
  const std::vector<Story> all = storage::stories_of(db, r.id);
  std::copy_if(all.begin(), all.end(), std::back_inserter(v.stories), [&](const Story& s) { return s.meeting_id == m.id; });
  if (r.role_of(actor.id) == Role::mentor) v.story_hints = story_hints(m.id, all);
  return v;
}

Result<std::vector<PrivateNote>> my_private_notes(sql::Connection& db, const Person& actor, const Relationship& r) {
  MH_CHECK(require_participant(r, actor));
  std::vector<PrivateNote> out;
  for (const Meeting& m : storage::meetings_of(db, r.id))
    if (std::string text = storage::private_note(db, m.id, actor.id); !text.empty()) out.push_back({m.id, std::move(text)});
  return out;
}

Result<DebriefView> debrief_view(sql::Connection& db, const Person& actor, const Relationship& r) {
  MH_CHECK(require_participant(r, actor));
  DebriefView v;
  v.relationship = r;
  v.purpose_agreed_at_start = storage::first_agreed_purpose(db, r.id);
  v.purpose = storage::load_purpose(db, r.id);
  const bool concluded = r.state == RelState::concluded;
  for (Debrief& d : storage::debriefs_of(db, storage::ContentOwner::relationship(r.id))) {
    const bool mine = d.author_id == actor.id;
    (mine ? v.submitted_by_me : v.submitted_by_other) = true;
    if (mine || concluded) v.debriefs.push_back(std::move(d));
  }
  return v;
}

}  // namespace mh::services
