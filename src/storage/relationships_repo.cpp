#include "storage/relationships_repo.hpp"

#include "storage/content_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/sql/time_values.hpp"

#include "storage/search_repo.hpp"
#include "storage/sql/rows.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace mh::storage {

using sql::Value;

namespace {

constexpr const char* kColumns =
    "id, mentee_id, mentor_id, initiator_id, format, state, message, draft_purpose, decline_reason, requested_at, "
    "expires_at, answered_at, activated_at, concluded_at, updated_at, proposed_by_program";

Relationship relationship_from_row(const sql::Row& row) {
  Relationship r;
  r.id = row.int64(0);
  r.mentee_id = row.int64(1);
  r.mentor_id = row.int64(2);
  r.initiator_id = row.int64(3);
  r.format = sql::decoded(row.text(4), parse_format, "format");
  r.state = sql::decoded(row.text(5), parse_rel_state, "rel state");
  r.message = row.text(6);
  r.draft_purpose = row.text(7);
  r.decline_reason = row.text(8);
  r.requested_at = TimePoint(Seconds(row.int64(9)));
  r.expires_at = TimePoint(Seconds(row.int64(10)));
  r.answered_at = sql::optional_time_of(row, 11);
  r.activated_at = sql::optional_time_of(row, 12);
  r.concluded_at = sql::optional_time_of(row, 13);
  r.updated_at = TimePoint(Seconds(row.int64(14)));
  r.proposed_by_program = row.int64(15) != 0;
  return r;
}

// "'active','fading'" from states: names come from our own enum, never from input.
std::string state_list(const std::vector<RelState>& states) {
  std::string out;
  for (RelState s : states) out += std::string(out.empty() ? "" : ",") + "'" + to_string(s) + "'";
  return out;
}

const std::string& live_states() {
  static const std::string s = state_list(
      {RelState::accepted, RelState::starting, RelState::active, RelState::fading, RelState::concluding});
  return s;
}

}  // namespace

RelationshipId insert_relationship(sql::Connection& db, const Relationship& r) {
  auto rs = db.execute(
      "INSERT INTO relationships (mentee_id, mentor_id, initiator_id, format, state, message, draft_purpose, "
      "decline_reason, requested_at, expires_at, answered_at, activated_at, concluded_at, updated_at, "
      "proposed_by_program) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{r.mentee_id, r.mentor_id, r.initiator_id, to_string(r.format), to_string(r.state),
                         r.message, r.draft_purpose, r.decline_reason, sql::unix_seconds(r.requested_at), sql::unix_seconds(r.expires_at),
                         sql::optional_time(r.answered_at), sql::optional_time(r.activated_at), sql::optional_time(r.concluded_at),
                         sql::unix_seconds(r.updated_at), std::int64_t{r.proposed_by_program ? 1 : 0}});
  bump_change_counter(db, "relationships");
  return rs.rows.at(0).int64(0);
}

std::optional<Relationship> find_relationship(sql::Connection& db, RelationshipId id) {
  auto rs = db.execute(std::string("SELECT ") + kColumns + " FROM relationships WHERE id = ?", std::vector<Value>{id});
  if (rs.rows.empty()) return std::nullopt;
  return relationship_from_row(rs.rows[0]);
}

std::optional<Relationship> find_relationship_for_update(sql::Connection& db, RelationshipId id) {
  const char* lock = db.dialect() == sql::Dialect::postgres ? " FOR UPDATE" : "";
  auto rs = db.execute(std::string("SELECT ") + kColumns + " FROM relationships WHERE id = ?" + lock,
                       std::vector<Value>{id});
  if (rs.rows.empty()) return std::nullopt;
  return relationship_from_row(rs.rows[0]);
}

