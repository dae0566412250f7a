// SCIM 2.0 provisioning over HTTP (RFC 7644), for identity providers such as Microsoft Entra ID
// and Okta: /scim/v2/Users (create, read, replace, patch, deactivate, list with the `userName eq`
// and `externalId eq` filters and startIndex/count pages, ETags from each person's row version)
// and the discovery documents. A provider authenticates with its bearer token (services/scim.hpp);
// every answer, errors included, is SCIM's JSON (application/scim+json). The rules live in
// services/scim.hpp; this file reads and writes SCIM's shapes.
#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <variant>
#include <functional>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "api/scim_json.hpp"
#include "domain/text.hpp"
#include "services/scim.hpp"

namespace mh::api {

namespace {

constexpr const char* kErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
constexpr const char* kListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
constexpr std::int64_t kDefaultCount = 100;
constexpr std::int64_t kMaxCount = 200;

using scim::kEnterprise;
using scim::kUserSchema;
using ScimError = scim::Error;
template <class T>
using Parsed = scim::Parsed<T>;

http::Response scim_json(int status, const json& body) {
  http::Response r;
  r.status = status;
  r.content_type = "application/scim+json";
  r.body = body.dump();
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response scim_error(const ScimError& e) {
  json body = {{"schemas", {kErrorSchema}}, {"status", std::to_string(e.status)}, {"detail", e.detail}};
  if (!e.scim_type.empty()) body["scimType"] = e.scim_type;
  return scim_json(e.status, body);
}

// The product's errors as SCIM's: a refused value is 400 invalidValue naming the attribute, a
// taken userName 409 uniqueness, a stale If-Match 412.
http::Response scim_error(const Error& e) {
  const std::string what = e.field.empty() ? e.message : e.field + ": " + e.message;
  switch (e.code) {
    case ErrorCode::invalid: return scim_error({400, "invalidValue", what});
    case ErrorCode::not_found: return scim_error({404, "", e.message});
    case ErrorCode::conflict:
      if (e.field == "If-Match") return scim_error({412, "", e.message});
      return scim_error({409, e.field == "userName" ? "uniqueness" : "", what});
    case ErrorCode::forbidden: return scim_error({403, "", e.message});
    case ErrorCode::unauthenticated: return scim_error({401, "", e.message});
    case ErrorCode::rate_limited: return scim_error({429, "", e.message});
    case ErrorCode::unavailable: return scim_error({503, "", e.message});
    case ErrorCode::bad_request:
    case ErrorCode::unsupported_media_type: return scim_error({400, "invalidSyntax", e.message});
    case ErrorCode::method_not_allowed: return scim_error({405, "", e.message});
    case ErrorCode::second_factor_setup_required: return scim_error({403, "", e.message});
    case ErrorCode::internal: break;
  }
  return scim_error({500, "", "internal error"});
}

std::string base_url(const Ctx& ctx) { return server_address(ctx) + "/scim/v2"; }

// --- reading SCIM's JSON (scim_json.hpp) ------------------------------------------------------

Parsed<json> body_of(const Ctx& ctx) {
  const std::string type = ascii_lower(ctx.req.header("content-type"));
  const std::string media = type.substr(0, type.find(';'));
  if (media != "application/scim+json" && media != "application/json")
    return ScimError{415, "", "send the body as application/scim+json"};
  json body = json::parse(ctx.req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return ScimError{400, "invalidSyntax", "the body is not a JSON object"};
  return body;
}

// --- writing SCIM's JSON ---------------------------------------------------------------------

std::string etag(const Person& p) { return "W/\"" + std::to_string(p.row_version) + "\""; }

json user_json(const Ctx& ctx, const services::ScimUserView& v) {
  const Person& p = v.person;
  const std::string location = base_url(ctx) + "/Users/" + std::to_string(p.id);
  json enterprise = json::object();
  if (!p.employee_id.empty()) enterprise["employeeNumber"] = p.employee_id;
  if (!p.department.empty()) enterprise["department"] = p.department;
  if (v.manager)
    enterprise["manager"] = {{"value", std::to_string(v.manager->id)},
                             {"$ref", base_url(ctx) + "/Users/" + std::to_string(v.manager->id)},
                             {"displayName", v.manager->name}};
  json out = {{"schemas", {kUserSchema, kEnterprise}},
              {"id", std::to_string(p.id)},
              {"userName", p.email},
              {"name", {{"formatted", p.name}}},
              {"displayName", p.name},
              {"active", p.active},
              {"emails", {{{"value", p.email}, {"type", "work"}, {"primary", true}}}},
              {kEnterprise, enterprise},
              {"meta",
               {{"resourceType", "User"},
                {"created", format_iso8601(p.created_at)},
                {"lastModified", format_iso8601(p.updated_at)},
                {"location", location},
                {"version", etag(p)}}}};
  if (!v.external_id.empty()) out["externalId"] = v.external_id;
  if (!p.title.empty()) out["title"] = p.title;
  if (!p.timezone.empty()) out["timezone"] = p.timezone;
  return out;
}

http::Response user_response(const Ctx& ctx, int status, const services::ScimUserView& v) {
  http::Response r = scim_json(status, user_json(ctx, v));
  r.set_header("ETag", etag(v.person));
  if (status == 201) r.set_header("Location", base_url(ctx) + "/Users/" + std::to_string(v.person.id));
  return r;
}

// --- authentication and the shape of every route ---------------------------------------------

std::optional<Person> provider_of(Ctx& ctx) {
  const std::string_view auth = ctx.req.header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() <= kBearer.size() || ascii_lower(auth.substr(0, kBearer.size())) != "bearer ") return std::nullopt;
  const std::string secret(auth.substr(kBearer.size()));
  std::optional<Person> provider;
  auto ok = ctx.store.read([&](sql::Connection& db) -> Status {
    provider = services::scim_provider(db, secret);
    return {};
  });
  if (!ok) return std::nullopt;
  return provider;
}

using Handler = std::function<http::Response(Ctx&, const Person& provider)>;

RouteHandler scim_route(Handler h) {
  return [h = std::move(h)](Ctx& ctx) {
    auto provider = provider_of(ctx);
    if (!provider) {
      http::Response r = scim_error(ScimError{401, "", "present the SCIM bearer token made by `mentorhub scim token create`"});
      r.set_header("WWW-Authenticate", "Bearer realm=\"Mentorhub SCIM\"");
      return r;
    }
    return h(ctx, *provider);
  };
}

std::optional<PersonId> id_in_path(const Ctx& ctx) { return scim::person_id(ctx.req.params.at("id")); }

std::optional<std::int64_t> if_match(const Ctx& ctx, bool& malformed) {
  std::string v(ctx.req.header("if-match"));
  if (v.empty() || v == "*") return std::nullopt;
  if (v.rfind("W/", 0) == 0) v = v.substr(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::int64_t version = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (ec != std::errc() || end != v.data() + v.size()) malformed = true;
  return version;
}

// --- Users -----------------------------------------------------------------------------------

http::Response create_user(Ctx& ctx, const Person& provider) {
  auto body = body_of(ctx);
  if (auto* e = std::get_if<ScimError>(&body)) return scim_error(*e);
  auto user = scim::user_from(std::get<json>(body));
  if (auto* e = std::get_if<ScimError>(&user)) return scim_error(*e);
  auto created = ctx.use_case<services::ScimUserView>([&](services::UseCase& uc) -> Result<services::ScimUserView> {
    return services::scim_create_user(uc, provider, std::get<services::ScimUser>(user));
  });
  if (!created) return scim_error(created.error());
  return user_response(ctx, 201, *created);
}

http::Response get_user(Ctx& ctx, const Person&) {
  auto id = id_in_path(ctx);
  if (!id) return scim_error(ScimError{404, "", "no such user"});
  auto v = ctx.store.read_value<services::ScimUserView>([&](sql::Connection& db) { return services::scim_user(db, *id); });
  if (!v) return scim_error(v.error());
  return user_response(ctx, 200, *v);
}

http::Response replace_with(Ctx& ctx, const Person& provider, PersonId id, const services::ScimUser& u) {
  bool malformed = false;
  const auto version = if_match(ctx, malformed);
  if (malformed) return scim_error(ScimError{400, "invalidValue", "If-Match must be an ETag this server gave"});
  auto v = ctx.use_case<services::ScimUserView>([&](services::UseCase& uc) -> Result<services::ScimUserView> {
    return services::scim_replace_user(uc, provider, id, u, version);
  });
  if (!v) return scim_error(v.error());
  return user_response(ctx, 200, *v);
}

http::Response replace_user(Ctx& ctx, const Person& provider) {
  auto id = id_in_path(ctx);
  if (!id) return scim_error(ScimError{404, "", "no such user"});
  auto body = body_of(ctx);
  if (auto* e = std::get_if<ScimError>(&body)) return scim_error(*e);
  auto user = scim::user_from(std::get<json>(body));
  if (auto* e = std::get_if<ScimError>(&user)) return scim_error(*e);
  return replace_with(ctx, provider, *id, std::get<services::ScimUser>(user));
}

http::Response patch_user(Ctx& ctx, const Person& provider) {
  auto id = id_in_path(ctx);
  if (!id) return scim_error(ScimError{404, "", "no such user"});
  auto body = body_of(ctx);
  if (auto* e = std::get_if<ScimError>(&body)) return scim_error(*e);
  // The operations apply to the user as SCIM shows them, and the result replaces the user, in
  // one transaction: a patch is a replace of what it leaves.
  auto current = ctx.store.read_value<services::ScimUserView>([&](sql::Connection& db) { return services::scim_user(db, *id); });
  if (!current) return scim_error(current.error());
  auto user = scim::patched_user(user_json(ctx, *current), std::get<json>(body));
  if (auto* e = std::get_if<ScimError>(&user)) return scim_error(*e);
  auto updated = scim::user_from(std::get<json>(user));
  if (auto* e = std::get_if<ScimError>(&updated)) return scim_error(*e);
  bool malformed = false;
  auto version = if_match(ctx, malformed);
  if (malformed) return scim_error(ScimError{400, "invalidValue", "If-Match must be an ETag this server gave"});
  // Nobody may change the user between the read above and the write: the version read is the
  // one the write expects, unless the provider named one.
  if (!version) version = current->person.row_version;
  auto v = ctx.use_case<services::ScimUserView>([&](services::UseCase& uc) -> Result<services::ScimUserView> {
    return services::scim_replace_user(uc, provider, *id, std::get<services::ScimUser>(updated), version);
  });
  if (!v) return scim_error(v.error());
  return user_response(ctx, 200, *v);
}

// DELETE deactivates: the person's history (relationships, debriefs) stays, as after an HR
// departure; they are signed out and their open relationships asked to conclude.
http::Response delete_user(Ctx& ctx, const Person& provider) {
  auto id = id_in_path(ctx);
  if (!id) return scim_error(ScimError{404, "", "no such user"});
  auto v = ctx.use_case<services::ScimUserView>([&](services::UseCase& uc) -> Result<services::ScimUserView> {
    MH_TRY(current, services::scim_user(uc.db(), *id));
    services::ScimUser u;
    u.user_name = current.person.email;
    u.external_id = current.external_id;
    u.name = current.person.name;
    u.active = false;
    u.manager = current.person.manager_id;
    return services::scim_replace_user(uc, provider, *id, u, std::nullopt);
  });
  if (!v) return scim_error(v.error());
  http::Response r;
  r.status = 204;
  return r;
}

std::int64_t int_or(const Ctx& ctx, const char* name, std::int64_t fallback, std::optional<ScimError>& err) {
  const std::string* v = ctx.req.query_param(name);
  if (!v) return fallback;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size()) err = ScimError{400, "invalidValue", std::string(name) + " must be an integer"};
  return n;
}

http::Response list_users(Ctx& ctx, const Person&) {
  const std::string* filter_text = ctx.req.query_param("filter");
  auto filter = scim::filter_from(filter_text ? *filter_text : std::string());
  if (auto* e = std::get_if<ScimError>(&filter)) return scim_error(*e);
  std::optional<ScimError> err;
  // RFC 7644 3.4.2.4: a startIndex below 1 is 1, a negative count 0.
  const std::int64_t start = std::max<std::int64_t>(1, int_or(ctx, "startIndex", 1, err));
  const std::int64_t count = std::clamp<std::int64_t>(int_or(ctx, "count", kDefaultCount, err), 0, kMaxCount);
  if (err) return scim_error(*err);
  auto page = ctx.store.read_value<services::ScimPage>([&](sql::Connection& db) {
    return services::scim_list_users(db, std::get<services::ScimFilter>(filter), start, count);
  });
  if (!page) return scim_error(page.error());
  json resources = json::array();
  for (const auto& u : page->users) resources.push_back(user_json(ctx, u));
  return scim_json(200, {{"schemas", {kListSchema}},
                         {"totalResults", page->total},
                         {"startIndex", start},
                         {"itemsPerPage", resources.size()},
                         {"Resources", resources}});
}

// --- discovery -------------------------------------------------------------------------------

http::Response service_provider_config(Ctx& ctx, const Person&) {
  return scim_json(200, {{"schemas", {"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"}},
                         {"documentationUri", server_address(ctx) + "/docs/openapi.yaml"},
                         {"patch", {{"supported", true}}},
                         {"bulk", {{"supported", false}, {"maxOperations", 0}, {"maxPayloadSize", 0}}},
                         {"filter", {{"supported", true}, {"maxResults", kMaxCount}}},
                         {"changePassword", {{"supported", false}}},
                         {"sort", {{"supported", false}}},
                         {"etag", {{"supported", true}}},
                         {"authenticationSchemes",
                          {{{"type", "oauthbearertoken"},
                            {"name", "Bearer token"},
                            {"description", "A token made with `mentorhub scim token create`"},
                            {"primary", true}}}},
                         {"meta", {{"resourceType", "ServiceProviderConfig"}, {"location", base_url(ctx) + "/ServiceProviderConfig"}}}});
}

json user_resource_type(const Ctx& ctx) {
  return {{"schemas", {"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}},
          {"id", "User"},
          {"name", "User"},
          {"endpoint", "/Users"},
          {"schema", kUserSchema},
          {"schemaExtensions", {{{"schema", kEnterprise}, {"required", false}}}},
          {"meta", {{"resourceType", "ResourceType"}, {"location", base_url(ctx) + "/ResourceTypes/User"}}}};
}

http::Response resource_types(Ctx& ctx, const Person&) {
  return scim_json(200, {{"schemas", {kListSchema}}, {"totalResults", 1}, {"startIndex", 1}, {"itemsPerPage", 1},
                         {"Resources", {user_resource_type(ctx)}}});
}

json attribute(const char* name, const char* type, bool required, const char* description) {
  return {{"name", name}, {"type", type}, {"multiValued", false}, {"required", required}, {"description", description},
          {"mutability", "readWrite"}, {"returned", "default"}, {"uniqueness", std::string(name) == "userName" ? "server" : "none"}};
}

http::Response schemas(Ctx& ctx, const Person&) {
  json user = {{"schemas", {"urn:ietf:params:scim:schemas:core:2.0:Schema"}},
               {"id", kUserSchema},
               {"name", "User"},
               {"attributes",
                {attribute("userName", "string", true, "The person's e-mail address, with which they sign in"),
                 attribute("displayName", "string", false, "The name shown in Mentorhub"),
                 attribute("title", "string", false, "Job title"),
                 attribute("timezone", "string", false, "IANA time zone, such as Europe/Paris"),
                 attribute("active", "boolean", false, "False deactivates the person")}},
               {"meta", {{"resourceType", "Schema"}, {"location", base_url(ctx) + "/Schemas/" + kUserSchema}}}};
  json enterprise = {{"schemas", {"urn:ietf:params:scim:schemas:core:2.0:Schema"}},
                     {"id", kEnterprise},
                     {"name", "EnterpriseUser"},
                     {"attributes",
                      {attribute("employeeNumber", "string", false, "The HR system's id"),
                       attribute("department", "string", false, "Department"),
                       attribute("manager", "complex", false, "The manager: value is their id here")}},
                     {"meta", {{"resourceType", "Schema"}, {"location", base_url(ctx) + "/Schemas/" + kEnterprise}}}};
  return scim_json(200, {{"schemas", {kListSchema}}, {"totalResults", 2}, {"startIndex", 1}, {"itemsPerPage", 2},
                         {"Resources", {user, enterprise}}});
}

// --- the administrators' page: tokens ---------------------------------------------------------

json token_json(const storage::ScimToken& t) {
  return {{"id", std::to_string(t.id)},
          {"name", t.name},
          {"created_at", format_iso8601(t.created_at)},
          {"revoked_at", t.revoked_at ? json(format_iso8601(*t.revoked_at)) : json(nullptr)}};
}

http::Response list_tokens(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(tokens, services::scim_tokens(db, ctx.me()));
    json items = json::array();
    for (const auto& t : tokens) items.push_back(token_json(t));
    return json{{"items", items}, {"scim_url", base_url(ctx)}};
  });
  return respond(out, 200);
}

http::Response create_token(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"name"});
  const std::string name = body.contains("name") ? text_field(body, "name", 100) : "";
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(made, services::create_scim_token(uc, ctx.me(), name));
    json j = token_json(made.token);
    j["token"] = made.secret;  // shown this once; only its hash is kept
    j["scim_url"] = base_url(ctx);
    return j;
  });
  return respond(out, 201);
}

