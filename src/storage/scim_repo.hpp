// SCIM provisioning in the store: the bearer tokens identity providers present (only their
// hashes are kept; each has a name and can be revoked), the provider's own id for a person
// (externalId), and people by position for SCIM's startIndex/count pages. Stateless; each call
// runs on the caller's connection and transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

struct ScimToken {
  std::int64_t id = 0;
  std::string name;
  TimePoint created_at{};
  std::optional<TimePoint> revoked_at;
};

std::int64_t insert_scim_token(sql::Connection& db, const std::string& name, const std::string& token_hash, TimePoint at);
std::vector<ScimToken> list_scim_tokens(sql::Connection& db);
// Revokes token `id`; false when there is none or it was revoked already.
bool revoke_scim_token(sql::Connection& db, std::int64_t id, TimePoint at);
// The live token with this hash.
std::optional<ScimToken> live_scim_token(sql::Connection& db, const std::string& token_hash);

std::optional<std::string> scim_external_id(sql::Connection& db, PersonId person);
// The provider's ids of `people` that have one, in one statement per 500 (for a page of users).
std::map<PersonId, std::string> scim_external_ids(sql::Connection& db, const std::vector<PersonId>& people);
// Sets (empty: removes) the provider's id for `person`.
void set_scim_external_id(sql::Connection& db, PersonId person, const std::string& external_id);
std::vector<PersonId> people_with_scim_external_id(sql::Connection& db, const std::string& external_id);

// Everyone, active or not, by id: `count` ids from position `offset` (0-based). count_people
// (people_repo.hpp) says how many there are.
std::vector<PersonId> people_ids_page(sql::Connection& db, std::int64_t offset, std::int64_t count);

}  // namespace mh::storage
