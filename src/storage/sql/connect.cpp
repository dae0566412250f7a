// Chooses the driver from the URL's scheme; anything that is not a PostgreSQL URL is a SQLite
// file path (or ":memory:").
#include <memory>
#include <string>
#include <string_view>

#include "storage/postgres/pg_connection.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace mh::sql {

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::unique_ptr<Connection> connect(const std::string& url) {
  if (is_postgres_url(url)) return std::make_unique<PgConnection>(url);
  return std::make_unique<SqliteConnection>(url);
}

}  // namespace mh::sql
