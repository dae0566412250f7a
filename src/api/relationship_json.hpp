// The relationship and its five actions as JSON. Only participants ever get these shapes
// (the route wrappers check); the administrator's overview has its own, content-free shape.
// Stateless; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "api/json_io.hpp"
#include "domain/conclusion.hpp"
#include "domain/logistics.hpp"
#include "domain/meetings.hpp"
#include "domain/plan.hpp"
#include "domain/purpose.hpp"
#include "domain/relationship.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::api {

json id_json(std::int64_t id);
json opt_time_json(const std::optional<TimePoint>& t);

// The request/relationship itself, as seen by `viewer` (their role and the other person).
json relationship_json(const Relationship& r, PersonId viewer, const Person* mentee, const Person* mentor);
json state_change_json(const StateChange& c);
json info_request_json(const storage::InfoRequest& q);
json purpose_json(const Purpose& p, Role viewer_role);
json logistics_json(const std::optional<Logistics>& l);
json task_json(const Task& t, TimePoint now);
json meeting_json(const Meeting& m);
json story_json(const Story& s);
json debrief_json(const Debrief& d);
json nudge_json(const storage::Nudge& n);
json hints_json(const std::vector<std::string>& hints);

// Readers for the bodies (throw ApiError naming the field).
std::vector<Objective> objectives_from_json(const json& v);
Logistics logistics_from_json(const json& body);
// A debrief's outcomes, texts and rating (the author and time are the caller's).
Debrief debrief_from_json(const json& body);
TimePoint time_from_json(const json& v, const std::string& field);
// "YYYY-MM-DD" -> midnight UTC of that day.
TimePoint date_from_json(const json& v, const std::string& field);

}  // namespace mh::api
