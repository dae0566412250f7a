// The relationship views only render: the two participants come with what the services read
// (services::RelationshipCard), so a view needs no database. A deactivated participant is named as
// inactive; one the read could not find (no longer exists) is null, as the relationship's views have
// always shown them. The own data export names managers through person_ref the same way.
#include "api/relationship_json.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace mh::api {
namespace {

using mh::testing::at;

Person someone(PersonId id, const std::string& name, const std::string& email) {
  Person p = mh::testing::person_named(id, name, email);
  p.title = "Engineer";
  p.timezone = "Europe/Berlin";
  return p;
}

services::RelationshipCard active_card() {
  services::RelationshipCard c;
  Relationship& r = c.relationship;
  r.id = 42;
  r.mentee_id = 3;
  r.mentor_id = 4;
  r.initiator_id = 3;
  r.state = RelState::active;
  r.requested_at = r.updated_at = at("2026-11-02T09:00:00Z");
  r.expires_at = at("2026-11-16T09:00:00Z");
  r.answered_at = at("2026-11-03T09:00:00Z");
  c.mentee = someone(3, "Maya Mentee", "maya@example.com");
  c.mentor = someone(4, "Daniel Mentor", "daniel@example.com");
  return c;
}

TEST(RelationshipJson, TheCardNamesBothParticipantsADeactivatedOneAsInactive) {
  services::RelationshipCard c = active_card();
  c.mentor->active = false;
  const json j = relationship_card_json(c, 3, false);
  EXPECT_EQ(j["mentee"].dump(),
            R"({"active":true,"id":"3","name":"Maya Mentee","timezone":"Europe/Berlin","title":"Engineer"})");
  EXPECT_EQ(j["mentor"].dump(),
            R"({"active":false,"id":"4","name":"Daniel Mentor","timezone":"Europe/Berlin","title":"Engineer"})");
  EXPECT_EQ(j["my_role"], "mentee");
  EXPECT_EQ(j["partner_email"], "daniel@example.com");
  EXPECT_FALSE(j.contains("questions"));
  EXPECT_EQ(relationship_card_json(c, 4, true)["questions"], json::array());
}

// A page of relationships is written without a document (write_relationship); its text must be
// what the document would dump, for a live relationship and for a request one side waits on.
TEST(RelationshipJson, TheWrittenTextIsTheDocumentsOwnText) {
  services::RelationshipCard c = active_card();
  c.relationship.message = "Could you help me with \"system design\"?\nThanks \xf0\x9f\x99\x82";
  c.relationship.activated_at = at("2026-11-03T10:00:00Z");
  for (RelState state : {RelState::active, RelState::requested, RelState::concluded}) {
    c.relationship.state = state;
    for (PersonId viewer : {3, 4}) {
      JsonWriter w;
      write_relationship(w, c.relationship, viewer, &*c.mentee, nullptr);
      const json j = json::parse(w.text());
      EXPECT_EQ(w.text(), j.dump());
      EXPECT_EQ(j["waiting_for_me"], state == RelState::requested && viewer == 4);
      EXPECT_EQ(j["partner_email"], state == RelState::active && viewer == 4 ? json("maya@example.com") : json());
      EXPECT_EQ(j["my_role"], viewer == 3 ? "mentee" : "mentor");
    }
  }
}

TEST(RelationshipJson, AParticipantWhoNoLongerExistsIsNull) {
  services::RelationshipCard c = active_card();
  c.mentor.reset();
  const json j = relationship_card_json(c, 3, false);
  EXPECT_EQ(j["mentor"], nullptr);
  EXPECT_EQ(j["partner_email"], nullptr);
  EXPECT_EQ(j["mentee"]["name"], "Maya Mentee");
}

TEST(RelationshipJson, TheWorkspaceIsTheCardWithItsContentAndTheSharedContentLeavesOutWhatIsOnesOwn) {
  services::WorkspaceView v;
  static_cast<services::RelationshipCard&>(v) = active_card();
  v.program.id = 1;
  v.program.fields.name = "Default";
  v.program.is_default = true;
  const LifecycleSettings settings;
  const TimePoint now = at("2026-11-04T09:00:00Z");
  const json mine = workspace_json(v, 4, now, settings);
  EXPECT_EQ(mine["mentee"]["name"], "Maya Mentee");
  EXPECT_EQ(mine["my_role"], "mentor");
  EXPECT_EQ(mine["questions"], json::array());
  EXPECT_EQ(mine["program"]["name"], "Default");
  EXPECT_EQ(mine["cadence_days"], settings.default_cadence_days);
  EXPECT_FALSE(mine["next_steps"].empty());
  EXPECT_TRUE(mine["purpose"].contains("agreed_by_me"));

  const json shared = shared_content_json(v, now, settings);
  EXPECT_EQ(shared["mentor"]["name"], "Daniel Mentor");
  EXPECT_EQ(shared["my_role"], nullptr);
  EXPECT_EQ(shared["waiting_for_me"], false);
  EXPECT_FALSE(shared.contains("next_steps"));
  EXPECT_FALSE(shared["purpose"].contains("agreed_by_me"));
  EXPECT_FALSE(shared["purpose"].contains("agreed_by_other"));
}

TEST(RelationshipJson, TheDebriefSummaryShowsWhatTheReadGave) {
  services::DebriefView v;
  v.relationship = active_card().relationship;
  v.relationship.state = RelState::concluding;
  v.submitted_by_other = true;
  Debrief d;
  d.author_id = 3;
  d.achieved = "A promotion case.";
  d.submitted_at = at("2026-11-05T09:00:00Z");
  v.debriefs.push_back(d);
  const json j = debrief_summary(v, 3);
  EXPECT_EQ(j["relationship_id"], "42");
  EXPECT_EQ(j["state"], "concluding");
  EXPECT_EQ(j["purpose_agreed_at_start"], nullptr);
  EXPECT_EQ(j["submitted_by_me"], false);
  EXPECT_EQ(j["submitted_by_other"], true);
  ASSERT_EQ(j["debriefs"].size(), 1u);
  EXPECT_EQ(j["debriefs"][0]["author_id"], "3");
}

TEST(RelationshipJson, APersonWhoNoLongerExistsIsNamedByIdAlone) {
  EXPECT_EQ(person_ref(std::nullopt, 9).dump(),
            R"({"active":false,"id":"9","name":null,"timezone":null,"title":null})");
}

}  // namespace
}  // namespace mh::api
