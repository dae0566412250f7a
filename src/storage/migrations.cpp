#include "storage/migrations.hpp"

#include <array>
#include <string_view>

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

// Circles and flash mentoring. A circle keeps its purpose on its own row like a relationship;
// members, sessions, attendance, stories, reflections, action items and debriefs hang off it.
// One live booking per flash slot is also guarded by a partial unique index.
const char* const kCirclesAndFlash = R"SQL(
CREATE TABLE circles (
  id {{id}},
  host_id BIGINT NOT NULL REFERENCES people(id),
  created_by BIGINT NOT NULL REFERENCES people(id),
  topic TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  size_limit INTEGER NOT NULL,
  cadence_days INTEGER NOT NULL,
  medium TEXT NOT NULL,
  membership TEXT NOT NULL CHECK (membership IN ('open', 'by_request')),
  accepting_members INTEGER NOT NULL DEFAULT 1,
  state TEXT NOT NULL,
  desired_outcome TEXT NOT NULL DEFAULT '',
  purpose_version INTEGER NOT NULL DEFAULT 0,
  purpose_agreed_version INTEGER NOT NULL DEFAULT 0,
  purpose_agreed_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  concluding_at BIGINT,
  concluded_at BIGINT
);
CREATE INDEX circles_host ON circles(host_id);
CREATE INDEX circles_state ON circles(state, accepting_members);
CREATE TABLE circle_members (
  circle_id BIGINT NOT NULL REFERENCES circles(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  status TEXT NOT NULL,
  queue_position BIGINT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  decline_reason TEXT NOT NULL DEFAULT '',
  requested_at BIGINT NOT NULL,
  since BIGINT NOT NULL,
  PRIMARY KEY (circle_id, person_id)
);
CREATE INDEX circle_members_person ON circle_members(person_id, status);
CREATE TABLE circle_events (
  id {{id}},
  circle_id BIGINT NOT NULL REFERENCES circles(id),
  person_id BIGINT REFERENCES people(id),
  actor_id BIGINT REFERENCES people(id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX circle_events_circle ON circle_events(circle_id, id);
CREATE TABLE circle_objectives (
  id {{id}},
  circle_id BIGINT NOT NULL REFERENCES circles(id),
  position INTEGER NOT NULL,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  success_measure TEXT NOT NULL DEFAULT ''
);
CREATE INDEX circle_objectives_circle ON circle_objectives(circle_id, position);
CREATE TABLE circle_sessions (
  id {{id}},
  circle_id BIGINT NOT NULL REFERENCES circles(id),
  starts_at BIGINT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  medium TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX circle_sessions_circle ON circle_sessions(circle_id, starts_at);
CREATE TABLE circle_attendance (
  session_id BIGINT NOT NULL REFERENCES circle_sessions(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
  recorded_by BIGINT NOT NULL REFERENCES people(id),
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (session_id, person_id)
);
CREATE TABLE circle_stories (
  id {{id}},
  circle_id BIGINT NOT NULL REFERENCES circles(id),
  session_id BIGINT NOT NULL REFERENCES circle_sessions(id),
  teller_id BIGINT NOT NULL REFERENCES people(id),
  story TEXT NOT NULL,
  point TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX circle_stories_circle ON circle_stories(circle_id, id);
CREATE TABLE circle_reflections (
  story_id BIGINT NOT NULL REFERENCES circle_stories(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  reflection TEXT NOT NULL,
  reflected_at BIGINT NOT NULL,
  PRIMARY KEY (story_id, person_id)
);
CREATE TABLE circle_action_items (
  id {{id}},
  circle_id BIGINT NOT NULL REFERENCES circles(id),
  owner_id BIGINT NOT NULL REFERENCES people(id),
  objective_id BIGINT REFERENCES circle_objectives(id) ON DELETE SET NULL,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  due BIGINT,
  status TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES people(id),
  created_at BIGINT NOT NULL,
  completed_at BIGINT
);
CREATE INDEX circle_action_items_owner ON circle_action_items(circle_id, owner_id);
CREATE TABLE circle_debriefs (
  circle_id BIGINT NOT NULL REFERENCES circles(id),
  author_id BIGINT NOT NULL REFERENCES people(id),
  outcomes TEXT NOT NULL,
  achieved TEXT NOT NULL DEFAULT '',
  still_to_do TEXT NOT NULL DEFAULT '',
  do_differently TEXT NOT NULL DEFAULT '',
  rating INTEGER,
  submitted_at BIGINT NOT NULL,
  PRIMARY KEY (circle_id, author_id)
);
CREATE TABLE flash_topics (
  id {{id}},
  mentor_id BIGINT NOT NULL REFERENCES people(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  published INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX flash_topics_mentor ON flash_topics(mentor_id);
CREATE TABLE flash_slots (
  id {{id}},
  topic_id BIGINT NOT NULL REFERENCES flash_topics(id),
  mentor_id BIGINT NOT NULL REFERENCES people(id),
  starts_at BIGINT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX flash_slots_topic ON flash_slots(topic_id, starts_at);
CREATE INDEX flash_slots_mentor ON flash_slots(mentor_id, starts_at);
CREATE TABLE flash_bookings (
  id {{id}},
  slot_id BIGINT NOT NULL REFERENCES flash_slots(id),
  topic_id BIGINT NOT NULL REFERENCES flash_topics(id),
  mentee_id BIGINT NOT NULL REFERENCES people(id),
  mentor_id BIGINT NOT NULL REFERENCES people(id),
  question TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
  starts_at BIGINT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  booked_at BIGINT NOT NULL,
  cancelled_at BIGINT,
  cancelled_by BIGINT REFERENCES people(id),
  cancel_reason TEXT NOT NULL DEFAULT '',
  takeaway TEXT NOT NULL DEFAULT '',
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  takeaway_at BIGINT,
  resource_url TEXT NOT NULL DEFAULT '',
  resource_note TEXT NOT NULL DEFAULT '',
  resource_at BIGINT,
  relationship_id BIGINT REFERENCES relationships(id)
);
CREATE UNIQUE INDEX flash_bookings_one_per_slot ON flash_bookings(slot_id) WHERE status = 'booked';
CREATE INDEX flash_bookings_mentee ON flash_bookings(mentee_id, starts_at);
CREATE INDEX flash_bookings_mentor ON flash_bookings(mentor_id, starts_at);
)SQL";

// On PostgreSQL every write bumping one counter row made serializable transactions conflict on
// it; sequences advance outside transactions, so they never conflict (a rolled-back change
// only makes caches refresh once for nothing).
const char* const kCounterSequences = R"SQL(
CREATE SEQUENCE people_changes;
CREATE SEQUENCE relationships_changes;
)SQL";

// Cohorts and their matchings. A cohort's members are fixed when it is made (a list or a filter
// applied then), so a matching's preview and what is applied refer to the same people. A job
// keeps its progress (updated_at is the running server's heartbeat), its summary as JSON, and
// one row per proposed pair and per unmatched mentee, so any server can page through a preview.
const char* const kCohorts = R"SQL(
CREATE TABLE cohorts (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  selection TEXT NOT NULL,
  created_by BIGINT REFERENCES people(id),
  created_at BIGINT NOT NULL
);
CREATE TABLE cohort_members (
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  role TEXT NOT NULL CHECK (role IN ('mentee', 'mentor')),
  person_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (cohort_id, role, person_id)
);
CREATE TABLE cohort_pair_rules (
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  mentee_id BIGINT NOT NULL REFERENCES people(id),
  mentor_id BIGINT NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL CHECK (kind IN ('pin', 'forbid')),
  created_by BIGINT REFERENCES people(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (cohort_id, mentee_id, mentor_id)
);
CREATE UNIQUE INDEX cohort_pair_rules_one_pin ON cohort_pair_rules(cohort_id, mentee_id) WHERE kind = 'pin';
CREATE TABLE matching_jobs (
  id {{id}},
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'applied')),
  phase TEXT NOT NULL,
  percent INTEGER NOT NULL,
  k INTEGER NOT NULL,
  min_score INTEGER NOT NULL,
  started_by BIGINT REFERENCES people(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT,
  error TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  applied_by BIGINT REFERENCES people(id),
  applied_at BIGINT
);
CREATE INDEX matching_jobs_cohort ON matching_jobs(cohort_id, id);
CREATE TABLE matching_job_pairs (
  job_id BIGINT NOT NULL REFERENCES matching_jobs(id),
  mentee_id BIGINT NOT NULL REFERENCES people(id),
  mentor_id BIGINT NOT NULL REFERENCES people(id),
  score INTEGER NOT NULL,
  pinned INTEGER NOT NULL,
  factors TEXT NOT NULL,
  relationship_id BIGINT REFERENCES relationships(id),
  not_applied TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job_id, mentee_id)
);
CREATE TABLE matching_job_unmatched (
  job_id BIGINT NOT NULL REFERENCES matching_jobs(id),
  mentee_id BIGINT NOT NULL REFERENCES people(id),
  reason TEXT NOT NULL,
  eligible_mentors INTEGER NOT NULL,
  candidates INTEGER NOT NULL,
  PRIMARY KEY (job_id, mentee_id)
);
)SQL";

// A meeting recorded after it happened (a pair that met before writing it down) is held from the
// start and says so. A cohort matching leaves out mentees who already have a mentor unless the
// administrator includes them, and its proposals say the program made them.
const char* const kRecordedMeetings = R"SQL(
ALTER TABLE meetings ADD COLUMN recorded_afterwards INTEGER NOT NULL DEFAULT 0;
ALTER TABLE matching_jobs ADD COLUMN include_mentored INTEGER NOT NULL DEFAULT 0;
ALTER TABLE relationships ADD COLUMN proposed_by_program INTEGER NOT NULL DEFAULT 0;
)SQL";

// Calendars: a meeting's or a session's SEQUENCE (RFC 5545), raised by the store whenever its time,
// place or cancellation changes, so calendars replace the old entry; and each person's secret
// address of their calendar feed (none until they ask for one).
const char* const kCalendars = R"SQL(
ALTER TABLE meetings ADD COLUMN calendar_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE circle_sessions ADD COLUMN calendar_sequence INTEGER NOT NULL DEFAULT 0;
CREATE TABLE calendar_feeds (
  person_id BIGINT PRIMARY KEY REFERENCES people(id),
  secret TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
)SQL";

// Notifications grow out of the nudges, keeping every row and id a person had: each says what it
// is about (subject) and on which occasion, so the unique index writes each one once however
// often the scheduler runs; each has the web app's page where the person acts, and can be
// dismissed. A nudge from before has its relationship's page and an occasion of its own.
const char* const kNotifications = R"SQL(
ALTER TABLE nudges RENAME TO notifications;
DROP INDEX nudges_person;
ALTER TABLE notifications ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN occasion TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN link TEXT NOT NULL DEFAULT '/';
ALTER TABLE notifications ADD COLUMN dismissed_at BIGINT;
UPDATE notifications SET
  subject = CASE WHEN relationship_id IS NULL THEN 'nudge' ELSE 'relationship:' || relationship_id END,
  occasion = 'nudge:' || id,
  link = CASE WHEN relationship_id IS NULL THEN '/' ELSE '/relationships/' || relationship_id END;
CREATE UNIQUE INDEX notifications_once ON notifications(person_id, kind, subject, occasion);
CREATE INDEX notifications_person ON notifications(person_id, id);
CREATE INDEX notifications_relationship ON notifications(relationship_id, kind);
)SQL";

// Single sign-on with OpenID Connect: the organisation's identity provider (one row; its client
// secret is needed to redeem codes, so it is kept as given and never shown again), each
// sign-in's state (looked up by its hash, used once, short-lived, with the nonce and PKCE
// verifier it was started with), and which provider subject is which person.
const char* const kSingleSignOn = R"SQL(
CREATE TABLE sso_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  enabled INTEGER NOT NULL DEFAULT 1,
  display_name TEXT NOT NULL,
  issuer TEXT NOT NULL,
  client_id TEXT NOT NULL,
  client_secret TEXT NOT NULL,
  token_auth_method TEXT NOT NULL DEFAULT 'client_secret_basic',
  scopes TEXT NOT NULL DEFAULT 'openid email profile',
  public_url TEXT NOT NULL,
  create_people INTEGER NOT NULL DEFAULT 0,
  password_sign_in INTEGER NOT NULL DEFAULT 1,
  break_glass_email TEXT NOT NULL DEFAULT '',
  name_claim TEXT NOT NULL DEFAULT 'name',
  department_claim TEXT NOT NULL DEFAULT 'department',
  title_claim TEXT NOT NULL DEFAULT 'title',
  clock_skew_seconds INTEGER NOT NULL DEFAULT 60,
  updated_at BIGINT NOT NULL
);
CREATE TABLE sso_states (
  state_hash TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to TEXT NOT NULL DEFAULT '/',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sso_states_expiry ON sso_states(expires_at);
CREATE TABLE person_identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_sign_in_at BIGINT NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX person_identities_person ON person_identities(person_id);
)SQL";

// People from the HR system: its employee id (unique when set; people created by hand have none),
// the day they joined and where they work, matched and kept current by the people import.
const char* const kHrPeople = R"SQL(
ALTER TABLE people ADD COLUMN employee_id TEXT;
CREATE UNIQUE INDEX people_employee_id ON people(employee_id);
ALTER TABLE people ADD COLUMN start_date TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN location TEXT NOT NULL DEFAULT '';
)SQL";

// E-mail: the outbox (a message is inserted in the transaction of the event that causes it and
// delivered later by whichever server holds its lease), each person's switched-off kinds, their
// unsubscribe token and how far their last digest reached.
const char* const kMail = R"SQL(
CREATE TABLE outbox (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  meeting_id BIGINT,
  notification_id BIGINT,
  token TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  handed_over INTEGER NOT NULL DEFAULT 0,
  recipient TEXT,
  content TEXT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_notification ON outbox (notification_id);
CREATE TABLE mail_opt_outs (
  person_id BIGINT NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (person_id, kind)
);
CREATE TABLE mail_people (
  person_id BIGINT PRIMARY KEY REFERENCES people(id),
  unsubscribe_token TEXT NOT NULL UNIQUE,
  digest_through_notification BIGINT NOT NULL DEFAULT 0,
  last_digest_at BIGINT
);
)SQL";

// PostgreSQL's entries were lower-cased by the cluster's locale (only ASCII under C). Emptied
// here, they are rebuilt with ICU's case folding when the store starts (Store::migrate).
const char* const kSearchFoldsCase = R"SQL(
DELETE FROM people_search;
)SQL";

// Break-glass access: each grant an administrator opened on a relationship's content, with the
// reason they gave; and the administrators' audit trail, which administrators can read.
const char* const kBreakGlass = R"SQL(
CREATE TABLE break_glass_grants (
  id {{id}},
  relationship_id BIGINT NOT NULL REFERENCES relationships(id),
  admin_id BIGINT NOT NULL REFERENCES people(id),
  reason TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX break_glass_grants_by_relationship ON break_glass_grants(relationship_id, admin_id, expires_at);
CREATE TABLE admin_audit (
  id {{id}},
  actor_id BIGINT REFERENCES people(id),
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
)SQL";

// Getting people in without an identity provider: one-time links to set a password (an
// administrator's invitation or a reset the person asked for), kept as the hash of their token;
// when each person last signed in (whom "invite everyone who has not signed in" leaves out:
// someone with a session today has signed in), in a table of its own so that signing in never
// writes the person's row; and which browser a session was signed in from, so a person can tell
// their sessions apart.
const char* const kGettingIn = R"SQL(
CREATE TABLE access_links (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  purpose TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_by BIGINT REFERENCES people(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX access_links_person ON access_links(person_id, purpose);
CREATE TABLE person_sign_ins (
  person_id BIGINT PRIMARY KEY REFERENCES people(id),
  last_sign_in_at BIGINT NOT NULL
);
INSERT INTO person_sign_ins (person_id, last_sign_in_at)
  SELECT person_id, MAX(created_at) FROM auth_tokens WHERE kind = 'session' GROUP BY person_id;
ALTER TABLE auth_tokens ADD COLUMN client TEXT NOT NULL DEFAULT '';
)SQL";

// A second factor (TOTP, RFC 6238) for signing in with a password: each person's secret (base32,
// kept as it is: the project holds no key a database dump would lack, see docs/ARCHITECTURE.md),
// when they confirmed it and the last time step a code was used for (no code works twice); their
// single-use recovery codes, kept as hashes; the sign-ins waiting for a code after the password,
// kept as the hash of their token; and sessions that may only set up a second factor (an
// administrator signing in while the organisation requires one and they have none).
const char* const kSecondFactor = R"SQL(
CREATE TABLE second_factors (
  person_id BIGINT PRIMARY KEY REFERENCES people(id),
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  confirmed_at BIGINT,
  last_used_step BIGINT NOT NULL DEFAULT -1
);
CREATE TABLE recovery_codes (
  person_id BIGINT NOT NULL REFERENCES people(id),
  code_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (person_id, code_hash)
);
CREATE TABLE second_factor_challenges (
  token_hash TEXT PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES people(id),
  client TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX second_factor_challenges_person ON second_factor_challenges(person_id);
ALTER TABLE auth_tokens ADD COLUMN enrol_only INTEGER NOT NULL DEFAULT 0;
)SQL";

// Video rooms: one per meeting, circle session and flash booking, with a long random name that is
// never derived from an id (a Jitsi room, or a BigBlueButton meeting id). Rows made before this
// migration get theirs here, from the database's own strong random source.
const char* const kVideoRooms = R"SQL(
CREATE TABLE video_rooms (
  subject TEXT NOT NULL CHECK (subject IN ('meeting', 'circle_session', 'flash_booking')),
  subject_id BIGINT NOT NULL,
  room TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (subject, subject_id)
);
)SQL";
const char* const kVideoRoomsSqlite = R"SQL(
INSERT INTO video_rooms (subject, subject_id, room, created_at)
  SELECT 'meeting', id, lower(hex(randomblob(32))), created_at FROM meetings;
INSERT INTO video_rooms (subject, subject_id, room, created_at)
  SELECT 'circle_session', id, lower(hex(randomblob(32))), created_at FROM circle_sessions;
INSERT INTO video_rooms (subject, subject_id, room, created_at)
  SELECT 'flash_booking', id, lower(hex(randomblob(32))), booked_at FROM flash_bookings;
)SQL";
// gen_random_uuid() draws from PostgreSQL's strong random source; two of them give 244 random bits.
const char* const kVideoRoomsPostgres = R"SQL(
INSERT INTO video_rooms (subject, subject_id, room, created_at)
  SELECT 'meeting', id, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), created_at FROM meetings;
