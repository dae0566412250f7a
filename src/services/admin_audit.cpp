#include "services/admin_audit.hpp"

namespace mh::services {

void record_admin_action(sql::Connection& db, TimePoint at, std::optional<PersonId> by, const char* action,
                         std::string subject, std::string detail) {
  storage::insert_admin_audit(db, {0, by, action, std::move(subject), std::move(detail), at});
}

void record_admin_action(sql::Connection& db, TimePoint at, const Person* by, const char* action, std::string subject,
                         std::string detail) {
  // An actor without an id is the command line, or a named system acting as an administrator
  // (a SCIM provider): the entry names the latter in its detail.
  if (by && !by->id && !by->name.empty() && by->name != "the command line")
    detail = by->name + (detail.empty() ? "" : ": " + detail);
  record_admin_action(db, at, by && by->id ? std::optional<PersonId>(by->id) : std::nullopt, action, std::move(subject),
                      std::move(detail));
}

Result<std::vector<storage::AdminAuditEntry>> read_admin_audit(sql::Connection& db, const Person& admin, int limit,
                                                               std::optional<std::int64_t> before) {
  if (!admin.is_admin) return forbidden("only administrators can read the administrators' audit trail");
  return storage::admin_audit(db, limit, before);
}

std::string count_of(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace mh::services
