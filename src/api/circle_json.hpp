// How a circle is shown: the card anyone signed in sees, and the content its host and members see
// (the workspace, a session, the debriefs, an action item, a story with its reflections). Each
// view takes the viewer, because what they see depends on who they are in the circle: the host
// sees the waitlist and requests and everyone's action items, a member their own.
#pragma once

#include <vector>

#include "api/json_io.hpp"
#include "api/relationship_json.hpp"
#include "services/circles.hpp"
#include "storage/circles_repo.hpp"

namespace mh::api {

json card_json(sql::Connection& db, const Circle& c, const std::vector<CircleMember>& roster, PersonId viewer);
// The content views are services reads (services/circle_views.hpp): forbidden for anyone but the
// circle's host and members.
Result<json> workspace_json(sql::Connection& db, const services::CircleView& v, const Person& viewer, TimePoint now);
Result<json> session_detail(sql::Connection& db, const services::CircleView& v, const CircleSession& s, PersonId viewer);
// Before the circle is concluded each sees only their own debrief, so nobody is swayed.
Result<json> debrief_summary(sql::Connection& db, const services::CircleView& v, const Person& viewer);
json action_item_json(sql::Connection& db, const ActionItem& item, TimePoint now);
json story_with_reflections(sql::Connection& db, const Story& s, const std::vector<storage::CircleReflection>& all,
                            PersonId viewer);

}  // namespace mh::api