void update_relationship(sql::Connection& db, const Relationship& r) {
  db.execute(
      "UPDATE relationships SET state = ?, decline_reason = ?, answered_at = ?, activated_at = ?, concluded_at = ?, "
      "updated_at = ? WHERE id = ?",
      std::vector<Value>{to_string(r.state), r.decline_reason, sql::optional_time(r.answered_at), sql::optional_time(r.activated_at),
                         sql::optional_time(r.concluded_at), sql::unix_seconds(r.updated_at), r.id});
  bump_change_counter(db, "relationships");
}

std::vector<Relationship> relationships_of(sql::Connection& db, PersonId person, std::optional<RelState> state) {
  std::string q = std::string("SELECT ") + kColumns + " FROM relationships WHERE (mentee_id = ? OR mentor_id = ?)";
  std::vector<Value> params{person, person};
  if (state) {
    q += " AND state = ?";
    params.emplace_back(std::string(to_string(*state)));
  }
  q += " ORDER BY id DESC";
  return sql::all_rows<Relationship>(db, q, params, relationship_from_row);
}

RelationshipsPage relationships_page(sql::Connection& db, PersonId person, std::optional<RelState> state,
                                     std::optional<Role> role, std::optional<RelationshipId> before, int limit) {
  // One side's relationships, newest first: a range of relationships_mentee_newest (or
  // _mentor_newest, or with a state the (person, state) index) read backwards.
  std::vector<Value> params;
  const auto side = [&](const char* column, bool not_also_mentee) {
    std::string q = std::string("SELECT ") + kColumns + " FROM relationships WHERE " + column + " = ?";
    params.emplace_back(person);
    // A row with the person on both sides comes from the mentee side only, so the two sides
    // never hold the same row and need no step that removes one met twice.
    if (not_also_mentee) {
      q += " AND mentee_id <> ?";
      params.emplace_back(person);
    }
    if (state) {
      q += " AND state = ?";
      params.emplace_back(std::string(to_string(*state)));
    }
    if (before) {
      q += " AND id < ?";
      params.emplace_back(*before);
    }
    return q;
  };
  // Each side adds its parameters as it is written, so the sides are written one statement after
  // the other (the operands of one `+` may be evaluated in either order).
  std::string page = side(role && *role == Role::mentor ? "mentor_id" : "mentee_id", false);
  if (!role && db.dialect() == sql::Dialect::sqlite) {
    // Both sides as two ordered streams that SQLite merges (MERGE of a UNION ALL) and stops when
    // the page is full, whatever the person's history. Each side's ids cut to the page, then
    // UNION and IN, built two temporary b-trees on every page: 30 % of its instructions.
    page += " UNION ALL " + side("mentor_id", true);
  } else if (!role) {
    // PostgreSQL does not merge the two ranges (it reads and sorts all of the person's rows), so
    // each side is cut to the page first, by its index read backwards.
    params.emplace_back(std::int64_t{limit});
    std::string mentor_side = side("mentor_id", true);
    params.emplace_back(std::int64_t{limit});
    page = "SELECT * FROM (" + page + " ORDER BY id DESC LIMIT ?) AS as_mentee UNION ALL SELECT * FROM (" +
           mentor_side + " ORDER BY id DESC LIMIT ?) AS as_mentor";
  }
  params.emplace_back(std::int64_t{limit});
  // The participants joined to the page: one statement where a second one, reading them by id,
  // cost a page of relationships about a fifth of its instructions.
  static const std::string named = naming_columns("mentee") + ", " + naming_columns("mentor");
  const auto rs = db.execute("SELECT page.*, " + named + " FROM (" + page + " ORDER BY id DESC LIMIT ?) AS page " +
                                 "LEFT JOIN people AS mentee ON mentee.id = page.mentee_id " +
                                 "LEFT JOIN people AS mentor ON mentor.id = page.mentor_id ORDER BY page.id DESC",
                             params);
  constexpr std::size_t kMentee = 16, kMentor = kMentee + 6;  // after the relationship's 16 columns
  RelationshipsPage out;
  out.relationships.reserve(rs.rows.size());
  for (const auto& row : rs.rows) {
    out.relationships.push_back(relationship_from_row(row));
    for (std::size_t first : {kMentee, kMentor}) {
      if (row.is_null(first)) continue;  // no such person (never the case while people are only deactivated)
      const PersonId id = row.int64(first);
      if (std::none_of(out.named.begin(), out.named.end(), [id](const Person& p) { return p.id == id; }))
        out.named.push_back(named_person_from_row(row, first));
    }
  }
  return out;
}

