// The outbox's state machine on both stores: claiming with a lease, the hand-over, retries with
// back-off, giving up, a sender that died before or after handing a message over, and two senders
// claiming at once; and the digest's choice of notifications.
#include "storage/outbox_repo.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <set>
#include <thread>

#include "storage/notifications_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/store.hpp"
#include "support/fresh_database.hpp"

namespace mh {
namespace {

const TimePoint kStart = TimePoint(Seconds(1'800'000'000));
const Seconds kLease{300};

class OutboxTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    MH_FRESH_STORE_OR_SKIP(store_, GetParam(), "outbox_test", 4);
    ASSERT_TRUE(store_->migrate(0));
    Person p;
    p.email = "mentee@example.com";
    p.name = "Mentee";
    person_ = *store_->write_value<PersonId>(
        [&](sql::Connection& db) -> Result<PersonId> { return storage::insert_person(db, p, ""); });
  }

  std::int64_t enqueue(TimePoint at = kStart) {
    storage::OutboxMessage m;
    m.person_id = person_;
    m.kind = "requests";
    m.message = "Someone asks you to be their mentor.";
    m.link = "/requests";
    m.created_at = m.next_attempt_at = at;
    return *store_->write_value<std::int64_t>(
        [&](sql::Connection& db) -> Result<std::int64_t> { return storage::enqueue_mail(db, m); });
  }

  std::vector<storage::OutboxMessage> claim(const std::string& owner, TimePoint now, int limit = 10) {
    return *store_->write_value<std::vector<storage::OutboxMessage>>(
        [&](sql::Connection& db) -> Result<std::vector<storage::OutboxMessage>> {
          return storage::claim_mail(db, owner, now, kLease, limit);
        });
  }

  template <class F>
  bool act(F f) {
    return *store_->write_value<bool>([&](sql::Connection& db) -> Result<bool> { return f(db); });
  }

  storage::OutboxMessage find(std::int64_t id) {
    return **store_->read_value<std::optional<storage::OutboxMessage>>(
        [&](sql::Connection& db) -> Result<std::optional<storage::OutboxMessage>> { return storage::find_mail(db, id); });
  }

  std::unique_ptr<Store> store_;
  PersonId person_ = 0;
};

TEST_P(OutboxTest, AQueuedMessageIsClaimedOnceWithALeaseAndAStableToken) {
  const auto id = enqueue();
  auto first = claim("a", kStart);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].id, id);
  EXPECT_EQ(first[0].state, "sending");
  EXPECT_EQ(first[0].attempts, 1);
  EXPECT_EQ(first[0].lease_until, kStart + kLease);
  EXPECT_EQ(first[0].token.size(), 64u);
  EXPECT_TRUE(claim("b", kStart + Seconds(10)).empty());
}

TEST_P(OutboxTest, ASentMessageIsNeverClaimedAgain) {
  const auto id = enqueue();
  claim("a", kStart);
  EXPECT_TRUE(act([&](auto& db) { return storage::hand_over_mail(db, id, "a"); }));
  EXPECT_TRUE(act([&](auto& db) { return storage::mark_mail_sent(db, id, "a", kStart + Seconds(1)); }));
  EXPECT_EQ(find(id).state, "sent");
  EXPECT_TRUE(claim("b", kStart + std::chrono::days(30)).empty());
}

TEST_P(OutboxTest, AFailedAttemptWaitsForItsBackOffThenIsClaimedAgain) {
  const auto id = enqueue();
  claim("a", kStart);
  EXPECT_TRUE(act([&](auto& db) { return storage::retry_mail(db, id, "a", kStart, "connection refused", false); }));
  const auto m = find(id);
  EXPECT_EQ(m.state, "pending");
  EXPECT_EQ(m.next_attempt_at, kStart + Seconds(30));
  EXPECT_EQ(m.last_error, "connection refused");
  EXPECT_TRUE(claim("a", kStart + Seconds(29)).empty());
  auto again = claim("b", kStart + Seconds(30));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);
  EXPECT_EQ(again[0].token, m.token);
}