INSERT INTO video_rooms (subject, subject_id, room, created_at)
  SELECT 'circle_session', id, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), created_at
  FROM circle_sessions;
INSERT INTO video_rooms (subject, subject_id, room, created_at)
  SELECT 'flash_booking', id, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), booked_at
  FROM flash_bookings;
)SQL";

// A version on each person's row, raised by every write of the profile (storage::update_person),
// so that a server that keeps a signed-in caller in memory checks it is still current with the
// same statement that checks the token, also when another server made the change.
const char* const kPersonRowVersion = R"SQL(
ALTER TABLE people ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
)SQL";

// The people stamped since a moment, found without reading everyone: the recommendations'
// snapshot (services/directory.cpp) reads only who changed since its last refresh.
const char* const kPeopleByStamp = R"SQL(
CREATE INDEX people_updated_at ON people(updated_at);
)SQL";

// SCIM provisioning: the bearer tokens identity providers present (hashed; one per provider,
// revocable), and the provider's own id for each person it provisioned (SCIM externalId).
const char* const kScim = R"SQL(
CREATE TABLE scim_tokens (
  id {{id}},
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE TABLE scim_external_ids (
  person_id BIGINT PRIMARY KEY REFERENCES people(id),
  external_id TEXT NOT NULL
);
CREATE INDEX scim_external_ids_value ON scim_external_ids(external_id);
)SQL";

