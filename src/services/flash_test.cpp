// Flash sessions: booking a slot with a question, cancelling, and the follow-up; who may do each
// and who is told.
#include "services/flash.hpp"

#include "services/testing.hpp"
#include "storage/flash_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;
using Pairs = std::vector<std::pair<PersonId, std::string>>;

class FlashTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      FlashTopic t;
      t.mentor_id = mentor_.id;
      t.title = "Building a pivot table";
      t.created_at = t.updated_at = kMonday;
      t.id = storage::insert_flash_topic(db, t);
      FlashSlot s;
      s.topic_id = t.id;
      s.mentor_id = mentor_.id;
      s.starts_at = kMonday + days(2);
      s.created_at = kMonday;
      slot_ = storage::insert_flash_slot(db, s);
      return {};
    }));
  }

  Ran<FlashBooking> book(const Person& who, const std::string& question = "How do I group by month?") {
    return run<FlashBooking>(kMonday, [&](UseCase& uc) { return book_flash_slot(uc, who, slot_, question); });
  }

  FlashSlotId slot_ = 0;
};

TEST_F(FlashTest, ABookingTellsTheMentorTheQuestion) {
  auto ran = book(mentee_);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentor_.id, "flash_booked"}}));
  EXPECT_NE(std::get<Notified>(ran.events[0]).message.find("group by month"), std::string::npos);
}

TEST_F(FlashTest, BookingIsRefusedForAnUnknownOwnOrTakenSlotAndABlankQuestion) {
  EXPECT_EQ(code_of(run<FlashBooking>(kMonday, [&](UseCase& uc) { return book_flash_slot(uc, mentee_, 999, "q?"); }).result),
            "not_found");
  EXPECT_EQ(field_of(book(mentor_).result), "slot_id");
  EXPECT_EQ(field_of(book(mentee_, "  ").result), "question");
  ASSERT_TRUE(book(mentee_).result);
  auto taken = book(stranger_);
  EXPECT_EQ(code_of(taken.result), "conflict");
  EXPECT_EQ(field_of(taken.result), "slot_id");
}

TEST_F(FlashTest, AMenteesCancellationFreesTheSlotAndTellsTheMentor) {
  const FlashBooking b = *book(mentee_).result;
  EXPECT_EQ(code_of(run<FlashBooking>(kMonday, [&](UseCase& uc) { return cancel_flash_booking(uc, stranger_, b.id, ""); }).result),
            "forbidden");
  auto ran = run<FlashBooking>(kMonday, [&](UseCase& uc) { return cancel_flash_booking(uc, mentee_, b.id, "sick"); });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentor_.id, "flash_cancelled"}}));
  EXPECT_TRUE(book(stranger_).result);  // free again
}

TEST_F(FlashTest, TheTakeawayComesFromTheMenteeAfterTheSessionAndTheResourceFromTheMentor) {
  const FlashBooking b = *book(mentee_).result;
  const TimePoint after = kMonday + days(2) + hours(1);
  EXPECT_FALSE(run<FlashBooking>(kMonday, [&](UseCase& uc) { return record_flash_takeaway(uc, mentee_, b.id, "x", 5); }).result);
  EXPECT_EQ(code_of(run<FlashBooking>(after, [&](UseCase& uc) { return record_flash_takeaway(uc, mentor_, b.id, "x", 5); }).result),
            "forbidden");
  auto took = run<FlashBooking>(after, [&](UseCase& uc) { return record_flash_takeaway(uc, mentee_, b.id, "PivotBy", 5); });
  ASSERT_TRUE(took.result) << took.result.error().message;
  EXPECT_EQ(notifications_in(took.events), (Pairs{{mentor_.id, "flash_takeaway"}}));
  auto shared = run<FlashBooking>(after, [&](UseCase& uc) {
    return share_flash_resource(uc, mentor_, b.id, "https://example.com/pivots", "the cheat sheet");
  });
  ASSERT_TRUE(shared.result) << shared.result.error().message;
  EXPECT_EQ(notifications_in(shared.events), (Pairs{{mentee_.id, "flash_resource"}}));
}

}  // namespace
}  // namespace mh::services
