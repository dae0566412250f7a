// Concluding with a debrief each, and the scheduler's pass: expiry, fading and revival.
#include "services/conclusion.hpp"

#include "services/relationship_views.hpp"
#include "services/requests.hpp"
#include "services/testing.hpp"
#include "services/workspace.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class ConclusionTest : public ServicesTest {
 protected:
  // Requested, accepted, purpose drafted by the mentee and agreed by the mentor on kMonday.
  RelationshipId active() {
    const Relationship r = with_agreed_purpose();
    objective_ = *store_->read_value<ObjectiveId>([&](sql::Connection& db) -> Result<ObjectiveId> {
      return storage::load_purpose(db, r.id).objectives.at(0).id;
    });
    return r.id;
  }

  Debrief debrief() {
    Debrief d;
    d.outcomes = {{objective_, ObjectiveOutcome::achieved}};
    d.achieved = "A brief the team uses";
    d.still_to_do = "Present it";
    d.do_differently = "Meet more often";
    return d;
  }

  Ran<LifecycleStep> check(RelationshipId id, TimePoint now) {
    return run<LifecycleStep>(now, [&](UseCase& uc) { return check_lifecycle(uc, id); });
  }

  ObjectiveId objective_ = 0;
};

TEST_F(ConclusionTest, ARequestCannotBeConcluded) {
  const Relationship r = requested();
  auto ran = on(mentee_, r.id, kMonday, [&](UseCase& uc, Relationship& x) { return start_concluding(uc, mentee_, x); });
  EXPECT_EQ(code_of(ran.result), "conflict");
}

TEST_F(ConclusionTest, TheSecondDebriefConcludesAndBothAreTold) {
  const RelationshipId id = active();
  auto started = on(mentor_, id, kMonday + days(30), [&](UseCase& uc, Relationship& x) { return start_concluding(uc, mentor_, x); });
  ASSERT_TRUE(started.result) << started.result.error().message;
  EXPECT_EQ(notifications_in(started.events), (Pairs{{mentee_.id, "concluding"}}));
  auto first = on(mentor_, id, kMonday + days(31), [&](UseCase& uc, Relationship& x) { return submit_debrief(uc, mentor_, x, debrief()); });
  ASSERT_TRUE(first.result) << first.result.error().message;
  EXPECT_EQ(notifications_in(first.events), (Pairs{{mentee_.id, "debrief_waiting"}}));
  EXPECT_EQ(relationship(id).state, RelState::concluding);
  auto second = on(mentee_, id, kMonday + days(32), [&](UseCase& uc, Relationship& x) { return submit_debrief(uc, mentee_, x, debrief()); });
  ASSERT_TRUE(second.result) << second.result.error().message;
  EXPECT_EQ(relationship(id).state, RelState::concluded);
  EXPECT_EQ(notifications_in(second.events), (Pairs{{mentee_.id, "concluded"}, {mentor_.id, "concluded"}}));
}

TEST_F(ConclusionTest, EachSeesOnlyTheirOwnDebriefUntilBothHaveWrittenTheirs) {
  const RelationshipId id = active();
  auto view = [&](const Person& reader) {
    const Relationship r = relationship(id);  // outside the read: the test store has one connection
    return store_->read_value<DebriefView>([&](sql::Connection& db) { return debrief_view(db, reader, r); });
  };
  ASSERT_TRUE(on(mentor_, id, kMonday + days(30), [&](UseCase& uc, Relationship& x) { return start_concluding(uc, mentor_, x); }).result);
  Debrief mine = debrief();
  mine.achieved = "The mentor's view";
  ASSERT_TRUE(on(mentor_, id, kMonday + days(31), [&](UseCase& uc, Relationship& x) { return submit_debrief(uc, mentor_, x, mine); }).result);
  auto mentor_sees = view(mentor_);
  auto mentee_sees = view(mentee_);
  ASSERT_TRUE(mentor_sees && mentee_sees);
  ASSERT_EQ(mentor_sees->debriefs.size(), 1u);
  EXPECT_EQ(mentor_sees->debriefs[0].achieved, "The mentor's view");
  EXPECT_TRUE(mentor_sees->submitted_by_me);
  EXPECT_FALSE(mentor_sees->submitted_by_other);
  EXPECT_TRUE(mentee_sees->debriefs.empty());  // not swayed before writing theirs
  EXPECT_TRUE(mentee_sees->submitted_by_other);
  EXPECT_FALSE(mentee_sees->purpose_agreed_at_start.empty());
  EXPECT_EQ(code_of(view(stranger_)), "forbidden");

  ASSERT_TRUE(on(mentee_, id, kMonday + days(32), [&](UseCase& uc, Relationship& x) { return submit_debrief(uc, mentee_, x, debrief()); }).result);
  EXPECT_EQ(view(mentee_)->debriefs.size(), 2u);
  EXPECT_EQ(view(mentor_)->debriefs.size(), 2u);
}