const char* const kAvailability = R"SQL(
CREATE TABLE availability (
  person_id BIGINT PRIMARY KEY REFERENCES people(id),
  timezone TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE availability_windows (
  person_id BIGINT NOT NULL REFERENCES availability(person_id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  PRIMARY KEY (person_id, weekday, start_minute)
);
CREATE TABLE availability_exceptions (
  person_id BIGINT NOT NULL REFERENCES availability(person_id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('off', 'extra')),
  from_day TEXT NOT NULL,
  to_day TEXT NOT NULL,
  start_minute INTEGER NOT NULL DEFAULT 0,
  end_minute INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (person_id, position)
);
)SQL";

// Programs (issue 18): the organisation's one set of settings becomes the default program, which
// holds every relationship not started in another program's cohort (relationships.program_id
// NULL). Cohorts belong to a program and get dates and sign-up. Dates are YYYY-MM-DD text.
const char* const kPrograms = R"SQL(
CREATE TABLE programs (
  id {{id}},
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  is_default INTEGER NOT NULL DEFAULT 0,
  starts_on TEXT,
  ends_on TEXT,
  formats TEXT NOT NULL DEFAULT '["one_to_one","circle","flash"]',
  matching TEXT NOT NULL DEFAULT '{}',
  request_expiry_days INTEGER,
  fade_after_cadences INTEGER NOT NULL DEFAULT 2,
  closed_at BIGINT,
  closed_by BIGINT REFERENCES people(id),
  created_by BIGINT REFERENCES people(id),
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX programs_one_default ON programs(is_default) WHERE is_default = 1;
INSERT INTO programs (name, name_key, is_default, created_at) VALUES ('Mentoring program', 'mentoring program', 1, 0);
ALTER TABLE cohorts ADD COLUMN program_id BIGINT REFERENCES programs(id);
UPDATE cohorts SET program_id = (SELECT id FROM programs WHERE is_default = 1);
ALTER TABLE cohorts ADD COLUMN starts_on TEXT;
ALTER TABLE cohorts ADD COLUMN ends_on TEXT;
ALTER TABLE cohorts ADD COLUMN signup_open INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cohorts_program ON cohorts(program_id);
CREATE INDEX cohort_members_person ON cohort_members(person_id);
ALTER TABLE relationships ADD COLUMN program_id BIGINT REFERENCES programs(id);
CREATE INDEX relationships_program ON relationships(program_id);
)SQL";

// A person's relationships newest first, a page at a time, without reading all of them: the
// (person, state) indexes keep a person's rows in state order, so a page over every state had to
// read and sort every relationship the person ever had (a mentor of many years, a mentee who
// asked many times).
constexpr const char* kRelationshipsNewestFirst = R"SQL(
CREATE INDEX relationships_mentee_newest ON relationships(mentee_id, id);
CREATE INDEX relationships_mentor_newest ON relationships(mentor_id, id);
)SQL";

