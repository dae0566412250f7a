// Break-glass grants and the administrators' audit trail, in the store. Each function runs on
// the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/break_glass.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// Writes the grant and returns its id.
std::int64_t insert_break_glass_grant(sql::Connection& db, const BreakGlassGrant& g);

// The newest grant of `admin` on `relationship` still open at `now`, if any.
std::optional<BreakGlassGrant> open_break_glass_grant(sql::Connection& db, RelationshipId relationship,
                                                      PersonId admin, TimePoint now);

// One administrator action: who did what to which subject ("relationship:42"), why or how.
struct AdminAuditEntry {
  std::int64_t id = 0;
  std::optional<PersonId> actor;
  std::string action;
  std::string subject;
  std::string detail;
  TimePoint at{};
};

std::int64_t insert_admin_audit(sql::Connection& db, const AdminAuditEntry& e);

// Newest first, at most `limit`, before the entry `before` when given.
std::vector<AdminAuditEntry> admin_audit(sql::Connection& db, int limit, std::optional<std::int64_t> before);

}  // namespace mh::storage
