// Action 1, define the purpose: drafting, versioning and agreement by both participants.
#include "domain/purpose.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mh {
namespace {

using namespace mh::testing;

const TimePoint kFirstMeeting = at("2026-11-23T09:00:00Z");

Objective objective(ObjectiveId id, std::string description, ObjectiveCategory c = ObjectiveCategory::career_options) {
  return Objective{id, c, std::move(description), "I can name two options I would enjoy"};
}

std::vector<Objective> two_objectives() {
  return {objective(1, "Explore a move into product management"),
          objective(2, "Meet five people in the product group", ObjectiveCategory::networking)};
}

// A purpose drafted once (version 1) in a starting relationship.
Purpose drafted() {
  Purpose p;
  EXPECT_TRUE(redraft_purpose(p, RelState::starting, two_objectives(), "A decision on a product role by June"));
  return p;
}

// A purpose drafted and agreed by both.
Purpose agreed() {
  Purpose p = drafted();
  EXPECT_TRUE(agree_purpose(p, RelState::starting, Role::mentee, 1, kFirstMeeting));
  EXPECT_TRUE(agree_purpose(p, RelState::starting, Role::mentor, 1, kFirstMeeting + 1h));
  return p;
}

// ---------------------------------------------------------------------------------------------
// Draft validation.

TEST(PurposeDraft, AcceptsObjectivesWithDescriptions) {
  EXPECT_TRUE(validate_purpose_draft(two_objectives(), "A decision on a product role"));
}

TEST(PurposeDraft, AcceptsAnEmptyDesiredOutcome) { EXPECT_TRUE(validate_purpose_draft(two_objectives(), "")); }

TEST(PurposeDraft, NeedsAtLeastOneObjective) {
  const Status s = validate_purpose_draft({}, "Be a better leader");

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "objectives");
}

TEST(PurposeDraft, NamesTheObjectiveWithoutADescription) {
  std::vector<Objective> objectives = two_objectives();
  objectives[1].description = "  \t";

  const Status s = validate_purpose_draft(objectives, "");

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "objectives[1].description");
}

TEST(PurposeDraft, AllowsTenObjectives) {
  std::vector<Objective> objectives(kMaxObjectives, objective(0, "Learn pivot tables"));

  EXPECT_TRUE(validate_purpose_draft(objectives, ""));
}

TEST(PurposeDraft, RefusesMoreThanTenObjectives) {
  std::vector<Objective> objectives(kMaxObjectives + 1, objective(0, "Learn pivot tables"));

  EXPECT_EQ(field_of(validate_purpose_draft(objectives, "")), "objectives");
}

TEST(PurposeDraft, RefusesAnOverlongSuccessMeasure) {
  std::vector<Objective> objectives = two_objectives();
  objectives[0].success_measure = std::string(2001, 'x');

  EXPECT_EQ(field_of(validate_purpose_draft(objectives, "")), "objectives[0].success_measure");
}

TEST(PurposeDraft, RefusesAnOverlongDesiredOutcome) {
  EXPECT_EQ(field_of(validate_purpose_draft(two_objectives(), std::string(4001, 'x'))), "desired_outcome");
}

TEST(PurposeDraft, CategoryNamesRoundTrip) {
  for (auto c : {ObjectiveCategory::networking, ObjectiveCategory::career_options, ObjectiveCategory::skill_gaps,
                 ObjectiveCategory::skill_coaching, ObjectiveCategory::other})
    EXPECT_EQ(parse_objective_category(to_string(c)), c) << to_string(c);
  EXPECT_FALSE(parse_objective_category("golf"));
}

// ---------------------------------------------------------------------------------------------
// Redrafting and versions.

TEST(PurposeRedraft, TheFirstDraftIsVersionOne) {
  Purpose p;

  ASSERT_TRUE(redraft_purpose(p, RelState::starting, two_objectives(), "A decision"));

  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.objectives, two_objectives());
  EXPECT_EQ(p.desired_outcome, "A decision");
}

TEST(PurposeRedraft, BumpsTheVersion) {
  Purpose p = drafted();

  ASSERT_TRUE(redraft_purpose(p, RelState::active, {objective(1, "Explore product management")}, ""));

  EXPECT_EQ(p.version, 2);
  EXPECT_EQ(p.objectives.size(), 1u);
}

TEST(PurposeRedraft, KeepsTheIdsOfExistingObjectives) {
  Purpose p = drafted();

  ASSERT_TRUE(redraft_purpose(p, RelState::active, {objective(2, "Meet six people"), objective(0, "New one")}, ""));

  EXPECT_EQ(p.objectives[0].id, 2);
  EXPECT_EQ(p.objectives[1].id, 0);
}

TEST(PurposeRedraft, VoidsEarlierAgreement) {
  Purpose p = agreed();
  ASSERT_TRUE(p.is_agreed());

  ASSERT_TRUE(redraft_purpose(p, RelState::active, two_objectives(), "A decision by July"));

  EXPECT_FALSE(p.is_agreed());
  EXPECT_FALSE(p.agreed_by(Role::mentee));
  EXPECT_FALSE(p.agreed_by(Role::mentor));
  EXPECT_FALSE(p.agreed_at.has_value());
}