std::vector<Relationship> relationships_in(sql::Connection& db, const std::vector<RelState>& states) {
  return sql::all_rows<Relationship>(
      db,
      std::string("SELECT ") + kColumns + " FROM relationships WHERE state IN (" + state_list(states) + ") ORDER BY id",
      {}, relationship_from_row);
}

int live_mentees_of(sql::Connection& db, PersonId mentor) {
  return static_cast<int>(
      db.execute("SELECT COUNT(*) FROM relationships WHERE mentor_id = ? AND state IN (" + live_states() + ")",
                 std::vector<Value>{mentor})
          .rows.at(0)
          .int64(0));
}

std::vector<PersonId> partners_of(sql::Connection& db, PersonId person) {
  return sql::all_rows<PersonId>(
      db,
      "SELECT mentee_id, mentor_id FROM relationships WHERE (mentee_id = ? OR mentor_id = ?) AND state IN "
      "('starting', 'active', 'fading', 'concluding', 'concluded')",
      {person, person},
      [&](const sql::Row& row) -> PersonId { return row.int64(0) == person ? row.int64(1) : row.int64(0); });
}

bool pair_is_engaged(sql::Connection& db, PersonId a, PersonId b) {
  return db.execute("SELECT COUNT(*) FROM relationships WHERE ((mentee_id = ? AND mentor_id = ?) OR (mentee_id = ? "
                    "AND mentor_id = ?)) AND state IN ('requested'," + live_states() + ")",
                    std::vector<Value>{a, b, b, a})
             .rows.at(0)
             .int64(0) > 0;
}

int open_requests_sent_by(sql::Connection& db, PersonId mentee) {
  return static_cast<int>(db.execute("SELECT COUNT(*) FROM relationships WHERE mentee_id = ? AND initiator_id = ? AND "
                                     "state = 'requested'",
                                     std::vector<Value>{mentee, mentee})
                              .rows.at(0)
                              .int64(0));
}

namespace {

// A received request from its requested_at, answered_at and state, in cells `first` on.
ReceivedRequest received_request_from(const sql::Row& row, std::size_t first) {
  return {TimePoint(Seconds(row.int64(first))), sql::optional_time_of(row, first + 1),
          sql::decoded(row.text(first + 2), parse_rel_state, "rel state")};
}

}  // namespace

std::vector<ReceivedRequest> requests_received_by(sql::Connection& db, PersonId mentor) {
  return sql::all_rows<ReceivedRequest>(
      db,
      "SELECT requested_at, answered_at, state FROM relationships WHERE mentor_id = ? "
      "AND initiator_id = mentee_id",
      {mentor}, [](const sql::Row& row) { return received_request_from(row, 0); });
}

OwnProfileFacts own_profile_facts(sql::Connection& db, PersonId person) {
  // The person's row always comes back, once per request received or once with nulls.
  OwnProfileFacts facts;
  for (const auto& row : db.execute("SELECT CASE WHEN p.password_hash <> '' THEN 1 ELSE 0 END, r.requested_at, "
                                    "r.answered_at, r.state FROM people p LEFT JOIN relationships r ON "
                                    "r.mentor_id = p.id AND r.initiator_id = r.mentee_id WHERE p.id = ?",
                                    std::vector<Value>{person})
                             .rows) {
    facts.has_password = row.int64(0) != 0;
    if (row.is_null(1)) continue;
    facts.received.push_back(received_request_from(row, 1));
  }
  return facts;
}