TEST_F(ConclusionTest, ADebriefBeforeConcludingIsRefusedAndAStrangerNeverWritesOne) {
  const RelationshipId id = active();
  EXPECT_FALSE(on(mentee_, id, kMonday, [&](UseCase& uc, Relationship& x) { return submit_debrief(uc, mentee_, x, debrief()); }).result);
  EXPECT_EQ(code_of(on(mentee_, id, kMonday, [&](UseCase& uc, Relationship& x) { return submit_debrief(uc, stranger_, x, debrief()); }).result),
            "forbidden");
}

TEST_F(ConclusionTest, AnUnansweredRequestExpiresOnceAndTheRequesterIsTold) {
  const Relationship r = requested();
  EXPECT_EQ(*check(r.id, r.expires_at - minutes(1)).result, LifecycleStep::none);
  auto ran = check(r.id, r.expires_at + minutes(4));
  EXPECT_EQ(*ran.result, LifecycleStep::expired);
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentee_.id, "request_expired"}}));
  EXPECT_EQ(*check(r.id, r.expires_at + days(1)).result, LifecycleStep::none);
}

TEST_F(ConclusionTest, NoMeetingWithinTwiceTheCadenceFadesAndAMeetingRevives) {
  const RelationshipId id = active();
  const TimePoint late = kMonday + days(2 * rules_.default_cadence_days + 1);
  EXPECT_EQ(*check(id, kMonday + days(3)).result, LifecycleStep::none);
  auto faded = check(id, late);
  EXPECT_EQ(*faded.result, LifecycleStep::faded);
  EXPECT_EQ(notifications_in(faded.events), (Pairs{{mentee_.id, "fading"}, {mentor_.id, "fading"}}));
  auto planned = on(mentor_, id, late, [&](UseCase& uc, Relationship& x) -> Status {
    NewMeeting in;
    in.starts_at = late + days(2);
    MH_TRY(m, schedule_meeting(uc, mentor_, x, in));
    return {};
  });
  ASSERT_TRUE(planned.result) << planned.result.error().message;
  EXPECT_EQ(relationship(id).state, RelState::active);
}

TEST_F(ConclusionTest, ReviveIfFadingBringsOnlyAFadingRelationshipBack) {
  const RelationshipId id = active();
  auto revive = [&](TimePoint now) {
    return on(mentor_, id, now, [&](UseCase& uc, Relationship& x) { return revive_if_fading(uc, x, mentor_.id); });
  };
  auto nothing = revive(kMonday + days(1));
  ASSERT_TRUE(nothing.result);
  EXPECT_TRUE(nothing.events.empty()) << "an active relationship is left as it is";
  const TimePoint late = kMonday + days(2 * rules_.default_cadence_days + 1);
  ASSERT_EQ(*check(id, late).result, LifecycleStep::faded);
  auto still = revive(late);
  ASSERT_TRUE(still.result);
  EXPECT_TRUE(still.events.empty()) << "no meeting planned: still fading";
  EXPECT_EQ(relationship(id).state, RelState::fading);
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    Meeting m;
    m.relationship_id = id;
    m.starts_at = late + days(2);
    m.created_at = late;
    storage::insert_meeting(db, m);
    return {};
  }));
  auto revived = revive(late);
  ASSERT_TRUE(revived.result);
  ASSERT_EQ(revived.events.size(), 1u);
  const auto& change = std::get<StateChanged>(revived.events[0]);
  EXPECT_EQ(change.from, RelState::fading);
  EXPECT_EQ(change.to, RelState::active);
  EXPECT_EQ(change.by, std::optional<PersonId>(mentor_.id));
  EXPECT_EQ(relationship(id).state, RelState::active);
}