TEST_P(OutboxTest, TheBackOffDoublesUpToAnHour) {
  EXPECT_EQ(mail_retry_delay(1), Seconds(30));
  EXPECT_EQ(mail_retry_delay(2), Seconds(60));
  EXPECT_EQ(mail_retry_delay(5), Seconds(480));
  EXPECT_EQ(mail_retry_delay(8), Seconds(3600));
  EXPECT_EQ(mail_retry_delay(40), Seconds(3600));
}

TEST_P(OutboxTest, ARefusedAddressIsGivenUpAtOnce) {
  const auto id = enqueue();
  claim("a", kStart);
  EXPECT_TRUE(act([&](auto& db) { return storage::retry_mail(db, id, "a", kStart, "550 no such user", true); }));
  EXPECT_EQ(find(id).state, "failed");
  EXPECT_TRUE(claim("a", kStart + std::chrono::days(3)).empty());
}

TEST_P(OutboxTest, AMessageIsGivenUpAfterItsLastAttempt) {
  const auto id = enqueue();
  TimePoint now = kStart;
  for (int i = 1; i <= kMaxMailAttempts; ++i) {
    ASSERT_EQ(claim("a", now).size(), 1u) << "attempt " << i;
    act([&](auto& db) { return storage::retry_mail(db, id, "a", now, "down", false); });
    now += Seconds(3600);
  }
  EXPECT_EQ(find(id).state, "failed");
}

TEST_P(OutboxTest, AMessageWhoseSenderDiedBeforeHandingItOverIsSentByAnotherAfterTheLease) {
  const auto id = enqueue();
  claim("dead", kStart);
  EXPECT_TRUE(claim("b", kStart + kLease - Seconds(1)).empty());
  auto taken = claim("b", kStart + kLease + Seconds(1));
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].lease_owner, "b");
  // The dead sender's late marks change nothing now.
  EXPECT_FALSE(act([&](auto& db) { return storage::mark_mail_sent(db, id, "dead", kStart); }));
  EXPECT_TRUE(act([&](auto& db) { return storage::mark_mail_sent(db, id, "b", kStart + kLease + Seconds(2)); }));
}

TEST_P(OutboxTest, AMessageWhoseSenderDiedAfterHandingItOverIsNeverSentAgain) {
  const auto id = enqueue();
  claim("dead", kStart);
  act([&](auto& db) { return storage::hand_over_mail(db, id, "dead"); });
  EXPECT_TRUE(claim("b", kStart + kLease + Seconds(1)).empty());
  const auto m = find(id);
  EXPECT_EQ(m.state, "unconfirmed");
  EXPECT_TRUE(m.last_error && m.last_error->find("may or may not") != std::string::npos);
}

TEST_P(OutboxTest, ASkippedMessageStaysSkipped) {
  const auto id = enqueue();
  claim("a", kStart);
  EXPECT_TRUE(act([&](auto& db) { return storage::skip_mail(db, id, "a", "switched off"); }));
  EXPECT_EQ(find(id).state, "skipped");
  EXPECT_TRUE(claim("a", kStart + std::chrono::days(1)).empty());
}

TEST_P(OutboxTest, MessagesAreClaimedOldestFirstUpToTheLimit) {
  const auto a = enqueue(), b = enqueue(), c = enqueue();
  auto first = claim("x", kStart, 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, a);
  EXPECT_EQ(first[1].id, b);
  auto rest = claim("y", kStart, 2);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, c);
}

TEST_P(OutboxTest, SendersClaimingAtOnceNeverShareAMessage) {
  constexpr int kMessages = 60;
  for (int i = 0; i < kMessages; ++i) enqueue();
  std::vector<std::vector<std::int64_t>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (;;) {
        auto batch = claim("sender" + std::to_string(t), kStart, 3);
        if (batch.empty()) break;
        for (const auto& m : batch) got[t].push_back(m.id);
      }
    });
  for (auto& th : threads) th.join();
  std::set<std::int64_t> all;
  std::size_t total = 0;
  for (const auto& g : got) {
    total += g.size();
    all.insert(g.begin(), g.end());
  }
  EXPECT_EQ(total, static_cast<std::size_t>(kMessages));
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kMessages));
}

