#include "notify/mime.hpp"

#include <array>
#include <chrono>
#include <cstdio>

namespace mh::notify {

namespace {

constexpr std::string_view kCrlf = "\r\n";

bool printable_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// Length of the UTF-8 sequence that starts with `lead` (1 for anything that is not a lead byte,
// so broken input still moves forward).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xf0 && lead < 0xf8) return 4;
  if (lead >= 0xe0) return lead < 0xf0 ? 3 : 1;
  if (lead >= 0xc0) return 2;
  return 1;
}

// Folds an ASCII header value at spaces so lines stay under 78 characters where it can.
std::string fold_ascii(std::string_view text, std::size_t used) {
  std::string out;
  std::size_t line = used;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t next = text.find(' ', i + 1);
    if (next == std::string_view::npos) next = text.size();
    std::string_view word = text.substr(i, next - i);
    if (line + word.size() > 76 && !out.empty() && word.front() == ' ') {
      out += kCrlf;
      line = 0;
    }
    out += word;
    line += word.size();
    i = next;
  }
  return out;
}

// "Fred \"Bob\"" -> quoted-string, when a name is ASCII but holds specials.
std::string quoted_name(std::string_view name) {
  static constexpr std::string_view specials = "()<>[]:;@\\,.\"";
  if (name.find_first_of(specials) == std::string_view::npos) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string normalize_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += kCrlf;
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += kCrlf;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string boundary_for(const std::string& message_id, const char* which) {
  // Derived from the Message-ID so a retry produces the same bytes; "=_" cannot occur in
  // quoted-printable or base64 text, so no part can contain it.
  std::string b = "=_mh_";
  b += which;
  b += '_';
  for (char c : message_id)
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) b += c;
  if (b.size() > 60) b.resize(60);
  return b;
}

void text_part(std::string& out, const char* subtype, std::string_view body) {
  out += "Content-Type: text/";
  out += subtype;
  out += "; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += quoted_printable(body);
  out += kCrlf;
}

}  // namespace

std::string header_safe(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

std::string encode_header_text(std::string_view raw, std::size_t first_line_used) {
  const std::string text = header_safe(raw);
  if (printable_ascii(text)) return fold_ascii(text, first_line_used);
  // Encoded-words of at most 75 characters: "=?UTF-8?B?" + base64 + "?=" leaves 63 for base64,
  // so 45 bytes of UTF-8 (60 base64 characters) per word, cut between whole characters.
  std::string out;
  std::size_t i = 0;
  bool first = true;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      const std::size_t n = utf8_length(static_cast<unsigned char>(text[end]));
      if (end + n - i > 45) break;
      end += n;
    }
    if (end == i) end = std::min(text.size(), i + 1);
    if (!first) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(i, end - i), 0) + "?=";
    first = false;
    i = end;
  }
  (void)first_line_used;  // each encoded word starts a line of its own after the first
  return out;
}

std::string format_address(const MailAddress& a, std::size_t first_line_used) {
  const std::string address = header_safe(a.address);
  if (a.name.empty()) return address;
  const std::string name = header_safe(a.name);
  if (printable_ascii(name)) return quoted_name(name) + " <" + address + ">";
  return encode_header_text(name, first_line_used) + " <" + address + ">";
}

std::string format_mail_date(TimePoint t) {
  static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::weekday wd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02ld:%02ld:%02ld +0000", days[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), months[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()), static_cast<long>(hms.seconds().count()));
  return buf;
}

std::string quoted_printable(std::string_view input) {
  static constexpr char hex[] = "0123456789ABCDEF";
  const std::string text = normalize_newlines(input);
  std::string out;
  std::size_t line = 0;
  auto emit = [&](std::string_view piece) {
    if (line + piece.size() > 75) {
      out += "=\r\n";
      line = 0;
    }
    out += piece;
    line += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // Trailing spaces before a line break would be stripped in transit: encode the last one.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        const char last = out.back();
        out.pop_back();
        --line;
        const char enc[3] = {'=', hex[static_cast<unsigned char>(last) >> 4], hex[static_cast<unsigned char>(last) & 15]};
        emit(std::string_view(enc, 3));
      }
      out += kCrlf;
      line = 0;
      ++i;
      continue;
    }
    // A dot at the start of a line is encoded too, so no relay ever mistakes it for the end.
    const bool plain = (c >= 33 && c <= 126 && c != '=' && !(c == '.' && line == 0)) || c == ' ' || c == '\t';
    if (plain) {
      const char ch = static_cast<char>(c);
      emit(std::string_view(&ch, 1));
    } else {
      const char enc[3] = {'=', hex[c >> 4], hex[c & 15]};
      emit(std::string_view(enc, 3));
    }
  }
  return out;
}

std::string base64(std::string_view bytes, std::size_t line_length) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve(bytes.size() * 4 / 3 + 4 + (line_length ? bytes.size() / line_length * 2 : 0));
  std::size_t line = 0;
  auto put = [&](char c) {
    if (line_length && line == line_length) {
      out += kCrlf;
      line = 0;
    }
    out += c;
    ++line;
  };
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    put(alphabet[v >> 18]);
    put(alphabet[(v >> 12) & 63]);
    put(alphabet[(v >> 6) & 63]);
    put(alphabet[v & 63]);
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    put(alphabet[v >> 18]);
    put(alphabet[(v >> 12) & 63]);
    put(i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=');
    put('=');
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string build_mime(const MailMessage& m) {
  std::string out;
  out += "Date: " + format_mail_date(m.date) + "\r\n";
  out += "Message-ID: " + header_safe(m.message_id) + "\r\n";
  out += "From: " + format_address(m.from, 6) + "\r\n";
  out += "To: " + format_address(m.to, 4) + "\r\n";
  out += "Subject: " + encode_header_text(m.subject, 9) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  if (!m.list_unsubscribe.empty()) {
    out += "List-Unsubscribe: <" + header_safe(m.list_unsubscribe) + ">\r\n";
    out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  out += "Auto-Submitted: auto-generated\r\n";
  const std::string alt = boundary_for(m.message_id, "alt");
  auto alternative = [&](std::string& s) {
    s += "Content-Type: multipart/alternative;\r\n boundary=\"" + alt + "\"\r\n\r\n";
    s += "--" + alt + "\r\n";
    text_part(s, "plain", m.text);
    s += "--" + alt + "\r\n";
    text_part(s, "html", m.html);
    s += "--" + alt + "--\r\n";
  };
  if (!m.calendar) {
    alternative(out);
    return out;
  }
  const std::string mixed = boundary_for(m.message_id, "mix");
  out += "Content-Type: multipart/mixed;\r\n boundary=\"" + mixed + "\"\r\n\r\n";
  out += "This is a message in MIME format.\r\n";
  out += "--" + mixed + "\r\n";
  alternative(out);
  out += "--" + mixed + "\r\n";
  const std::string method = header_safe(m.calendar->method);
  out += "Content-Type: text/calendar; charset=utf-8; method=" + method + ";\r\n name=\"invite.ics\"\r\n";
  out += "Content-Disposition: attachment; filename=\"invite.ics\"\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  out += base64(m.calendar->ics) + "\r\n";
  out += "--" + mixed + "--\r\n";
  return out;
}

}  // namespace mh::notify