void insert_state_change(sql::Connection& db, const StateChange& c) {
  // Nobody reads its result: on PostgreSQL it goes with the next awaited statement or the COMMIT.
  db.execute_unread("INSERT INTO relationship_events (relationship_id, actor_id, from_state, to_state, at, note) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    std::vector<Value>{c.relationship_id, c.actor ? Value(*c.actor) : Value(nullptr), to_string(c.from),
                                       to_string(c.to), sql::unix_seconds(c.at), c.note});
}

std::vector<StateChange> state_changes_of(sql::Connection& db, RelationshipId id) {
  return sql::all_rows<StateChange>(db,
                                    "SELECT actor_id, from_state, to_state, at, note FROM relationship_events WHERE "
                                    "relationship_id = ? ORDER BY id",
                                    {id}, [&](const sql::Row& row) -> StateChange {
                                      return {id,
                                              row.opt_int64(0),
                                              sql::decoded(row.text(1), parse_rel_state, "rel state"),
                                              sql::decoded(row.text(2), parse_rel_state, "rel state"),
                                              TimePoint(Seconds(row.int64(3))),
                                              row.text(4)};
                                    });
}

std::int64_t insert_info_request(sql::Connection& db, const InfoRequest& q) {
  return db
      .execute("INSERT INTO info_requests (relationship_id, asked_by, question, asked_at) VALUES (?, ?, ?, ?) "
               "RETURNING id",
               std::vector<Value>{q.relationship_id, q.asked_by, q.question, sql::unix_seconds(q.asked_at)})
      .rows.at(0)
      .int64(0);
}

std::vector<InfoRequest> info_requests_of(sql::Connection& db, RelationshipId id) {
  return sql::all_rows<InfoRequest>(db,
                                    "SELECT id, asked_by, question, answer, asked_at, answered_at FROM info_requests "
                                    "WHERE relationship_id = ? ORDER BY id",
                                    {id}, [&](const sql::Row& row) -> InfoRequest {
                                      return {row.int64(0),
                                              id,
                                              row.int64(1),
                                              row.text(2),
                                              row.opt_text(3),
                                              TimePoint(Seconds(row.int64(4))),
                                              sql::optional_time_of(row, 5)};
                                    });
}

void answer_info_request(sql::Connection& db, std::int64_t id, const std::string& answer, TimePoint at) {
  db.execute("UPDATE info_requests SET answer = ?, answered_at = ? WHERE id = ?",
             std::vector<Value>{answer, sql::unix_seconds(at), id});
}

Purpose load_purpose(sql::Connection& db, RelationshipId id) {
  Purpose p;
  auto rs = db.execute("SELECT desired_outcome, purpose_version, mentee_agreed_version, mentor_agreed_version, "
                       "purpose_agreed_at FROM relationships WHERE id = ?",
                       std::vector<Value>{id});
  if (rs.rows.empty()) return p;
  const auto& row = rs.rows[0];
  p.desired_outcome = row.text(0);
  p.version = static_cast<int>(row.int64(1));
  p.mentee_agreed_version = static_cast<int>(row.int64(2));
  p.mentor_agreed_version = static_cast<int>(row.int64(3));
  p.agreed_at = sql::optional_time_of(row, 4);
  p.objectives = objectives_of(db, ContentOwner::relationship(id));
  return p;
}

void save_purpose(sql::Connection& db, RelationshipId id, Purpose& p) {
  db.execute("UPDATE relationships SET desired_outcome = ?, purpose_version = ?, mentee_agreed_version = ?, "
             "mentor_agreed_version = ?, purpose_agreed_at = ? WHERE id = ?",
             std::vector<Value>{p.desired_outcome, std::int64_t{p.version}, std::int64_t{p.mentee_agreed_version},
                                std::int64_t{p.mentor_agreed_version}, sql::optional_time(p.agreed_at), id});
  save_objectives(db, ContentOwner::relationship(id), p.objectives);
}

