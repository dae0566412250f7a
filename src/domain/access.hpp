// Getting people in without an identity provider: the one-time links that let a person set a
// password (an administrator's invitation, or a reset they asked for), how long each lives, the
// state a link is in at a given time, and what a new password must be. Pure C++: no I/O, the
// time passed in. Values only; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"

namespace mh {

enum class AccessPurpose { invitation, password_reset };

std::string_view to_string(AccessPurpose p);
std::optional<AccessPurpose> access_purpose_from(std::string_view text);

// An invitation is good for a week (people are away); a reset link for an hour, since whoever
// asked for it is waiting for it now and a reset link left lying in a mailbox is a way in.
Seconds lifetime_of(AccessPurpose p);

// One link as the store keeps it: only the hash of its token, never the token.
struct AccessLink {
  std::int64_t id = 0;
  PersonId person_id = 0;
  AccessPurpose purpose = AccessPurpose::invitation;
  std::string token_hash;
  std::optional<PersonId> created_by;  // the administrator; none for a reset or the command line
  TimePoint created_at{};
  TimePoint expires_at{};
  std::optional<TimePoint> used_at;
  std::optional<TimePoint> revoked_at;
};

enum class LinkState { pending, used, expired, revoked };
std::string_view to_string(LinkState s);
std::optional<LinkState> link_state_from(std::string_view text);
// Used and revoked win over expired: they say what happened.
LinkState state_of(const AccessLink& link, TimePoint now);

// A password a person chooses: at least 10 bytes (a short phrase beats a clever word), at most
// 1024 (argon2id hashes whatever it gets). `field` names the JSON field for the error.
Status check_new_password(std::string_view field, std::string_view password);

// A few words naming the browser and system of a User-Agent header ("Firefox on Linux",
// "Chrome on Android", "curl"), for a person telling their sessions apart; "Unknown browser"
// when nothing is recognised. Never longer than 60 bytes.
std::string describe_client(std::string_view user_agent);

}  // namespace mh
