// Flash mentoring: topics, the overlap rule, the
// phase that follows from the time alone, booking (a slot is booked once), cancelling up to the
// cutoff, the takeaway, rating and resource during the follow-up, and proposing a one-to-one.
#include "domain/flash.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

#include <string>
#include <vector>

namespace mh {
namespace {

using namespace mh::testing;

constexpr PersonId kMentor = 10;
constexpr PersonId kMentee = 20;

FlashTopic topic() {
  FlashTopic t;
  t.id = 3;
  t.mentor_id = kMentor;
  t.title = "Building a pivot table";
  return t;
}

FlashSlot slot(TimePoint starts_at, int duration = 30, FlashSlotId id = 5) {
  FlashSlot s;
  s.id = id;
  s.topic_id = 3;
  s.mentor_id = kMentor;
  s.starts_at = starts_at;
  s.duration_minutes = duration;
  return s;
}

FlashBooking booking(TimePoint starts_at, int duration = 30) {
  FlashBooking b;
  b.id = 8;
  b.slot_id = 5;
  b.topic_id = 3;
  b.mentee_id = kMentee;
  b.mentor_id = kMentor;
  b.question = "How do I group dates by month?";
  b.starts_at = starts_at;
  b.duration_minutes = duration;
  b.booked_at = kNow;
  return b;
}

// ---------------------------------------------------------------------------------------------
// Topics

TEST(FlashTopics, ATopicNeedsATitleOfAtMost200Bytes) {
  FlashTopic t = topic();
  EXPECT_EQ(code_of(validate_flash_topic(t)), "ok");
  t.title = "";
  EXPECT_EQ(field_of(validate_flash_topic(t)), "title");
  t.title = std::string(201, 'x');
  EXPECT_EQ(field_of(validate_flash_topic(t)), "title");
  t = topic();
  t.description = std::string(2001, 'x');
  EXPECT_EQ(field_of(validate_flash_topic(t)), "description");
}

TEST(FlashTopics, OnlyAMentorOfferingFlashPublishesTopics) {
  Person p;
  p.formats_offered = {Format::one_to_one};
  const auto r = check_can_offer_flash(p);
  EXPECT_EQ(field_of(r), "formats_offered");
  EXPECT_TRUE(contains(message_of(r), "flash"));
  p.formats_offered.push_back(Format::flash);
  EXPECT_EQ(code_of(check_can_offer_flash(p)), "ok");
}

// ---------------------------------------------------------------------------------------------
// New slots

TEST(FlashSlots, ASlotStartsInTheFutureWithinAYear) {
  EXPECT_EQ(code_of(validate_new_slot(slot(kNow + days(2)), {}, kNow, "")), "ok");
  EXPECT_EQ(field_of(validate_new_slot(slot(kNow), {}, kNow, "")), "start");
  EXPECT_EQ(field_of(validate_new_slot(slot(kNow + days(367)), {}, kNow, "slots[1]")), "slots[1].start");
}

TEST(FlashSlots, ASlotLastsTenToOneHundredTwentyMinutes) {
  EXPECT_EQ(field_of(validate_new_slot(slot(kNow + days(1), 9), {}, kNow, "")), "duration_minutes");
  EXPECT_EQ(field_of(validate_new_slot(slot(kNow + days(1), 121), {}, kNow, "")), "duration_minutes");
  EXPECT_EQ(code_of(validate_new_slot(slot(kNow + days(1), 120), {}, kNow, "")), "ok");
}

TEST(FlashSlots, ASlotMayNotOverlapAnotherOfTheMentorsSlots) {
  const std::vector<FlashSlot> others{slot(kNow + days(1), 30, 1)};
  const auto r = validate_new_slot(slot(kNow + days(1) + minutes(15), 30, 0), others, kNow, "slots[0]");
  EXPECT_EQ(code_of(r), "conflict");
  EXPECT_EQ(field_of(r), "slots[0].start");
  EXPECT_EQ(code_of(validate_new_slot(slot(kNow + days(1) - minutes(30), 30, 0), others, kNow, "")), "ok");
  EXPECT_EQ(code_of(validate_new_slot(slot(kNow + days(1) + minutes(30), 30, 0), others, kNow, "")), "ok");
}

TEST(FlashSlots, AWithdrawnSlotNoLongerBlocksItsTime) {
  std::vector<FlashSlot> others{slot(kNow + days(1), 30, 1)};
  others[0].withdrawn = true;
  EXPECT_EQ(code_of(validate_new_slot(slot(kNow + days(1), 30, 0), others, kNow, "")), "ok");
}

// ---------------------------------------------------------------------------------------------
// The phase follows from the time

TEST(FlashPhases, UpcomingThenFollowUpForAWeekAfterTheEndThenCompleted) {
  const FlashBooking b = booking(kNow + days(1));
  EXPECT_EQ(phase(b, kNow), FlashPhase::upcoming);
  EXPECT_EQ(phase(b, b.starts_at - Seconds(1)), FlashPhase::upcoming);
  EXPECT_EQ(phase(b, b.starts_at), FlashPhase::follow_up);
  EXPECT_EQ(phase(b, b.ends_at() + days(7) - Seconds(1)), FlashPhase::follow_up);
  EXPECT_EQ(phase(b, b.ends_at() + days(7)), FlashPhase::completed);
}

TEST(FlashPhases, ACancelledSessionStaysCancelled) {
  FlashBooking b = booking(kNow + days(1));
  b.status = BookingStatus::cancelled;
  EXPECT_EQ(phase(b, kNow), FlashPhase::cancelled);
  EXPECT_EQ(phase(b, kNow + days(30)), FlashPhase::cancelled);
}

// ---------------------------------------------------------------------------------------------
// Booking

struct Facts {
  FlashTopic t = topic();
  FlashSlot s = slot(kNow + days(2));
  BookingFacts facts() {
    BookingFacts f;
    f.topic = &t;
    f.slot = &s;
    return f;
  }
};

TEST(FlashBooking, AMenteeBooksAFreeSlotWithAQuestion) {
  Facts f;
  EXPECT_EQ(code_of(check_can_book(f.facts(), kMentee, "How do I group dates by month?", kNow)), "ok");
}

TEST(FlashBooking, ASlotIsBookedOnce) {
  Facts f;
  BookingFacts facts = f.facts();
  facts.slot_taken = true;
  const auto r = check_can_book(facts, kMentee, "q", kNow);
  EXPECT_EQ(code_of(r), "conflict");
  EXPECT_EQ(field_of(r), "slot_id");
  EXPECT_TRUE(contains(message_of(r), "already booked"));
}

TEST(FlashBooking, NobodyBooksTheirOwnSlot) {
  Facts f;
  EXPECT_EQ(code_of(check_can_book(f.facts(), kMentor, "q", kNow)), "invalid");
}

TEST(FlashBooking, AStartedWithdrawnOrUnpublishedSlotCannotBeBooked) {
  Facts started;
  started.s.starts_at = kNow;
  EXPECT_TRUE(contains(message_of(check_can_book(started.facts(), kMentee, "q", kNow)), "already started"));
  Facts withdrawn;
  withdrawn.s.withdrawn = true;
  EXPECT_TRUE(contains(message_of(check_can_book(withdrawn.facts(), kMentee, "q", kNow)), "no longer offered"));
  Facts unpublished;
  unpublished.t.published = false;
  EXPECT_EQ(code_of(check_can_book(unpublished.facts(), kMentee, "q", kNow)), "conflict");
}

TEST(FlashBooking, TheQuestionIsRequiredAndAtMost2000Bytes) {
  Facts f;
  EXPECT_EQ(field_of(check_can_book(f.facts(), kMentee, "  ", kNow)), "question");
  EXPECT_EQ(field_of(check_can_book(f.facts(), kMentee, std::string(2001, 'q'), kNow)), "question");
}

TEST(FlashBooking, OneUpcomingSessionPerTopicAndThreeInAll) {
  Facts f;
  BookingFacts same = f.facts();
  same.mentee_has_topic_upcoming = true;
  EXPECT_TRUE(contains(message_of(check_can_book(same, kMentee, "q", kNow)), "on this topic"));
  BookingFacts many = f.facts();
  many.mentee_upcoming = 3;
  EXPECT_TRUE(contains(message_of(check_can_book(many, kMentee, "q", kNow)), "3 upcoming"));
  many.mentee_upcoming = 2;
  EXPECT_EQ(code_of(check_can_book(many, kMentee, "q", kNow)), "ok");
}

// ---------------------------------------------------------------------------------------------
// Cancelling

TEST(FlashCancel, EitherSideCancelsUntilTwoHoursBeforeTheStart) {
  const FlashBooking b = booking(kNow + hours(5));
  EXPECT_EQ(code_of(check_can_cancel(b, kMentee, kNow)), "ok");
  EXPECT_EQ(code_of(check_can_cancel(b, kMentor, kNow)), "ok");
  EXPECT_EQ(code_of(check_can_cancel(b, kMentee, b.starts_at - hours(2))), "ok");
  const auto late = check_can_cancel(b, kMentee, b.starts_at - hours(2) + Seconds(1));
  EXPECT_EQ(code_of(late), "conflict");
  EXPECT_TRUE(contains(message_of(late), "2 hours"));
  EXPECT_TRUE(contains(message_of(check_can_cancel(b, kMentor, b.starts_at)), "already started"));
}

TEST(FlashCancel, NobodyElseCancelsAndNothingIsCancelledTwice) {
  const FlashBooking b = booking(kNow + days(1));
  EXPECT_EQ(code_of(check_can_cancel(b, 99, kNow)), "forbidden");
  auto cancelled = cancel(b, kMentee, "Something came up", kNow);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, BookingStatus::cancelled);
  EXPECT_EQ(cancelled->cancelled_by, kMentee);
  EXPECT_EQ(cancelled->cancelled_at, kNow);
  EXPECT_TRUE(contains(message_of(cancel(*cancelled, kMentor, "", kNow)), "already cancelled"));
}

TEST(FlashCancel, TheSlotIsOfferedAgainOnlyWhenTheMenteeCancelled) {
  const FlashBooking b = booking(kNow + days(1));
  EXPECT_TRUE(cancellation_frees_slot(b, kMentee));
  EXPECT_FALSE(cancellation_frees_slot(b, kMentor));
}

// ---------------------------------------------------------------------------------------------
// Follow-up

TEST(FlashFollowUp, TheMenteeRecordsATakeawayAndARatingAfterTheStart) {
  FlashBooking b = booking(kNow - hours(1));
  ASSERT_EQ(code_of(record_takeaway(b, kMentee, "Group by month with the date field's grouping.", 5, kNow)), "ok");
  EXPECT_EQ(b.rating, 5);
  EXPECT_EQ(b.takeaway_at, kNow);
}

TEST(FlashFollowUp, OnlyTheMenteeRatesAndOnlyFromOneToFive) {
  FlashBooking b = booking(kNow - hours(1));
  EXPECT_EQ(code_of(record_takeaway(b, kMentor, "x", 5, kNow)), "forbidden");
  EXPECT_EQ(field_of(record_takeaway(b, kMentee, "x", 0, kNow)), "rating");
  EXPECT_EQ(field_of(record_takeaway(b, kMentee, "x", 6, kNow)), "rating");
  EXPECT_EQ(field_of(record_takeaway(b, kMentee, " ", 4, kNow)), "takeaway");
}

TEST(FlashFollowUp, NothingIsRecordedBeforeTheStartOrAfterTheFollowUpCloses) {
  FlashBooking upcoming = booking(kNow + hours(1));
  EXPECT_TRUE(contains(message_of(record_takeaway(upcoming, kMentee, "x", 4, kNow)), "not started"));
  FlashBooking old = booking(kNow - days(8));
  const auto r = record_takeaway(old, kMentee, "x", 4, kNow);
  EXPECT_EQ(field_of(r), "state");
  EXPECT_TRUE(contains(message_of(r), "read-only"));
}

TEST(FlashFollowUp, TheMentorAddsAWebResource) {
  FlashBooking b = booking(kNow - hours(1));
  EXPECT_EQ(code_of(add_resource(b, kMentee, "https://example.com/pivots", "", kNow)), "forbidden");
  EXPECT_EQ(field_of(add_resource(b, kMentor, "ftp://example.com/pivots", "", kNow)), "resource_url");
  EXPECT_EQ(field_of(add_resource(b, kMentor, "https://exa mple.com", "", kNow)), "resource_url");
  ASSERT_EQ(code_of(add_resource(b, kMentor, "https://example.com/pivots", "Chapter 3", kNow)), "ok");
  EXPECT_EQ(b.resource_url, "https://example.com/pivots");
  EXPECT_EQ(b.resource_note, "Chapter 3");
}

// ---------------------------------------------------------------------------------------------
// Proposing a one-to-one

TEST(FlashProposal, EitherParticipantProposesOnceTheSessionStarted) {
  const FlashBooking b = booking(kNow - hours(1));
  EXPECT_EQ(code_of(check_can_propose(b, kMentee, kNow)), "ok");
  EXPECT_EQ(code_of(check_can_propose(b, kMentor, kNow)), "ok");
  EXPECT_EQ(code_of(check_can_propose(b, 99, kNow)), "forbidden");
  EXPECT_EQ(code_of(check_can_propose(booking(kNow + hours(1)), kMentee, kNow)), "conflict");
  // Long after the session too: the relationship may start later.
  EXPECT_EQ(code_of(check_can_propose(b, kMentee, kNow + days(60))), "ok");
}

TEST(FlashProposal, NotFromACancelledSession) {
  FlashBooking b = booking(kNow - hours(1));
  b.status = BookingStatus::cancelled;
  EXPECT_TRUE(contains(message_of(check_can_propose(b, kMentee, kNow)), "cancelled"));
}

TEST(FlashProposal, TheTopicIsTheDraftPurpose) {
  EXPECT_EQ(proposal_purpose(topic()), "Building a pivot table");
  EXPECT_TRUE(contains(proposal_message(topic(), true), "Building a pivot table"));
}

}  // namespace
}  // namespace mh
