// The kinds of e-mail Mentorhub sends, each of which a person can switch off: immediate mail for
// requests, answers, meeting changes and the program's proposals, and a daily digest of
// everything else they were told in the app. Also which notification is mailed at once, and the
// outbox's retry schedule. Pure C++; values; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace mh {

enum class MailKind { requests, answers, meetings, proposals, digest };

inline constexpr std::array kMailKinds{MailKind::requests, MailKind::answers, MailKind::meetings,
                                       MailKind::proposals, MailKind::digest};

std::string_view to_string(MailKind k);
std::optional<MailKind> mail_kind_from(std::string_view text);
// What the kind is, in a sentence fragment a person reads ("answers to your requests").
std::string_view describe(MailKind k);

// The kind of immediate mail that carries a notification of `notification_kind`, or none when it
// waits for the digest. A request the program proposed (cohort_proposal) reaches the mentor as a
// proposal.
std::optional<MailKind> immediate_mail_for(std::string_view notification_kind);

// The outbox's retry schedule: after the `attempts`-th failed attempt (1, 2, ...), the next one
// waits 30 s, 1 min, 2 min, ... doubling up to 1 hour. After kMaxMailAttempts failures a message
// is given up (about two days of trying).
inline constexpr int kMaxMailAttempts = 60;
Seconds mail_retry_delay(int attempts);

}  // namespace mh
