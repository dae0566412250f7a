// The workspace use cases: the purpose agreed by both, logistics, the action plan, meetings,
// private notes and stories; who may do each, and what each records.
#include "services/workspace.hpp"

#include "services/requests.hpp"
#include "services/testing.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class WorkspaceTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    id_ = accepted().id;
  }

  // Runs a use case on the relationship as `actor` loads it.
  Ran<bool> on(const Person& actor, TimePoint now, const std::function<Status(UseCase&, Relationship&)>& use_case) {
    return ServicesTest::on(actor, id_, now, use_case);
  }

  std::vector<Objective> objectives() { return {career_move()}; }

  // Drafted by the mentee, agreed by the mentor: the relationship is active.
  void agreed() {
    ASSERT_TRUE(on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) {
                  return draft_purpose(uc, mentee_, r, objectives(), "A decision on the move");
                }).result);
    ASSERT_TRUE(on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) { return agree_to_purpose(uc, mentee_, r, 1); })
                    .result);
    ASSERT_TRUE(on(mentor_, kMonday, [&](UseCase& uc, Relationship& r) { return agree_to_purpose(uc, mentor_, r, 1); })
                    .result);
  }

  Meeting scheduled(TimePoint starts) {
    NewMeeting in;
    in.starts_at = starts;
    return ServicesTest::scheduled(id_, in);
  }

  RelationshipId id_ = 0;
};

TEST_F(WorkspaceTest, OnlyTheTwoParticipantsTouchTheWorkspace) {
  auto ran = on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) { return set_logistics(uc, stranger_, r, Logistics{}); });
  EXPECT_EQ(code_of(ran.result), "forbidden");
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return participant_relationship(uc.db(), stranger_, id_); }).result),
            "forbidden");
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return participant_relationship(uc.db(), mentee_, 9999); }).result),
            "not_found");
}

TEST_F(WorkspaceTest, ADraftAsksTheOtherToAgreeAndBothAgreeingActivates) {
  auto drafted = on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) {
    return draft_purpose(uc, mentee_, r, objectives(), "A decision on the move");
  });
  ASSERT_TRUE(drafted.result) << drafted.result.error().message;
  EXPECT_EQ(notifications_in(drafted.events), (Pairs{{mentor_.id, "purpose_to_agree"}}));
  auto own = on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) { return agree_to_purpose(uc, mentee_, r, 1); });
  ASSERT_TRUE(own.result);
  EXPECT_TRUE(own.events.empty());  // one agreement is not yet both
  EXPECT_EQ(relationship(id_).state, RelState::starting);
  auto agreed = on(mentor_, kMonday, [&](UseCase& uc, Relationship& r) { return agree_to_purpose(uc, mentor_, r, 1); });
  ASSERT_TRUE(agreed.result) << agreed.result.error().message;
  EXPECT_EQ(relationship(id_).state, RelState::active);
  EXPECT_EQ(notifications_in(agreed.events), (Pairs{{mentee_.id, "purpose_agreed"}}));
  const std::string snapshot = *store_->read_value<std::string>(
      [&](sql::Connection& db) -> Result<std::string> { return storage::first_agreed_purpose(db, id_); });
  EXPECT_NE(snapshot.find("\"agreed_by_mentor\":true"), std::string::npos);
  EXPECT_NE(snapshot.find("informational interviews"), std::string::npos);
}

TEST_F(WorkspaceTest, AgreeingToAStaleVersionIsRefused) {
  agreed();
  auto ran = on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) { return agree_to_purpose(uc, mentee_, r, 7); });
  EXPECT_FALSE(ran.result);
}

TEST_F(WorkspaceTest, AnObjectiveIdFromElsewhereIsInvalidNamingIt) {
  auto objs = objectives();
  objs[0].id = 4242;
  auto ran = on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) { return draft_purpose(uc, mentee_, r, objs, ""); });
  expect_invalid(ran.result, "objectives[0].id");
}

