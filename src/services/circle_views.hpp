// What the host and the members read of a circle: its shared content (the workspace), one
// session, and the debriefs. Reads in the caller's transaction; each is forbidden for anyone but
// the circle's host and members (administrators included) and keeps the rules of what is whose:
// a member sees their own action items, the host everyone's; a debrief stays its author's until
// the circle is concluded; the hints for stories worth telling are the host's. Each comes with
// the people it names, read at once, so the API renders them without reading anything
// (api/circle_json.cpp).
#pragma once

#include <string>
#include <vector>

#include "services/circles.hpp"
#include "storage/circles_repo.hpp"

namespace mh::services {

// A session with its video link (empty when there is none).
struct CircleSessionItem {
  CircleSession session;
  std::string video_link;
};

struct CircleContent {
  CirclePurpose purpose;
  std::vector<CircleSessionItem> sessions;
  std::vector<storage::AttendanceRecord> attendance;  // every session's
  std::vector<Story> stories;
  std::vector<storage::CircleReflection> reflections;
  std::vector<ActionItem> action_items;  // the host: everyone's; a member: their own
  int debriefs_submitted = 0;
  bool debrief_submitted_by_me = false;
  // The host, the members, the waiting line and requests (the host's view alone), the authors of
  // reflections and the owners of action items.
  CirclePeople people;
};
Result<CircleContent> circle_content(sql::Connection& db, const Person& actor, const CircleView& v);

struct CircleSessionView {
  CircleSessionItem item;
  std::vector<storage::AttendanceRecord> attendance;  // this session's
  std::vector<Story> stories;                         // told in this session
  std::vector<storage::CircleReflection> reflections;  // on any story of the circle
  std::vector<std::string> story_hints;               // the host's alone
  // The members and anyone with attendance at this session, the authors of reflections.
  CirclePeople people;
};
// `v` is the circle as the reader stands in it.
Result<CircleSessionView> circle_session_view(sql::Connection& db, const CircleView& v, const CircleSession& s);

struct CircleDebriefs {
  CirclePurpose purpose;
  int submitted = 0;
  bool submitted_by_me = false;
  // The actor's own; everyone's once the circle is concluded, so nobody is swayed.
  std::vector<Debrief> debriefs;
  CirclePeople people;  // the authors of `debriefs`
};
Result<CircleDebriefs> circle_debriefs(sql::Connection& db, const Person& actor, const CircleView& v);

// The owners of action items the caller already may see (action_item_for, action_items_for, or
// one just added or changed), read at once.
CirclePeople action_item_owners(sql::Connection& db, const std::vector<ActionItem>& items);

}  // namespace mh::services