// One debriefs table for one-to-one relationships and circles (the same debrief: outcomes per
// objective, what was achieved, still to do, done differently, a rating), keyed by its owner and
// author. The owner is two nullable columns with exactly one set (the CHECK) rather than a kind
// and an id, so that each keeps a real foreign key and a unique index of its own: a debrief can
// only belong to a relationship or circle that exists, and each owner's debriefs are found, and
// an author's one debrief replaced (ON CONFLICT), by index. NULLs are distinct in a unique index
// on both databases, so a circle's rows never meet in the relationships' index, nor the reverse.
// SQLite cannot drop a NOT NULL, hence a new table under a new name, the rows copied, the old
// tables dropped (nothing references them) and the new one renamed.
constexpr const char* kDebriefsByOwner = R"SQL(
CREATE TABLE debriefs_by_owner (
  id {{id}},
  relationship_id BIGINT REFERENCES relationships(id),
  circle_id BIGINT REFERENCES circles(id),
  author_id BIGINT NOT NULL REFERENCES people(id),
  outcomes TEXT NOT NULL,
  achieved TEXT NOT NULL DEFAULT '',
  still_to_do TEXT NOT NULL DEFAULT '',
  do_differently TEXT NOT NULL DEFAULT '',
  rating INTEGER,
  submitted_at BIGINT NOT NULL,
  CHECK ((relationship_id IS NULL) <> (circle_id IS NULL))
);
INSERT INTO debriefs_by_owner (relationship_id, author_id, outcomes, achieved, still_to_do, do_differently, rating,
                               submitted_at)
  SELECT relationship_id, author_id, outcomes, achieved, still_to_do, do_differently, rating, submitted_at
  FROM debriefs ORDER BY submitted_at, relationship_id, author_id;
