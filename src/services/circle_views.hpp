// What the host and the members read of a circle: its shared content (the workspace), one
// session, and the debriefs. Reads in the caller's transaction; each is forbidden for anyone but
// the circle's host and members (administrators included) and keeps the rules of what is whose:
// a member sees their own action items, the host everyone's; a debrief stays its author's until
// the circle is concluded; the hints for stories worth telling are the host's. The API renders
// them (api/circle_json.cpp).
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
};
Result<CircleContent> circle_content(sql::Connection& db, const Person& actor, const CircleView& v);

struct CircleSessionView {
  CircleSessionItem item;
  std::vector<storage::AttendanceRecord> attendance;  // this session's
  std::vector<Story> stories;                         // told in this session
  std::vector<storage::CircleReflection> reflections;  // on any story of the circle
  std::vector<std::string> story_hints;               // the host's alone
};
// `v` is the circle as the reader stands in it.
Result<CircleSessionView> circle_session_view(sql::Connection& db, const CircleView& v, const CircleSession& s);

struct CircleDebriefs {
  CirclePurpose purpose;
  int submitted = 0;
  bool submitted_by_me = false;
  // The actor's own; everyone's once the circle is concluded, so nobody is swayed.
  std::vector<Debrief> debriefs;
};
Result<CircleDebriefs> circle_debriefs(sql::Connection& db, const Person& actor, const CircleView& v);

}  // namespace mh::services
