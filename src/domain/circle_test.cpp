// Mentoring circles: the circle's settings, who may host, joining and the waitlist served in
// order (a place goes to the first in line, rejoining goes to the back), leaving and removal,
// the purpose agreed by the host, group sessions and attendance, stories, members' own action
// items, and concluding with everyone's debrief.
#include "domain/circle.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

#include <string>
#include <vector>

namespace mh {
namespace {

using namespace mh::testing;

constexpr PersonId kHost = 1;

Circle circle(int size_limit = 3) {
  Circle c;
  c.id = 7;
  c.host_id = kHost;
  c.created_by = kHost;
  c.topic = "Women in leadership";
  c.size_limit = size_limit;
  return c;
}

CircleMember row(PersonId person, MemberStatus status, std::int64_t queue) {
  CircleMember m;
  m.circle_id = 7;
  m.person_id = person;
  m.status = status;
  m.queue = queue;
  return m;
}

Person host_person() {
  Person p;
  p.id = kHost;
  p.formats_offered = {Format::one_to_one, Format::circle};
  return p;
}

// ---------------------------------------------------------------------------------------------
// Settings and hosting

TEST(CircleSettings, TheDefaultsWithATopicAreValid) { EXPECT_EQ(code_of(validate_circle(circle())), "ok"); }

TEST(CircleSettings, ACircleNeedsATopic) {
  Circle c = circle();
  c.topic = "  ";
  EXPECT_EQ(field_of(validate_circle(c)), "topic");
}

TEST(CircleSettings, TheSizeLimitIsFromTwoToFifty) {
  for (int size : {1, 51, 0, -3}) {
    Circle c = circle(size);
    EXPECT_EQ(field_of(validate_circle(c)), "size_limit") << size;
  }
  for (int size : {2, 50}) EXPECT_EQ(code_of(validate_circle(circle(size))), "ok") << size;
}

TEST(CircleSettings, TheCadenceIsFromOneToNinetyDays) {
  Circle c = circle();
  c.cadence_days = 0;
  EXPECT_EQ(field_of(validate_circle(c)), "cadence_days");
  c.cadence_days = 91;
  EXPECT_EQ(field_of(validate_circle(c)), "cadence_days");
}

TEST(CircleHosting, AHostMustOfferCircles) {
  Person p = host_person();
  EXPECT_EQ(code_of(check_can_host(p)), "ok");
  p.formats_offered = {Format::one_to_one};
  const auto r = check_can_host(p);
  EXPECT_EQ(code_of(r), "invalid");
  EXPECT_EQ(field_of(r), "host_id");
  EXPECT_TRUE(contains(message_of(r), "circle"));
}

TEST(CircleHosting, ADeactivatedPersonCannotHost) {
  Person p = host_person();
  p.active = false;
  EXPECT_EQ(field_of(check_can_host(p)), "host_id");
}

// ---------------------------------------------------------------------------------------------
// Joining and the waitlist

TEST(CircleJoining, AFreePlaceMakesANewcomerAMember) {
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1)};
  EXPECT_EQ(code_of(check_can_join(circle(), 3, roster)), "ok");
  EXPECT_EQ(admission(circle(), roster), MemberStatus::member);
}

TEST(CircleJoining, AFullCircleWaitlistsANewcomer) {
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1), row(3, MemberStatus::member, 2)};
  EXPECT_EQ(admission(circle(2), roster), MemberStatus::waitlisted);
}

TEST(CircleJoining, ANewcomerQueuesBehindPeopleAlreadyWaitingEvenWithAFreePlace) {
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1), row(3, MemberStatus::waitlisted, 2)};
  EXPECT_EQ(admission(circle(3), roster), MemberStatus::waitlisted);
}

TEST(CircleJoining, TheHostCannotJoinTheirOwnCircle) {
  const auto r = check_can_join(circle(), kHost, {});
  EXPECT_EQ(code_of(r), "conflict");
  EXPECT_TRUE(contains(message_of(r), "host"));
}