// The snapshot has the fields of the API's purpose that do not depend on who reads it, so the
// debrief can show it as it was agreed.
void set_first_agreed_purpose(sql::Connection& db, RelationshipId id, const Purpose& p) {
  nlohmann::json objectives = nlohmann::json::array();
  for (const auto& o : p.objectives)
    objectives.push_back({{"id", std::to_string(o.id)},
                          {"category", to_string(o.category)},
                          {"description", o.description},
                          {"success_measure", o.success_measure}});
  const std::string snapshot =
      nlohmann::json{{"version", p.version},
                     {"objectives", objectives},
                     {"desired_outcome", p.desired_outcome},
                     {"agreed", p.is_agreed()},
                     {"agreed_at", p.agreed_at ? nlohmann::json(format_iso8601(*p.agreed_at)) : nlohmann::json(nullptr)},
                     {"agreed_by_mentee", p.agreed_by(Role::mentee)},
                     {"agreed_by_mentor", p.agreed_by(Role::mentor)}}
          .dump();
  db.execute("UPDATE relationships SET first_agreed_purpose = ? WHERE id = ? AND first_agreed_purpose = ''",
             std::vector<Value>{snapshot, id});
}

std::string first_agreed_purpose(sql::Connection& db, RelationshipId id) {
  auto rs = db.execute("SELECT first_agreed_purpose FROM relationships WHERE id = ?", std::vector<Value>{id});
  return rs.rows.empty() ? std::string() : rs.rows[0].text(0);
}

std::optional<Logistics> load_logistics(sql::Connection& db, RelationshipId id) {
  auto rs = db.execute("SELECT logistics_set, cadence_days, medium, location, feedback_preference, mentee_learning, "
                       "mentor_learning, review_date FROM relationships WHERE id = ?",
                       std::vector<Value>{id});
  if (rs.rows.empty() || rs.rows[0].int64(0) == 0) return std::nullopt;
  const auto& row = rs.rows[0];
  Logistics l;
  l.cadence_days = static_cast<int>(row.int64(1));
  l.medium = sql::decoded(row.text(2), parse_medium, "medium");
  l.where = row.text(3);
  l.feedback_preference = row.text(4);
  l.mentee_learning = row.text(5);
  l.mentor_learning = row.text(6);
  l.review_date = sql::optional_time_of(row, 7);
  return l;
}

void save_logistics(sql::Connection& db, RelationshipId id, const Logistics& l) {
  db.execute("UPDATE relationships SET logistics_set = 1, cadence_days = ?, medium = ?, location = ?, "
             "feedback_preference = ?, mentee_learning = ?, mentor_learning = ?, review_date = ? WHERE id = ?",
             std::vector<Value>{std::int64_t{l.cadence_days}, to_string(l.medium), l.where, l.feedback_preference,
                                l.mentee_learning, l.mentor_learning, sql::optional_time(l.review_date), id});
}

Activity load_activity(sql::Connection& db, const Relationship& r, int default_cadence_days, TimePoint now) {
  Activity a;
  a.state = r.state;
  a.activated_at = r.activated_at;
  a.cadence_days = default_cadence_days;
  if (auto l = load_logistics(db, r.id)) a.cadence_days = l->cadence_days;
  // The program's fading rule: the relationship's program, or the default one when it has none.
  auto rs = db.execute(
      "SELECT (SELECT MAX(starts_at) FROM meetings WHERE relationship_id = ? AND status = 'held'), "
      "(SELECT COUNT(*) FROM meetings WHERE relationship_id = ? AND status = 'scheduled' AND starts_at > ?), "
      "(SELECT p.fade_after_cadences FROM relationships r JOIN programs p "
      "ON p.id = r.program_id OR (r.program_id IS NULL AND p.is_default = 1) WHERE r.id = ?)",
      std::vector<Value>{r.id, r.id, sql::unix_seconds(now), r.id});
  a.last_held_meeting = sql::optional_time_of(rs.rows.at(0), 0);
  a.has_upcoming_meeting = rs.rows.at(0).int64(1) > 0;
  if (auto fade = rs.rows.at(0).opt_int64(2)) a.fade_after_cadences = static_cast<int>(*fade);
  return a;
}


}  // namespace mh::storage

