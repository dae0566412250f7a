#include "services/break_glass.hpp"

#include "services/admin_audit.hpp"


namespace mh::services {

namespace {

Status require_admin(const Person& actor) {
  if (actor.is_admin) return {};
  return forbidden("only an administrator can open a relationship's content, and only by stating a reason");
}

}  // namespace

Result<BreakGlassGrant> open_break_glass(UseCase& uc, const Person& admin, RelationshipId id,
                                         const std::string& reason) {
  MH_CHECK(require_admin(admin));
  auto r = storage::find_relationship(uc.db(), id);
  if (!r) return not_found("no such relationship");
  MH_TRY(grant, open_grant(id, admin.id, reason, uc.now()));
  grant.id = storage::insert_break_glass_grant(uc.db(), grant);
  record_admin_action(uc.db(), uc.now(), admin.id, admin_action::kBreakGlassOpened, subject("relationship", id),
                      grant.reason);
  // Both participants learn who looked, when, for how long and why; each opening is told anew
  // (the occasion is the grant), so a second look is never folded into the first.
  const std::string message = admin.name + ", an administrator, opened this relationship's shared content on " +
                              format_iso8601(grant.opened_at) + " for " +
                              std::to_string(kBreakGlassLifetime.count() / 60) +
                              " minutes (private notes stay closed). The reason given: " + grant.reason;
  for (PersonId person : {r->mentee_id, r->mentor_id})
    uc.notify(relationship_notice(*r, person, "content_opened", message).on("grant:" + std::to_string(grant.id)));
  return grant;
}

Result<BreakGlassRead> break_glass_relationship(sql::Connection& db, const Person& admin, RelationshipId id,
                                                TimePoint now) {
  MH_CHECK(require_admin(admin));
  auto r = storage::find_relationship(db, id);
  if (!r) return not_found("no such relationship");
  auto grant = storage::open_break_glass_grant(db, id, admin.id, now);
  if (!grant)
    return forbidden("administrators see a relationship's content only through break-glass access: open it with "
                     "a stated reason first (it lasts " +
                     std::to_string(kBreakGlassLifetime.count() / 60) + " minutes, and both participants are told)");
  return BreakGlassRead{std::move(*r), std::move(*grant)};
}

}  // namespace mh::services
