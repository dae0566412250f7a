// A consistent copy of a SQLite database file while servers keep using it (`mentorhub backup`),
// through SQLite's online backup API. Depends on libsqlite3 only. Thread-safe (it opens its own
// connections).
#pragma once

#include <string>

#include "common/result.hpp"

namespace mh::sql {

// Copies the database at `source` into a new file at `destination`. The copy is one read
// transaction of the source, so it is the database as of one commit, whatever writers do
// meanwhile (in WAL mode readers and writers do not block each other). It is written beside
// the destination under a temporary name, checked with `PRAGMA integrity_check` and only then
// renamed into place, so a failed or interrupted backup never leaves a partial file under the
// destination's name. Refuses (conflict) an existing destination and (not_found) a source
// that is not a SQLite database file.
Status backup_sqlite(const std::string& source, const std::string& destination);

}  // namespace mh::sql