namespace mh::storage {

Status change_state(sql::Connection& db, Relationship& r, RelState to, std::optional<PersonId> actor, TimePoint now,
                    std::string note) {
  auto change = transition(r, to, actor, now, std::move(note));
  if (!change) return change.error();
  update_relationship(db, r);
  insert_state_change(db, *change);
  return {};
}

std::vector<RelationshipMetadata> all_relationship_metadata(sql::Connection& db) {
  std::vector<RelationshipMetadata> out;
  auto time = [](const sql::Row& r, std::size_t i) -> std::optional<TimePoint> {
    if (r.is_null(i)) return std::nullopt;
    return TimePoint(Seconds(r.int64(i)));
  };
  for (const auto& r :
       db.execute("SELECT r.id, r.mentee_id, r.mentor_id, r.initiator_id, r.format, r.state, r.proposed_by_program, "
                  "r.requested_at, r.answered_at, r.activated_at, r.concluded_at, r.updated_at, CASE WHEN "
                  "r.purpose_version > 0 AND r.mentee_agreed_version = r.purpose_version AND "
                  "r.mentor_agreed_version = r.purpose_version THEN 1 ELSE 0 END, p.id, p.name "
                  "FROM relationships r LEFT JOIN programs p "
                  "ON p.id = COALESCE(r.program_id, (SELECT id FROM programs WHERE is_default = 1)) ORDER BY r.id")
           .rows) {
    RelationshipMetadata m;
    m.id = r.int64(0);
    m.mentee_id = r.int64(1);
    m.mentor_id = r.int64(2);
    m.initiator_id = r.int64(3);
    m.format = r.text(4);
    m.state = r.text(5);
    m.proposed_by_program = r.int64(6) != 0;
    m.requested_at = TimePoint(Seconds(r.int64(7)));
    m.answered_at = time(r, 8);
    m.activated_at = time(r, 9);
    m.concluded_at = time(r, 10);
    m.updated_at = TimePoint(Seconds(r.int64(11)));
    m.purpose_agreed = r.int64(12) != 0;
    if (!r.is_null(13)) {
      m.program_id = r.int64(13);
      m.program = r.text(14);
    }
    out.push_back(std::move(m));
  }
  auto find = [&](RelationshipId id) -> RelationshipMetadata* {
    auto it = std::lower_bound(out.begin(), out.end(), id, [](const RelationshipMetadata& m, RelationshipId v) { return m.id < v; });
    return it != out.end() && it->id == id ? &*it : nullptr;
  };
  // The objectives and tasks tables hold circles' too (relationship_id NULL).
  for (const auto& r : db.execute("SELECT relationship_id, COUNT(*) FROM objectives WHERE relationship_id IS NOT NULL "
                                  "GROUP BY relationship_id")
                           .rows)
    if (auto* m = find(r.int64(0))) m->objectives = static_cast<int>(r.int64(1));
  for (const auto& r : db.execute("SELECT relationship_id, COUNT(*), CAST(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS BIGINT) "
                                  "FROM tasks WHERE relationship_id IS NOT NULL GROUP BY relationship_id")
                           .rows)
    if (auto* m = find(r.int64(0))) {
      m->tasks = static_cast<int>(r.int64(1));
      m->tasks_done = static_cast<int>(r.int64(2));
    }
  for (const auto& r : db.execute("SELECT relationship_id, COUNT(*), CAST(SUM(CASE WHEN status = 'held' THEN 1 ELSE 0 END) AS BIGINT) "
                                  "FROM meetings GROUP BY relationship_id")
                           .rows)
    if (auto* m = find(r.int64(0))) {
      m->meetings = static_cast<int>(r.int64(1));
      m->meetings_held = static_cast<int>(r.int64(2));
    }
  return out;
}

}  // namespace mh::storage