TEST_F(WorkspaceTest, TasksNeedATitleStartOpenAndAnUnknownOneIsNotFound) {
  agreed();
  TaskChanges untitled;
  EXPECT_EQ(field_of(on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) { return status_of(add_task(uc, mentee_, r, untitled)); }).result),
            "title");
  TaskChanges done;
  done.title = "Book three interviews";
  done.status = TaskStatus::done;
  EXPECT_EQ(field_of(on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) { return status_of(add_task(uc, mentee_, r, done)); }).result),
            "status");
  TaskChanges fine;
  fine.title = "Book three interviews";
  ASSERT_TRUE(on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) { return status_of(add_task(uc, mentee_, r, fine)); }).result);
  TaskChanges close;
  close.status = TaskStatus::done;
  EXPECT_EQ(code_of(on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) { return status_of(change_task(uc, mentee_, r, 999, close)); }).result),
            "not_found");
}

TEST_F(WorkspaceTest, AMeetingIsScheduledInTheFutureAndTheOtherIsTold) {
  agreed();
  auto past = on(mentor_, kMonday, [&](UseCase& uc, Relationship& r) -> Status {
    NewMeeting in;
    in.starts_at = kMonday - hours(1);
    MH_TRY(m, schedule_meeting(uc, mentor_, r, in));
    return {};
  });
  EXPECT_EQ(field_of(past.result), "starts_at");
  scheduled(kMonday + days(2));
  EXPECT_EQ(notifications_of(mentee_).front().kind, "meeting_scheduled");
}

TEST_F(WorkspaceTest, AHeldMeetingCannotBeMovedAndAnUnknownOneIsNotFound) {
  agreed();
  const Meeting m = scheduled(kMonday + days(2));
  MeetingChanges held;
  held.status = MeetingStatus::held;
  ASSERT_TRUE(on(mentor_, kMonday + days(2) + hours(1), [&](UseCase& uc, Relationship& r) -> Status {
                MH_TRY(x, change_meeting(uc, mentor_, r, m.id, held));
                return {};
              }).result);
  MeetingChanges move;
  move.starts_at = kMonday + days(9);
  auto moved = on(mentor_, kMonday + days(3), [&](UseCase& uc, Relationship& r) -> Status {
    MH_TRY(x, change_meeting(uc, mentor_, r, m.id, move));
    return {};
  });
  EXPECT_EQ(code_of(moved.result), "conflict");
  EXPECT_EQ(code_of(on(mentor_, kMonday, [&](UseCase& uc, Relationship& r) { return save_private_note(uc, mentor_, r, 999, "x"); }).result),
            "not_found");
}

TEST_F(WorkspaceTest, StoriesAreTheMentorsAfterTheMeetingStartsAndTheMenteeReflects) {
  agreed();
  const Meeting m = scheduled(kMonday + days(2));
  Story s;
  s.story = "When I moved from engineering to product I shadowed a PM for a month.";
  s.point = "Shadowing shows the real job";
  auto early = on(mentor_, kMonday + days(1), [&](UseCase& uc, Relationship& r) -> Status {
    MH_TRY(x, add_story(uc, mentor_, r, m.id, s));
    return {};
  });
  EXPECT_EQ(code_of(early.result), "conflict");
  auto by_mentee = on(mentee_, kMonday + days(2) + hours(1), [&](UseCase& uc, Relationship& r) -> Status {
    MH_TRY(x, add_story(uc, mentee_, r, m.id, s));
    return {};
  });
  EXPECT_EQ(code_of(by_mentee.result), "forbidden");
  StoryId told = 0;
  auto ran = on(mentor_, kMonday + days(2) + hours(1), [&](UseCase& uc, Relationship& r) -> Status {
    MH_TRY(x, add_story(uc, mentor_, r, m.id, s));
    told = x.id;
    return {};
  });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentee_.id, "story_to_reflect"}}));
  EXPECT_EQ(code_of(on(mentor_, kMonday + days(3), [&](UseCase& uc, Relationship& r) { return reflect_on_story(uc, mentor_, r, told, "I learned"); }).result),
            "forbidden");
  EXPECT_EQ(code_of(on(mentee_, kMonday + days(3), [&](UseCase& uc, Relationship& r) { return reflect_on_story(uc, mentee_, r, 999, "I learned"); }).result),
            "not_found");
  EXPECT_TRUE(on(mentee_, kMonday + days(3), [&](UseCase& uc, Relationship& r) {
                return reflect_on_story(uc, mentee_, r, told, "I will ask to shadow a PM");
              }).result);
}

