// What a calendar shows: a stable UID per meeting, session or booking, its sequence, UTC times,
// the agenda in the description, who organises and who attends; no e-mail of one circle member
// goes to another.
#include "domain/calendar.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace mh {
namespace {

using mh::testing::at;
using mh::testing::person_named;

const Person kMaya = person_named(1, "Maya Mentee", "maya@example.com");
const Person kDaniel = person_named(2, "Daniel Mentor", "daniel@example.com");
const Person kSofia = person_named(3, "Sofia Host", "sofia@example.com");
const TimePoint kNow = at("2026-12-01T09:00:00Z");

TEST(CalendarEntries, AMeetingCarriesItsTimesAgendaAndBothParticipants) {
  Meeting m;
  m.id = 42;
  m.starts_at = at("2026-12-03T14:00:00Z");
  m.duration_minutes = 45;
  m.medium = Medium::in_person;
  m.agenda = {{AgendaItem::Kind::overdue_task, 7, "Draft the stakeholder map"},
              {AgendaItem::Kind::objective, 3, "Lead a cross-team project"}};
  m.calendar_sequence = 2;
  const CalendarEntry e = meeting_entry(m, kMaya, kDaniel, kNow);
  EXPECT_EQ(e.uid, "meeting-42@mentorhub");
  EXPECT_EQ(e.sequence, 2);
  EXPECT_FALSE(e.cancelled);
  EXPECT_EQ(e.starts_at, at("2026-12-03T14:00:00Z"));
  EXPECT_EQ(e.ends_at, at("2026-12-03T14:45:00Z"));
  EXPECT_EQ(e.stamp, kNow);
  EXPECT_EQ(e.location, "In person");
  EXPECT_NE(e.description.find("- Draft the stakeholder map\n- Lead a cross-team project"), std::string::npos);
  EXPECT_EQ(e.organizer.email, "maya@example.com");
  ASSERT_EQ(e.attendees.size(), 2u);
  EXPECT_EQ(e.attendees[1].email, "daniel@example.com");
  m.where = "https://meet.example.com/maya-daniel";
  m.status = MeetingStatus::cancelled;
  const CalendarEntry cancelled = meeting_entry(m, kMaya, kDaniel, kNow);
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_EQ(cancelled.uid, e.uid);
  EXPECT_EQ(cancelled.location, "https://meet.example.com/maya-daniel");
}

TEST(CalendarEntries, ACircleSessionGoesToEachMemberWithoutTheOthersAddresses) {
  Circle c;
  c.topic = "Presenting data to executives";
  CircleSession s;
  s.id = 9;
  s.starts_at = at("2026-12-05T15:00:00Z");
  const CalendarEntry for_maya = circle_session_entry(s, c, kSofia, 6, kMaya, kNow);
  EXPECT_EQ(for_maya.uid, "circle-session-9@mentorhub");
  EXPECT_EQ(for_maya.organizer.email, "sofia@example.com");
  ASSERT_EQ(for_maya.attendees.size(), 2u);
  EXPECT_EQ(for_maya.attendees[1].email, "maya@example.com");
  EXPECT_NE(for_maya.description.find("6 members"), std::string::npos);
  EXPECT_EQ(circle_session_entry(s, c, kSofia, 6, kSofia, kNow).attendees.size(), 1u);
}

TEST(CalendarEntries, AFlashBookingIsCancelledWithAHigherSequence) {
  FlashTopic t;
  t.title = "Building a pivot table";
  FlashBooking b;
  b.id = 5;
  b.starts_at = at("2026-12-04T10:00:00Z");
  b.duration_minutes = 30;
  b.question = "How do I group by month?";
  const CalendarEntry booked = flash_booking_entry(b, t, kMaya, kDaniel, kNow);
  EXPECT_EQ(booked.sequence, 0);
  EXPECT_NE(booked.description.find("group by month"), std::string::npos);
  EXPECT_EQ(booked.organizer.email, "daniel@example.com");
  b.status = BookingStatus::cancelled;
  const CalendarEntry cancelled = flash_booking_entry(b, t, kMaya, kDaniel, kNow);
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_GT(cancelled.sequence, booked.sequence);
  EXPECT_EQ(cancelled.uid, booked.uid);
}

}  // namespace
}  // namespace mh
