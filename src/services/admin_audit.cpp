#include "services/admin_audit.hpp"

#include <algorithm>

#include "storage/people_repo.hpp"

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

const std::optional<Person>& AdminAuditView::actor_of(const storage::AdminAuditEntry& e) const {
  static const std::optional<Person> nobody;
  if (!e.actor) return nobody;
  auto it = actors.find(*e.actor);
  return it == actors.end() ? nobody : it->second;
}

namespace {

AdminAuditView with_actors(sql::Connection& db, std::vector<storage::AdminAuditEntry> entries) {
  AdminAuditView view{std::move(entries), {}};
  for (const auto& e : view.entries)
    if (e.actor && !view.actors.contains(*e.actor)) view.actors.emplace(*e.actor, storage::find_person(db, *e.actor));
  return view;
}

}  // namespace

Result<AdminAuditPage> admin_audit_page(sql::Connection& db, const Person& admin, int limit,
                                        std::optional<std::int64_t> before) {
  MH_TRY(found, read_admin_audit(db, admin, limit + 1, before));
  AdminAuditPage page;
  page.more = static_cast<int>(found.size()) > limit;
  if (page.more) found.resize(static_cast<std::size_t>(limit));
  page.view = with_actors(db, std::move(found));
  return page;
}

Result<AdminAuditView> whole_admin_audit(sql::Connection& db, const Person& admin) {
  std::vector<storage::AdminAuditEntry> all;
  std::optional<std::int64_t> before;
  for (;;) {
    MH_TRY(page, read_admin_audit(db, admin, 1000, before));
    if (page.empty()) break;
    before = page.back().id;
    all.insert(all.end(), page.begin(), page.end());
  }
  std::reverse(all.begin(), all.end());
  return with_actors(db, std::move(all));
}

std::string count_of(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace mh::services
