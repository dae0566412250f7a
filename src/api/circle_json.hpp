// How a circle is shown: the card anyone signed in sees, and the content its host and members see
// (the workspace, a session, the debriefs, an action item, a story with its reflections). Each
// view takes the viewer, because what they see depends on who they are in the circle: the host
// sees the waitlist and requests and everyone's action items, a member their own. The views only
// render: what they show, the people they name included, comes read from services
// (services/circle_views.hpp, circle_listing.hpp), and a person they were not given is shown as
// one who no longer exists (person_ref).
#pragma once

#include <vector>

#include "api/json_io.hpp"
#include "api/relationship_json.hpp"
#include "services/circle_views.hpp"
#include "services/circles.hpp"

namespace mh::api {

// `people` names the host (services::card_people, a CirclePage's people, or a content read's).
json card_json(const Circle& c, const std::vector<CircleMember>& roster, const services::CirclePeople& people,
               PersonId viewer);
// The content views render what the services reads of services/circle_views.hpp gave (forbidden
// for anyone but the circle's host and members), with `v` the circle as the viewer stands in it.
json workspace_json(const services::CircleView& v, const services::CircleContent& content, PersonId viewer,
                    TimePoint now);
json session_detail(const services::CircleView& v, const services::CircleSessionView& session, PersonId viewer);
// Before the circle is concluded each sees only their own debrief, so nobody is swayed.
json debrief_summary(const services::CircleView& v, const services::CircleDebriefs& d);
// `people` names the item's owner (services::action_item_owners).
json action_item_json(const ActionItem& item, const services::CirclePeople& people, TimePoint now);
// `people` names the authors of `all`'s reflections on the story.
json story_with_reflections(const Story& s, const std::vector<storage::CircleReflection>& all,
                            const services::CirclePeople& people, PersonId viewer);

}  // namespace mh::api
