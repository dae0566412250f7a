// Building a message: headers (Date, Message-ID, MIME-Version, List-Unsubscribe with one-click),
// RFC 2047 encoding of names and subjects, quoted-printable and base64 bodies, the parts and
// their boundaries, and HTML escaping.
#include "notify/mime.hpp"

#include <gtest/gtest.h>

namespace mh::notify {
namespace {

MailMessage sample() {
  MailMessage m;
  m.from = {"Northwind", "mentoring@northwind.example"};
  m.to = {"Ada Lovelace", "ada@example.com"};
  m.subject = "A mentoring request for you";
  m.date = *parse_iso8601("2026-12-04T08:05:09Z");
  m.message_id = "<abc123@northwind.example>";
  m.text = "Hello Ada,\nBob asks you to be their mentor.\n";
  m.html = "<p>Bob asks you to be their mentor.</p>";
  m.list_unsubscribe = "https://mentoring.example/mail/unsubscribe/tok/requests";
  return m;
}

std::string header(const std::string& mail, const std::string& name) {
  const auto at = mail.find("\r\n" + name + ": ");
  if (mail.rfind(name + ": ", 0) == 0) return mail.substr(name.size() + 2, mail.find("\r\n") - name.size() - 2);
  if (at == std::string::npos) return {};
  const auto start = at + 4 + name.size();
  return mail.substr(start, mail.find("\r\n", start) - start);
}

TEST(Mime, TheDateIsRfc5322InUtc) { EXPECT_EQ(format_mail_date(*parse_iso8601("2026-12-04T08:05:09Z")), "Fri, 04 Dec 2026 08:05:09 +0000"); }

TEST(Mime, AMessageCarriesTheHeadersMailNeeds) {
  const std::string mail = build_mime(sample());
  EXPECT_EQ(header(mail, "Date"), "Fri, 04 Dec 2026 08:05:09 +0000");
  EXPECT_EQ(header(mail, "Message-ID"), "<abc123@northwind.example>");
  EXPECT_EQ(header(mail, "MIME-Version"), "1.0");
  EXPECT_EQ(header(mail, "From"), "Northwind <mentoring@northwind.example>");
  EXPECT_EQ(header(mail, "To"), "Ada Lovelace <ada@example.com>");
  EXPECT_EQ(header(mail, "Subject"), "A mentoring request for you");
  EXPECT_EQ(header(mail, "List-Unsubscribe"), "<https://mentoring.example/mail/unsubscribe/tok/requests>");
  EXPECT_EQ(header(mail, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  EXPECT_EQ(header(mail, "Content-Type"), "multipart/alternative;");
  EXPECT_NE(mail.find("\r\n boundary=\"=_mh_alt_"), std::string::npos);
}

TEST(Mime, EveryLineEndsInCrlfAndStaysShort) {
  MailMessage m = sample();
  m.text = std::string(500, 'x') + "\n" + std::string(300, 'y');
  m.subject = "A subject that goes on and on about the mentoring request you received from a colleague today";
  const std::string mail = build_mime(m);
  std::size_t start = 0;
  while (start < mail.size()) {
    const auto end = mail.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 78u) << mail.substr(start, end - start);
    EXPECT_EQ(mail.substr(start, end - start).find('\n'), std::string::npos);
    start = end + 2;
  }
}

TEST(Mime, ANonAsciiSubjectAndNameAreEncodedWords) {
  MailMessage m = sample();
  m.subject = "Café au lait avec José";
  m.to.name = "Zoë Ångström";
  const std::string mail = build_mime(m);
  EXPECT_EQ(header(mail, "Subject"), "=?UTF-8?B?Q2Fmw6kgYXUgbGFpdCBhdmVjIEpvc8Op?=");
  EXPECT_EQ(header(mail, "To"), "=?UTF-8?B?Wm/DqyDDhW5nc3Ryw7Zt?= <ada@example.com>");
}

TEST(Mime, ALongEncodedSubjectIsSplitBetweenWholeCharacters) {
  const std::string subject = "Ünïcödé " + std::string(40, 'a') + " éééééééééééééééééééé";
  const std::string encoded = encode_header_text(subject, 9);
  std::size_t words = 0;
  std::size_t start = 0;
  std::string decoded_bytes;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    const std::string word = encoded.substr(start, end - start);
    EXPECT_LE(word.size(), 75u);
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    ++words;
    start = end == encoded.size() ? end : end + 3;
  }
  EXPECT_GE(words, 2u);
}

TEST(Mime, HeaderValuesCannotCarryNewLines) {
  MailMessage m = sample();
  m.subject = "Hi\r\nBcc: everyone@example.com";
  m.to.name = "Eve\nBcc: x@example.com";
  const std::string mail = build_mime(m);
  EXPECT_EQ(mail.find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(header(mail, "Subject"), "Hi  Bcc: everyone@example.com");
}

TEST(Mime, ANameWithSpecialsIsQuoted) {
  EXPECT_EQ(format_address({"Smith, Anna \"Ann\"", "anna@example.com"}, 4), "\"Smith, Anna \\\"Ann\\\"\" <anna@example.com>");
  EXPECT_EQ(format_address({"", "anna@example.com"}, 4), "anna@example.com");
}

TEST(Mime, QuotedPrintableEncodesWhatMailCannotCarry) {
  EXPECT_EQ(quoted_printable("Café = 1\n"), "Caf=C3=A9 =3D 1\r\n");
  EXPECT_EQ(quoted_printable("trailing space \nnext"), "trailing space=20\r\nnext");
  EXPECT_EQ(quoted_printable(".\n"), "=2E\r\n");
  const std::string long_line = quoted_printable(std::string(100, 'a'));
  EXPECT_EQ(long_line.substr(0, 76), std::string(75, 'a') + "=");
}

TEST(Mime, Base64MatchesTheStandardVectors) {
  EXPECT_EQ(base64("", 0), "");
  EXPECT_EQ(base64("f", 0), "Zg==");
  EXPECT_EQ(base64("fo", 0), "Zm8=");
  EXPECT_EQ(base64("foo", 0), "Zm9v");
  EXPECT_EQ(base64("foobar", 0), "Zm9vYmFy");
}

TEST(Mime, HtmlEscapingCoversTheFiveCharacters) {
  EXPECT_EQ(html_escape("<a href=\"x\">Tom & Jerry's</a>"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

TEST(Mime, AnInvitationMakesTheMessageMixedWithACalendarPart) {
  MailMessage m = sample();
  m.calendar = CalendarAttachment{"REQUEST", "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"};
  const std::string mail = build_mime(m);
  EXPECT_NE(header(mail, "Content-Type").find("multipart/mixed"), std::string::npos);
  EXPECT_NE(mail.find("Content-Type: multipart/alternative"), std::string::npos);
  EXPECT_NE(mail.find("Content-Type: text/calendar; charset=utf-8; method=REQUEST"), std::string::npos);
  EXPECT_NE(mail.find(base64(m.calendar->ics)), std::string::npos);
}

TEST(Mime, TheSameMessageBuildsTheSameBytes) { EXPECT_EQ(build_mime(sample()), build_mime(sample())); }

}  // namespace
}  // namespace mh::notify
