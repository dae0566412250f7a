// Notifications in the store, on both databases: one per person, kind, subject and occasion;
// every read and change scoped to its person; and the nudges a database had before
// notifications existed are all still there after migrating.
#include "storage/notifications_repo.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>

#include "storage/migrations.hpp"
#include "storage/people_repo.hpp"
#include "storage/store.hpp"
#include "support/fresh_database.hpp"

namespace mh {
namespace {

using storage::Notification;

class NotificationsRepoTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    MH_FRESH_STORE_OR_SKIP(store_, GetParam(), "notifications_test", 2);
  }

  void migrate() { ASSERT_TRUE(store_->migrate(0)); }

  PersonId person(const std::string& email) {
    return *store_->write_value<PersonId>([&](sql::Connection& db) -> Result<PersonId> {
      Person p;
      p.email = email;
      p.name = email;
      return storage::insert_person(db, p, "");
    });
  }

  template <class F>
  auto in_store(F f) {
    using T = decltype(f(std::declval<sql::Connection&>()));
    return *store_->write_value<T>([&](sql::Connection& db) -> Result<T> { return f(db); });
  }

  static Notification note(PersonId to, std::string kind, std::string subject, std::string occasion) {
    Notification n;
    n.person_id = to;
    n.kind = std::move(kind);
    n.subject = std::move(subject);
    n.occasion = std::move(occasion);
    n.message = "Something happened.";
    n.link = "/";
    n.created_at = TimePoint(Seconds(1'800'000'000));
    return n;
  }

  std::unique_ptr<Store> store_;
};

TEST_P(NotificationsRepoTest, TheSameOccasionIsWrittenOncePerPerson) {
  migrate();
  const PersonId ann = person("ann@example.com"), bo = person("bo@example.com");
  const auto first = in_store([&](sql::Connection& db) {
    return storage::insert_notification(db, note(ann, "meeting_soon", "meeting:1", "at:1"));
  });
  const auto again = in_store([&](sql::Connection& db) {
    return storage::insert_notification(db, note(ann, "meeting_soon", "meeting:1", "at:1"));
  });
  EXPECT_TRUE(first.has_value());
  EXPECT_FALSE(again.has_value());
  // Another person, another occasion, another kind or subject: each its own.
  for (const auto& n : {note(bo, "meeting_soon", "meeting:1", "at:1"), note(ann, "meeting_soon", "meeting:1", "at:2"),
                        note(ann, "meeting_tomorrow", "meeting:1", "at:1"), note(ann, "meeting_soon", "meeting:2", "at:1")})
    EXPECT_TRUE(in_store([&](sql::Connection& db) { return storage::insert_notification(db, n); }).has_value());
  EXPECT_EQ(in_store([&](sql::Connection& db) { return storage::unread_notifications(db, ann); }), 4);
}

TEST_P(NotificationsRepoTest, ADismissedOneIsHiddenCountsAsReadAndIsNotWrittenAgain) {
  migrate();
  const PersonId ann = person("ann@example.com");
  const auto id = *in_store([&](sql::Connection& db) {
    return storage::insert_notification(db, note(ann, "task_overdue", "task:3", "due:2026-12-01"));
  });
  const TimePoint at(Seconds(1'800'000'100));
  EXPECT_TRUE(in_store([&](sql::Connection& db) { return storage::dismiss_notification(db, ann, id, at); }));
  EXPECT_TRUE(in_store([&](sql::Connection& db) { return storage::notifications_of(db, ann, false, 10); }).empty());
  EXPECT_EQ(in_store([&](sql::Connection& db) { return storage::unread_notifications(db, ann); }), 0);
  EXPECT_FALSE(in_store([&](sql::Connection& db) {
                 return storage::insert_notification(db, note(ann, "task_overdue", "task:3", "due:2026-12-01"));
               }).has_value());
}

TEST_P(NotificationsRepoTest, NobodyReadsOrDismissesAnotherPersonsNotification) {
  migrate();
  const PersonId ann = person("ann@example.com"), bo = person("bo@example.com");
  const auto id = *in_store([&](sql::Connection& db) {
    return storage::insert_notification(db, note(ann, "fading", "relationship:1", ""));
  });
  const TimePoint at(Seconds(1'800'000'100));
  EXPECT_FALSE(in_store([&](sql::Connection& db) { return storage::mark_notification_read(db, bo, id, at); }));
  EXPECT_FALSE(in_store([&](sql::Connection& db) { return storage::dismiss_notification(db, bo, id, at); }));
  EXPECT_EQ(in_store([&](sql::Connection& db) { return storage::mark_all_notifications_read(db, bo, at); }), 0);
  EXPECT_EQ(in_store([&](sql::Connection& db) { return storage::unread_notifications(db, ann); }), 1);
}

TEST_P(NotificationsRepoTest, MigratingKeepsEveryNudgeWithItsIdReadStateAndAPageToOpen) {
  // The schema as it was before notifications, with two nudges in it.
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::schema_version(db);
    for (const auto& m : storage::migrations()) {
      if (m.version > 8) break;
      db.execute_script(storage::render_migration(m, db.dialect()));
      db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)",
                 std::vector<sql::Value>{std::int64_t{m.version}, std::string(m.name)});
    }
    return {};
  }));
  // Written by hand: the people repository writes today's columns, which this schema lacks.
  const PersonId ann = in_store([&](sql::Connection& db) {
    return db
        .execute("INSERT INTO people (email, name, created_at, updated_at) VALUES ('ann@example.com', 'Ann', 0, 0) "
                 "RETURNING id")
        .rows.at(0)
        .int64(0);
  });
  const auto ids = in_store([&](sql::Connection& db) {
    const auto read = db.execute("INSERT INTO nudges (person_id, relationship_id, kind, message, created_at, read_at) "
                                 "VALUES (?, NULL, 'circle_place', 'A place freed up.', 100, 150) RETURNING id",
                                 std::vector<sql::Value>{ann});
    const auto unread = db.execute("INSERT INTO nudges (person_id, relationship_id, kind, message, created_at) "
                                   "VALUES (?, NULL, 'flash_booked', 'Booked.', 200) RETURNING id",
                                   std::vector<sql::Value>{ann});
    return std::pair{read.rows.at(0).int64(0), unread.rows.at(0).int64(0)};
  });
  migrate();
  const auto kept = in_store([&](sql::Connection& db) { return storage::notifications_of(db, ann, false, 10); });
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].id, ids.second);
  EXPECT_EQ(kept[0].kind, "flash_booked");
  EXPECT_FALSE(kept[0].read_at.has_value());
  EXPECT_EQ(kept[1].id, ids.first);
  EXPECT_EQ(kept[1].message, "A place freed up.");
  EXPECT_EQ(kept[1].read_at, TimePoint(Seconds(150)));
  EXPECT_EQ(kept[1].link, "/");
  // New ones get new ids after the old ones (PostgreSQL's identity kept counting).
  const auto next = in_store([&](sql::Connection& db) {
    return storage::insert_notification(db, note(ann, "flash_booked", "flash_booking:1", ""));
  });
  ASSERT_TRUE(next.has_value());
  EXPECT_GT(*next, ids.second);
}

INSTANTIATE_TEST_SUITE_P(BothStores, NotificationsRepoTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace mh
