// Mail queued by the use cases: a notification that is mailed at once queues its mail in the
// transaction that writes it, with the notification's page; the rest wait for the digest; a
// meeting's changes reach both participants with the meeting; nothing is queued when the program
// sends no mail, when the person switched the kind off, or when the use case fails.
#include "services/conclusion.hpp"
#include "services/own_data.hpp"
#include "services/requests.hpp"
#include "services/testing.hpp"
#include "services/workspace.hpp"
#include "storage/content_repo.hpp"
#include "storage/outbox_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class MailQueueTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    rules_.send_mail = true;
  }

  std::vector<storage::OutboxMessage> outbox() {
    return *store_->read_value<std::vector<storage::OutboxMessage>>(
        [&](sql::Connection& db) -> Result<std::vector<storage::OutboxMessage>> {
          std::vector<storage::OutboxMessage> out;
          for (const auto& row : db.execute("SELECT id FROM outbox ORDER BY id").rows)
            out.push_back(*storage::find_mail(db, row.int64(0)));
          return out;
        });
  }

  std::vector<storage::OutboxMessage> outbox_of(const Person& p) {
    std::vector<storage::OutboxMessage> out;
    for (auto& m : outbox())
      if (m.person_id == p.id) out.push_back(std::move(m));
    return out;
  }
};

TEST_F(MailQueueTest, ARequestQueuesTheMentorsMailCarryingItsNotification) {
  requested();
  const auto mail = outbox_of(mentor_);
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].kind, "requests");
  EXPECT_EQ(mail[0].link, "/requests");
  EXPECT_EQ(mail[0].state, "pending");
  const auto told = notifications_of(mentor_);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(mail[0].notification_id, told[0].id);
  EXPECT_EQ(mail[0].message, told[0].message);
  EXPECT_TRUE(outbox_of(mentee_).empty());
}

TEST_F(MailQueueTest, AnAcceptanceIsAnAnswerToTheMentee) {
  accepted();
  const auto mail = outbox_of(mentee_);
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].kind, "answers");
}

TEST_F(MailQueueTest, NothingIsQueuedWhenTheProgramSendsNoMail) {
  rules_.send_mail = false;
  accepted();
  EXPECT_TRUE(outbox().empty());
  EXPECT_FALSE(notifications_of(mentor_).empty());
}

TEST_F(MailQueueTest, AKindSwitchedOffIsNotQueued) {
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::set_mail_kind(db, mentor_.id, MailKind::requests, false, kMonday);
    return {};
  }));
  requested();
  EXPECT_TRUE(outbox_of(mentor_).empty());
}

TEST_F(MailQueueTest, ANotificationForTheDigestQueuesNoMail) {
  const Notice notice{mentee_.id, "fading", "relationship:1", "since:x", "Meet again.", "/relationships/1", std::nullopt};
  ASSERT_TRUE(run<bool>(kMonday, [&](UseCase& uc) -> Result<bool> { return uc.notify(notice).has_value(); }).result);
  EXPECT_TRUE(outbox().empty());
}

TEST_F(MailQueueTest, ARepeatedOccasionQueuesNoSecondMail) {
  const Notice notice{mentor_.id, "request_received", "relationship:1", "", "Answer.", "/requests", std::nullopt};
  for (int i = 0; i < 2; ++i)
    ASSERT_TRUE(run<bool>(kMonday, [&](UseCase& uc) -> Result<bool> {
                  uc.notify(notice);
                  return true;
                }).result);
  EXPECT_EQ(outbox_of(mentor_).size(), 1u);
}

TEST_F(MailQueueTest, AFailedUseCaseLeavesNoMail) {
  const Notice notice{mentor_.id, "request_received", "relationship:1", "", "Answer.", "/requests", std::nullopt};
  auto ran = run<bool>(kMonday, [&](UseCase& uc) -> Result<bool> {
    uc.notify(notice);
    return conflict("changed my mind");
  });
  EXPECT_FALSE(ran.result);
  EXPECT_TRUE(outbox().empty());
  EXPECT_TRUE(notifications_of(mentor_).empty());
}

