// Every row of a statement's answer, or its first, read into a value, so a repository's list or
// look-up reads as its SQL and how one row becomes one value; and the id an insert returns.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "storage/sql/connection.hpp"

namespace mh::sql {

template <class T, class FromRow>
std::vector<T> all_rows(Connection& db, std::string_view sql, const std::vector<Value>& params, FromRow from_row) {
  const ResultSet result = db.execute(sql, params);
  std::vector<T> out;
  out.reserve(result.rows.size());
  for (const Row& row : result.rows) out.push_back(from_row(row));
  return out;
}

// The first row of the answer read into a value; nothing when there is no row.
template <class T, class FromRow>
std::optional<T> first_row(Connection& db, std::string_view sql, const std::vector<Value>& params, FromRow from_row) {
  const ResultSet result = db.execute(sql, params);
  if (result.rows.empty()) return std::nullopt;
  return from_row(result.rows[0]);
}

// The id that `sql`, an INSERT (or upsert) ending in RETURNING id, gave its row.
inline std::int64_t returned_id(Connection& db, std::string_view sql, const std::vector<Value>& params) {
  return db.execute(sql, params).rows.at(0).int64(0);
}

}  // namespace mh::sql