TEST(CircleJoining, NobodyJoinsTwiceOrWhileWaiting) {
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1), row(3, MemberStatus::waitlisted, 2),
                                         row(4, MemberStatus::requested, 3)};
  EXPECT_TRUE(contains(message_of(check_can_join(circle(), 2, roster)), "already a member"));
  EXPECT_TRUE(contains(message_of(check_can_join(circle(), 3, roster)), "waitlist"));
  EXPECT_TRUE(contains(message_of(check_can_join(circle(), 4, roster)), "waiting for the host"));
}

TEST(CircleJoining, SomeoneWhoLeftMayComeBack) {
  EXPECT_EQ(code_of(check_can_join(circle(), 2, {row(2, MemberStatus::left, 1)})), "ok");
}

TEST(CircleJoining, SomeoneRemovedOrDeclinedCannotComeBackByThemselves) {
  EXPECT_TRUE(contains(message_of(check_can_join(circle(), 2, {row(2, MemberStatus::removed, 1)})), "removed"));
  EXPECT_TRUE(contains(message_of(check_can_join(circle(), 2, {row(2, MemberStatus::declined, 1)})), "declined"));
}

TEST(CircleJoining, AClosedCircleTakesNobodyNew) {
  Circle c = circle();
  c.accepting_members = false;
  const auto r = check_can_join(c, 2, {});
  EXPECT_EQ(code_of(r), "conflict");
  EXPECT_EQ(field_of(r), "state");
  EXPECT_TRUE(contains(message_of(r), "closed to new members"));
}

TEST(CircleJoining, AConcludingOrConcludedCircleTakesNobodyNew) {
  for (CircleState s : {CircleState::concluding, CircleState::concluded}) {
    Circle c = circle();
    c.state = s;
    const auto r = check_can_join(c, 2, {});
    EXPECT_EQ(field_of(r), "state");
    EXPECT_TRUE(contains(message_of(r), to_string(s)));
  }
}

TEST(CircleWaitlist, IsServedInTheOrderPeopleEnteredIt) {
  const std::vector<CircleMember> roster{row(5, MemberStatus::waitlisted, 9), row(3, MemberStatus::waitlisted, 4),
                                         row(4, MemberStatus::waitlisted, 6), row(2, MemberStatus::member, 1)};
  const auto line = waitlist(roster);
  ASSERT_EQ(line.size(), 3u);
  EXPECT_EQ(line[0].person_id, 3);
  EXPECT_EQ(line[1].person_id, 4);
  EXPECT_EQ(line[2].person_id, 5);
  EXPECT_EQ(waitlist_position(roster, 4), 2);
  EXPECT_EQ(waitlist_position(roster, 2), std::nullopt);
}

TEST(CircleWaitlist, FreePlacesGoToTheFirstInLine) {
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1), row(6, MemberStatus::waitlisted, 8),
                                         row(5, MemberStatus::waitlisted, 3), row(7, MemberStatus::waitlisted, 9)};
  EXPECT_EQ(promotions(circle(3), roster), (std::vector<PersonId>{5, 6}));
  EXPECT_EQ(promotions(circle(2), roster), (std::vector<PersonId>{5}));
  EXPECT_TRUE(promotions(circle(1 + 0), roster).empty());
}

TEST(CircleWaitlist, NobodyMovesUpWhileTheCircleIsClosedOrConcluding) {
  const std::vector<CircleMember> roster{row(5, MemberStatus::waitlisted, 3)};
  Circle closed = circle();
  closed.accepting_members = false;
  EXPECT_TRUE(promotions(closed, roster).empty());
  Circle concluding = circle();
  concluding.state = CircleState::concluding;
  EXPECT_TRUE(promotions(concluding, roster).empty());
}

