// Calendars (services/calendar.hpp): the entry of a meeting, a circle session or a flash booking
// goes to the people in it and nobody else (administrators included); a person's feed holds what
// is theirs from a month back to a year ahead, and its secret address opens it until it is
// replaced or ended.
#include "services/calendar.hpp"

#include <algorithm>

#include "services/circles.hpp"
#include "services/flash.hpp"
#include "services/own_data.hpp"
#include "services/testing.hpp"
#include "services/workspace.hpp"
#include "storage/flash_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

constexpr const char* kBase = "https://mentorhub.example";

std::vector<std::string> uids_of(const std::vector<CalendarEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.uid);
  return out;
}
bool has(const std::vector<std::string>& uids, const std::string& uid) {
  return std::find(uids.begin(), uids.end(), uid) != uids.end();
}
std::vector<std::string> emails_of(const std::vector<CalendarPerson>& people) {
  std::vector<std::string> out;
  for (const auto& p : people) out.push_back(p.email);
  std::sort(out.begin(), out.end());
  return out;
}

class CalendarTest : public ServicesTest {
 protected:
  Meeting schedule(const Relationship& r, TimePoint starts, int minutes = 45) {
    NewMeeting in;
    in.starts_at = starts;
    in.duration_minutes = minutes;
    in.medium = Medium::in_person;
    in.where = "Cafe Nord, Level 2";
    return scheduled(r.id, in);
  }
  // `who` cancels meeting `m` of `r` through the workspace, as the app does.
  bool cancel(const Person& who, const Relationship& r, MeetingId m) {
    return on(who, r.id, kMonday, [&](UseCase& uc, Relationship& rel) -> Status {
             MeetingChanges c;
             c.status = MeetingStatus::cancelled;
             return status_of(change_meeting(uc, who, rel, m, c));
           })
        .result.has_value();
  }
  Result<CalendarEntry> meeting_entry_for(const Person& who, RelationshipId r, MeetingId m) {
    return store_->read_value<CalendarEntry>(
        [&](sql::Connection& db) { return meeting_calendar_entry(db, who, r, m, kMonday, kBase); });
  }
  Result<CalendarEntry> session_entry_for(const Person& who, CircleId c, CircleSessionId s) {
    return store_->read_value<CalendarEntry>(
        [&](sql::Connection& db) { return circle_session_calendar_entry(db, who, c, s, kMonday, kBase); });
  }
  Result<CalendarEntry> booking_entry_for(const Person& who, FlashBookingId b) {
    return store_->read_value<CalendarEntry>(
        [&](sql::Connection& db) { return flash_booking_calendar_entry(db, who, b, kMonday, kBase); });
  }
  std::vector<CalendarEntry> feed(const Person& who, TimePoint now = kMonday) {
    return read<std::vector<CalendarEntry>>(
        [&](sql::Connection& db) { return calendar_feed_entries(db, who, now, kBase); });
  }
  // A flash booking of the mentee's with the mentor, two days on.
  FlashBooking booked() {
    const FlashSlotId slot = offered_flash_slot(mentor_, kMonday + days(2)).slot;
    auto ran = run<FlashBooking>(
        kMonday, [&](UseCase& uc) { return book_flash_slot(uc, mentee_, slot, "How do I group dates by month?"); });
    EXPECT_TRUE(ran.result) << ran.result.error().message;
    return ran.result ? *ran.result : FlashBooking{};
  }
};