INSERT INTO debriefs_by_owner (circle_id, author_id, outcomes, achieved, still_to_do, do_differently, rating,
                               submitted_at)
  SELECT circle_id, author_id, outcomes, achieved, still_to_do, do_differently, rating, submitted_at
  FROM circle_debriefs ORDER BY submitted_at, circle_id, author_id;
DROP TABLE debriefs;
DROP TABLE circle_debriefs;
ALTER TABLE debriefs_by_owner RENAME TO debriefs;
CREATE UNIQUE INDEX debriefs_relationship_author ON debriefs(relationship_id, author_id);
CREATE UNIQUE INDEX debriefs_circle_author ON debriefs(circle_id, author_id);
)SQL";

// One objectives table for relationships and circles, keyed by its owner as the debriefs are
// (two nullable columns, exactly one set, each with its foreign key and index). A relationship's
// objectives keep their ids; a circle's get new ones past the largest of those (their old id
// plus that largest id, so their order stays), and every reference follows: circle action items'
// objective_id and the objective_id of each outcome in circles' debriefs. A circle objective's
// id in an API answer therefore changes once, for rows made before this migration.
// The old tables are referenced (tasks -> objectives, circle_action_items -> circle_objectives),
// which each engine minds differently when they are dropped: SQLite's DROP TABLE deletes the
// rows first, which sets the references NULL (ON DELETE SET NULL), so the tasks' links are saved
// beforehand and restored afterwards (SQLite resolves a reference by the table's name, so the
// tasks then reference the renamed new table); PostgreSQL refuses to drop a referenced table
// without CASCADE, which drops the tasks' constraint, so it is added again. Circle action items
// are copied into a table that references the new one (nothing references them). Explicit ids
// leave a PostgreSQL identity's sequence behind, so it is moved past them.
constexpr const char* kObjectivesByOwner = R"SQL(
CREATE TABLE objectives_by_owner (
  id {{id}},
  relationship_id BIGINT REFERENCES relationships(id),
  circle_id BIGINT REFERENCES circles(id),
  position INTEGER NOT NULL,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  success_measure TEXT NOT NULL DEFAULT '',
  CHECK ((relationship_id IS NULL) <> (circle_id IS NULL))
);
CREATE TABLE circle_objective_ids (old_id BIGINT PRIMARY KEY, new_id BIGINT NOT NULL);
INSERT INTO circle_objective_ids (old_id, new_id)
  SELECT id, id + (SELECT COALESCE(MAX(id), 0) FROM objectives) FROM circle_objectives;