TEST_F(MailQueueTest, AMeetingScheduledMovedAndCancelledReachesBothWithTheMeeting) {
  const RelationshipId id = accepted().id;
  const auto before = outbox().size();
  Meeting m;
  ASSERT_TRUE(on(mentor_, id, kMonday, [&](UseCase& uc, Relationship& r) -> Status {
                NewMeeting in;
                in.starts_at = kMonday + days(2);
                MH_TRY(made, schedule_meeting(uc, mentor_, r, in));
                m = made;
                return {};
              }).result);
  auto all = outbox();
  ASSERT_EQ(all.size(), before + 2);
  const auto told = notifications_of(mentee_).front();
  EXPECT_EQ(told.kind, "meeting_scheduled");
  for (std::size_t i = before; i < all.size(); ++i) {
    EXPECT_EQ(all[i].kind, "meetings");
    EXPECT_EQ(all[i].meeting_id, m.id);
    // Only the mentee was told in the app; the mentor's mail carries no notification.
    EXPECT_EQ(all[i].notification_id, all[i].person_id == mentee_.id ? std::optional(told.id) : std::nullopt);
  }
  auto change = [&](const MeetingChanges& changes) {
    return on(mentee_, id, kMonday, [&](UseCase& uc, Relationship& r) -> Status {
             MH_TRY(changed, change_meeting(uc, mentee_, r, m.id, changes));
             return {};
           })
        .result.has_value();
  };
  // Notes change nothing a calendar shows: no mail.
  MeetingChanges notes;
  notes.shared_notes = "We will bring the CV.";
  ASSERT_TRUE(change(notes));
  EXPECT_EQ(outbox().size(), before + 2);
  MeetingChanges moved;
  moved.starts_at = kMonday + days(3);
  ASSERT_TRUE(change(moved));
  MeetingChanges cancelled;
  cancelled.status = MeetingStatus::cancelled;
  ASSERT_TRUE(change(cancelled));
  EXPECT_EQ(outbox().size(), before + 6);
}

// A relationship that ends keeps no meeting on anyone's calendar: the meetings still to come are
// cancelled and each participant still here gets the cancellation; a meeting already held stays.
class EndingTest : public MailQueueTest {
 protected:
  Meeting meeting_on(RelationshipId id, TimePoint starts) {
    Meeting m;
    EXPECT_TRUE(on(mentor_, id, kMonday, [&](UseCase& uc, Relationship& r) -> Status {
                  NewMeeting in;
                  in.starts_at = starts;
                  MH_TRY(made, schedule_meeting(uc, mentor_, r, in));
                  m = made;
                  return {};
                }).result);
    return m;
  }
  MeetingStatus status_of_meeting(RelationshipId id, MeetingId m) {
    return *store_->read_value<MeetingStatus>([&](sql::Connection& db) -> Result<MeetingStatus> {
      return storage::find_meeting(db, id, m)->status;
    });
  }
  std::vector<storage::OutboxMessage> cancellations_of(const Person& p, MeetingId m, const std::string& said) {
    std::vector<storage::OutboxMessage> out;
    for (auto& mail : outbox_of(p))
      if (mail.meeting_id == m && mail.message.find(said) != std::string::npos) out.push_back(std::move(mail));
    return out;
  }
};

TEST_F(EndingTest, ConcludingCancelsTheMeetingsStillToComeAndMailsBoth) {
  const RelationshipId id = with_agreed_purpose().id;
  const Meeting held = meeting_on(id, kMonday + days(2));
  const Meeting later = meeting_on(id, kMonday + days(60));
  ASSERT_TRUE(on(mentor_, id, kMonday + days(3), [&](UseCase& uc, Relationship& r) -> Status {
                MeetingChanges c;
                c.status = MeetingStatus::held;
                return status_of(change_meeting(uc, mentor_, r, held.id, c));
              }).result);
  const ObjectiveId objective = *store_->read_value<ObjectiveId>(
      [&](sql::Connection& db) -> Result<ObjectiveId> { return storage::load_purpose(db, id).objectives.at(0).id; });
  Debrief d;
  d.outcomes = {{objective, ObjectiveOutcome::achieved}};
  d.achieved = "A brief the team uses";
  d.still_to_do = "Present it";
  d.do_differently = "Meet more often";
  ASSERT_TRUE(on(mentor_, id, kMonday + days(30), [&](UseCase& uc, Relationship& r) { return start_concluding(uc, mentor_, r); }).result);
  for (const Person* who : {&mentor_, &mentee_})
    ASSERT_TRUE(on(*who, id, kMonday + days(31), [&](UseCase& uc, Relationship& r) { return submit_debrief(uc, *who, r, d); }).result);
  EXPECT_EQ(relationship(id).state, RelState::concluded);
  EXPECT_EQ(status_of_meeting(id, later.id), MeetingStatus::cancelled);
  EXPECT_EQ(status_of_meeting(id, held.id), MeetingStatus::held) << "what happened stays as it was";
  EXPECT_EQ(cancellations_of(mentee_, later.id, "concluded").size(), 1u);
  EXPECT_EQ(cancellations_of(mentor_, later.id, "concluded").size(), 1u);
}

TEST_F(EndingTest, AnAccountDeletedCancelsTheMeetingsStillToComeForTheOtherOnly) {
  const RelationshipId id = accepted().id;
  const Meeting later = meeting_on(id, kMonday + days(10));
  ASSERT_TRUE(run_status(kMonday + days(1), [&](UseCase& uc) { return delete_own_account(uc, mentor_); }).result);
  EXPECT_EQ(status_of_meeting(id, later.id), MeetingStatus::cancelled);
  EXPECT_EQ(cancellations_of(mentee_, later.id, "deleted their account").size(), 1u);
  EXPECT_TRUE(outbox_of(mentor_).empty()) << "nothing goes to an account that is gone";
}

}  // namespace
}  // namespace mh::services
