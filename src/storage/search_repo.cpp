#include "storage/search_repo.hpp"

#include <cctype>

#include "storage/people_repo.hpp"

namespace mh::storage {

using sql::Value;

namespace {

// PostgreSQL's lower() under ICU's root collation: the same case folding whatever locale the
// cluster was created with (Debian's PostgreSQL is built with ICU).
const std::string kFoldedParam = "lower(? COLLATE \"und-x-icu\")";

std::string skills_text(const Person& p) {
  std::string out;
  for (const auto& s : p.skills) out += (out.empty() ? "" : ", ") + s.name;
  return out;
}

}  // namespace

void index_person(sql::Connection& db, const Person& p) {
  if (db.dialect() == sql::Dialect::sqlite) {
    db.execute("DELETE FROM people_search WHERE rowid = ?", std::vector<Value>{p.id});
    if (!p.active) return;
    db.execute("INSERT INTO people_search (rowid, name, title, skills, bio) VALUES (?, ?, ?, ?, ?)",
               std::vector<Value>{p.id, p.name, p.title, skills_text(p), p.bio});
  } else {
    if (!p.active) {
      db.execute_unread("DELETE FROM people_search WHERE person_id = ?", std::vector<Value>{p.id});
      return;
    }
    // Name and title weigh more than the bio. Lower-cased through ICU rather than to_tsvector's own
    // folding, which follows the cluster's locale: under the C locale it leaves 'Å' as it is.
    // One statement whether or not the person had an entry: a round trip fewer than delete-then-insert.
    static const std::string insert = "INSERT INTO people_search (person_id, document) VALUES (?, "
                                      "setweight(to_tsvector('simple', " + kFoldedParam + "), 'A') || "
                                      "setweight(to_tsvector('simple', " + kFoldedParam + "), 'B') || "
                                      "setweight(to_tsvector('simple', " + kFoldedParam + "), 'C')) "
                                      "ON CONFLICT (person_id) DO UPDATE SET document = excluded.document";
    db.execute_unread(insert, std::vector<Value>{p.id, p.name + " " + p.title, skills_text(p), p.bio});
  }
}

bool people_search_needs_rebuild(sql::Connection& db) {
  // Every active person has an entry, so an empty index beside active people was emptied on
  // purpose (a migration that changes how entries are written) or never built.
  auto rs = db.execute("SELECT EXISTS (SELECT 1 FROM people WHERE active = 1) AND NOT EXISTS (SELECT 1 FROM "
                       "people_search)");
  return rs.rows.at(0).int64(0) != 0;
}

void rebuild_people_search(sql::Connection& db) {
  db.execute("DELETE FROM people_search");
  std::optional<PersonId> after;
  for (;;) {
    auto page = list_people(db, after, 500, false);
    for (const Person& p : page.people) index_person(db, p);
    if (!page.next_cursor) break;
    after = page.next_cursor;
  }
}

std::vector<std::string> search_words(const std::string& query) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3) words.push_back(word);
    word.clear();
  };
  for (unsigned char c : query) {
    if (std::isalnum(c) || c >= 0x80) word.push_back(static_cast<char>(std::tolower(c)));
    else flush();
  }
  flush();
  return words;
}

std::vector<SearchHit> search_people(sql::Connection& db, const std::string& query) {
  const auto words = search_words(query);
  std::vector<SearchHit> hits;
  if (words.empty()) return hits;
  std::string expression;
  sql::ResultSet rs;
  if (db.dialect() == sql::Dialect::sqlite) {
    // Each word is a quoted FTS5 string: its trigrams must all occur, i.e. a substring match.
    for (const auto& w : words) expression += (expression.empty() ? "\"" : " AND \"") + w + "\"";
    rs = db.execute("SELECT rowid, -bm25(people_search, 10.0, 5.0, 3.0, 1.0) FROM people_search WHERE people_search "
                    "MATCH ? ORDER BY 2 DESC, rowid",
                    std::vector<Value>{expression});
  } else {
    for (const auto& w : words) expression += (expression.empty() ? "" : " & ") + w + ":*";
    static const std::string select = "SELECT person_id, ts_rank(document, to_tsquery('simple', " + kFoldedParam +
                                      ")) AS r FROM people_search WHERE document @@ to_tsquery('simple', " +
                                      kFoldedParam + ") ORDER BY r DESC, person_id";
    rs = db.execute(select,
                    std::vector<Value>{expression, expression});
  }
  for (const auto& row : rs.rows) hits.push_back({row.int64(0), row.real(1)});
  return hits;
}

namespace {
// The counter's sequence on PostgreSQL; names come from our code, never from input.
const char* sequence_of(std::string_view name) {
  if (name == "people") return "people_changes";
  if (name == "relationships") return "relationships_changes";
  throw sql::Error(sql::Error::Kind::other, "unknown change counter " + std::string(name));
}
}  // namespace

void bump_change_counter(sql::Connection& db, const char* name) {
  if (db.dialect() == sql::Dialect::postgres) {
    db.execute_unread(std::string("SELECT nextval('") + sequence_of(name) + "')");
    return;
  }
  db.execute("INSERT INTO change_counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = "
             "change_counters.value + 1",
             std::vector<Value>{std::string(name)});
}

std::int64_t change_counter(sql::Connection& db, const char* name) {
  if (db.dialect() == sql::Dialect::postgres)
    return db.execute(std::string("SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END FROM ") + sequence_of(name))
        .rows.at(0)
        .int64(0);
  auto rs = db.execute("SELECT value FROM change_counters WHERE name = ?", std::vector<Value>{std::string(name)});
  return rs.rows.empty() ? 0 : rs.rows[0].int64(0);
}

}  // namespace mh::storage
