// Provisioning people from an identity provider with SCIM 2.0 (RFC 7643/7644): the bearer tokens
// providers present (made and revoked by an administrator at the command line, shown once, kept
// hashed), and the User use cases. A provider acts as an administrator named after its token; its
// writes go through the same rules as an administrator's (services/people.hpp): a free e-mail,
// managers that exist and no reporting cycle, a replaced manager kept as a former manager, a
// deactivated person signed out everywhere, and here also their open relationships asked to
// conclude. No JSON: api/scim_routes.cpp reads and writes SCIM's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/person.hpp"
#include "services/use_case.hpp"
#include "storage/scim_repo.hpp"

namespace mh::services {

struct NewScimToken {
  storage::ScimToken token;
  std::string secret;  // shown once; only its hash is stored
};
// `name` names the provider (1-100 characters, field `name`).
Result<NewScimToken> create_scim_token(UseCase& uc, const Person& admin, const std::string& name);
Result<std::vector<storage::ScimToken>> scim_tokens(sql::Connection& db, const Person& admin);
// not_found when there is no live token `id`.
Status revoke_scim_token(UseCase& uc, const Person& admin, std::int64_t id);
// The provider presenting `secret` as an acting administrator (without an id), or nullopt.
std::optional<Person> scim_provider(sql::Connection& db, const std::string& secret);

// A SCIM User as a provider sends it, read from its JSON.
struct ScimUser {
  std::string user_name;    // the e-mail address the person signs in with
  std::string external_id;  // the provider's own id for them; empty: none
  std::string name;         // displayName, else name.formatted, else given and family names
  std::optional<std::string> title;
  std::optional<std::string> department;
  std::optional<std::string> employee_number;
  std::optional<std::string> timezone;
  bool active = true;
  std::optional<PersonId> manager;  // the enterprise extension's manager.value
};

struct ScimUserView {
  Person person;
  std::string external_id;
  std::optional<Person> manager;
};

// Creates the person (without a password: they sign in through the provider or an invitation).
// conflict naming `userName` when someone has that e-mail already.
Result<ScimUserView> scim_create_user(UseCase& uc, const Person& provider, const ScimUser& u);
Result<ScimUserView> scim_user(sql::Connection& db, PersonId id);
// Replaces what SCIM holds of person `id` with `u` (what SCIM does not carry, such as skills,
// stays). `if_match`, when given, must be the person's current version (else conflict naming
// `If-Match`). A person who becomes inactive is signed out and their open relationships are
// asked to conclude; nothing of their history is removed.
Result<ScimUserView> scim_replace_user(UseCase& uc, const Person& provider, PersonId id, const ScimUser& u,
                                       std::optional<std::int64_t> if_match);

// Which people a list returns: everyone, or those whose userName or externalId equals `value`.
struct ScimFilter {
  enum class Attribute { none, user_name, external_id } attribute = Attribute::none;
  std::string value;
};
struct ScimPage {
  std::vector<ScimUserView> users;
  std::int64_t total = 0;
};
// SCIM's pages: from `start_index` (1-based), at most `count`.
Result<ScimPage> scim_list_users(sql::Connection& db, const ScimFilter& filter, std::int64_t start_index,
                                 std::int64_t count);

}  // namespace mh::services