TEST(CircleWaitlist, RejoiningAfterLeavingGoesToTheBackOfTheLine) {
  // Two members in a circle of two; 4 and 5 wait. Member 2 leaves: 4 moves up. When 2 rejoins
  // with a new queue number, they wait behind 5.
  std::vector<CircleMember> roster{row(2, MemberStatus::member, 1), row(3, MemberStatus::member, 2),
                                   row(4, MemberStatus::waitlisted, 3), row(5, MemberStatus::waitlisted, 4)};
  roster[0].status = MemberStatus::left;
  EXPECT_EQ(promotions(circle(2), roster), (std::vector<PersonId>{4}));
  roster[2].status = MemberStatus::member;
  ASSERT_EQ(code_of(check_can_join(circle(2), 2, roster)), "ok");
  EXPECT_EQ(admission(circle(2), roster), MemberStatus::waitlisted);
  roster[0].status = MemberStatus::waitlisted;
  roster[0].queue = 5;
  EXPECT_EQ(waitlist_position(roster, 5), 1);
  EXPECT_EQ(waitlist_position(roster, 2), 2);
}

TEST(CircleRequests, OnlyTheHostAnswersAPendingRequest) {
  const CircleMember request = row(2, MemberStatus::requested, 1);
  EXPECT_EQ(code_of(check_can_answer_request(circle(), kHost, &request)), "ok");
  EXPECT_EQ(code_of(check_can_answer_request(circle(), 3, &request)), "forbidden");
  EXPECT_EQ(code_of(check_can_answer_request(circle(), kHost, nullptr)), "not_found");
  const CircleMember member = row(2, MemberStatus::member, 1);
  const auto r = check_can_answer_request(circle(), kHost, &member);
  EXPECT_EQ(code_of(r), "conflict");
  EXPECT_TRUE(contains(message_of(r), "member"));
}

TEST(CircleLeaving, MembersWaitlistedPeopleAndRequestersMayLeave) {
  for (MemberStatus s : {MemberStatus::member, MemberStatus::waitlisted, MemberStatus::requested}) {
    const CircleMember m = row(2, s, 1);
    EXPECT_EQ(code_of(check_can_leave(circle(), 2, &m)), "ok") << to_string(s);
  }
  const CircleMember left = row(2, MemberStatus::left, 1);
  EXPECT_EQ(code_of(check_can_leave(circle(), 2, &left)), "conflict");
  EXPECT_EQ(code_of(check_can_leave(circle(), 2, nullptr)), "conflict");
}

TEST(CircleLeaving, TheHostCannotLeaveAndNobodyLeavesAConcludedCircle) {
  EXPECT_TRUE(contains(message_of(check_can_leave(circle(), kHost, nullptr)), "conclude it instead"));
  Circle c = circle();
  c.state = CircleState::concluded;
  const CircleMember m = row(2, MemberStatus::member, 1);
  EXPECT_TRUE(contains(message_of(check_can_leave(c, 2, &m)), "read-only"));
}

TEST(CircleRemoval, OnlyTheHostRemovesMembersOrWaitlistedPeople) {
  const CircleMember m = row(2, MemberStatus::member, 1), w = row(3, MemberStatus::waitlisted, 2),
                     q = row(4, MemberStatus::requested, 3);
  EXPECT_EQ(code_of(check_can_remove(circle(), kHost, &m)), "ok");
  EXPECT_EQ(code_of(check_can_remove(circle(), kHost, &w)), "ok");
  EXPECT_EQ(code_of(check_can_remove(circle(), kHost, &q)), "conflict");
  EXPECT_EQ(code_of(check_can_remove(circle(), 2, &w)), "forbidden");
  EXPECT_EQ(code_of(check_can_remove(circle(), kHost, nullptr)), "not_found");
}

TEST(CircleSettings, TheSizeLimitCannotFallBelowTheMembers) {
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1), row(3, MemberStatus::member, 2),
                                         row(4, MemberStatus::waitlisted, 3)};
  EXPECT_EQ(code_of(check_new_size_limit(circle(3), 2, roster)), "ok");
  const auto r = check_new_size_limit(circle(3), 1, roster);
  EXPECT_EQ(field_of(r), "size_limit");
  EXPECT_EQ(code_of(check_new_size_limit(circle(8), 3, {row(2, MemberStatus::member, 1), row(3, MemberStatus::member, 2),
                                                         row(4, MemberStatus::member, 3), row(5, MemberStatus::member, 4)})),
            "conflict");
}