TEST_F(CalendarTest, BothParticipantsGetAMeetingsEntryWithItsTimePlaceAndPeople) {
  const Relationship r = accepted();
  const Meeting m = schedule(r, kMonday + days(3), 45);
  for (const Person* who : {&mentee_, &mentor_}) {
    auto e = meeting_entry_for(*who, r.id, m.id);
    ASSERT_TRUE(e) << e.error().message;
    EXPECT_EQ(e->uid, "meeting-" + std::to_string(m.id) + "@mentorhub");
    EXPECT_EQ(e->sequence, 0);
    EXPECT_FALSE(e->cancelled);
    EXPECT_EQ(e->starts_at, kMonday + days(3));
    EXPECT_EQ(e->ends_at, kMonday + days(3) + minutes(45));
    EXPECT_EQ(e->location, "Cafe Nord, Level 2");
    EXPECT_EQ(e->organizer.email, mentee_.email) << "the mentee drives the relationship";
    EXPECT_EQ(emails_of(e->attendees), (std::vector<std::string>{"daniel@example.com", "maya@example.com"}));
  }
}

TEST_F(CalendarTest, NobodyElseGetsAMeetingsEntryAdministratorsAndTheManagerIncluded) {
  const Relationship r = accepted();
  const Meeting m = schedule(r, kMonday + days(3));
  const Person admin = administrator();
  expect_meeting_kept_from_others(r, m.id, admin, [&](const Person& who, RelationshipId rel, MeetingId id) {
    return meeting_entry_for(who, rel, id);
  });
}

TEST_F(CalendarTest, AMeetingOfAnotherRelationshipIsNotFoundThroughOnesOwn) {
  const Relationship mine = accepted();
  // The same mentor with another mentee: the mentee of the first pair must not reach its meeting.
  const Person other = person("Olga Mentee", "olga@example.com", 0);
  auto asked = request_from(other, ask(other, mentor_));
  ASSERT_TRUE(asked.result);
  ASSERT_TRUE(run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, mentor_, asked.result->id); })
                  .result);
  const Meeting theirs = schedule(*asked.result, kMonday + days(4));
  EXPECT_EQ(code_of(meeting_entry_for(mentee_, mine.id, theirs.id)), "not_found");
  EXPECT_EQ(code_of(meeting_entry_for(mentee_, asked.result->id, theirs.id)), "forbidden");
}

TEST_F(CalendarTest, ACancelledMeetingsEntryIsMarkedCancelledWithAHigherSequence) {
  const Relationship r = accepted();
  const Meeting m = schedule(r, kMonday + days(3));
  ASSERT_TRUE(cancel(mentee_, r, m.id));
  auto e = meeting_entry_for(mentor_, r.id, m.id);
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->cancelled);
  EXPECT_GT(e->sequence, 0);
  EXPECT_EQ(e->uid, "meeting-" + std::to_string(m.id) + "@mentorhub") << "the calendar replaces the entry";
}

TEST_F(CalendarTest, AFlashBookingsEntryGoesToItsMenteeAndMentorWithTheQuestion) {
  const FlashBooking b = booked();
  for (const Person* who : {&mentee_, &mentor_}) {
    auto e = booking_entry_for(*who, b.id);
    ASSERT_TRUE(e) << e.error().message;
    EXPECT_EQ(e->organizer.email, mentor_.email);
    EXPECT_EQ(e->starts_at, kMonday + days(2));
    EXPECT_EQ(e->ends_at - e->starts_at, minutes(30));
    EXPECT_NE(e->description.find("group dates by month"), std::string::npos) << e->description;
  }
  const Person admin = administrator();
  for (const Person* who : std::vector<const Person*>{&manager_, &stranger_, &admin})
    EXPECT_EQ(code_of(booking_entry_for(*who, b.id)), "forbidden") << who->name;
  EXPECT_EQ(code_of(booking_entry_for(mentee_, b.id + 1000)), "not_found");
}

TEST_F(CalendarTest, ACancelledFlashBookingsEntryIsMarkedCancelled) {
  const FlashBooking b = booked();
  ASSERT_TRUE(run<FlashBooking>(kMonday, [&](UseCase& uc) { return cancel_flash_booking(uc, mentee_, b.id, "Clash"); })
                  .result);
  auto e = booking_entry_for(mentor_, b.id);
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->cancelled);
  EXPECT_EQ(e->sequence, 1);
}

