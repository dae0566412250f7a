// What finding a mentor reads and writes besides people: program settings (opaque JSON text
// per name), managers' recommendations, and per-mentor aggregates of relationships (places
// taken, requests received). Free functions over a connection inside a Store transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/relationship.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

std::optional<std::string> program_setting(sql::Connection& db, const std::string& name);
// Written only by `mentorhub demo`: the demo's shared password and sign-in accounts, as
// {"password": "...", "accounts": [{"role": "...", "email": "..."}]}. Its presence marks a demo
// database, whose sign-in page may offer them.
inline constexpr std::string_view kDemoSignInsSetting = "demo_sign_ins";
void save_program_setting(sql::Connection& db, const std::string& name, const std::string& value, TimePoint at);

struct MentorRecommendation {
  std::int64_t id = 0;
  PersonId manager_id = 0;
  PersonId report_id = 0;
  PersonId mentor_id = 0;
  std::string note;
  TimePoint created_at{};
};
// Inserts or, for the same report and mentor, replaces the note.
std::int64_t save_mentor_recommendation(sql::Connection& db, const MentorRecommendation& r);
std::vector<MentorRecommendation> mentor_recommendations_for(sql::Connection& db, PersonId report);

// Live relationships per mentor (places taken).
std::map<PersonId, int> live_mentees_by_mentor(sql::Connection& db);
// Requests mentees sent, per mentor (for responsiveness).
std::map<PersonId, std::vector<ReceivedRequest>> requests_received_by_mentor(sql::Connection& db);
// The people a person has a waiting request or live relationship with.
std::vector<PersonId> engaged_with(sql::Connection& db, PersonId person);

}  // namespace mh::storage