TEST(CircleRoles, TheHostMembersAndEveryoneElse) {
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1), row(3, MemberStatus::waitlisted, 2)};
  EXPECT_EQ(circle_role(circle(), kHost, roster), CircleRole::host);
  EXPECT_EQ(circle_role(circle(), 2, roster), CircleRole::member);
  EXPECT_EQ(circle_role(circle(), 3, roster), CircleRole::none);
  EXPECT_EQ(circle_role(circle(), 9, roster), CircleRole::none);
}

// ---------------------------------------------------------------------------------------------
// Purpose

std::vector<Objective> two_objectives() {
  return {Objective{0, ObjectiveCategory::networking, "Meet three leaders outside our department", ""},
          Objective{0, ObjectiveCategory::skill_coaching, "Practise giving difficult feedback", "Role-played twice"}};
}

TEST(CirclePurposeRules, ADraftBumpsTheVersionAndNeedsTheHostsAgreementAgain) {
  CirclePurpose p;
  ASSERT_EQ(code_of(redraft_circle_purpose(p, circle(), two_objectives(), "Confidence to lead")), "ok");
  EXPECT_EQ(p.version, 1);
  ASSERT_EQ(agree_circle_purpose(p, circle(), kHost, 1, kNow).value(), true);
  EXPECT_TRUE(p.is_agreed());
  EXPECT_EQ(p.agreed_at, kNow);
  ASSERT_EQ(code_of(redraft_circle_purpose(p, circle(), two_objectives(), "Confidence to lead, together")), "ok");
  EXPECT_EQ(p.version, 2);
  EXPECT_FALSE(p.is_agreed());
  EXPECT_EQ(p.agreed_at, std::nullopt);
}

TEST(CirclePurposeRules, OnlyTheHostAgrees) {
  CirclePurpose p;
  ASSERT_TRUE(redraft_circle_purpose(p, circle(), two_objectives(), ""));
  EXPECT_EQ(code_of(agree_circle_purpose(p, circle(), 2, 1, kNow)), "forbidden");
}

TEST(CirclePurposeRules, AgreeingToAnOlderVersionIsAConflictOnVersion) {
  CirclePurpose p;
  ASSERT_TRUE(redraft_circle_purpose(p, circle(), two_objectives(), ""));
  ASSERT_TRUE(redraft_circle_purpose(p, circle(), two_objectives(), "changed"));
  const auto r = agree_circle_purpose(p, circle(), kHost, 1, kNow);
  EXPECT_EQ(code_of(r), "conflict");
  EXPECT_EQ(field_of(r), "version");
  EXPECT_TRUE(contains(message_of(r), "version 2"));
}

TEST(CirclePurposeRules, ThereIsNothingToAgreeBeforeADraft) {
  CirclePurpose p;
  EXPECT_EQ(field_of(agree_circle_purpose(p, circle(), kHost, 1, kNow)), "version");
}

TEST(CirclePurposeRules, AgreeingTheSameVersionTwiceChangesNothing) {
  CirclePurpose p;
  ASSERT_TRUE(redraft_circle_purpose(p, circle(), two_objectives(), ""));
  ASSERT_TRUE(agree_circle_purpose(p, circle(), kHost, 1, kNow).value());
  EXPECT_FALSE(agree_circle_purpose(p, circle(), kHost, 1, kNow + hours(1)).value());
  EXPECT_EQ(p.agreed_at, kNow);
}

TEST(CirclePurposeRules, ThePurposeFollowsTheOneToOneDraftRules) {
  CirclePurpose p;
  const auto r = redraft_circle_purpose(p, circle(), {}, "");
  EXPECT_EQ(field_of(r), "objectives");
  auto blank = two_objectives();
  blank[1].description = " ";
  EXPECT_EQ(field_of(redraft_circle_purpose(p, circle(), blank, "")), "objectives[1].description");
}

TEST(CirclePurposeRules, ThePurposeIsFrozenOnceConcluding) {
  CirclePurpose p;
  Circle c = circle();
  c.state = CircleState::concluding;
  const auto r = redraft_circle_purpose(p, c, two_objectives(), "");
  EXPECT_EQ(field_of(r), "state");
  EXPECT_TRUE(contains(message_of(r), "concluding"));
}