TEST(PurposeRedraft, AnInvalidDraftChangesNothing) {
  Purpose p = drafted();

  const Status s = redraft_purpose(p, RelState::active, {}, "");

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.objectives, two_objectives());
}

TEST(PurposeRedraft, IsAllowedWhileStartingActiveOrFading) {
  for (RelState s : {RelState::starting, RelState::active, RelState::fading}) {
    Purpose p;
    EXPECT_TRUE(redraft_purpose(p, s, two_objectives(), "")) << to_string(s);
  }
}

TEST(PurposeRedraft, IsAConflictNamingTheStateWhenTheRelationshipIsNotWorkable) {
  for (RelState s : kAllStates) {
    if (is_workable(s)) continue;
    Purpose p;

    const Status st = redraft_purpose(p, s, two_objectives(), "");

    EXPECT_EQ(code_of(st), "conflict") << to_string(s);
    EXPECT_TRUE(contains(message_of(st), to_string(s))) << message_of(st);
    EXPECT_EQ(p.version, 0) << to_string(s);
  }
}

// ---------------------------------------------------------------------------------------------
// Agreement.

TEST(PurposeAgreement, NothingCanBeAgreedBeforeADraft) {
  Purpose p;

  auto r = agree_purpose(p, RelState::starting, Role::mentee, 0, kFirstMeeting);

  EXPECT_EQ(code_of(r), "conflict");
  EXPECT_EQ(field_of(r), "version");
}

TEST(PurposeAgreement, OneSideAgreeingIsNotEnough) {
  Purpose p = drafted();

  auto r = agree_purpose(p, RelState::starting, Role::mentee, 1, kFirstMeeting);

  ASSERT_TRUE(r);
  EXPECT_FALSE(*r);
  EXPECT_TRUE(p.agreed_by(Role::mentee));
  EXPECT_FALSE(p.agreed_by(Role::mentor));
  EXPECT_FALSE(p.is_agreed());
  EXPECT_FALSE(p.agreed_at.has_value());
}

TEST(PurposeAgreement, AgreementByBothReturnsTrueAndSetsAgreedAt) {
  Purpose p = drafted();
  ASSERT_TRUE(agree_purpose(p, RelState::starting, Role::mentor, 1, kFirstMeeting));

  auto r = agree_purpose(p, RelState::starting, Role::mentee, 1, kFirstMeeting + 30min);

  ASSERT_TRUE(r);
  EXPECT_TRUE(*r);
  EXPECT_TRUE(p.is_agreed());
  EXPECT_EQ(p.agreed_at, kFirstMeeting + 30min);
}

TEST(PurposeAgreement, AgreeingAgainReturnsFalseAndKeepsTheAgreementTime) {
  Purpose p = agreed();
  const auto first = p.agreed_at;

  auto r = agree_purpose(p, RelState::active, Role::mentee, 1, kFirstMeeting + 48h);

  ASSERT_TRUE(r);
  EXPECT_FALSE(*r);
  EXPECT_EQ(p.agreed_at, first);
}

TEST(PurposeAgreement, AgreeingToAnOlderVersionIsAConflict) {
  Purpose p = drafted();
  ASSERT_TRUE(redraft_purpose(p, RelState::starting, two_objectives(), "Changed outcome"));

  auto r = agree_purpose(p, RelState::starting, Role::mentor, 1, kFirstMeeting);

  EXPECT_EQ(code_of(r), "conflict");
  EXPECT_EQ(field_of(r), "version");
  EXPECT_FALSE(p.agreed_by(Role::mentor));
}

TEST(PurposeAgreement, AgreeingToAVersionNotYetWrittenIsAConflict) {
  Purpose p = drafted();

  EXPECT_EQ(code_of(agree_purpose(p, RelState::starting, Role::mentor, 2, kFirstMeeting)), "conflict");
}

TEST(PurposeAgreement, EditingAfterAgreementNeedsBothToAgreeAgain) {
  Purpose p = agreed();
  ASSERT_TRUE(redraft_purpose(p, RelState::active, two_objectives(), "A decision by July"));

  auto mentee = agree_purpose(p, RelState::active, Role::mentee, 2, kFirstMeeting + 24h * 10);
  ASSERT_TRUE(mentee);
  EXPECT_FALSE(*mentee);
  EXPECT_FALSE(p.is_agreed());

  auto mentor = agree_purpose(p, RelState::active, Role::mentor, 2, kFirstMeeting + 24h * 11);
  ASSERT_TRUE(mentor);
  EXPECT_TRUE(*mentor);
  EXPECT_TRUE(p.is_agreed());
  EXPECT_EQ(p.agreed_at, kFirstMeeting + 24h * 11);
}

TEST(PurposeAgreement, IsAConflictNamingTheStateWhenTheRelationshipIsNotWorkable) {
  Purpose p = drafted();

  auto r = agree_purpose(p, RelState::concluding, Role::mentee, 1, kFirstMeeting);

  EXPECT_EQ(code_of(r), "conflict");
  EXPECT_TRUE(contains(message_of(r), "concluding")) << message_of(r);
  EXPECT_FALSE(p.agreed_by(Role::mentee));
}

TEST(PurposeAgreement, IsAllowedWhileFading) {
  Purpose p = drafted();

  EXPECT_TRUE(agree_purpose(p, RelState::fading, Role::mentee, 1, kFirstMeeting));
}

}  // namespace
}  // namespace mh
