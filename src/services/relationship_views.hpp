// What a participant reads of a one-to-one relationship: the workspace (the five actions'
// content), one meeting, and the debrief summary. Reads in the caller's transaction; each checks
// that the actor is the relationship's mentee or mentor (forbidden otherwise, administrators
// included) and applies the privacy rules of what the other participant wrote: a private note
// is its author's alone, and a debrief stays its author's until the relationship is concluded.
// Each comes with everything its view shows, the two participants included (read together, as
// they are now: a deactivated one as inactive), so the API renders them without reading anything
// (api/relationship_json.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/conclusion.hpp"
#include "domain/logistics.hpp"
#include "domain/meetings.hpp"
#include "domain/plan.hpp"
#include "domain/purpose.hpp"
#include "services/named_people.hpp"
#include "services/use_case.hpp"
#include "storage/programs_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::services {

// A meeting with its video link (empty when there is none).
struct MeetingItem {
  Meeting meeting;
  std::string video_link;
};

// The relationship with its two people (in one batch read, read_named_people) and the questions
// asked about the request: what a use case that changes it answers with.
struct RelationshipCard {
  Relationship relationship;
  std::optional<Person> mentee, mentor;  // absent only for a person who no longer exists
  std::vector<storage::InfoRequest> questions;
};
Result<RelationshipCard> relationship_card(sql::Connection& db, const Person& actor, const Relationship& r);

struct WorkspaceView : RelationshipCard {
  storage::ProgramRecord program;  // its name and settings' owner; nothing of the program's others
  Purpose purpose;
  std::optional<Logistics> logistics;
  std::vector<Task> tasks;
  std::vector<MeetingItem> meetings;
  std::vector<Story> stories;
};
Result<WorkspaceView> workspace_view(sql::Connection& db, const Person& actor, const Relationship& r);
// The same content for a reader the caller has already authorized through break-glass access
// (services/break_glass.hpp): no video link, a room's link being for the participants alone.
WorkspaceView shared_workspace(sql::Connection& db, const Relationship& r);

struct MeetingView {
  MeetingItem item;
  std::string my_private_note;            // the actor's own; never the other participant's
  std::vector<Story> stories;             // told in this meeting
  std::vector<std::string> story_hints;   // for the mentor only: stories worth telling next
};
Result<MeetingView> meeting_view(sql::Connection& db, const Person& actor, const Relationship& r, const Meeting& m);

// The actor's own private notes in the relationship, by meeting (the other participant's stay
// theirs); meetings without one are left out.
struct PrivateNote {
  MeetingId meeting = 0;
  std::string text;
};
Result<std::vector<PrivateNote>> my_private_notes(sql::Connection& db, const Person& actor, const Relationship& r);

struct DebriefView {
  Relationship relationship;
  std::string purpose_agreed_at_start;  // as stored when both first agreed (JSON); empty if never
  Purpose purpose;                      // as it is now
  bool submitted_by_me = false;
  bool submitted_by_other = false;
  // The actor's own debrief; the other's too once the relationship is concluded, so neither is
  // swayed before writing theirs.
  std::vector<Debrief> debriefs;
};
Result<DebriefView> debrief_view(sql::Connection& db, const Person& actor, const Relationship& r);

}  // namespace mh::services