// A complete people import deactivated someone: what was theirs ends, as the system's doing.
TEST_F(ConclusionTest, SomeoneWhoLeavesConcludesTheirMentoringAndWithdrawsTheirRequests) {
  const RelationshipId id = active();
  auto depart = [&](RelationshipId which, const Person& who) {
    return run_status(kMonday + days(1), [&](UseCase& uc) -> Status {
      auto r = storage::find_relationship(uc.db(), which);
      if (!r) return not_found("gone");
      return conclude_for_departure(uc, *r, who);
    });
  };
  EXPECT_EQ(code_of(depart(id, stranger_).result), "invalid");
  auto ended = depart(id, mentor_);
  ASSERT_TRUE(ended.result) << ended.result.error().message;
  EXPECT_EQ(notifications_in(ended.events), (Pairs{{mentee_.id, "concluding"}}));
  EXPECT_EQ(relationship(id).state, RelState::concluding);
  EXPECT_EQ(std::get<StateChanged>(ended.events[0]).by, std::nullopt);
  auto again = depart(id, mentor_);
  ASSERT_TRUE(again.result);
  EXPECT_TRUE(again.events.empty()) << "concluding already: left as it is";

  auto asked = request_from(stranger_, ask(stranger_, mentor_));
  ASSERT_TRUE(asked.result) << asked.result.error().message;
  auto withdrawn = depart(asked.result->id, mentor_);
  ASSERT_TRUE(withdrawn.result);
  EXPECT_EQ(notifications_in(withdrawn.events), (Pairs{{stranger_.id, "request_withdrawn"}}));
  EXPECT_EQ(relationship(asked.result->id).state, RelState::withdrawn);
}

TEST_F(ConclusionTest, APairWithoutAPurposeIsRemindedAfterAWeekAndOnceMoreThenLeftAlone) {
  const Relationship r = accepted();
  EXPECT_EQ(*check(r.id, kMonday + days(6)).result, LifecycleStep::none);
  auto first = check(r.id, kMonday + days(7));
  EXPECT_EQ(*first.result, LifecycleStep::reminded_of_purpose);
  EXPECT_EQ(notifications_in(first.events), (Pairs{{mentee_.id, "purpose_not_agreed"}, {mentor_.id, "purpose_not_agreed"}}));
  // The check runs every few minutes: one reminder per occasion.
  EXPECT_EQ(*check(r.id, kMonday + days(7) + minutes(5)).result, LifecycleStep::none);
  EXPECT_EQ(*check(r.id, kMonday + days(14)).result, LifecycleStep::reminded_of_purpose);
  EXPECT_EQ(*check(r.id, kMonday + days(60)).result, LifecycleStep::none);
  EXPECT_EQ(notifications_of(mentee_).size(), 3u);  // accepted, and the two reminders
}

TEST_F(ConclusionTest, AFirstCheckLongAfterAcceptingSendsOnlyTheLatestReminderOnce) {
  // No check ran for three weeks (a server stopped, pairs imported): one reminder, the second's,
  // and none again on the next checks.
  const Relationship r = accepted();
  auto late = check(r.id, kMonday + days(21));
  EXPECT_EQ(*late.result, LifecycleStep::reminded_of_purpose);
  EXPECT_EQ(notifications_in(late.events), (Pairs{{mentee_.id, "purpose_not_agreed"}, {mentor_.id, "purpose_not_agreed"}}));
  EXPECT_EQ(*check(r.id, kMonday + days(21) + minutes(5)).result, LifecycleStep::none);
  EXPECT_EQ(*check(r.id, kMonday + days(40)).result, LifecycleStep::none);
  EXPECT_EQ(notifications_of(mentee_).size(), 2u);  // accepted, and one reminder
}

TEST_F(ConclusionTest, AnAgreedPurposeStopsTheReminders) {
  const RelationshipId id = active();
  EXPECT_EQ(*check(id, kMonday + days(7)).result, LifecycleStep::none);
}

TEST_F(ConclusionTest, AnUnknownRelationshipIsLeftAlone) {
  EXPECT_EQ(*check(424242, kMonday).result, LifecycleStep::none);
}

}  // namespace
}  // namespace mh::services