INSERT INTO objectives_by_owner (id, relationship_id, position, category, description, success_measure)
  SELECT id, relationship_id, position, category, description, success_measure FROM objectives;
INSERT INTO objectives_by_owner (id, circle_id, position, category, description, success_measure)
  SELECT m.new_id, o.circle_id, o.position, o.category, o.description, o.success_measure
  FROM circle_objectives o JOIN circle_objective_ids m ON m.old_id = o.id;
CREATE TABLE circle_action_items_relinked (
  id {{id}},
  circle_id BIGINT NOT NULL REFERENCES circles(id),
  owner_id BIGINT NOT NULL REFERENCES people(id),
  objective_id BIGINT REFERENCES objectives_by_owner(id) ON DELETE SET NULL,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  due BIGINT,
  status TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES people(id),
  created_at BIGINT NOT NULL,
  completed_at BIGINT
);
INSERT INTO circle_action_items_relinked (id, circle_id, owner_id, objective_id, type, title, notes, due, status,
                                          created_by, created_at, completed_at)
  SELECT a.id, a.circle_id, a.owner_id, m.new_id, a.type, a.title, a.notes, a.due, a.status, a.created_by,
         a.created_at, a.completed_at
  FROM circle_action_items a LEFT JOIN circle_objective_ids m ON m.old_id = a.objective_id;
DROP TABLE circle_action_items;
DROP TABLE circle_objectives;
CREATE TABLE task_objectives (task_id BIGINT PRIMARY KEY, objective_id BIGINT NOT NULL);
INSERT INTO task_objectives (task_id, objective_id) SELECT id, objective_id FROM tasks WHERE objective_id IS NOT NULL;
{{dialect}}
ALTER TABLE objectives_by_owner RENAME TO objectives;
ALTER TABLE circle_action_items_relinked RENAME TO circle_action_items;
UPDATE tasks SET objective_id = (SELECT l.objective_id FROM task_objectives l WHERE l.task_id = tasks.id)
  WHERE id IN (SELECT task_id FROM task_objectives);
DROP TABLE task_objectives;
DROP TABLE circle_objective_ids;
CREATE INDEX objectives_rel ON objectives(relationship_id, position);
CREATE INDEX objectives_circle ON objectives(circle_id, position);
CREATE INDEX circle_action_items_owner ON circle_action_items(circle_id, owner_id);
)SQL";
// Each outcome of a circle's debrief is rebuilt in its order with the objective's new id (an
// id that names no objective stays as it was).
constexpr const char* kObjectivesByOwnerSqlite = R"SQL(
UPDATE debriefs SET outcomes = (
  SELECT json_group_array(json_object(
           'objective_id', COALESCE((SELECT m.new_id FROM circle_objective_ids m
                                     WHERE m.old_id = json_extract(o.value, '$.objective_id')),
                                    json_extract(o.value, '$.objective_id')),
           'outcome', json_extract(o.value, '$.outcome')))
  FROM json_each(debriefs.outcomes) o)
