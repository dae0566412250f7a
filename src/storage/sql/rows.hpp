// Every row of a statement's answer read into a value, so a repository's list reads as its SQL
// and how one row becomes one value.
#pragma once

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

}  // namespace mh::sql
