// Action 5, debrief and conclude: when a relationship is fading or revives, who may start
// concluding, what a debrief must contain, and the follow-up it suggests.
#include "domain/conclusion.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mh {
namespace {

using namespace mh::testing;

const TimePoint kActivated = at("2026-09-01T09:00:00Z");

// An active, fortnightly relationship whose last meeting was held on `last_held`.
Activity active_since(std::optional<TimePoint> last_held, int cadence_days = 14) {
  Activity a;
  a.state = RelState::active;
  a.cadence_days = cadence_days;
  a.activated_at = kActivated;
  a.last_held_meeting = last_held;
  return a;
}

Activity fading_since(std::optional<TimePoint> last_held, int cadence_days = 14) {
  Activity a = active_since(last_held, cadence_days);
  a.state = RelState::fading;
  return a;
}

// ---------------------------------------------------------------------------------------------
// should_fade and should_revive turn at the same time: twice the cadence after the last meeting.
// Up to it an active relationship does not fade and a fading one revives; one second later an
// active one fades and a fading one stays fading. A meeting on the calendar counts as within it.

struct SinceMeeting {
  const char* name;
  Seconds after;
  bool another_scheduled;
  bool within;
};

class FadingAtTwiceTheCadence : public ::testing::TestWithParam<SinceMeeting> {};

TEST_P(FadingAtTwiceTheCadence, AnActiveRelationshipFadesOnlyBeyondIt) {
  const TimePoint held = kActivated + days(10);
  Activity a = active_since(held);
  a.has_upcoming_meeting = GetParam().another_scheduled;

  EXPECT_EQ(should_fade(a, held + GetParam().after), !GetParam().within);
}

TEST_P(FadingAtTwiceTheCadence, AFadingRelationshipRevivesOnlyWithinIt) {
  const TimePoint held = kActivated + days(40);
  Activity a = fading_since(held);
  a.has_upcoming_meeting = GetParam().another_scheduled;

  EXPECT_EQ(should_revive(a, held + GetParam().after), GetParam().within);
}

const SinceMeeting kSinceMeeting[] = {
    {"ADayAfter", days(1), false, true},
    {"ExactlyTwiceTheCadenceAfter", days(28), false, true},
    {"OneSecondBeyondTwiceTheCadence", days(28) + 1s, false, false},
    {"LongAfterWithAnotherMeetingScheduled", days(90), true, true},
};
INSTANTIATE_TEST_SUITE_P(Boundary, FadingAtTwiceTheCadence, ::testing::ValuesIn(kSinceMeeting), CaseName{});

// ---------------------------------------------------------------------------------------------
// should_fade

TEST(Fading, UsesTheRelationshipsOwnCadence) {
  const TimePoint held = kActivated + days(10);

  EXPECT_FALSE(should_fade(active_since(held, 7), held + days(14)));
  EXPECT_TRUE(should_fade(active_since(held, 7), held + days(14) + 1s));
}

TEST(Fading, CountsFromActivationWhenNoMeetingWasHeld) {
  const Activity a = active_since(std::nullopt);

  EXPECT_FALSE(should_fade(a, kActivated + days(28)));
  EXPECT_TRUE(should_fade(a, kActivated + days(28) + 1s));
}

TEST(Fading, CountsFromActivationWhenItCameAfterTheLastMeeting) {
  // A first meeting held while starting, then the purpose agreed a week later.
  const Activity a = active_since(kActivated - days(7));

  EXPECT_FALSE(should_fade(a, kActivated + days(28)));
}

TEST(Fading, OnlyAnActiveRelationshipFades) {
  for (RelState s : {RelState::starting, RelState::fading, RelState::concluding, RelState::concluded}) {
    Activity a = active_since(kActivated + days(1));
    a.state = s;
    EXPECT_FALSE(should_fade(a, kActivated + days(100))) << to_string(s);
  }
}

TEST(Fading, NeverFadesWithoutAnyDateToCountFrom) {
  Activity a = active_since(std::nullopt);
  a.activated_at.reset();

  EXPECT_FALSE(should_fade(a, kActivated + days(365)));
}

// ---------------------------------------------------------------------------------------------
// should_revive

TEST(FadingRevival, StaysFadingWithoutAnyMeeting) {
  EXPECT_FALSE(should_revive(fading_since(std::nullopt), kActivated + days(40)));
}

TEST(FadingRevival, OnlyAFadingRelationshipRevives) {
  Activity a = active_since(kActivated + days(1));
  a.has_upcoming_meeting = true;

  EXPECT_FALSE(should_revive(a, kActivated + days(2)));
}

TEST(FadingRevival, AQuietRelationshipFadesAndRevivesWhenAMeetingIsScheduled) {
  FakeClock clock(kActivated);
  Relationship r;
  r.state = RelState::starting;
  ASSERT_TRUE(transition(r, RelState::active, std::nullopt, clock.now()));
  Activity a = active_since(std::nullopt);

  clock.advance(days(28));
  EXPECT_FALSE(should_fade(a, clock.now()));

  clock.advance(1s);
  ASSERT_TRUE(should_fade(a, clock.now()));
  ASSERT_TRUE(transition(r, RelState::fading, std::nullopt, clock.now()));
  a.state = r.state;
  EXPECT_FALSE(should_revive(a, clock.now()));

  clock.advance(days(3));
  a.has_upcoming_meeting = true;
  ASSERT_TRUE(should_revive(a, clock.now()));
  ASSERT_TRUE(transition(r, RelState::active, std::nullopt, clock.now()));
  EXPECT_EQ(r.activated_at, kActivated);
}

// ---------------------------------------------------------------------------------------------
// check_can_start_concluding

TEST(Concluding, CanStartFromStartingActiveOrFading) {
  for (RelState s : {RelState::starting, RelState::active, RelState::fading})
    EXPECT_TRUE(check_can_start_concluding(s)) << to_string(s);
}

TEST(Concluding, CannotStartBeforeTheRelationshipStarted) {
  for (RelState s : {RelState::requested, RelState::accepted}) {
    const Status st = check_can_start_concluding(s);
    EXPECT_EQ(code_of(st), "conflict") << to_string(s);
    EXPECT_TRUE(contains(message_of(st), to_string(s))) << message_of(st);
  }
}

TEST(Concluding, CannotStartTwice) {
  EXPECT_EQ(code_of(check_can_start_concluding(RelState::concluding)), "conflict");
  EXPECT_EQ(code_of(check_can_start_concluding(RelState::concluded)), "conflict");
}

TEST(Concluding, OutcomeNamesRoundTrip) {
  for (auto o : {ObjectiveOutcome::achieved, ObjectiveOutcome::partly, ObjectiveOutcome::not_achieved})
    EXPECT_EQ(parse_objective_outcome(to_string(o)), o) << to_string(o);
  EXPECT_FALSE(parse_objective_outcome("maybe"));
}

// ---------------------------------------------------------------------------------------------
// validate_debrief


Debrief complete_debrief() {
  Debrief d;
  d.author_id = 1;
  d.outcomes = {{kCareer, ObjectiveOutcome::achieved}, {kNetwork, ObjectiveOutcome::partly}};
  d.achieved = "I know product management is for me";
  d.still_to_do = "Meet two more product people";
  d.do_differently = "Set the review date at the start";
  d.rating = 5;
  d.submitted_at = kActivated + days(120);
  return d;
}

TEST(DebriefValidation, AcceptsAnOutcomeForEveryObjective) {
  EXPECT_TRUE(validate_debrief(complete_debrief(), purpose_with_two_objectives(), RelState::concluding));
}

TEST(DebriefValidation, AcceptsOutcomesInAnyOrder) {
  Debrief d = complete_debrief();
  std::swap(d.outcomes[0], d.outcomes[1]);

  EXPECT_TRUE(validate_debrief(d, purpose_with_two_objectives(), RelState::concluding));
}

TEST(DebriefValidation, IsOnlyPossibleWhileConcluding) {
  const Status s = validate_debrief(complete_debrief(), purpose_with_two_objectives(), RelState::active);

  EXPECT_EQ(code_of(s), "conflict");
  EXPECT_EQ(field_of(s), "state");
  EXPECT_TRUE(contains(message_of(s), "active")) << message_of(s);
}

TEST(DebriefValidation, AConcludedRelationshipIsReadOnly) {
  const Status s = validate_debrief(complete_debrief(), purpose_with_two_objectives(), RelState::concluded);

  EXPECT_EQ(code_of(s), "conflict");
  EXPECT_TRUE(contains(message_of(s), "read-only")) << message_of(s);
}

TEST(DebriefValidation, ConcludingNeedsAnOutcomeForEveryObjective) {
  Debrief d = complete_debrief();
  d.outcomes.pop_back();

  const Status s = validate_debrief(d, purpose_with_two_objectives(), RelState::concluding);

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "outcomes");
  EXPECT_TRUE(contains(message_of(s), "Meet five product people")) << message_of(s);
}

