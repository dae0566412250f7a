// The relationship's working content in the store: meetings with their agenda and notes
// (shared, and private to their author), and stories with reflections (the action plan's tasks
// and the debriefs, the same as a circle's, are in content_repo.hpp). Free functions over a
// connection inside a Store transaction; they never commit. Every lookup is scoped to its
// relationship, so an id from another relationship reads as missing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/conclusion.hpp"
#include "domain/meetings.hpp"
#include "domain/plan.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

MeetingId insert_meeting(sql::Connection& db, const Meeting& m);
void update_meeting(sql::Connection& db, const Meeting& m);
std::optional<Meeting> find_meeting(sql::Connection& db, RelationshipId rel, MeetingId id);
std::vector<Meeting> meetings_of(sql::Connection& db, RelationshipId rel);

// The author's private note on a meeting, "" if none.
std::string private_note(sql::Connection& db, MeetingId meeting, PersonId author);
void save_private_note(sql::Connection& db, MeetingId meeting, PersonId author, const std::string& text, TimePoint at);

StoryId insert_story(sql::Connection& db, const Story& s, TimePoint at);
void save_reflection(sql::Connection& db, StoryId id, const std::string& reflection, TimePoint at);
// Every story told in the relationship's meetings, in order.
std::vector<Story> stories_of(sql::Connection& db, RelationshipId rel);

}  // namespace mh::storage