WHERE circle_id IS NOT NULL;
DROP TABLE objectives;
)SQL";
constexpr const char* kObjectivesByOwnerPostgres = R"SQL(
UPDATE debriefs SET outcomes = COALESCE((
  SELECT jsonb_agg(jsonb_build_object(
           'objective_id', COALESCE(m.new_id, (o.value->>'objective_id')::bigint),
           'outcome', o.value->'outcome') ORDER BY o.n)
  FROM jsonb_array_elements(debriefs.outcomes::jsonb) WITH ORDINALITY AS o(value, n)
  LEFT JOIN circle_objective_ids m ON m.old_id = (o.value->>'objective_id')::bigint), '[]'::jsonb)::text
WHERE circle_id IS NOT NULL;
DROP TABLE objectives CASCADE;
ALTER TABLE tasks ADD CONSTRAINT tasks_objective_id_fkey
  FOREIGN KEY (objective_id) REFERENCES objectives_by_owner(id) ON DELETE SET NULL;
SELECT setval(pg_get_serial_sequence('objectives_by_owner', 'id'), MAX(id)) FROM objectives_by_owner;
SELECT setval(pg_get_serial_sequence('circle_action_items_relinked', 'id'), MAX(id)) FROM circle_action_items_relinked;
)SQL";

// One action-plan table for a relationship's tasks and a circle's action items (the same item:
// a type, a title, notes, a due day, a status, the objective it serves), keyed by its owner as
// the objectives are. What differs is who owns an item: a role of the relationship (`owner`,
// 'mentee' or 'mentor', who may change as people do not) for a task; a member (`owner_id`) for
// an action item, with who created it (`created_by`, the member or the host); the CHECK keeps
// each kind's columns to its kind. Tasks keep their ids; action items get their old id plus the
// largest task id, so the ids in the addresses of existing action items
// (/api/v1/circles/{id}/action-items/{item_id}) change once, in a database made before this
// migration; the reminders already sent about them are renumbered alike, so none is sent twice
// (through a prefix no subject has, so no renumbered subject meets an old one on the way).
// Nothing references either old table.
constexpr const char* kActionPlanByOwner = R"SQL(
CREATE TABLE tasks_by_owner (
  id {{id}},
  relationship_id BIGINT REFERENCES relationships(id),
  circle_id BIGINT REFERENCES circles(id),
  objective_id BIGINT REFERENCES objectives(id) ON DELETE SET NULL,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  owner TEXT,
  owner_id BIGINT REFERENCES people(id),
  due BIGINT,
  status TEXT NOT NULL,
  created_by BIGINT REFERENCES people(id),
  created_at BIGINT NOT NULL,
  completed_at BIGINT,
  CHECK ((relationship_id IS NOT NULL AND circle_id IS NULL AND owner IN ('mentee', 'mentor') AND owner_id IS NULL
          AND created_by IS NULL)
      OR (circle_id IS NOT NULL AND relationship_id IS NULL AND owner IS NULL AND owner_id IS NOT NULL
          AND created_by IS NOT NULL))
);
CREATE TABLE action_item_ids (old_id BIGINT PRIMARY KEY, new_id BIGINT NOT NULL);
INSERT INTO action_item_ids (old_id, new_id)
  SELECT id, id + (SELECT COALESCE(MAX(id), 0) FROM tasks) FROM circle_action_items;
INSERT INTO tasks_by_owner (id, relationship_id, objective_id, type, title, notes, owner, due, status, created_at,
                            completed_at)
  SELECT id, relationship_id, objective_id, type, title, notes, owner, due, status, created_at, completed_at FROM tasks;
INSERT INTO tasks_by_owner (id, circle_id, objective_id, type, title, notes, owner_id, due, status, created_by,
                            created_at, completed_at)
  SELECT m.new_id, a.circle_id, a.objective_id, a.type, a.title, a.notes, a.owner_id, a.due, a.status, a.created_by,
         a.created_at, a.completed_at
  FROM circle_action_items a JOIN action_item_ids m ON m.old_id = a.id;
UPDATE notifications SET subject = 'renumbered:' || CAST((SELECT m.new_id FROM action_item_ids m
                                                          WHERE 'action_item:' || CAST(m.old_id AS TEXT) = subject)
                                                         AS TEXT)
  WHERE subject IN (SELECT 'action_item:' || CAST(old_id AS TEXT) FROM action_item_ids);
UPDATE notifications SET subject = 'action_item:' || substr(subject, 12) WHERE substr(subject, 1, 11) = 'renumbered:';
DROP TABLE circle_action_items;
DROP TABLE tasks;
DROP TABLE action_item_ids;
ALTER TABLE tasks_by_owner RENAME TO tasks;
CREATE INDEX tasks_rel ON tasks(relationship_id);
CREATE INDEX tasks_circle_owner ON tasks(circle_id, owner_id);
)SQL";
constexpr const char* kActionPlanByOwnerPostgres = R"SQL(
SELECT setval(pg_get_serial_sequence('tasks', 'id'), MAX(id)) FROM tasks;
)SQL";

constexpr const char* kSsoEmailClaim = R"SQL(
ALTER TABLE sso_settings ADD COLUMN email_claim TEXT NOT NULL DEFAULT 'email';
ALTER TABLE sso_settings ADD COLUMN trusted_email_domains TEXT NOT NULL DEFAULT '';
)SQL";