TEST(DebriefValidation, RejectsAnObjectiveThatIsNotInThePurpose) {
  Debrief d = complete_debrief();
  d.outcomes.push_back({999, ObjectiveOutcome::achieved});

  const Status s = validate_debrief(d, purpose_with_two_objectives(), RelState::concluding);

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "outcomes[2].objective_id");
}

TEST(DebriefValidation, RejectsAnObjectiveListedTwice) {
  Debrief d = complete_debrief();
  d.outcomes.push_back({kCareer, ObjectiveOutcome::not_achieved});

  const Status s = validate_debrief(d, purpose_with_two_objectives(), RelState::concluding);

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "outcomes[2].objective_id");
}

TEST(DebriefValidation, APurposeWithoutObjectivesNeedsNoOutcomes) {
  Debrief d = complete_debrief();
  d.outcomes.clear();

  EXPECT_TRUE(validate_debrief(d, Purpose{}, RelState::concluding));
}

TEST(DebriefValidation, TheRatingIsOptional) {
  Debrief d = complete_debrief();
  d.rating.reset();

  EXPECT_TRUE(validate_debrief(d, purpose_with_two_objectives(), RelState::concluding));
}

TEST(DebriefValidation, AcceptsRatingsFromOneToFive) {
  for (int rating : {1, 5}) {
    Debrief d = complete_debrief();
    d.rating = rating;
    EXPECT_TRUE(validate_debrief(d, purpose_with_two_objectives(), RelState::concluding)) << rating;
  }
}