// A circle of two members with a third waiting, and one session.
class CircleCalendarTest : public CalendarTest {
 protected:
  void SetUp() override {
    CalendarTest::SetUp();
    std::tie(host_, first_, second_, waiting_) = circle_people();
    circle_ = circle_of(host_, circle_settings("Presenting data"));
    for (const Person* who : {&first_, &second_, &waiting_}) ASSERT_TRUE(ask_to_join(*who, circle_).result);
    NewCircleSession in;
    in.starts_at = kMonday + days(4);
    session_ = circle_session(host_, circle_, in);
  }

  Person host_, first_, second_, waiting_;
  CircleId circle_ = 0;
  CircleSessionId session_ = 0;
};

TEST_F(CircleCalendarTest, EachMemberGetsTheSessionWithoutTheOtherMembersAddresses) {
  auto e = session_entry_for(first_, circle_, session_);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->uid, "circle-session-" + std::to_string(session_) + "@mentorhub");
  EXPECT_EQ(e->organizer.email, host_.email);
  EXPECT_EQ(emails_of(e->attendees), (std::vector<std::string>{"fred@example.com", "hana@example.com"}));
  EXPECT_NE(e->description.find("2 members"), std::string::npos) << e->description;
  auto hosts = session_entry_for(host_, circle_, session_);
  ASSERT_TRUE(hosts) << hosts.error().message;
}

TEST_F(CircleCalendarTest, NobodyOutsideTheCircleGetsItsSessionNotEvenWhoIsWaiting) {
  const Person admin = administrator();
  for (const Person* who : std::vector<const Person*>{&waiting_, &stranger_, &admin})
    EXPECT_EQ(code_of(session_entry_for(*who, circle_, session_)), "forbidden") << who->name;
  EXPECT_EQ(code_of(session_entry_for(first_, circle_, session_ + 1000)), "not_found");
  EXPECT_FALSE(has(uids_of(feed(waiting_)), "circle-session-" + std::to_string(session_) + "@mentorhub"));
  EXPECT_TRUE(has(uids_of(feed(second_)), "circle-session-" + std::to_string(session_) + "@mentorhub"));
  EXPECT_TRUE(has(uids_of(feed(host_)), "circle-session-" + std::to_string(session_) + "@mentorhub"));
}

TEST_F(CalendarTest, AFeedHoldsOnesMeetingsAndFlashSessionsByStartTimeAndNothingOfOthers) {
  const Relationship r = accepted();
  const Meeting later = schedule(r, kMonday + days(5));
  const Meeting sooner = schedule(r, kMonday + days(1));
  const FlashBooking b = booked();  // two days on
  const std::vector<std::string> expected = {"meeting-" + std::to_string(sooner.id) + "@mentorhub",
                                             "flash-booking-" + std::to_string(b.id) + "@mentorhub",
                                             "meeting-" + std::to_string(later.id) + "@mentorhub"};
  const auto entries = feed(mentee_);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].uid, expected[0]);
  EXPECT_EQ(entries[2].uid, expected[2]);
  EXPECT_EQ(entries[1].starts_at, kMonday + days(2));
  EXPECT_EQ(uids_of(feed(mentor_)), uids_of(entries));
  EXPECT_TRUE(feed(stranger_).empty());
  EXPECT_TRUE(feed(manager_).empty()) << "a manager sees nothing of their report's mentoring";
}

TEST_F(CalendarTest, AFeedReachesAMonthBackAndAYearAheadAndKeepsCancelledEntries) {
  const Relationship r = accepted();
  const Meeting m = schedule(r, kMonday + days(1));
  ASSERT_TRUE(cancel(mentor_, r, m.id));
  const auto now_entries = feed(mentee_);
  ASSERT_EQ(now_entries.size(), 1u);
  EXPECT_TRUE(now_entries[0].cancelled) << "a calendar that holds it learns it is off";
  EXPECT_EQ(feed(mentee_, m.starts_at + days(31)).size(), 1u);
  EXPECT_TRUE(feed(mentee_, m.starts_at + days(32)).empty());
  EXPECT_EQ(feed(mentee_, m.starts_at - days(366)).size(), 1u);
  EXPECT_TRUE(feed(mentee_, m.starts_at - days(367)).empty());
}

