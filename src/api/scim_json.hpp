// Reading SCIM 2.0's JSON (RFC 7643, 7644) as identity providers send it: a User for create and
// replace, a PatchOp applied to the user as this server shows it, and the `attribute eq "value"`
// filter of a list. Microsoft Entra ID and Okta each bend the RFC in their own way (capitalised
// ops, booleans as "True"/"False", a manager as a bare id, paths with value filters for
// attributes this server does not keep); what is read here is what they really send. No store,
// no HTTP: scim_routes.cpp calls these and the services.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "api/json_io.hpp"
#include "services/scim.hpp"

namespace mh::api::scim {

inline constexpr const char* kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
inline constexpr const char* kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
inline constexpr const char* kPatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

// A refusal in SCIM's terms: the HTTP status, RFC 7644 3.12's scimType (invalidSyntax,
// invalidValue, invalidPath, noTarget, ...; may be empty) and a detail for a person.
struct Error {
  int status = 400;
  std::string scim_type;
  std::string detail;
};

template <class T>
using Parsed = std::variant<T, Error>;

// A User resource (POST, PUT, or a patched user): userName is required; the name shown is
// displayName, else name.formatted, else given and family name, else the userName. Attributes
// this server does not keep (phone numbers, addresses, ...) are ignored.
Parsed<services::ScimUser> user_from(const json& body);

// A PatchOp document (its schemas must name kPatchSchema; Operations non-empty) applied to
// `user`, a User as this server shows it. The result is the whole user the patch leaves, which
// then replaces the stored one. Operations on attributes this server does not keep succeed and
// change nothing, as on create.
Parsed<json> patched_user(json user, const json& patch);

// `userName eq "..."`, `emails.value eq "..."` or `externalId eq "..."`; empty: every user.
Parsed<services::ScimFilter> filter_from(const std::string& text);

// The id of a user as SCIM carries it (a decimal string), if it is one.
std::optional<PersonId> person_id(std::string_view s);

}  // namespace mh::api::scim