TEST(DebriefValidation, RejectsRatingsOutsideOneToFive) {
  for (int rating : {0, 6, -1}) {
    Debrief d = complete_debrief();
    d.rating = rating;
    EXPECT_EQ(field_of(validate_debrief(d, purpose_with_two_objectives(), RelState::concluding)), "rating") << rating;
  }
}

TEST(DebriefValidation, RejectsAnOverlongAnswer) {
  Debrief d = complete_debrief();
  d.do_differently = std::string(4001, 'x');

  EXPECT_EQ(field_of(validate_debrief(d, purpose_with_two_objectives(), RelState::concluding)), "do_differently");
}

// ---------------------------------------------------------------------------------------------
// follow_up_purpose

Debrief still_to_do(std::string text) {
  Debrief d;
  d.still_to_do = std::move(text);
  return d;
}

TEST(ConclusionFollowUp, JoinsWhatBothSaidStillNeedsDoing) {
  EXPECT_EQ(follow_up_purpose({still_to_do("Meet two more product people"), still_to_do("Practise a roadmap review")}),
            "Meet two more product people\nPractise a roadmap review");
}

TEST(ConclusionFollowUp, SkipsADebriefWithNothingLeftToDo) {
  EXPECT_EQ(follow_up_purpose({still_to_do(""), still_to_do("Practise a roadmap review")}), "Practise a roadmap review");
}

TEST(ConclusionFollowUp, IsEmptyWhenNothingRemains) {
  EXPECT_EQ(follow_up_purpose({still_to_do(""), still_to_do("")}), "");
  EXPECT_EQ(follow_up_purpose({}), "");
}

}  // namespace
}  // namespace mh