TEST(CirclePurposeRules, AsAOneToOnePurposeTheHostsAgreementCountsForBoth) {
  CirclePurpose p;
  ASSERT_TRUE(redraft_circle_purpose(p, circle(), two_objectives(), ""));
  EXPECT_FALSE(p.as_purpose().is_agreed());
  ASSERT_TRUE(agree_circle_purpose(p, circle(), kHost, 1, kNow));
  EXPECT_TRUE(p.as_purpose().is_agreed());
}

// ---------------------------------------------------------------------------------------------
// Sessions, attendance and stories

CircleSession session(TimePoint starts_at, MeetingStatus status = MeetingStatus::scheduled) {
  CircleSession s;
  s.id = 30;
  s.circle_id = 7;
  s.starts_at = starts_at;
  s.duration_minutes = 60;
  s.status = status;
  return s;
}

TEST(CircleSessions, ANewSessionFollowsTheMeetingRules) {
  EXPECT_EQ(code_of(validate_new_session(session(kNow + days(2)), circle(), kNow)), "ok");
  EXPECT_EQ(field_of(validate_new_session(session(kNow - minutes(1)), circle(), kNow)), "starts_at");
  CircleSession s = session(kNow + days(2));
  s.duration_minutes = 500;
  EXPECT_EQ(field_of(validate_new_session(s, circle(), kNow)), "duration_minutes");
}

TEST(CircleSessions, NoSessionIsScheduledOnceConcluding) {
  Circle c = circle();
  c.state = CircleState::concluding;
  const auto r = validate_new_session(session(kNow + days(2)), c, kNow);
  EXPECT_EQ(field_of(r), "state");
  EXPECT_TRUE(contains(message_of(r), "the circle is concluding"));
}

TEST(CircleSessions, ASessionIsHeldOnlyOnceStartedAndHasNoNoShow) {
  CircleSession s = session(kNow + hours(1));
  EXPECT_EQ(code_of(change_session_status(s, MeetingStatus::held, kNow)), "conflict");
  EXPECT_EQ(code_of(change_session_status(s, MeetingStatus::held, kNow + hours(1))), "ok");
  EXPECT_EQ(s.status, MeetingStatus::held);
  const auto again = change_session_status(s, MeetingStatus::cancelled, kNow + hours(2));
  EXPECT_TRUE(contains(message_of(again), "the session is held"));
  CircleSession t = session(kNow - hours(1));
  EXPECT_EQ(field_of(change_session_status(t, MeetingStatus::no_show, kNow)), "status");
}

TEST(CircleAttendance, TheHostRecordsAnyMemberOnceTheSessionStarted) {
  const CircleSession started = session(kNow - hours(1));
  for (Attendance a : {Attendance::present, Attendance::absent, Attendance::excused})
    EXPECT_EQ(code_of(check_attendance(started, a, kHost, kHost, 2, kNow)), "ok") << to_string(a);
}

TEST(CircleAttendance, PresenceIsRecordedOnlyOnceTheSessionStarted) {
  const CircleSession upcoming = session(kNow + hours(1));
  const auto r = check_attendance(upcoming, Attendance::present, kHost, kHost, 2, kNow);
  EXPECT_EQ(code_of(r), "conflict");
  EXPECT_TRUE(contains(message_of(r), "not started"));
  EXPECT_EQ(code_of(check_attendance(upcoming, Attendance::excused, kHost, kHost, 2, kNow)), "ok");
}

TEST(CircleAttendance, AMemberMayOnlyExcuseThemselves) {
  const CircleSession started = session(kNow - hours(1));
  EXPECT_EQ(code_of(check_attendance(started, Attendance::excused, 2, kHost, 2, kNow)), "ok");
  EXPECT_EQ(code_of(check_attendance(started, Attendance::present, 2, kHost, 2, kNow)), "forbidden");
  EXPECT_EQ(code_of(check_attendance(started, Attendance::excused, 2, kHost, 3, kNow)), "forbidden");
}

