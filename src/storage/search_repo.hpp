// The directory's full-text index and the change counters that tell caches when people or
// relationships changed (bumped in the same transaction as the change, so every server
// sharing the database sees it). SQLite indexes with FTS5 trigrams (substring and prefix
// matches: "pivo" finds "pivot tables"); PostgreSQL with a 'simple' tsvector and prefix
// queries. Free functions over a connection inside a Store transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// Writes (or rewrites) one person's entry in the search index.
void index_person(sql::Connection& db, const Person& p);
// Rebuilds the whole index from the people table (after `copy`, which skips it).
void rebuild_people_search(sql::Connection& db);
// True when the index is empty although some people are active: a migration emptied it so that
// the code that writes entries rebuilds it (SQL alone cannot, and must not write them two ways).
bool people_search_needs_rebuild(sql::Connection& db);

struct SearchHit {
  PersonId id = 0;
  double rank = 0;  // higher is more relevant
};
// People whose name, title, skills or bio match every word of `query` (words of fewer than
// three letters are ignored), most relevant first, ties by id. Empty when no word is usable.
std::vector<SearchHit> search_people(sql::Connection& db, const std::string& query);
// The words of `query` the index can use.
std::vector<std::string> search_words(const std::string& query);

void bump_change_counter(sql::Connection& db, const char* name);
std::int64_t change_counter(sql::Connection& db, const char* name);

}  // namespace mh::storage
