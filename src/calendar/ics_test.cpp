// The iCalendar text: the properties calendars read, in UTC, text escaped as RFC 5545 says, an
// invitation that turns into a cancellation, and a feed with many entries.
#include "calendar/ics.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "domain/testing.hpp"

namespace mh::calendar {
namespace {

using mh::testing::at;

// The content lines, unfolded (a line that starts with a space continues the one before).
std::vector<std::string> lines_of(const std::string& ics) {
  std::vector<std::string> out;
  std::istringstream in(ics);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == ' ' && !out.empty()) out.back() += line.substr(1);
    else out.push_back(line);
  }
  return out;
}

bool has_line(const std::string& ics, const std::string& wanted) {
  for (const auto& l : lines_of(ics))
    if (l == wanted) return true;
  return false;
}

int count_lines(const std::string& ics, const std::string& wanted) {
  int n = 0;
  for (const auto& l : lines_of(ics)) n += l == wanted;
  return n;
}

CalendarEntry entry() {
  CalendarEntry e;
  e.uid = "meeting-42@mentorhub";
  e.sequence = 3;
  e.starts_at = at("2026-12-03T14:00:00Z");
  e.ends_at = at("2026-12-03T14:45:00Z");
  e.stamp = at("2026-12-01T09:00:00Z");
  e.summary = "Mentoring: Maya Mentee and Daniel Mentor";
  e.description = "Agenda:\n- Draft the map; then, review it";
  e.location = "Room 4.12, Riverside office";
  e.organizer = {"Maya Mentee", "maya@example.com"};
  e.attendees = {{"Maya Mentee", "maya@example.com"}, {"O\"Brien, Daniel", "daniel@example.com"}};
  return e;
}

TEST(Ics, AnInvitationHasEveryPropertyACalendarReads) {
  const std::string ics = invitation_ics(entry());
  for (const char* line : {"BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "UID:meeting-42@mentorhub", "SEQUENCE:3",
                           "DTSTART:20261203T140000Z", "DTEND:20261203T144500Z", "DTSTAMP:20261201T090000Z",
                           "STATUS:CONFIRMED", "SUMMARY:Mentoring: Maya Mentee and Daniel Mentor",
                           "DESCRIPTION:Agenda:\\n- Draft the map\\; then\\, review it",
                           "LOCATION:Room 4.12\\, Riverside office", "ORGANIZER;CN=Maya Mentee:mailto:maya@example.com"})
    EXPECT_TRUE(has_line(ics, line)) << line;
  EXPECT_EQ(count_lines(ics, "END:VEVENT"), 1);
  bool quoted_name = false;
  for (const auto& l : lines_of(ics))
    quoted_name |= l.rfind("ATTENDEE;CN=\"O'Brien, Daniel\"", 0) == 0 && l.ends_with(":mailto:daniel@example.com");
  EXPECT_TRUE(quoted_name) << ics;
  for (const auto& l : lines_of(ics)) EXPECT_EQ(l.find('\n'), std::string::npos);
}

TEST(Ics, ACancelledEntryIsSentAsACancellation) {
  CalendarEntry e = entry();
  e.cancelled = true;
  e.sequence = 4;
  const std::string ics = invitation_ics(e);
  EXPECT_TRUE(has_line(ics, "METHOD:CANCEL"));
  EXPECT_TRUE(has_line(ics, "STATUS:CANCELLED"));
  EXPECT_TRUE(has_line(ics, "UID:meeting-42@mentorhub"));
  EXPECT_TRUE(has_line(ics, "SEQUENCE:4"));
}

TEST(Ics, AFeedPublishesEveryEntryUnderItsName) {
  CalendarEntry second = entry();
  second.uid = "circle-session-9@mentorhub";
  const std::string ics = feed_ics({entry(), second}, "Mentorhub: Maya Mentee");
  EXPECT_TRUE(has_line(ics, "METHOD:PUBLISH"));
  EXPECT_TRUE(has_line(ics, "X-WR-CALNAME:Mentorhub: Maya Mentee"));
  EXPECT_EQ(count_lines(ics, "BEGIN:VEVENT"), 2);
  EXPECT_TRUE(has_line(ics, "UID:circle-session-9@mentorhub"));
  EXPECT_EQ(count_lines(feed_ics({}, "Empty"), "BEGIN:VEVENT"), 0);
}

// Someone who deleted their account has no address: no "mailto:" without one, for the organizer
// or an attendee, while the others are still there.
TEST(Ics, APersonWithoutAnAddressIsLeftOutOfOrganizerAndAttendees) {
  CalendarEntry e = entry();
  e.organizer = {"Deleted person", ""};
  e.attendees = {{"Deleted person", ""}, {"O\"Brien, Daniel", "daniel@example.com"}};
  for (const std::string& ics : {invitation_ics(e), feed_ics({e}, "Mentorhub: Daniel")}) {
    int attendees = 0;
    for (const auto& l : lines_of(ics)) {
      EXPECT_EQ(l.rfind("ORGANIZER", 0), std::string::npos) << l;
      EXPECT_FALSE(l.ends_with("mailto:")) << l;
      attendees += l.rfind("ATTENDEE", 0) == 0;
    }
    EXPECT_EQ(attendees, 1) << ics;
  }
}

// Every line ends with CRLF, holds no other CR or LF, and has at most 75 octets.
void expect_well_formed_lines(const std::string& ics) {
  ASSERT_GE(ics.size(), 2u);
  EXPECT_EQ(ics.substr(ics.size() - 2), "\r\n");
  std::size_t start = 0;
  while (start < ics.size()) {
    const std::size_t end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    const std::string line = ics.substr(start, end - start);
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << line;
    EXPECT_LE(line.size(), 75u) << line;
    start = end + 2;
  }
}

TEST(Ics, TextOfEveryLengthIsFoldedIntoWellFormedLines) {
  // Lengths around each fold, plain and ending in characters of 2, 3 and 4 octets: libical
  // alone breaks the line end of some of them (a 73-character agenda is one).
  for (int n = 1; n < 240; ++n)
    for (const char* tail : {"", "\xC3\xA9", "\xE4\xBC\x9A", "\xF0\x9F\x8E\x89"}) {
      CalendarEntry e = entry();
      e.description = std::string(static_cast<std::size_t>(n), 'a') + tail;
      e.summary = std::string(static_cast<std::size_t>(n), 'b') + tail;
      const std::string ics = invitation_ics(e);
      SCOPED_TRACE(n);
      expect_well_formed_lines(ics);
      EXPECT_TRUE(has_line(ics, "DESCRIPTION:" + e.description));
      EXPECT_TRUE(has_line(ics, "SUMMARY:" + e.summary));
    }
}

TEST(Ics, BadBytesAndControlCharactersNeverBreakTheFile) {
  CalendarEntry e = entry();
  e.summary = "Bad \xFF\xBC bytes";
  e.description = "one\rtwo\r\nthree\x01" "four\x7f";
  e.attendees[1].name = "Line\nbreak \"name\"";
  const std::string ics = feed_ics({e}, "Feed\r\nX-INJECTED:1");
  expect_well_formed_lines(ics);
  EXPECT_TRUE(has_line(ics, "SUMMARY:Bad \xEF\xBF\xBD\xEF\xBF\xBD bytes"));
  EXPECT_TRUE(has_line(ics, "DESCRIPTION:one\\ntwo\\nthreefour"));
  EXPECT_TRUE(has_line(ics, "X-WR-CALNAME:Feed X-INJECTED:1"));
  EXPECT_EQ(count_lines(ics, "X-INJECTED:1"), 0);
}

}  // namespace
}  // namespace mh::calendar
