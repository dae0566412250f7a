// Profiles: one's own (me), colleagues', and the administrator's people management.
#include <algorithm>
#include <string_view>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/people_json.hpp"
#include "api/routes.hpp"
#include "api/throttle.hpp"
#include "common/crypto.hpp"
#include "common/timezone_names.hpp"
#include "common/timezones.hpp"
#include "domain/access.hpp"
#include "domain/own_data.hpp"
#include "services/access.hpp"
#include "services/admin_audit.hpp"
#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/profile_writes.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::api {

namespace {

// An external expert sees an employee's contact details, department and reporting line only once
// the two work or worked together (`partners`: see storage::partners_of).
PersonView view_for(const Ctx& ctx, const Person& p, const std::vector<PersonId>& partners) {
  if (ctx.is_admin()) return PersonView::admin;
  if (ctx.me().id == p.id) return PersonView::self;
  if (ctx.me().is_external && !p.is_external && std::find(partners.begin(), partners.end(), p.id) == partners.end())
    return PersonView::outsider;
  return PersonView::colleague;
}

// Only an external caller's view depends on their partners: nobody else pays for the query.
std::vector<PersonId> partners_of_caller(const Ctx& ctx) {
  if (!ctx.me().is_external) return {};
  auto partners = ctx.store.read_value<std::vector<PersonId>>(
      [&](sql::Connection& db) -> Result<std::vector<PersonId>> { return storage::partners_of(db, ctx.me().id); });
  return partners ? *partners : std::vector<PersonId>{};
}

// Everything a profile must satisfy beyond its own fields: the e-mail is free, the managers
// exist, and the reporting line has no cycle. Runs inside the write transaction.
// `manager_before` is the stored manager: an unchanged reporting line is not re-checked, so a
// deactivated manager does not lock their reports' profiles.
Status check_against_store(sql::Connection& db, const Person& p, std::optional<PersonId> manager_before, int year) {
  MH_CHECK(validate_person(p, year, timezone_problem));
  if (auto other = storage::find_person_by_email(db, p.email); other && other->id != p.id)
    return conflict("another person already has this e-mail address", "email");
  if (p.manager_id && p.manager_id != manager_before) {
    auto m = storage::find_person(db, *p.manager_id);
    if (!m) return invalid("manager_id", "no person has this id");
    if (!m->active) return invalid("manager_id", "this person is deactivated");
    MH_CHECK(check_no_manager_cycle(p.id, p.manager_id,
                                    [&](PersonId id) { return storage::manager_of(db, id); }));
  }
  for (size_t i = 0; i < p.former_manager_ids.size(); ++i) {
    const PersonId id = p.former_manager_ids[i];
    const std::string field = "former_manager_ids[" + std::to_string(i) + "]";
    if (id == p.id) return invalid(field, "nobody is their own former manager");
    if (!storage::find_person(db, id)) return invalid(field, "no person has this id");
  }
  return {};
}

http::Response person_or_error(const Ctx& ctx, const Result<Person>& p) {
  if (!p) return error_response(p.error());
  return json_response(200, person_json(*p, view_for(ctx, *p, partners_of_caller(ctx)), year_of(ctx.now)));
}

// Against ghosting: how reliably and how fast a mentor answers requests, shown on their profile.
json responsiveness_json(sql::Connection& db, PersonId mentor) {
  const Responsiveness r = responsiveness(storage::requests_received_by(db, mentor));
  return {{"requests_received", r.requests_received},
          {"answered", r.answered},
          {"answer_rate", r.answer_rate ? json(*r.answer_rate) : json(nullptr)},
          {"median_hours_to_answer", r.median_hours_to_answer ? json(*r.median_hours_to_answer) : json(nullptr)}};
}

http::Response get_me(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    json j = person_json(ctx.me(), ctx.is_admin() ? PersonView::admin : PersonView::self, year_of(ctx.now));
    j["responsiveness"] = responsiveness_json(db, ctx.me().id);
    j["has_password"] = !storage::password_hash_of(db, ctx.me().id).empty();
    return j;
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

// What an administrator's change of a person's record says in the audit trail: the fields it
// touched (never their values, except the rights and the standing it changed).
std::string change_detail(const json& patch, const Person& before, const Person& after) {
  std::string detail;
  for (const auto& [field, value] : patch.items()) detail += (detail.empty() ? "changed " : ", ") + field;
  if (before.is_admin != after.is_admin)
    detail += after.is_admin ? "; administrator rights granted" : "; administrator rights removed";
  return detail;
}

// Whether a patch touches only what describes the person to others (no rule of another
// transaction reads these: requests, acceptances and matching read capacity, formats, the
// reporting line, being active or external), so that it can run at READ COMMITTED with the
// person's row locked: edits by different people then never fail each other on PostgreSQL.
// Anything else runs SERIALIZABLE, as every write does.
bool describes_only(const json& patch) {
  static constexpr std::string_view kDescriptive[] = {"name",     "title",     "bio",      "skills",
                                                      "languages", "media",     "aspirations", "timezone",
                                                      "career_start_year", "location", "organisation",
                                                      "monthly_availability_hours"};
  for (const auto& [key, value] : patch.items())
    if (std::find(std::begin(kDescriptive), std::end(kDescriptive), key) == std::end(kDescriptive)) return false;
  return true;
}

// Reads the patch, applies it to the stored person and saves, all in one transaction. An
// administrator's change of someone's record (`audited`) is written to the audit trail with it.
Result<Person> patch_person(Ctx& ctx, PersonId id, const json& patch, Editor editor, bool audited = false) {
  const bool row_locks = describes_only(patch);
  return ctx.store.write_value<Person>([&](sql::Connection& db) -> Result<Person> {
    if (row_locks) storage::use_row_locks(db);
    auto p = storage::find_person_for_update(db, id);
    if (!p) return not_found("no such person");
    if (is_erased(*p)) return conflict("this person deleted their account; what is left of it cannot change", "id");
    const Person before = *p;
    const auto before_manager = p->manager_id;
    apply_person_patch(patch, *p, editor);  // throws ApiError; the transaction rolls back
    if (editor == Editor::admin && p->id == ctx.me().id && !p->is_admin)
      return conflict("you cannot remove your own administrator rights", "is_admin");
    if (editor == Editor::admin && p->id == ctx.me().id && !p->active)
      return conflict("you cannot deactivate yourself", "active");
    // A manager who stops being the manager becomes a former manager: they know where you started.
    if (before_manager && before_manager != p->manager_id && !patch.contains("former_manager_ids")) {
      auto& f = p->former_manager_ids;
      if (std::find(f.begin(), f.end(), *before_manager) == f.end()) f.push_back(*before_manager);
    }
    MH_CHECK(check_against_store(db, *p, before_manager, year_of(ctx.now)));
    p->updated_at = ctx.now;
    storage::update_person(db, before, *p);
    if (!p->active) {
      storage::delete_tokens_of(db, p->id, "session");
      storage::delete_tokens_of(db, p->id, "api");
    }
    if (audited) {
      namespace act = services::admin_action;
      const char* action = before.active == p->active ? act::kPersonUpdated
                           : p->active                ? act::kPersonReactivated
                                                      : act::kPersonDeactivated;
      services::record_admin_action(db, ctx.now, ctx.me().id, action, services::subject("person", p->id),
                                    action == act::kPersonUpdated ? change_detail(patch, before, *p) : p->name);
    }
    return std::move(*p);
  });
}

http::Response patch_me(Ctx& ctx) {
  const json patch = parse_object_body(ctx.req);
  return person_or_error(ctx, patch_person(ctx, ctx.me().id, patch, ctx.is_admin() ? Editor::admin : Editor::self));
}

http::Response change_password(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"current_password", "new_password"});
  if (!body.contains("current_password")) throw_invalid("current_password", "is required");
  if (!body.contains("new_password")) throw_invalid("new_password", "is required");
  const std::string current = string_field(body["current_password"], "current_password");
  const std::string next = string_field(body["new_password"], "new_password");
  if (auto bad = check_new_password("new_password", next); !bad) return error_response(bad.error());
  // A stolen session must not become a way to guess the password behind it.
  const std::string attempts = "password:" + std::to_string(ctx.me().id);
  if (auto refused = refuse_if_throttled(ctx, {{attempts, ctx.settings.max_password_failures}})) return *refused;
  auto stored = ctx.store.read_value<std::string>(
      [&](sql::Connection& db) -> Result<std::string> { return storage::password_hash_of(db, ctx.me().id); });
  if (!stored) return error_response(stored.error());
  if (!verify_password(current, *stored)) {
    count_attempt(ctx, attempts);
    return error_response(invalid("current_password", "is not your current password"));
  }
  const std::string hash = hash_password(next);
  auto done = ctx.store.write([&](sql::Connection& db) -> Status {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    // The session changing it stays; every other one ends.
    services::change_password(uc, ctx.me(), hash, ctx.caller->by_cookie ? ctx.caller->token_hash : std::string());
    return {};
  });
  if (!done) return error_response(done.error());
  http::Response r;
  r.status = 204;
  return r;
}