TEST_P(OutboxTest, KindsAreOnUntilSwitchedOffAndTheTokenNamesItsPerson) {
  const bool on = *store_->write_value<bool>([&](sql::Connection& db) -> Result<bool> {
    return storage::mail_kind_on(db, person_, MailKind::answers);
  });
  EXPECT_TRUE(on);
  const std::string token = *store_->write_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    storage::set_mail_kind(db, person_, MailKind::answers, false, kStart);
    storage::set_mail_kind(db, person_, MailKind::answers, false, kStart);  // twice is once
    return storage::mail_token_of(db, person_);
  });
  const auto off = *store_->read_value<std::vector<MailKind>>(
      [&](sql::Connection& db) -> Result<std::vector<MailKind>> { return storage::mail_kinds_off(db, person_); });
  EXPECT_EQ(off, std::vector<MailKind>{MailKind::answers});
  const auto owner = *store_->read_value<std::optional<PersonId>>(
      [&](sql::Connection& db) -> Result<std::optional<PersonId>> { return storage::mail_token_owner(db, token); });
  EXPECT_EQ(owner, person_);
  EXPECT_EQ(token, *store_->write_value<std::string>(
                       [&](sql::Connection& db) -> Result<std::string> { return storage::mail_token_of(db, person_); }));
}

// A kind the code does not know (a damaged row, or one written by something else) is an error
// that says so, not a kind quietly left out of the person's settings.
TEST_P(OutboxTest, AStoredKindThatCannotBeReadIsAnErrorNamingIt) {
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::set_mail_kind(db, person_, MailKind::digest, false, kStart);
    db.execute("UPDATE mail_opt_outs SET kind = 'carrier-pigeon' WHERE person_id = ?", std::vector<sql::Value>{person_});
    return {};
  }));
  const auto off = store_->read_value<std::vector<MailKind>>(
      [&](sql::Connection& db) -> Result<std::vector<MailKind>> { return storage::mail_kinds_off(db, person_); });
  ASSERT_FALSE(off);
  EXPECT_EQ(off.error().code, ErrorCode::internal);
  EXPECT_NE(off.error().message.find("a stored mail kind cannot be read: \"carrier-pigeon\""), std::string::npos)
      << off.error().message;
}

TEST_P(OutboxTest, TheDigestTakesUnreadNotificationsNoMailCarriedWithTheirLinks) {
  auto write = [&](const std::string& kind, const std::string& link) {
    storage::Notification n;
    n.person_id = person_;
    n.kind = kind;
    n.subject = "test:" + kind;
    n.message = "About " + kind + ".";
    n.link = link;
    n.created_at = kStart;
    return **store_->write_value<std::optional<std::int64_t>>(
        [&](sql::Connection& db) -> Result<std::optional<std::int64_t>> { return storage::insert_notification(db, n); });
  };
  const auto kept = write("task_overdue", "/relationships/3#plan");
  const auto read = write("purpose_agreed", "/relationships/3#purpose");
  const auto dismissed = write("fading", "/relationships/3");
  const auto mailed = write("request_received", "/requests");
  act([&](sql::Connection& db) {
    storage::mark_notification_read(db, person_, read, kStart);
    storage::dismiss_notification(db, person_, dismissed, kStart);
    storage::OutboxMessage m;
    m.person_id = person_;
    m.kind = "requests";
    m.notification_id = mailed;
    m.created_at = m.next_attempt_at = kStart;
    storage::enqueue_mail(db, m);
    return true;
  });
  auto candidates = [&] {
    return *store_->read_value<std::vector<storage::DigestItem>>(
        [&](sql::Connection& db) -> Result<std::vector<storage::DigestItem>> {
          return storage::digest_candidates(db, kStart - std::chrono::days(1), 0, 100);
        });
  };
  const auto items = candidates();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].notification_id, kept);
  EXPECT_EQ(items[0].link, "/relationships/3#plan");
  // Once digested, the same notification is no news.
  act([&](sql::Connection& db) {
    storage::mark_digested(db, person_, kept, kStart);
    return true;
  });
  EXPECT_TRUE(candidates().empty());
}

INSTANTIATE_TEST_SUITE_P(BothStores, OutboxTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace mh
