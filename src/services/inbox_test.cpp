// A person's notifications as they read and clear them, on a real (in-memory) store: pages with a
// cursor and the unread count, marking read and dismissing, and nobody touching another's.
#include "services/inbox.hpp"

#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

class InboxTest : public ServicesTest {
 protected:
  // Five notifications for Daniel, one minute apart, the newest last.
  void fiveForDaniel() {
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      for (int i = 0; i < 5; ++i) {
        storage::Notification n;
        n.person_id = mentor_.id;
        n.kind = "request_received";
        n.subject = "relationship:" + std::to_string(i + 1);
        n.message = "Someone asked you to mentor them";
        n.created_at = kMonday + minutes(i);
        storage::insert_notification(db, n);
      }
      return {};
    }));
  }
  InboxPage page(const Person& p, bool unread_only, int limit, std::optional<std::int64_t> before = std::nullopt) {
    return read<InboxPage>([&](sql::Connection& db) { return inbox_page(db, p, unread_only, limit, before); });
  }
  Status write(const std::function<Status(sql::Connection&)>& f) { return store_->write(f); }
};

TEST_F(InboxTest, PagesNewestFirstWithACursorAndTheWholeUnreadCount) {
  fiveForDaniel();
  const InboxPage first = page(mentor_, false, 2);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].subject, "relationship:5");
  EXPECT_EQ(first.unread, 5);
  ASSERT_TRUE(first.next_cursor);
  const InboxPage second = page(mentor_, false, 2, first.next_cursor);
  ASSERT_EQ(second.items.size(), 2u);
  EXPECT_EQ(second.items[0].subject, "relationship:3");
  const InboxPage last = page(mentor_, false, 2, second.next_cursor);
  ASSERT_EQ(last.items.size(), 1u);
  EXPECT_FALSE(last.next_cursor);
  EXPECT_TRUE(page(mentee_, false, 10).items.empty());
}

TEST_F(InboxTest, MarkingReadAndDismissingAreTheirOwnOnly) {
  fiveForDaniel();
  const auto newest = page(mentor_, false, 1).items.at(0).id;
  // Maya cannot touch Daniel's notification: to her it does not exist.
  EXPECT_EQ(code_of(write([&](sql::Connection& db) { return mark_read(db, mentee_, newest, kMonday); })), "not_found");
  EXPECT_EQ(code_of(write([&](sql::Connection& db) { return dismiss(db, mentee_, newest, kMonday); })), "not_found");
  EXPECT_EQ(page(mentor_, true, 10).items.size(), 5u);

  ASSERT_TRUE(write([&](sql::Connection& db) { return mark_read(db, mentor_, newest, kMonday); }));
  EXPECT_EQ(page(mentor_, true, 10).items.size(), 4u);
  ASSERT_TRUE(write([&](sql::Connection& db) { return dismiss(db, mentor_, newest, kMonday); }));
  EXPECT_EQ(page(mentor_, false, 10).items.size(), 4u);
  auto marked = store_->write_value<int>([&](sql::Connection& db) -> Result<int> { return mark_all_read(db, mentor_, kMonday); });
  ASSERT_TRUE(marked);
  EXPECT_EQ(*marked, 4);
  EXPECT_EQ(page(mentor_, false, 10).unread, 0);
}

}  // namespace
}  // namespace mh::services
