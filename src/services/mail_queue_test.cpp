// Mail queued by the use cases: a notification that is mailed at once queues its mail in the
// transaction that writes it, with the notification's page; the rest wait for the digest; a
// meeting's changes reach both participants with the meeting; nothing is queued when the program
// sends no mail, when the person switched the kind off, or when the use case fails.
#include "services/requests.hpp"
#include "services/testing.hpp"
#include "services/workspace.hpp"
#include "storage/outbox_repo.hpp"

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

}  // namespace
}  // namespace mh::services