// A person's skills in their order, read from the index alone: a people page reads its twenty
// people's skills in one statement, which through the primary key (person, skill key) looked
// each row up in the table and sorted it by position afterwards.
constexpr const char* kSkillsInOrder = R"SQL(
CREATE INDEX person_skills_in_order ON person_skills(person_id, position, skill, level);
)SQL";

// A page of people (the directory, an administrator's list) reads each listed person's id,
// version, external flag and state from this index alone. From the table, each row's record
// was decoded up to those late columns, past the profile's texts: a tenth of a page's work.
constexpr const char* kPeopleStamps = R"SQL(
CREATE INDEX people_stamps ON people(id, row_version, is_external, active);
)SQL";

const std::array kAll{
    Migration{1, "people, accounts and sessions", kPeople},
    Migration{2, "one-to-one relationships and the five actions", kRelationships},
    Migration{3, "finding a mentor: settings, recommendations, search", kFinding, kFindingSqlite, kFindingPostgres},
    Migration{4, "circles and flash mentoring", kCirclesAndFlash},
    Migration{5, "change counters without a hot row on PostgreSQL", "", nullptr, kCounterSequences},
    Migration{6, "cohorts and matching jobs", kCohorts},
    Migration{7, "recorded meetings; matchings with mentored mentees; program proposals", kRecordedMeetings},
    Migration{8, "calendars: sequences and personal feeds", kCalendars},
    Migration{9, "notifications: nudges with a subject, an occasion, a link; dismissable", kNotifications},
    Migration{10, "single sign-on: the identity provider, sign-in states, linked identities", kSingleSignOn},
    Migration{11, "people from HR: employee ids, start dates, locations", kHrPeople},
    Migration{12, "e-mail: the outbox, preferences and digests", kMail},
    Migration{13, "people search folds case outside ASCII on PostgreSQL whatever the cluster's locale", "", nullptr,
              kSearchFoldsCase},
    Migration{14, "break-glass access to a relationship's content, and the administrators' audit trail", kBreakGlass},
    Migration{15, "invitations, password resets, sign-in times, sessions' browsers", kGettingIn},
    Migration{16, "a second factor: TOTP secrets, recovery codes, sign-ins waiting for a code", kSecondFactor},
    Migration{17, "video rooms for meetings, circle sessions and flash bookings", kVideoRooms, kVideoRoomsSqlite,
              kVideoRoomsPostgres},
    Migration{18, "a version on each person's row, for checking a remembered caller", kPersonRowVersion},
    Migration{19, "people found by when their profile last changed", kPeopleByStamp},
    Migration{20, "availability: weekly hours in a time zone, days off and extra hours", kAvailability},
    Migration{21, "SCIM provisioning: bearer tokens per identity provider, their ids for people", kScim},
    Migration{22, "programs with their own dates, formats and settings; cohorts in a program, with dates and sign-up",
              kPrograms},
    Migration{23, "a person's relationships read newest first by index", kRelationshipsNewestFirst},
    Migration{24, "one debriefs table for relationships and circles, keyed by its owner", kDebriefsByOwner},
    Migration{25,
              "one objectives table for relationships and circles, keyed by its owner; circle objectives renumbered",
              kObjectivesByOwner, kObjectivesByOwnerSqlite, kObjectivesByOwnerPostgres},
    Migration{26,
              "one action plan for relationships and circles: tasks and action items keyed by their owner; action "
              "items renumbered",
              kActionPlanByOwner, nullptr, kActionPlanByOwnerPostgres},
    Migration{27, "single sign-on: the claim holding the e-mail address, and domains the provider is trusted for",
              kSsoEmailClaim},
    Migration{28, "a person's skills in their order from one index", kSkillsInOrder},
    Migration{29, "a page of people's versions from one index", kPeopleStamps},
};

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all(kAll.begin(), kAll.end());
  return all;
}

const std::vector<SeededRows>& seeded_rows() {
  static const std::vector<SeededRows> rows{{"programs", "is_default = 1"}};
  return rows;
}

std::string render_migration(const Migration& m, sql::Dialect dialect) {
  std::string out = m.sql;
  const std::string id = dialect == sql::Dialect::sqlite ? "INTEGER PRIMARY KEY"
                                                         : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  for (size_t pos; (pos = out.find("{{id}}")) != std::string::npos;) out.replace(pos, 6, id);
  const char* extra = dialect == sql::Dialect::sqlite ? m.sqlite_sql : m.postgres_sql;
  const std::string part = extra ? extra : "";
  constexpr std::string_view kPlace = "{{dialect}}";
  if (const size_t pos = out.find(kPlace); pos != std::string::npos) out.replace(pos, kPlace.size(), part);
  else out += part;
  return out;
}

int schema_version(sql::Connection& db) {
  db.execute_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at BIGINT NOT NULL)");
  auto rs = db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  return static_cast<int>(rs.rows.at(0).int64(0));
}

int apply_migrations(sql::Connection& db, long long now_unix, int through_version) {
  int applied = 0;
  const int current = schema_version(db);
  for (const Migration& m : migrations()) {
    if (m.version <= current || m.version > through_version) continue;
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
