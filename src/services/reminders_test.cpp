// The reminders that come with time: each written once per occasion however often the checks
// run, to the right people, with the page where they act.
#include "services/reminders.hpp"

#include "services/conclusion.hpp"

#include "services/requests.hpp"
#include "services/testing.hpp"
#include "services/workspace.hpp"

namespace mh::services {
namespace {

using namespace testing;

class RemindersTest : public ServicesTest {
 protected:
  // The reminders due at `now`, as (person, kind), in one pass.
  std::vector<Notified> pass(TimePoint now) {
    std::vector<Notified> out;
    auto ran = run<bool>(now, [&](UseCase& uc) -> Result<bool> {
      send_due_reminders(uc);
      return true;
    });
    for (const auto& e : ran.events) out.push_back(std::get<Notified>(e));
    return out;
  }

  static Pairs kinds(const std::vector<Notified>& written) {
    Pairs out;
    for (const auto& n : written) out.emplace_back(n.person_id, n.kind);
    return out;
  }

  // Accepted on kMonday and its purpose agreed at once: active.
  Relationship active() { return with_agreed_purpose(career_move(), "A decision on the move"); }

  MeetingId schedule(RelationshipId id, TimePoint starts) {
    NewMeeting in;
    in.starts_at = starts;
    return scheduled(id, in).id;
  }
};

TEST_F(RemindersTest, AMeetingRemindsBothADayAndAnHourBeforeEachOnce) {
  const Relationship r = active();
  const TimePoint starts = kMonday + days(3);
  schedule(r.id, starts);
  EXPECT_TRUE(pass(starts - days(2)).empty());
  const auto day_before = pass(starts - hours(20));
  EXPECT_EQ(kinds(day_before), (Pairs{{mentee_.id, "meeting_tomorrow"}, {mentor_.id, "meeting_tomorrow"}}));
  EXPECT_EQ(day_before[0].link, "/relationships/" + std::to_string(r.id) + "#meetings");
  EXPECT_NE(day_before[0].message.find(mentor_.name), std::string::npos);
  EXPECT_TRUE(pass(starts - hours(19)).empty());
  EXPECT_EQ(kinds(pass(starts - minutes(50))), (Pairs{{mentee_.id, "meeting_soon"}, {mentor_.id, "meeting_soon"}}));
  EXPECT_TRUE(pass(starts - minutes(45)).empty());
  EXPECT_TRUE(pass(starts + minutes(5)).empty());
}

TEST_F(RemindersTest, AMovedMeetingIsANewOccasion) {
  const Relationship r = active();
  const TimePoint starts = kMonday + days(3);
  const MeetingId m = schedule(r.id, starts);
  ASSERT_EQ(pass(starts - hours(20)).size(), 2u);
  ASSERT_TRUE(on(mentee_, r.id, starts - hours(20), [&](UseCase& uc, Relationship& rel) -> Status {
                MeetingChanges c;
                c.starts_at = starts + hours(2);
                return status_of(change_meeting(uc, mentee_, rel, m, c));
              }).result);
  EXPECT_EQ(kinds(pass(starts - hours(19))), (Pairs{{mentee_.id, "meeting_tomorrow"}, {mentor_.id, "meeting_tomorrow"}}));
}

TEST_F(RemindersTest, AnOverdueTaskRemindsItsOwnerOnceTheDueDayHasPassed) {
  const Relationship r = active();
  const TimePoint due = kMonday + days(2) - hours(9);  // midnight UTC of Wednesday
  ASSERT_TRUE(on(mentee_, r.id, kMonday, [&](UseCase& uc, Relationship& rel) -> Status {
                TaskChanges c;
                c.title = "Book an informational interview";
                c.owner = Role::mentor;
                c.due = std::optional<TimePoint>(due);
                return status_of(add_task(uc, mentee_, rel, c));
              }).result);
  EXPECT_TRUE(pass(due + hours(23)).empty());
  const auto overdue = pass(due + days(1) + hours(1));
  EXPECT_EQ(kinds(overdue), (Pairs{{mentor_.id, "task_overdue"}}));
  EXPECT_EQ(overdue[0].link, "/relationships/" + std::to_string(r.id) + "#plan");
  EXPECT_TRUE(pass(due + days(5)).empty());
}

TEST_F(RemindersTest, AReachedReviewDateAsksBothToDiscussTheNaturalEnd) {
  const Relationship r = active();
  const TimePoint review = kMonday + days(30) - hours(9);
  ASSERT_TRUE(on(mentee_, r.id, kMonday, [&](UseCase& uc, Relationship& rel) {
                Logistics l;
                l.review_date = review;
                return set_logistics(uc, mentee_, rel, l);
              }).result);
  EXPECT_TRUE(pass(review - hours(1)).empty());
  const auto due = pass(review + hours(9));
  EXPECT_EQ(kinds(due), (Pairs{{mentee_.id, "review_due"}, {mentor_.id, "review_due"}}));
  EXPECT_NE(due[0].message.find("natural end"), std::string::npos);
  EXPECT_EQ(due[0].link, "/relationships/" + std::to_string(r.id) + "#logistics");
  EXPECT_TRUE(pass(review + days(3)).empty());
}

TEST_F(RemindersTest, ARequestAboutToExpireRemindsBothOnceAndAnAnsweredOneNobody) {
  const Relationship waiting = requested();
  const auto soon = pass(waiting.expires_at - hours(30));
  EXPECT_EQ(kinds(soon), (Pairs{{mentor_.id, "request_expiring"}, {mentee_.id, "request_expiring"}}));
  EXPECT_EQ(soon[0].link, "/requests");
  EXPECT_TRUE(pass(waiting.expires_at - hours(2)).empty());
  ASSERT_TRUE(run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, mentor_, waiting.id); }).result);
  EXPECT_TRUE(pass(waiting.expires_at - hours(1)).empty());
}

TEST_F(RemindersTest, NothingIsDueForAConcludedOrCancelledPlan) {
  const Relationship r = active();
  const TimePoint starts = kMonday + days(3);
  schedule(r.id, starts);
  ASSERT_TRUE(on(mentee_, r.id, kMonday, [&](UseCase& uc, Relationship& rel) {
                return start_concluding(uc, mentee_, rel);
              }).result);
  EXPECT_TRUE(pass(starts - hours(20)).empty());
}

}  // namespace
}  // namespace mh::services