http::Response list(Ctx& ctx) {
  const int limit = limit_param(ctx.req, 50, 100);
  const auto cursor = cursor_param(ctx.req);
  bool include_inactive = false;
  if (const std::string* v = ctx.req.query_param("include_inactive")) {
    if (*v != "true" && *v != "false") throw_invalid("include_inactive", "must be true or false");
    include_inactive = *v == "true";
    if (include_inactive && !ctx.is_admin())
      return error_response(403, "forbidden", "only administrators see deactivated people", "include_inactive");
  }
  auto page = ctx.store.read_value<storage::PeoplePage>([&](sql::Connection& db) -> Result<storage::PeoplePage> {
    return storage::list_people(db, cursor, limit, include_inactive);
  });
  if (!page) return error_response(page.error());
  json items = json::array();
  const auto partners = partners_of_caller(ctx);
  for (const auto& p : page->people) items.push_back(person_json(p, view_for(ctx, p, partners), year_of(ctx.now)));
  return json_response(200, {{"items", items},
                             {"next_cursor", page->next_cursor ? json(std::to_string(*page->next_cursor)) : json(nullptr)}});
}

http::Response get_person(Ctx& ctx) {
  const PersonId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    auto found = storage::find_person(db, id);
    if (!found || (!found->active && !ctx.is_admin())) return not_found("no such person");
    const auto partners = ctx.me().is_external ? storage::partners_of(db, ctx.me().id) : std::vector<PersonId>{};
    json j = person_json(*found, view_for(ctx, *found, partners), year_of(ctx.now));
    j["responsiveness"] = responsiveness_json(db, found->id);
    return j;
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response create_person(Ctx& ctx) {
  json body = parse_object_body(ctx.req);
  if (!body.contains("email")) throw_invalid("email", "is required");
  if (!body.contains("name")) throw_invalid("name", "is required");
  std::string password;
  if (body.contains("password")) {
    password = string_field(body["password"], "password");
    if (password.size() < 10) throw_invalid("password", "must be at least 10 characters");
    if (password.size() > 1024) throw_invalid("password", "is too long");
    body.erase("password");
  }
  Person p;
  apply_person_patch(body, p, Editor::admin);
  p.created_at = p.updated_at = ctx.now;
  const std::string hash = password.empty() ? std::string() : hash_password(password);
  auto created = ctx.store.write_value<Person>([&](sql::Connection& db) -> Result<Person> {
    MH_CHECK(check_against_store(db, p, std::nullopt, year_of(ctx.now)));
    p.id = storage::insert_person(db, p, hash);
    services::record_admin_action(db, ctx.now, ctx.me().id, services::admin_action::kPersonCreated,
                                  services::subject("person", p.id),
                                  p.name + " <" + p.email + ">" + (p.is_admin ? ", administrator" : ""));
    return p;
  });
  if (!created) return error_response(created.error());
  auto r = json_response(201, person_json(*created, PersonView::admin, year_of(ctx.now)));
  r.set_header("Location", "/api/v1/people/" + std::to_string(created->id));
  return r;
}

http::Response admin_patch(Ctx& ctx) {
  const PersonId id = id_param(ctx.req, "id");
  const json patch = parse_object_body(ctx.req);
  if (patch.contains("password")) throw_invalid("password", "is reset with `mentorhub user reset-password`");
  return person_or_error(ctx, patch_person(ctx, id, patch, Editor::admin, true));
}

http::Response set_active(Ctx& ctx, bool active) {
  const PersonId id = id_param(ctx.req, "id");
  return person_or_error(ctx, patch_person(ctx, id, json{{"active", active}}, Editor::admin, true));
}

}  // namespace

void add_people_routes(Routes& routes) {
  routes.add("GET", "/api/v1/me", Access::person_setting_up, get_me);
  routes.add("PATCH", "/api/v1/me", Access::person, patch_me);
  routes.add("POST", "/api/v1/me/password", Access::person, change_password);
  routes.add("GET", "/api/v1/people", Access::person, list);
  routes.add("POST", "/api/v1/people", Access::admin, create_person);
  routes.add("GET", "/api/v1/people/{id}", Access::person, get_person);
  routes.add("PATCH", "/api/v1/people/{id}", Access::admin, admin_patch);
  routes.add("POST", "/api/v1/people/{id}/deactivate", Access::admin, [](Ctx& c) { return set_active(c, false); });
  routes.add("POST", "/api/v1/people/{id}/reactivate", Access::admin, [](Ctx& c) { return set_active(c, true); });
}

}  // namespace mh::api