TEST(CircleAttendance, NothingIsRecordedOnACancelledSession) {
  const CircleSession cancelled = session(kNow - hours(1), MeetingStatus::cancelled);
  EXPECT_EQ(code_of(check_attendance(cancelled, Attendance::present, kHost, kHost, 2, kNow)), "conflict");
}

TEST(CircleStories, OnlyTheHostTellsStoriesInASessionThatTookPlace) {
  EXPECT_EQ(code_of(check_can_tell_story(session(kNow - hours(1)), circle(), kHost, kNow)), "ok");
  EXPECT_EQ(code_of(check_can_tell_story(session(kNow - hours(1)), circle(), 2, kNow)), "forbidden");
  EXPECT_EQ(code_of(check_can_tell_story(session(kNow + hours(1)), circle(), kHost, kNow)), "conflict");
  EXPECT_EQ(code_of(check_can_tell_story(session(kNow - hours(1), MeetingStatus::cancelled), circle(), kHost, kNow)),
            "conflict");
}

// ---------------------------------------------------------------------------------------------
// Action items

ActionItem item(PersonId owner, std::optional<ObjectiveId> objective = std::nullopt) {
  ActionItem i;
  i.owner_id = owner;
  i.created_by = owner;
  i.task.title = "Ask two leaders for a coffee chat";
  i.task.objective_id = objective;
  return i;
}

TEST(CircleActionItems, AreSeenByTheirOwnerAndTheHostOnly) {
  EXPECT_TRUE(can_see_action_item(circle(), item(2), 2));
  EXPECT_TRUE(can_see_action_item(circle(), item(2), kHost));
  EXPECT_FALSE(can_see_action_item(circle(), item(2), 3));
}

TEST(CircleActionItems, BelongToACurrentMember) {
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1), row(3, MemberStatus::waitlisted, 2)};
  EXPECT_EQ(code_of(validate_action_item(item(2), {}, roster)), "ok");
  EXPECT_EQ(field_of(validate_action_item(item(3), {}, roster)), "owner_id");
  EXPECT_EQ(field_of(validate_action_item(item(kHost), {}, roster)), "owner_id");
}

TEST(CircleActionItems, ServeOneOfTheCirclesObjectives) {
  CirclePurpose p;
  p.objectives = {Objective{41, ObjectiveCategory::networking, "Meet leaders", ""}};
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1)};
  EXPECT_EQ(code_of(validate_action_item(item(2, 41), p, roster)), "ok");
  const auto r = validate_action_item(item(2, 99), p, roster);
  EXPECT_EQ(field_of(r), "objective_id");
  EXPECT_TRUE(contains(message_of(r), "circle's objectives"));
}

// ---------------------------------------------------------------------------------------------
// Concluding

Debrief debrief(PersonId author, std::vector<std::pair<ObjectiveId, ObjectiveOutcome>> outcomes = {}) {
  Debrief d;
  d.author_id = author;
  d.outcomes = std::move(outcomes);
  d.achieved = "We each met three leaders.";
  d.submitted_at = kNow;
  return d;
}

TEST(CircleConclusion, OnlyTheHostStartsConcludingAnActiveCircle) {
  EXPECT_EQ(code_of(check_can_start_circle_conclusion(circle(), kHost)), "ok");
  EXPECT_EQ(code_of(check_can_start_circle_conclusion(circle(), 2)), "forbidden");
  Circle c = circle();
  c.state = CircleState::concluding;
  const auto r = check_can_start_circle_conclusion(c, kHost);
  EXPECT_EQ(field_of(r), "state");
  EXPECT_TRUE(contains(message_of(r), "concluding already"));
}

