// Break-glass access (domain/break_glass.hpp) as use cases: an administrator opens one
// relationship's shared content by stating a reason, which writes the grant and the audit entry
// and tells both participants who looked, when and why; reading the content needs a grant of that
// administrator still open; private notes stay closed even then. Each function is one use case
// inside the caller's transaction (see use_case.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/break_glass.hpp"
#include "services/use_case.hpp"
#include "storage/break_glass_repo.hpp"

namespace mh::services {

// Only an administrator; not_found when there is no such relationship; invalid naming `reason`
// when it does not say why. Both participants are notified (kind `content_opened`).
Result<BreakGlassGrant> open_break_glass(UseCase& uc, const Person& admin, RelationshipId id,
                                         const std::string& reason);

// The relationship `id` for `admin` to read, with the grant that lets them: forbidden unless they
// are an administrator with a grant on it still open at `now` (the message says how to get one).
struct BreakGlassRead {
  Relationship relationship;
  BreakGlassGrant grant;
};
Result<BreakGlassRead> break_glass_relationship(sql::Connection& db, const Person& admin, RelationshipId id,
                                                TimePoint now);

}  // namespace mh::services
