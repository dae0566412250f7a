// libFuzzer target: the iCalendar writer (calendar/ics: invitation_ics and feed_ics, on libical)
// with hostile text in every field a person can type (summary, agenda, place, names, the feed's
// name), invalid UTF-8 and control characters included. The input is split at 0x1f bytes into
// those fields. Checks what a calendar client relies on: the file is valid UTF-8, every line
// ends with CRLF and no bare CR or LF is left inside one, a line holds at
// most 75 octets and is never folded inside a UTF-8 character, and the text reads back (with
// libical's parser) as one calendar with exactly the events written, however many line breaks,
// semicolons, commas, colons or "BEGIN:VEVENT"s the fields hold. Text that Mentorhub would
// accept (valid UTF-8, no control characters but newline and tab) reads back unchanged, but for
// leading and trailing blanks, which libical's parser drops.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <libical/ical.h>

#include "calendar/ics.hpp"
#include "common/utf8.hpp"

namespace {

std::vector<std::string> split_fields(std::string_view text, std::size_t count) {
  std::vector<std::string> fields(count);
  std::size_t at = 0;
  for (char c : text) {
    if (c == '\x1f' && at + 1 < count) ++at;
    else fields[at] += c;
  }
  return fields;
}

// What Mentorhub accepts in a text field: valid UTF-8 without control characters but newline
// and tab.
bool acceptable_text(std::string_view s) {
  if (!mh::is_valid_utf8(s)) return false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) return false;
  }
  return true;
}

std::string_view without_outer_blanks(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// The file is valid UTF-8 whatever the fields held, its lines end with CRLF and hold at most 75
// octets, and a continuation never starts inside a character (its first octet after the fold's
// space is not a continuation byte).
void check_lines(const std::string& ics) {
  if (!mh::is_valid_utf8(ics)) std::abort();
  if (ics.size() < 2 || ics.substr(ics.size() - 2) != "\r\n") std::abort();
  std::size_t start = 0;
  while (start < ics.size()) {
    const std::size_t end = ics.find("\r\n", start);
    if (end == std::string::npos) std::abort();
    const std::string_view line(ics.data() + start, end - start);
    if (line.find('\r') != std::string_view::npos || line.find('\n') != std::string_view::npos) std::abort();
    if (line.size() > 75) std::abort();
    if (line.size() > 1 && line[0] == ' ' && (static_cast<unsigned char>(line[1]) & 0xc0) == 0x80) std::abort();
    start = end + 2;
  }
}

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

// Parses `ics` back and checks it holds `events` VEVENTs; returns the first event's SUMMARY.
std::string read_back(const std::string& ics, int events) {
  std::unique_ptr<icalcomponent, ComponentFree> cal(icalparser_parse_string(ics.c_str()));
  if (!cal || icalcomponent_isa(cal.get()) != ICAL_VCALENDAR_COMPONENT) std::abort();
  if (icalcomponent_count_components(cal.get(), ICAL_VEVENT_COMPONENT) != events) std::abort();
  if (icalcomponent_count_components(cal.get(), ICAL_ANY_COMPONENT) != events) std::abort();
  icalcomponent* ev = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT);
  const char* summary = ev ? icalcomponent_get_summary(ev) : nullptr;
  return summary ? summary : "";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  icalerror_set_errors_are_fatal(0);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto f = split_fields(text, 6);
  // C strings reach libical: Mentorhub refuses NUL in text before it gets here.
  for (auto& s : f) s = s.substr(0, s.find('\0'));
  mh::CalendarEntry e;
  e.uid = "meeting-1@mentorhub";
  e.sequence = static_cast<int>(size % 7);
  e.cancelled = size % 2 == 1;
  e.stamp = mh::TimePoint(mh::Seconds(1'790'000'000));
  e.starts_at = mh::TimePoint(mh::Seconds(1'790'000'000 + static_cast<std::int64_t>(size) * 60));
  e.ends_at = e.starts_at + mh::Seconds(3600);
  e.summary = f[0];
  e.description = f[1];
  e.location = f[2];
  e.organizer = {f[3], "organizer@example.org"};
  e.attendees = {{f[4], "attendee@example.org"}, {"Second Person", "second@example.org"}};

  const std::string invitation = mh::calendar::invitation_ics(e);
  check_lines(invitation);
  const std::string summary = read_back(invitation, 1);
  // libical's parser drops a value's leading and trailing blanks (the written line keeps them).
  if (acceptable_text(e.summary) && without_outer_blanks(summary) != without_outer_blanks(e.summary))
    std::abort();

  const std::string feed = mh::calendar::feed_ics({e, e}, f[5]);
  check_lines(feed);
  read_back(feed, 2);
  return 0;
}