TEST_F(WorkspaceTest, AMeetingThatAlreadyHappenedIsRecordedAsHeldAndTakesItsStories) {
  // Issue 16: a pair that met before writing it down could not record that meeting at all.
  agreed();
  const TimePoint later = kMonday + days(5);
  Meeting recorded;
  auto ran = on(mentee_, later, [&](UseCase& uc, Relationship& r) -> Status {
    NewMeeting in;
    in.starts_at = later - days(2);
    in.already_held = true;
    in.shared_notes = "We met over coffee and agreed the first steps.";
    MH_TRY(m, schedule_meeting(uc, mentee_, r, in));
    recorded = m;
    return {};
  });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(recorded.status, MeetingStatus::held);
  EXPECT_TRUE(recorded.recorded_afterwards);
  EXPECT_EQ(recorded.shared_notes, "We met over coffee and agreed the first steps.");
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentor_.id, "meeting_recorded"}}));
  Story s;
  s.story = "I once skipped the first meeting's notes and we lost a month.";
  s.point = "Write it down the same day";
  EXPECT_TRUE(on(mentor_, later, [&](UseCase& uc, Relationship& r) { return status_of(add_story(uc, mentor_, r, recorded.id, s)); })
                  .result);
}

TEST_F(WorkspaceTest, ARecordedMeetingMustHaveHappenedAndNotesWaitForAHeldMeeting) {
  agreed();
  auto record = [&](TimePoint starts, bool held, std::string notes) {
    return on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) -> Status {
      NewMeeting in;
      in.starts_at = starts;
      in.already_held = held;
      in.shared_notes = notes;
      return status_of(schedule_meeting(uc, mentee_, r, in));
    });
  };
  EXPECT_EQ(field_of(record(kMonday + days(1), true, "").result), "starts_at");
  EXPECT_EQ(field_of(record(kMonday - days(400), true, "").result), "starts_at");
  EXPECT_EQ(field_of(record(kMonday + days(1), false, "notes before meeting").result), "shared_notes");
}

TEST_F(WorkspaceTest, WhenARelationshipEndsOnlyItsMeetingsStillToComeAreCancelled) {
  const Meeting soon = scheduled(kMonday + days(2));
  const Meeting later = scheduled(kMonday + days(9));
  ASSERT_TRUE(run_status(kMonday + days(5), [&](UseCase& uc) -> Status {
                MH_TRY(r, participant_relationship(uc.db(), mentor_, id_));
                call_off_meetings_to_come(uc, r, "The mentoring has concluded.");
                return {};
              }).result);
  const auto meetings = *store_->read_value<std::vector<Meeting>>(
      [&](sql::Connection& db) -> Result<std::vector<Meeting>> { return storage::meetings_of(db, id_); });
  ASSERT_EQ(meetings.size(), 2u);
  for (const Meeting& m : meetings)
    EXPECT_EQ(m.status, m.id == later.id ? MeetingStatus::cancelled : MeetingStatus::scheduled)
        << "the meeting of day " << (m.id == soon.id ? 2 : 9);
}

TEST_F(WorkspaceTest, NothingChangesOnceConcluding) {
  agreed();
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    UseCase uc(db, kMonday, rules_);
    MH_TRY(r, participant_relationship(db, mentee_, id_));
    return uc.change_state(r, RelState::concluding, mentee_.id);
  }));
  auto ran = on(mentee_, kMonday, [&](UseCase& uc, Relationship& r) { return set_logistics(uc, mentee_, r, Logistics{}); });
  EXPECT_EQ(code_of(ran.result), "conflict");
  EXPECT_EQ(field_of(ran.result), "state");
}

}  // namespace
}  // namespace mh::services