http::Response revoke_token(Ctx& ctx) {
  const std::int64_t id = id_param(ctx.req, "id");
  auto done = ctx.use_case<void>([&](services::UseCase& uc) -> Status {
    return services::revoke_scim_token(uc, ctx.me(), id);
  });
  if (!done) return error_response(done.error());
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace

void add_scim_routes(Routes& routes) {
  routes.add("GET", "/api/v1/admin/scim-tokens", Access::admin, list_tokens);
  routes.add("POST", "/api/v1/admin/scim-tokens", Access::admin, create_token);
  routes.add("DELETE", "/api/v1/admin/scim-tokens/{id}", Access::admin, revoke_token);
  routes.add("GET", "/scim/v2/ServiceProviderConfig", Access::anyone, scim_route(service_provider_config));
  routes.add("GET", "/scim/v2/ResourceTypes", Access::anyone, scim_route(resource_types));
  routes.add("GET", "/scim/v2/Schemas", Access::anyone, scim_route(schemas));
  routes.add("GET", "/scim/v2/Users", Access::anyone, scim_route(list_users));
  routes.add("POST", "/scim/v2/Users", Access::anyone, scim_route(create_user));
  routes.add("GET", "/scim/v2/Users/{id}", Access::anyone, scim_route(get_user));
  routes.add("PUT", "/scim/v2/Users/{id}", Access::anyone, scim_route(replace_user));
  routes.add("PATCH", "/scim/v2/Users/{id}", Access::anyone, scim_route(patch_user));
  routes.add("DELETE", "/scim/v2/Users/{id}", Access::anyone, scim_route(delete_user));
}

}  // namespace mh::api
