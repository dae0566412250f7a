#include "storage/row_locks.hpp"

#include <algorithm>
#include <string>

#include "storage/sql/placeholders.hpp"

namespace mh::storage {

namespace {

using sql::Value;

// The inner SELECT takes the locks in id order; the outer update then gives each row a new
// version without changing a value (and so without touching a cached caller's row_version).
void lock_people_where(sql::Connection& db, const std::string& ids_query, const std::vector<Value>& args) {
  if (db.dialect() != sql::Dialect::postgres) return;
  db.execute("UPDATE people SET row_version = row_version WHERE id IN (SELECT id FROM people WHERE id IN (" +
                 ids_query + ") ORDER BY id FOR UPDATE)",
             args);
}

}  // namespace

void lock_people(sql::Connection& db, std::vector<PersonId> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return;
  lock_people_where(db, sql::placeholders(ids.size()), std::vector<Value>(ids.begin(), ids.end()));
}

void lock_people_of_matching(sql::Connection& db, MatchingJobId job) {
  lock_people_where(db,
                    "SELECT mentee_id FROM matching_job_pairs WHERE job_id = ? "
                    "UNION SELECT mentor_id FROM matching_job_pairs WHERE job_id = ?",
                    std::vector<Value>{job, job});
}

}  // namespace mh::storage
