#include "storage/own_data_repo.hpp"

#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using sql::Value;

std::vector<CohortMembership> cohort_memberships_of(sql::Connection& db, PersonId person) {
  return sql::all_rows<CohortMembership>(db,
                                         "SELECT c.id, c.name, m.role FROM cohort_members m JOIN cohorts c ON c.id = "
                                         "m.cohort_id WHERE m.person_id = ? ORDER BY c.id, m.role",
                                         {person}, [&](const sql::Row& row) -> CohortMembership {
                                           return {row.int64(0), row.text(1), row.text(2)};
                                         });
}

std::vector<LinkedIdentity> identities_of(sql::Connection& db, PersonId person) {
  return sql::all_rows<LinkedIdentity>(db,
                                       "SELECT issuer, subject, created_at, last_sign_in_at FROM person_identities "
                                       "WHERE person_id = ? ORDER BY created_at, issuer, subject",
                                       {person}, [&](const sql::Row& row) -> LinkedIdentity {
                                         return {row.text(0), row.text(1), sql::time_of(row, 2), sql::time_of(row, 3)};
                                       });
}

std::vector<MailSent> mail_sent_to(sql::Connection& db, PersonId person) {
  return sql::all_rows<MailSent>(
      db, "SELECT kind, state, created_at, sent_at FROM outbox WHERE person_id = ? ORDER BY id", {person},
      [&](const sql::Row& row) -> MailSent {
        return {row.text(0), row.text(1), sql::time_of(row, 2), sql::optional_time_of(row, 3)};
      });
}

std::vector<BreakGlassGrant> break_glass_grants_involving(sql::Connection& db, PersonId person) {
  return sql::all_rows<BreakGlassGrant>(
      db,
      "SELECT g.id, g.relationship_id, g.admin_id, g.reason, g.opened_at, g.expires_at "
      "FROM break_glass_grants g JOIN relationships r ON r.id = g.relationship_id "
      "WHERE r.mentee_id = ? OR r.mentor_id = ? ORDER BY g.id",
      {person, person}, [&](const sql::Row& row) -> BreakGlassGrant {
        return {row.int64(0), row.int64(1), row.int64(2), row.text(3), sql::time_of(row, 4), sql::time_of(row, 5)};
      });
}

long long other_active_admins(sql::Connection& db, PersonId person) {
  return db.execute("SELECT COUNT(*) FROM people WHERE is_admin = 1 AND active = 1 AND id <> ?",
                    std::vector<Value>{person})
      .rows.at(0)
      .int64(0);
}

void erase_person_rows(sql::Connection& db, PersonId person, TimePoint now) {
  const std::vector<Value> one{person};
  const std::vector<Value> two{person, person};
  // The people who keep them as a former manager change too: their stamps and row versions rise,
  // so a server remembering them as callers, or holding them for recommendations, reads them
  // again (api/app.cpp, services/directory.cpp).
  db.execute("UPDATE people SET updated_at = ?, row_version = row_version + 1 WHERE id IN "
             "(SELECT person_id FROM person_former_managers WHERE manager_id = ?)",
             std::vector<Value>{sql::unix_seconds(now), person});
  for (const char* q : {"DELETE FROM auth_tokens WHERE person_id = ?", "DELETE FROM person_identities WHERE person_id = ?",
                        "DELETE FROM access_links WHERE person_id = ?", "DELETE FROM person_sign_ins WHERE person_id = ?",
                        "DELETE FROM calendar_feeds WHERE person_id = ?", "DELETE FROM mail_opt_outs WHERE person_id = ?",
                        "DELETE FROM mail_people WHERE person_id = ?", "DELETE FROM outbox WHERE person_id = ?",
                        "DELETE FROM meeting_private_notes WHERE author_id = ?",
                        "DELETE FROM notifications WHERE person_id = ?", "DELETE FROM cohort_members WHERE person_id = ?",
                        "DELETE FROM person_former_managers WHERE person_id = ?",
                        "DELETE FROM person_former_managers WHERE manager_id = ?",
                        "DELETE FROM second_factors WHERE person_id = ?", "DELETE FROM recovery_codes WHERE person_id = ?",
                        "DELETE FROM second_factor_challenges WHERE person_id = ?",
                        "DELETE FROM availability_exceptions WHERE person_id = ?",
                        "DELETE FROM availability_windows WHERE person_id = ?",
                        "DELETE FROM availability WHERE person_id = ?", "DELETE FROM scim_external_ids WHERE person_id = ?",
                        "UPDATE access_links SET created_by = NULL WHERE created_by = ?"})
    db.execute(q, one);
  for (const char* q : {"DELETE FROM manager_recommendations WHERE report_id = ? OR mentor_id = ?",
                        "DELETE FROM cohort_pair_rules WHERE mentee_id = ? OR mentor_id = ?"})
    db.execute(q, two);
  // Their reports' reporting line no longer names them; the change shows in their profiles' stamps
  // and row versions.
  db.execute("UPDATE people SET manager_id = NULL, updated_at = ?, row_version = row_version + 1 WHERE manager_id = ?",
             std::vector<Value>{sql::unix_seconds(now), person});
}

}  // namespace mh::storage