TEST_F(CalendarTest, AFeedSecretOpensItsOwnersFeedUntilReplacedOrEnded) {
  auto secret_of = [&](const Person& p) {
    return read<std::optional<std::string>>([&](sql::Connection& db) { return calendar_feed_secret_of(db, p); });
  };
  auto owner_of = [&](const std::string& s) {
    return store_->read_value<Person>([&](sql::Connection& db) { return calendar_feed_owner(db, s); });
  };
  EXPECT_FALSE(secret_of(mentee_));

  const std::string first =
      *run<std::string>(kMonday, [&](UseCase& uc) -> Result<std::string> { return renew_calendar_feed(uc, mentee_); })
           .result;
  EXPECT_GE(first.size(), 40u) << "a long random secret";
  EXPECT_EQ(secret_of(mentee_), first);
  ASSERT_TRUE(owner_of(first));
  EXPECT_EQ(owner_of(first)->id, mentee_.id);
  EXPECT_FALSE(secret_of(mentor_)) << "one person's feed is not another's";

  const std::string second =
      *run<std::string>(kMonday, [&](UseCase& uc) -> Result<std::string> { return renew_calendar_feed(uc, mentee_); })
           .result;
  EXPECT_NE(second, first);
  EXPECT_EQ(code_of(owner_of(first)), "not_found") << "the old address stops working at once";
  EXPECT_EQ(owner_of(second)->id, mentee_.id);

  ASSERT_TRUE(run_status(kMonday, [&](UseCase& uc) -> Status {
                end_calendar_feed(uc, mentee_);
                return {};
              }).result);
  EXPECT_FALSE(secret_of(mentee_));
  EXPECT_EQ(code_of(owner_of(second)), "not_found");
  EXPECT_EQ(code_of(owner_of("")), "not_found");
  EXPECT_EQ(code_of(owner_of("nothing")), "not_found");
}

TEST_F(CalendarTest, ADeactivatedPersonsFeedIsClosed) {
  const std::string secret =
      *run<std::string>(kMonday, [&](UseCase& uc) -> Result<std::string> { return renew_calendar_feed(uc, mentee_); })
           .result;
  mentee_.active = false;
  save(mentee_);
  auto owner = store_->read_value<Person>([&](sql::Connection& db) { return calendar_feed_owner(db, secret); });
  EXPECT_EQ(code_of(owner), "not_found");
}

// The mentor deletes their account: the meeting is off, and the mentee's calendar still shows it,
// naming the mentor as deleted, with no address a calendar would invite.
TEST_F(CalendarTest, AParticipantWhoDeletedTheirAccountIsNamedAsDeletedWithoutAnAddress) {
  const Relationship r = accepted();
  const Meeting m = schedule(r, kMonday + days(1));
  ASSERT_TRUE(run_status(kMonday, [&](UseCase& uc) { return delete_own_account(uc, mentor_); }).result);
  const auto entries = feed(mentee_);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].uid, "meeting-" + std::to_string(m.id) + "@mentorhub");
  EXPECT_TRUE(entries[0].cancelled) << "ending the relationship called the meeting off";
  EXPECT_EQ(emails_of(entries[0].attendees), (std::vector<std::string>{"", mentee_.email}));
  bool named = false;
  for (const auto& a : entries[0].attendees) named = named || (a.email.empty() && a.name == kDeletedPersonName);
  EXPECT_TRUE(named) << "the mentor is still named, as deleted";
  auto e = meeting_entry_for(mentee_, r.id, m.id);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->organizer.email, mentee_.email);
}

}  // namespace
}  // namespace mh::services
