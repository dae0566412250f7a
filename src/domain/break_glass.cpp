#include "domain/break_glass.hpp"

namespace mh {

namespace {

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

Result<BreakGlassGrant> open_grant(RelationshipId relationship, PersonId admin, std::string_view reason,
                                   TimePoint now) {
  const std::string_view why = trimmed(reason);
  if (why.size() < kMinBreakGlassReason)
    return Error{ErrorCode::invalid,
                 "must say why the content is opened, in at least " + std::to_string(kMinBreakGlassReason) +
                     " characters (a complaint's reference, what was reported)",
                 "reason"};
  if (why.size() > kMaxBreakGlassReason)
    return Error{ErrorCode::invalid, "is longer than " + std::to_string(kMaxBreakGlassReason) + " characters",
                 "reason"};
  BreakGlassGrant g;
  g.relationship_id = relationship;
  g.admin_id = admin;
  g.reason = std::string(why);
  g.opened_at = now;
  g.expires_at = now + kBreakGlassLifetime;
  return g;
}

}  // namespace mh