TEST(CircleConclusion, ADebriefIsWrittenWhileConcludingByTheHostOrAMember) {
  Circle c = circle();
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1), row(3, MemberStatus::left, 2)};
  EXPECT_TRUE(contains(message_of(validate_circle_debrief(debrief(2), c, {}, roster)), "starts concluding first"));
  c.state = CircleState::concluding;
  EXPECT_EQ(code_of(validate_circle_debrief(debrief(2), c, {}, roster)), "ok");
  EXPECT_EQ(code_of(validate_circle_debrief(debrief(kHost), c, {}, roster)), "ok");
  EXPECT_EQ(code_of(validate_circle_debrief(debrief(3), c, {}, roster)), "forbidden");
  c.state = CircleState::concluded;
  EXPECT_TRUE(contains(message_of(validate_circle_debrief(debrief(2), c, {}, roster)), "read-only"));
}

TEST(CircleConclusion, ADebriefSaysForEveryObjectiveWhetherItWasAchieved) {
  Circle c = circle();
  c.state = CircleState::concluding;
  CirclePurpose p;
  p.objectives = {Objective{41, ObjectiveCategory::networking, "Meet leaders", ""},
                  Objective{42, ObjectiveCategory::skill_coaching, "Give feedback", ""}};
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1)};
  EXPECT_EQ(field_of(validate_circle_debrief(debrief(2, {{41, ObjectiveOutcome::achieved}}), c, p, roster)),
            "outcomes");
  EXPECT_EQ(code_of(validate_circle_debrief(
                debrief(2, {{41, ObjectiveOutcome::achieved}, {42, ObjectiveOutcome::partly}}), c, p, roster)),
            "ok");
  const auto other = validate_circle_debrief(
      debrief(2, {{41, ObjectiveOutcome::achieved}, {77, ObjectiveOutcome::partly}}), c, p, roster);
  EXPECT_TRUE(contains(message_of(other), "circle's objectives"));
}

TEST(CircleConclusion, TheCircleConcludesWhenTheHostAndEveryCurrentMemberHaveDebriefed) {
  const std::vector<CircleMember> roster{row(2, MemberStatus::member, 1), row(3, MemberStatus::member, 2),
                                         row(4, MemberStatus::left, 3), row(5, MemberStatus::waitlisted, 4)};
  EXPECT_FALSE(all_debriefed(circle(), roster, {debrief(2), debrief(3)}));
  EXPECT_FALSE(all_debriefed(circle(), roster, {debrief(kHost), debrief(2)}));
  EXPECT_TRUE(all_debriefed(circle(), roster, {debrief(kHost), debrief(2), debrief(3)}));
}

TEST(CircleWorkable, OnlyAnActiveCircleChangesAndAConcludedOneIsReadOnly) {
  EXPECT_EQ(code_of(check_circle_workable(circle())), "ok");
  Circle c = circle();
  c.state = CircleState::concluded;
  EXPECT_TRUE(contains(message_of(check_circle_workable(c)), "read-only"));
}

TEST(CircleStates, ACircleOnlyMovesForwardFromActiveToConcludingToConcluded) {
  using S = CircleState;
  const S all[] = {S::active, S::concluding, S::concluded};
  for (S from : all)
    for (S to : all) {
      const bool allowed = (from == S::active && to == S::concluding) || (from == S::concluding && to == S::concluded);
      EXPECT_EQ(code_of(check_circle_transition(from, to)), allowed ? "ok" : "conflict")
          << to_string(from) << " -> " << to_string(to);
    }
  EXPECT_TRUE(contains(message_of(check_circle_transition(S::concluded, S::active)), "concluded"));
}

TEST(CircleNames, RoundTripThroughTheirWireNames) {
  for (CircleState s : {CircleState::active, CircleState::concluding, CircleState::concluded})
    EXPECT_EQ(parse_circle_state(to_string(s)), s);
  for (MemberStatus s : {MemberStatus::requested, MemberStatus::member, MemberStatus::waitlisted,
                         MemberStatus::declined, MemberStatus::left, MemberStatus::removed})
    EXPECT_EQ(parse_member_status(to_string(s)), s);
  for (Attendance a : {Attendance::present, Attendance::absent, Attendance::excused})
    EXPECT_EQ(parse_attendance(to_string(a)), a);
  EXPECT_EQ(parse_membership("by_request"), Membership::by_request);
  EXPECT_EQ(parse_membership("invite"), std::nullopt);
}

}  // namespace
}  // namespace mh
