#include "services/circle_listing.hpp"

namespace mh::services {

CirclePage circle_page(sql::Connection& db, const Person& actor, const CircleListing& listing) {
  storage::CircleFilter f;
  f.state = listing.state;
  f.accepting = listing.accepting;
  if (listing.mine) f.involving = actor.id;
  f.after = listing.after;
  f.limit = listing.limit + 1;  // one more tells whether there is a next page
  std::vector<Circle> circles = storage::list_circles(db, f);
  CirclePage page;
  if (static_cast<int>(circles.size()) > listing.limit) {
    circles.resize(static_cast<size_t>(listing.limit));
    page.next = circles.back().id;
  }
  std::vector<PersonId> hosts;
  for (const Circle& c : circles) hosts.push_back(c.host_id);
  page.people = read_named_people(db, std::move(hosts));
  for (Circle& c : circles) page.items.push_back(circle_view_of(db, actor, std::move(c)));
  return page;
}

std::vector<CircleView> circles_involving(sql::Connection& db, const Person& actor) {
  std::vector<CircleView> out;
  CircleListing listing;
  listing.mine = true;
  listing.limit = 200;
  for (;;) {
    CirclePage page = circle_page(db, actor, listing);
    for (CircleView& v : page.items) out.push_back(std::move(v));
    if (!page.next) return out;
    listing.after = page.next;
  }
}

Result<CircleOverview> circle_overview(sql::Connection& db, const Person& actor, std::optional<CircleState> state) {
  if (!actor.is_admin) return forbidden("only administrators see every circle's counts");
  CircleOverview o;
  for (CircleState s : {CircleState::active, CircleState::concluding, CircleState::concluded}) o.counts[s] = 0;
  // Every circle's counts in five statements (not five per circle).
  const auto counted = storage::circle_counts(db);
  for (Circle& c : storage::all_circles(db)) {
    ++o.counts[c.state];
    if (state && c.state != *state) continue;
    const auto found = counted.find(c.id);
    o.items.push_back({std::move(c), found == counted.end() ? storage::CircleCounts{} : found->second});
  }
  return o;
}

}  // namespace mh::services
