// An e-mail as RFC 5322 text: the headers (Date, Message-ID, MIME-Version, From and To with
// names encoded per RFC 2047 when they are not ASCII, an encoded Subject, List-Unsubscribe with
// RFC 8058's one-click), a plain-text and an HTML part (multipart/alternative, UTF-8,
// quoted-printable) and, for a meeting, its invitation attached as text/calendar
// (multipart/mixed). Lines end in CRLF and stay under 78 characters. Pure functions; thread-safe.
// Depends on common only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace mh::notify {

struct MailAddress {
  std::string name;     // may be empty; any UTF-8
  std::string address;  // ASCII "local@domain"
};

struct CalendarAttachment {
  std::string method;  // "REQUEST" or "CANCEL"
  std::string ics;     // the iCalendar text
};

struct MailMessage {
  MailAddress from;
  MailAddress to;
  std::string subject;  // UTF-8
  TimePoint date{};
  std::string message_id;  // "<token@domain>", stable across retries
  std::string text;        // the plain-text part, UTF-8
  std::string html;        // the HTML part, UTF-8, already escaped where it holds people's words
  std::string list_unsubscribe;  // an https (or http) address that switches this kind off; none if empty
  std::optional<CalendarAttachment> calendar;
};

// The whole message, ready for SMTP's DATA.
std::string build_mime(const MailMessage& m);

// A header's words: as they are when printable ASCII, else RFC 2047 encoded-words
// ("=?UTF-8?B?...?="), each at most 75 characters, split between whole characters, separated by
// folding whitespace. `first_line_used` is how much of the first line the header name takes.
std::string encode_header_text(std::string_view text, std::size_t first_line_used);
// "Name <address>", the name quoted or encoded as needed; just the address without a name.
std::string format_address(const MailAddress& a, std::size_t first_line_used);
// RFC 5322 date in UTC: "Fri, 04 Dec 2026 08:00:00 +0000".
std::string format_mail_date(TimePoint t);
// Quoted-printable (RFC 2045) of UTF-8 text whose lines end in LF or CRLF; soft breaks keep
// lines at 76 characters.
std::string quoted_printable(std::string_view text);
std::string base64(std::string_view bytes, std::size_t line_length = 76);
// &, <, >, " and ' as entities, for people's words inside HTML.
std::string html_escape(std::string_view text);
// A string safe inside a header: control characters (CR, LF, ...) become spaces.
std::string header_safe(std::string_view text);

}  // namespace mh::notify
