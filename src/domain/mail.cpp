#include "domain/mail.hpp"

#include <algorithm>

#include "domain/enum_names.hpp"

namespace mh {

namespace {
constexpr EnumNames<MailKind, 5> kNames{{"requests", "answers", "meetings", "proposals", "digest"}};
}  // namespace

std::string_view to_string(MailKind k) { return kNames.name(k); }

std::optional<MailKind> mail_kind_from(std::string_view text) { return kNames.parse(text); }

std::string_view describe(MailKind k) {
  switch (k) {
    case MailKind::requests: return "new mentoring requests to you";
    case MailKind::answers: return "answers to your requests and questions";
    case MailKind::meetings: return "meetings scheduled, moved or cancelled, with a calendar invitation";
    case MailKind::proposals: return "mentees the program proposes to you";
    case MailKind::digest: return "a daily digest of everything else";
  }
  return "";
}

std::optional<MailKind> immediate_mail_for(std::string_view notification_kind) {
  if (notification_kind == "request_received") return MailKind::requests;
  if (notification_kind == "cohort_proposal") return MailKind::proposals;
  if (notification_kind == "request_accepted" || notification_kind == "request_declined" ||
      notification_kind == "question_answered")
    return MailKind::answers;
  return std::nullopt;
}

Seconds mail_retry_delay(int attempts) {
  // Doubling from 30 s: a mail server that is down for a minute costs a minute, one down for a
  // day is not hammered; an hour is the longest a message waits once the server is back.
  const int n = std::clamp(attempts, 1, 8);
  return std::min<Seconds>(Seconds(30) * (1 << (n - 1)), Seconds(3600));
}

}  // namespace mh
