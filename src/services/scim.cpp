#include "services/scim.hpp"

#include <algorithm>
#include <map>

#include "common/crypto.hpp"
#include "services/admin_audit.hpp"
#include "services/conclusion.hpp"
#include "services/people.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::services {

namespace {

constexpr std::size_t kMaxTokenName = 100;

Status require_admin(const Person& actor) {
  if (!actor.is_admin) return forbidden("only an administrator manages SCIM tokens");
  return {};
}

// SCIM's field names, so that a refusal names what the provider sent.
std::string scim_field(const std::string& field) {
  if (field == "email") return "userName";
  if (field == "name") return "displayName";
  if (field == "manager_id") return "manager";
  if (field == "employee_id") return "employeeNumber";
  return field;
}

Error in_scim_terms(Error e) {
  e.field = scim_field(e.field);
  return e;
}

Status check_manager(sql::Connection& db, const ScimUser& u) {
  if (u.manager && !storage::find_person(db, *u.manager)) return invalid("manager", "there is no user with this id");
  return {};
}

// What SCIM carries of a person, written onto `p`.
void apply(const ScimUser& u, Person& p) {
  p.email = normalize_email(u.user_name);
  p.name = u.name;
  if (u.title) p.title = *u.title;
  if (u.department) p.department = *u.department;
  if (u.employee_number) p.employee_id = *u.employee_number;
  if (u.timezone) p.timezone = *u.timezone;
  p.active = u.active;
  p.manager_id = u.manager;
}

ScimUserView view_of(sql::Connection& db, Person p) {
  ScimUserView v{std::move(p), {}, std::nullopt};
  v.external_id = storage::scim_external_id(db, v.person.id).value_or("");
  if (v.person.manager_id) v.manager = storage::find_person(db, *v.person.manager_id);
  return v;
}

}  // namespace

Result<NewScimToken> create_scim_token(UseCase& uc, const Person& admin, const std::string& name) {
  MH_CHECK(require_admin(admin));
  if (name.empty() || name.size() > kMaxTokenName)
    return invalid("name", "must be 1 to " + std::to_string(kMaxTokenName) + " characters");
  NewScimToken out;
  out.secret = random_token();
  out.token.name = name;
  out.token.created_at = uc.now();
  out.token.id = storage::insert_scim_token(uc.db(), name, token_hash(out.secret), uc.now());
  record_admin_action(uc.db(), uc.now(), &admin, admin_action::kScimTokenCreated, "scim_token:" + std::to_string(out.token.id),
                      name);
  return out;
}

Result<std::vector<storage::ScimToken>> scim_tokens(sql::Connection& db, const Person& admin) {
  MH_CHECK(require_admin(admin));
  return storage::list_scim_tokens(db);
}

Status revoke_scim_token(UseCase& uc, const Person& admin, std::int64_t id) {
  MH_CHECK(require_admin(admin));
  if (!storage::revoke_scim_token(uc.db(), id, uc.now())) return not_found("no live SCIM token with this id");
  record_admin_action(uc.db(), uc.now(), &admin, admin_action::kScimTokenRevoked, "scim_token:" + std::to_string(id));
  return {};
}

std::optional<Person> scim_provider(sql::Connection& db, const std::string& secret) {
  if (secret.empty() || secret.size() > 128) return std::nullopt;
  auto token = storage::live_scim_token(db, token_hash(secret));
  if (!token) return std::nullopt;
  Person provider;
  provider.name = "SCIM provisioning (" + token->name + ")";
  provider.is_admin = true;
  return provider;
}

Result<ScimUserView> scim_create_user(UseCase& uc, const Person& provider, const ScimUser& u) {
  sql::Connection& db = uc.db();
  MH_CHECK(check_manager(db, u));
  if (storage::find_person_by_email(db, normalize_email(u.user_name)))
    return conflict("a user with this userName exists already", "userName");
  Person p;
  apply(u, p);
  p.created_at = p.updated_at = uc.now();
  auto created = add_person(uc, provider, std::move(p), "");
  if (!created) return in_scim_terms(created.error());
  storage::set_scim_external_id(db, created->id, u.external_id);
  return view_of(db, std::move(*created));
}

Result<ScimUserView> scim_user(sql::Connection& db, PersonId id) {
  auto p = storage::find_person(db, id);
  if (!p) return not_found("no such user");
  return view_of(db, std::move(*p));
}

Result<ScimUserView> scim_replace_user(UseCase& uc, const Person& provider, PersonId id, const ScimUser& u,
                                       std::optional<std::int64_t> if_match) {
  sql::Connection& db = uc.db();
  MH_CHECK(check_manager(db, u));
  if (u.manager == id) return invalid("manager", "a user cannot be their own manager");
  bool was_active = true;
  ProfileChange change;
  change.fields = {"email", "name", "title", "department", "employee_id", "timezone", "active", "manager_id"};
  change.apply = [&](Person& p) -> Status {
    if (if_match && *if_match != p.row_version)
      return conflict("the user changed since that version was read: read it again", "If-Match");
    was_active = p.active;
    apply(u, p);
    return {};
  };
  auto changed = change_person(uc, provider, id, change, true);
  if (!changed) return in_scim_terms(changed.error());
  if (was_active && !changed->active)
    for (Relationship& r : storage::relationships_of(db, id, std::nullopt)) MH_CHECK(conclude_for_departure(uc, r, *changed));
  storage::set_scim_external_id(db, id, u.external_id);
  return view_of(db, std::move(*changed));
}

Result<ScimPage> scim_list_users(sql::Connection& db, const ScimFilter& filter, std::int64_t start_index,
                                 std::int64_t count) {
  ScimPage page;
  std::vector<PersonId> ids;
  switch (filter.attribute) {
    case ScimFilter::Attribute::none:
      page.total = storage::count_people(db);
      ids = storage::people_ids_page(db, start_index - 1, count);
      break;
    case ScimFilter::Attribute::user_name:
      if (auto p = storage::find_person_by_email(db, normalize_email(filter.value))) ids.push_back(p->id);
      break;
    case ScimFilter::Attribute::external_id:
      ids = storage::people_with_scim_external_id(db, filter.value);
      break;
  }
  if (filter.attribute != ScimFilter::Attribute::none) {
    page.total = static_cast<std::int64_t>(ids.size());
    const auto from = std::min<std::int64_t>(start_index - 1, page.total);
    const auto to = std::min<std::int64_t>(from + count, page.total);
    ids = std::vector<PersonId>(ids.begin() + from, ids.begin() + to);
  }
  // The page's people, their providers' ids and their managers in a few statements, not a few per user.
  std::vector<Person> people = storage::people_with_ids(db, ids);
  const auto external = storage::scim_external_ids(db, ids);
  std::vector<PersonId> manager_ids;
  for (const Person& p : people)
    if (p.manager_id) manager_ids.push_back(*p.manager_id);
  std::map<PersonId, Person> managers;
  for (Person& m : storage::people_with_ids(db, manager_ids)) managers.emplace(m.id, std::move(m));
  for (Person& p : people) {
    ScimUserView v{std::move(p), {}, std::nullopt};
    if (auto e = external.find(v.person.id); e != external.end()) v.external_id = e->second;
    if (v.person.manager_id)
      if (auto m = managers.find(*v.person.manager_id); m != managers.end()) v.manager = m->second;
    page.users.push_back(std::move(v));
  }
  return page;
}

}  // namespace mh::services
