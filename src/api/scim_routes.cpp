// SCIM 2.0 provisioning over HTTP (RFC 7644), for identity providers such as Microsoft Entra ID
// and Okta: /scim/v2/Users (create, read, replace, patch, deactivate, list with the `userName eq`
// and `externalId eq` filters and startIndex/count pages, ETags from each person's row version)
// and the discovery documents. A provider authenticates with its bearer token (services/scim.hpp);
// every answer, errors included, is SCIM's JSON (application/scim+json). The rules live in
// services/scim.hpp; this file reads and writes SCIM's shapes.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <variant>
#include <functional>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "services/scim.hpp"

namespace mh::api {

namespace {

constexpr const char* kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
constexpr const char* kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
constexpr const char* kErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
constexpr const char* kListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
constexpr const char* kPatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
constexpr std::int64_t kDefaultCount = 100;
constexpr std::int64_t kMaxCount = 200;

// A refusal in SCIM's terms, carried out of the parsing helpers.
struct ScimError {
  int status = 400;
  std::string scim_type;  // RFC 7644 3.12: invalidSyntax, invalidValue, invalidFilter, ...; may be empty
  std::string detail;
};

template <class T>
using Parsed = std::variant<T, ScimError>;

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

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string base_url(const Ctx& ctx) { return server_address(ctx) + "/scim/v2"; }

// --- reading SCIM's JSON ---------------------------------------------------------------------

std::optional<std::string> text(const json& o, const char* key, std::optional<ScimError>& err) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    err = ScimError{400, "invalidValue", std::string(key) + " must be a string"};
    return std::nullopt;
  }
  return it->get<std::string>();
}

// Entra ID has sent booleans as the strings "True" and "False".
std::optional<bool> boolean(const json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) {
    const std::string s = lower(v.get<std::string>());
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return std::nullopt;
}

