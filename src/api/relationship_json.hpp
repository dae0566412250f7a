// The relationship and its five actions as JSON. Only participants ever get these shapes
// (the route wrappers check); the administrator's overview has its own, content-free shape.
// Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/json_io.hpp"
#include "api/json_writer.hpp"
#include "domain/conclusion.hpp"
#include "domain/logistics.hpp"
#include "domain/meetings.hpp"
#include "domain/plan.hpp"
#include "domain/purpose.hpp"
#include "domain/relationship.hpp"
#include "storage/notifications_repo.hpp"
#include "services/relationship_views.hpp"
#include "services/workspace.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::api {

json id_json(std::int64_t id);
json opt_time_json(const std::optional<TimePoint>& t);

// The request/relationship itself, as seen by `viewer` (their role and the other person): written
// as one object (a page of them without a document), or as a document to add to.
void write_relationship(JsonWriter& w, const Relationship& r, PersonId viewer, const Person* mentee,
                        const Person* mentor);
json relationship_json(const Relationship& r, PersonId viewer, const Person* mentee, const Person* mentor);
// A person as the others in a circle or a flash session see them: id, name, title and timezone
// (all but the id null for a person who no longer exists).
json person_ref(const std::optional<Person>& p, PersonId id);
json state_change_json(const StateChange& c);
json info_request_json(const storage::InfoRequest& q);
json purpose_json(const Purpose& p, Role viewer_role);
json logistics_json(const std::optional<Logistics>& l);
json task_json(const Task& t, TimePoint now);
json meeting_json(const Meeting& m);
json story_json(const Story& s);
json debrief_json(const Debrief& d);
json notification_json(const storage::Notification& n);
json hints_json(const std::vector<std::string>& hints);

// The views of one relationship for its participant `viewer` (the route wrappers and the
// services reads check who that may be). They only render what the reads of
// services/relationship_views.hpp gave, the two participants included, and read nothing
// themselves.
// The relationship as a use case that changed it answers: the relationship with its two people;
// `with_questions` adds the questions asked about the request.
json relationship_card_json(const services::RelationshipCard& c, PersonId viewer, bool with_questions);
// The workspace: the card, the program, the five actions' content and what to do next.
json workspace_json(const services::WorkspaceView& v, PersonId viewer, TimePoint now, const LifecycleSettings& settings);
// A relationship's shared content as an administrator reads it through break-glass access
// (services::shared_workspace): the workspace without anything that belongs to one viewer.
json shared_content_json(const services::WorkspaceView& v, TimePoint now, const LifecycleSettings& settings);
// The debriefs as `viewer` sees them: their own; the other's too once the relationship is concluded.
json debrief_summary(const services::DebriefView& v, PersonId viewer);

// Readers for the bodies (throw ApiError naming the field).
std::vector<Objective> objectives_from_json(const json& v);
Logistics logistics_from_json(const json& body);
// A debrief's outcomes, texts and rating (the author and time are the caller's).
Debrief debrief_from_json(const json& body);
// A story told in a meeting or a circle's session: its text and the point it makes (either may
// be empty here; the domain says what a story needs).
Story story_from_json(const json& body);
// A reflection on a story ("reflection", empty when absent).
std::string reflection_from_json(const json& body);
// The fields of a task or a circle's action item present in `body` (title, notes, type,
// objective_id, due, status); the caller reads who owns it.
services::TaskChanges task_fields_from_json(const json& body);
Medium medium_from_json(const json& v);
// A time the caller typed, read as common/typed_time.hpp says: wall clock in `zone` (their own
// timezone; UTC when it is not one the machine knows) or an absolute time that says its zone.
TimePoint time_from_json(const json& v, const std::string& field, std::string_view zone);
// "YYYY-MM-DD" -> midnight UTC of that day.
TimePoint date_from_json(const json& v, const std::string& field);

}  // namespace mh::api
