#include "storage/migrations.hpp"

#include <array>

namespace mh::storage {

namespace {

// Timestamps are Unix seconds (UTC) in BIGINT columns; booleans are 0/1 integers; lists of
// plain words are JSON text. Every table a server writes lives here, so several servers can
// share one PostgreSQL.
const char* const kPeople = R"SQL(
CREATE TABLE people (
  id {{id}},
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  is_external INTEGER NOT NULL DEFAULT 0,
  department TEXT NOT NULL DEFAULT '',
  manager_id BIGINT REFERENCES people(id),
  career_start_year INTEGER,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  languages TEXT NOT NULL DEFAULT '[]',
  media TEXT NOT NULL DEFAULT '[]',
  aspirations TEXT NOT NULL DEFAULT '{}',
  monthly_availability_hours INTEGER NOT NULL DEFAULT 0,
  mentor_capacity INTEGER NOT NULL DEFAULT 0,
  formats_offered TEXT NOT NULL DEFAULT '[]',
  formats_sought TEXT NOT NULL DEFAULT '[]',
  bio TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',
  is_admin INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX people_manager ON people(manager_id);
CREATE INDEX people_department ON people(department);
CREATE TABLE person_skills (
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  skill TEXT NOT NULL,
  skill_key TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  PRIMARY KEY (person_id, skill_key)
);
CREATE INDEX person_skills_skill ON person_skills(skill_key, level);
CREATE TABLE person_former_managers (
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  manager_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (person_id, manager_id)
);
CREATE TABLE auth_tokens (
  token_hash TEXT PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('session', 'api')),
  label TEXT NOT NULL DEFAULT '',
  csrf_token TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX auth_tokens_person ON auth_tokens(person_id);
CREATE TABLE sign_in_failures (
  subject TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start BIGINT NOT NULL
);
)SQL";

// The one-to-one relationship: the request and its states, the audit trail, and the five
// actions' content. Purpose and logistics are one row each, so they live on the relationship.
const char* const kRelationships = R"SQL(
CREATE TABLE relationships (
  id {{id}},
  mentee_id BIGINT NOT NULL REFERENCES people(id),
  mentor_id BIGINT NOT NULL REFERENCES people(id),
  initiator_id BIGINT NOT NULL REFERENCES people(id),
  format TEXT NOT NULL DEFAULT 'one_to_one',
  state TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  draft_purpose TEXT NOT NULL DEFAULT '',
  decline_reason TEXT NOT NULL DEFAULT '',
  requested_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  answered_at BIGINT,
  activated_at BIGINT,
  concluded_at BIGINT,
  updated_at BIGINT NOT NULL,
  desired_outcome TEXT NOT NULL DEFAULT '',
  purpose_version INTEGER NOT NULL DEFAULT 0,
  mentee_agreed_version INTEGER NOT NULL DEFAULT 0,
  mentor_agreed_version INTEGER NOT NULL DEFAULT 0,
  purpose_agreed_at BIGINT,
  first_agreed_purpose TEXT NOT NULL DEFAULT '',
  logistics_set INTEGER NOT NULL DEFAULT 0,
  cadence_days INTEGER NOT NULL DEFAULT 14,
  medium TEXT NOT NULL DEFAULT 'video',
  location TEXT NOT NULL DEFAULT '',
  feedback_preference TEXT NOT NULL DEFAULT '',
  mentee_learning TEXT NOT NULL DEFAULT '',
  mentor_learning TEXT NOT NULL DEFAULT '',
  review_date BIGINT
);
CREATE INDEX relationships_mentee ON relationships(mentee_id, state);
CREATE INDEX relationships_mentor ON relationships(mentor_id, state);
CREATE INDEX relationships_state ON relationships(state, expires_at);
CREATE TABLE relationship_events (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships(id),
  actor_id BIGINT REFERENCES people(id),
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX relationship_events_rel ON relationship_events(relationship_id, id);
CREATE TABLE info_requests (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships(id),
  asked_by BIGINT NOT NULL REFERENCES people(id),
  question TEXT NOT NULL,
  answer TEXT,
  asked_at BIGINT NOT NULL,
  answered_at BIGINT
);
CREATE INDEX info_requests_rel ON info_requests(relationship_id);
CREATE TABLE objectives (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships(id),
  position INTEGER NOT NULL,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  success_measure TEXT NOT NULL DEFAULT ''
);
CREATE INDEX objectives_rel ON objectives(relationship_id, position);
CREATE TABLE tasks (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships(id),
  objective_id BIGINT REFERENCES objectives(id) ON DELETE SET NULL,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL CHECK (owner IN ('mentee', 'mentor')),
  due BIGINT,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  completed_at BIGINT
);
CREATE INDEX tasks_rel ON tasks(relationship_id);
CREATE TABLE meetings (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships(id),
  starts_at BIGINT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  medium TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  agenda TEXT NOT NULL DEFAULT '[]',
  shared_notes TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX meetings_rel ON meetings(relationship_id, starts_at);
CREATE TABLE meeting_private_notes (
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  author_id BIGINT NOT NULL REFERENCES people(id),
  text TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (meeting_id, author_id)
);
CREATE TABLE stories (
  id {{id}},
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  teller_id BIGINT NOT NULL REFERENCES people(id),
  story TEXT NOT NULL,
  point TEXT NOT NULL,
  reflection TEXT NOT NULL DEFAULT '',
  reflected_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX stories_meeting ON stories(meeting_id);
CREATE TABLE debriefs (
  relationship_id BIGINT NOT NULL REFERENCES relationships(id),
  author_id BIGINT NOT NULL REFERENCES people(id),
  outcomes TEXT NOT NULL,
  achieved TEXT NOT NULL DEFAULT '',
  still_to_do TEXT NOT NULL DEFAULT '',
  do_differently TEXT NOT NULL DEFAULT '',
  rating INTEGER,
  submitted_at BIGINT NOT NULL,
  PRIMARY KEY (relationship_id, author_id)
);
CREATE TABLE nudges (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  relationship_id BIGINT REFERENCES relationships(id),
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX nudges_person ON nudges(person_id, id);
)SQL";

// Finding a mentor: program settings (weights, emerging skills), managers' recommendations,
// and the directory's full-text index. The index is derived from people (rebuilt by
// rebuild_people_search), so `copy` skips it: SQLite uses FTS5 with trigrams, PostgreSQL
// a tsvector with a GIN index.
const char* const kFinding = R"SQL(
CREATE TABLE program_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE manager_recommendations (
  id {{id}},
  manager_id BIGINT NOT NULL REFERENCES people(id),
  report_id BIGINT NOT NULL REFERENCES people(id),
  mentor_id BIGINT NOT NULL REFERENCES people(id),
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (report_id, mentor_id)
);
CREATE INDEX manager_recommendations_report ON manager_recommendations(report_id);
CREATE TABLE change_counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
)SQL";
const char* const kFindingSqlite = R"SQL(
CREATE VIRTUAL TABLE people_search USING fts5(name, title, skills, bio, tokenize = 'trigram');
)SQL";
const char* const kFindingPostgres = R"SQL(
CREATE TABLE people_search (person_id BIGINT PRIMARY KEY, document tsvector NOT NULL);
CREATE INDEX people_search_document ON people_search USING GIN (document);
)SQL";

const std::array kAll{
    Migration{1, "people, accounts and sessions", kPeople},
    Migration{2, "one-to-one relationships and the five actions", kRelationships},
    Migration{3, "finding a mentor: settings, recommendations, search", kFinding, kFindingSqlite, kFindingPostgres},
};

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all(kAll.begin(), kAll.end());
  return all;
}

std::string render_migration(const Migration& m, sql::Dialect dialect) {
  std::string out = m.sql;
  const std::string id = dialect == sql::Dialect::sqlite ? "INTEGER PRIMARY KEY"
                                                         : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  for (size_t pos; (pos = out.find("{{id}}")) != std::string::npos;) out.replace(pos, 6, id);
  const char* extra = dialect == sql::Dialect::sqlite ? m.sqlite_sql : m.postgres_sql;
  if (extra) out += extra;
  return out;
}

int schema_version(sql::Connection& db) {
  db.execute_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at BIGINT NOT NULL)");
  auto rs = db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  return static_cast<int>(rs.rows.at(0).int64(0));
}

int apply_migrations(sql::Connection& db, long long now_unix) {
  int applied = 0;
  const int current = schema_version(db);
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    db.begin(true, sql::Connection::Isolation::serializable);
    try {
      // Re-check inside the transaction: another server may have migrated meanwhile.
      auto rs = db.execute("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", std::array<sql::Value, 1>{
                                                                                         std::int64_t{m.version}});
      if (rs.rows.at(0).int64(0) == 0) {
        db.execute_script(render_migration(m, db.dialect()));
        db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                   std::array<sql::Value, 3>{std::int64_t{m.version}, std::string(m.name), std::int64_t{now_unix}});
        ++applied;
      }
      db.commit();
    } catch (...) {
      db.rollback();
      throw;
    }
  }
  return applied;
}

}  // namespace mh::storage