std::optional<PersonId> person_id(std::string_view s) {
  PersonId id = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || end != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

Parsed<services::ScimUser> user_from(const json& body) {
  if (!body.is_object()) return ScimError{400, "invalidSyntax", "the body must be a JSON object"};
  std::optional<ScimError> err;
  services::ScimUser u;
  auto user_name = text(body, "userName", err);
  if (err) return *err;
  if (!user_name || user_name->empty()) return ScimError{400, "invalidValue", "userName is required"};
  u.user_name = *user_name;
  u.external_id = text(body, "externalId", err).value_or("");
  auto display = text(body, "displayName", err);
  std::optional<std::string> formatted, given, family;
  if (auto n = body.find("name"); n != body.end() && n->is_object()) {
    formatted = text(*n, "formatted", err);
    given = text(*n, "givenName", err);
    family = text(*n, "familyName", err);
  }
  u.title = text(body, "title", err);
  u.timezone = text(body, "timezone", err);
  if (err) return *err;
  if (display && !display->empty()) u.name = *display;
  else if (formatted && !formatted->empty()) u.name = *formatted;
  else u.name = given.value_or("") + (given && family ? " " : "") + family.value_or("");
  if (u.name.empty()) u.name = u.user_name;
  if (auto a = body.find("active"); a != body.end() && !a->is_null()) {
    auto b = boolean(*a);
    if (!b) return ScimError{400, "invalidValue", "active must be true or false"};
    u.active = *b;
  }
  if (auto e = body.find(kEnterprise); e != body.end() && !e->is_null()) {
    if (!e->is_object()) return ScimError{400, "invalidValue", std::string(kEnterprise) + " must be an object"};
    u.employee_number = text(*e, "employeeNumber", err);
    u.department = text(*e, "department", err);
    if (err) return *err;
    if (auto m = e->find("manager"); m != e->end() && !m->is_null()) {
      const json value = m->is_object() ? m->value("value", json()) : *m;
      if (!value.is_null() && !(value.is_string() && value.get<std::string>().empty())) {
        auto id = value.is_string() ? person_id(value.get<std::string>()) : std::nullopt;
        if (!id) return ScimError{400, "invalidValue", "manager.value must be the id of a user"};
        u.manager = id;
      }
    }
  }
  return u;
}

Parsed<json> body_of(const Ctx& ctx) {
  const std::string type = lower(std::string(ctx.req.header("content-type")));
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
  if (auth.size() <= kBearer.size() || lower(std::string(auth.substr(0, kBearer.size()))) != "bearer ") return std::nullopt;
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

RouteHandler scim(Handler h) {
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

std::optional<PersonId> id_in_path(const Ctx& ctx) { return person_id(ctx.req.params.at("id")); }

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
  auto user = user_from(std::get<json>(body));
  if (auto* e = std::get_if<ScimError>(&user)) return scim_error(*e);
  auto created = ctx.store.write_value<services::ScimUserView>([&](sql::Connection& db) {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
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
  auto v = ctx.store.write_value<services::ScimUserView>([&](sql::Connection& db) {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
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
  auto user = user_from(std::get<json>(body));
  if (auto* e = std::get_if<ScimError>(&user)) return scim_error(*e);
  return replace_with(ctx, provider, *id, std::get<services::ScimUser>(user));
}

// One PATCH operation applied to the user's SCIM JSON. Paths: an attribute ("active",
// "title"), a sub-attribute ("name.givenName"), an enterprise attribute with its schema's URN
// ("urn:...:enterprise:2.0:User:department", "...:manager"), and the work or primary e-mail
// (`emails[type eq "work"].value`); without a path, the value's members are set.
std::optional<ScimError> apply_operation(json& user, const json& op) {
  if (!op.is_object()) return ScimError{400, "invalidSyntax", "each operation must be an object"};
  const std::string kind = lower(op.value("op", std::string()));
  if (kind != "add" && kind != "replace" && kind != "remove")
    return ScimError{400, "invalidSyntax", "op must be add, replace or remove"};
  const json value = op.value("value", json());
  if (!op.contains("path") || op["path"].is_null()) {
    if (kind == "remove") return ScimError{400, "noTarget", "remove needs a path"};
    if (!value.is_object()) return ScimError{400, "invalidValue", "without a path, value must be an object"};
    for (const auto& [key, member] : value.items()) {
      json one = {{"op", kind}, {"path", key}, {"value", member}};
      if (key == kEnterprise && member.is_object()) {
        for (const auto& [sub, v] : member.items())
          if (auto e = apply_operation(user, {{"op", kind}, {"path", key + ":" + sub}, {"value", v}})) return e;
        continue;
      }
      if (auto e = apply_operation(user, one)) return e;
    }
    return std::nullopt;
  }
  if (!op["path"].is_string()) return ScimError{400, "invalidPath", "path must be a string"};
  std::string path = op["path"].get<std::string>();
  json* target = &user;
  const std::string prefix = std::string(kEnterprise) + ":";
  if (lower(path).rfind(lower(prefix), 0) == 0) {
    if (!user.contains(kEnterprise) || !user[kEnterprise].is_object()) user[kEnterprise] = json::object();
    target = &user[kEnterprise];
    path = path.substr(prefix.size());
  }
  const std::string key = lower(path);
  if (key == "emails[type eq \"work\"].value" || key == "emails[primary eq true].value") {
    if (kind == "remove") return ScimError{400, "mutability", "userName, the e-mail address, cannot be removed"};
    if (!value.is_string()) return ScimError{400, "invalidValue", "an e-mail address must be a string"};
    user["userName"] = value;
    return std::nullopt;
  }
  if (path.find('[') != std::string::npos) return ScimError{400, "invalidPath", "unsupported path " + path};
  // Attribute names are case-insensitive: find the member as this server spells it.
  const auto dot = path.find('.');
  const std::string head = path.substr(0, dot);
  static const std::vector<std::string> kKnown = {"userName", "externalId", "displayName", "name", "title", "timezone",
                                                 "active", "emails", "employeeNumber", "department", "manager",
                                                 "formatted", "givenName", "familyName", "value"};
  auto spelled = [](const std::string& name) {
    for (const auto& k : kKnown)
      if (lower(k) == lower(name)) return k;
    return name;
  };
  const std::string member = spelled(head);
  if (dot == std::string::npos) {
    if (kind == "remove") target->erase(member);
    else (*target)[member] = value;
    return std::nullopt;
  }
  const std::string sub = spelled(path.substr(dot + 1));
  json& parent = (*target)[member];
  if (!parent.is_object()) parent = json::object();
  if (kind == "remove") parent.erase(sub);
  else parent[sub] = value;
  // A changed given or family name changes the name shown.
  if (member == "name" && (sub == "givenName" || sub == "familyName")) {
    user.erase("displayName");
    parent.erase("formatted");
  }
  return std::nullopt;
}

http::Response patch_user(Ctx& ctx, const Person& provider) {
  auto id = id_in_path(ctx);
  if (!id) return scim_error(ScimError{404, "", "no such user"});
  auto body = body_of(ctx);
  if (auto* e = std::get_if<ScimError>(&body)) return scim_error(*e);
  const json& patch = std::get<json>(body);
  const json schemas = patch.value("schemas", json::array());
  if (!schemas.is_array() || std::find(schemas.begin(), schemas.end(), kPatchSchema) == schemas.end())
    return scim_error(ScimError{400, "invalidSyntax", std::string("schemas must list ") + kPatchSchema});
  auto ops = patch.find("Operations");
  if (ops == patch.end()) ops = patch.find("operations");
  if (ops == patch.end() || !ops->is_array() || ops->empty())
    return scim_error(ScimError{400, "invalidSyntax", "Operations must be a non-empty array"});
  // The operations apply to the user as SCIM shows them, and the result replaces the user, in
  // one transaction: a patch is a replace of what it leaves.
  auto current = ctx.store.read_value<services::ScimUserView>([&](sql::Connection& db) { return services::scim_user(db, *id); });
  if (!current) return scim_error(current.error());
  json user = user_json(ctx, *current);
  if (user.contains(kEnterprise) && user[kEnterprise].contains("manager"))
    user[kEnterprise]["manager"] = {{"value", user[kEnterprise]["manager"]["value"]}};
  user.erase("displayName");  // the name comes from name.formatted unless the patch sets one
  for (const auto& op : *ops)
    if (auto e = apply_operation(user, op)) return scim_error(*e);
  auto updated = user_from(user);
  if (auto* e = std::get_if<ScimError>(&updated)) return scim_error(*e);
  bool malformed = false;
  auto version = if_match(ctx, malformed);
  if (malformed) return scim_error(ScimError{400, "invalidValue", "If-Match must be an ETag this server gave"});
  // Nobody may change the user between the read above and the write: the version read is the
  // one the write expects, unless the provider named one.
  if (!version) version = current->person.row_version;
  auto v = ctx.store.write_value<services::ScimUserView>([&](sql::Connection& db) {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
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
  auto v = ctx.store.write_value<services::ScimUserView>([&](sql::Connection& db) -> Result<services::ScimUserView> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(current, services::scim_user(db, *id));
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

// `attribute eq "value"`: the filters Entra ID and Okta send to find a user before creating one.
Parsed<services::ScimFilter> filter_from(const std::string& text) {
  services::ScimFilter f;
  if (text.empty()) return f;
  const auto first = text.find(' ');
  const auto second = first == std::string::npos ? first : text.find(' ', first + 1);
  if (second == std::string::npos) return ScimError{400, "invalidFilter", "filter must be: attribute eq \"value\""};
  const std::string attribute = lower(text.substr(0, first));
  const std::string op = lower(text.substr(first + 1, second - first - 1));
  std::string value = text.substr(second + 1);
  if (op != "eq" || value.size() < 2 || value.front() != '"' || value.back() != '"')
    return ScimError{400, "invalidFilter", "filter must be: attribute eq \"value\""};
  value = value.substr(1, value.size() - 2);
  json unescaped = json::parse("\"" + value + "\"", nullptr, false);
  if (unescaped.is_string()) value = unescaped.get<std::string>();
  if (attribute == "username" || attribute == "emails.value" || attribute == "emails[type eq \"work\"].value")
    f.attribute = services::ScimFilter::Attribute::user_name;
  else if (attribute == "externalid")
    f.attribute = services::ScimFilter::Attribute::external_id;
  else
    return ScimError{400, "invalidFilter", "users can be filtered by userName or externalId"};
  f.value = value;
  return f;
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
  auto filter = filter_from(filter_text ? *filter_text : std::string());
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
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
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
  auto done = ctx.store.write([&](sql::Connection& db) {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
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
  routes.add("GET", "/scim/v2/ServiceProviderConfig", Access::anyone, scim(service_provider_config));
  routes.add("GET", "/scim/v2/ResourceTypes", Access::anyone, scim(resource_types));
  routes.add("GET", "/scim/v2/Schemas", Access::anyone, scim(schemas));
  routes.add("GET", "/scim/v2/Users", Access::anyone, scim(list_users));
  routes.add("POST", "/scim/v2/Users", Access::anyone, scim(create_user));
  routes.add("GET", "/scim/v2/Users/{id}", Access::anyone, scim(get_user));
  routes.add("PUT", "/scim/v2/Users/{id}", Access::anyone, scim(replace_user));
  routes.add("PATCH", "/scim/v2/Users/{id}", Access::anyone, scim(patch_user));
  routes.add("DELETE", "/scim/v2/Users/{id}", Access::anyone, scim(delete_user));
}

}  // namespace mh::api
