// Reading circles in bulk: the page of cards anyone signed in may browse (their own circles when
// they ask for "mine", never someone else's), and the administrators' overview of every circle's
// states and counts, never content. Reads in the caller's transaction; the API renders them.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "services/circles.hpp"
#include "storage/circles_repo.hpp"

namespace mh::services {

struct CircleListing {
  std::optional<CircleState> state;
  std::optional<bool> accepting;  // accepting members (and active)
  bool mine = false;              // hosted by the actor, or with a row for them
  std::optional<CircleId> after;  // cursor: ids greater than this
  int limit = 50;
};
struct CirclePage {
  std::vector<CircleView> items;  // each with its roster and the actor's role in it
  std::optional<CircleId> next;   // the cursor of the next page, when there is one
  CirclePeople people;            // the hosts of the page's circles, read at once
};
CirclePage circle_page(sql::Connection& db, const Person& actor, const CircleListing& listing);

// Every circle the actor hosts or has a row in, as circle_page gives them (the data export),
// without the people their cards name (card_people reads them).
std::vector<CircleView> circles_involving(sql::Connection& db, const Person& actor);

struct CircleOverviewRow {
  Circle circle;
  storage::CircleCounts counts;
};
struct CircleOverview {
  std::map<CircleState, int> counts;  // every state, 0 included
  std::vector<CircleOverviewRow> items;  // oldest first; one state's alone when asked
};
// Administrators only (forbidden otherwise).
Result<CircleOverview> circle_overview(sql::Connection& db, const Person& actor, std::optional<CircleState> state);

}  // namespace mh::services
