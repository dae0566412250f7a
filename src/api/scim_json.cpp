#include "api/scim_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "domain/text.hpp"

namespace mh::api::scim {

namespace {

std::optional<std::string> text(const json& o, const char* key, std::optional<Error>& err) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    err = Error{400, "invalidValue", std::string(key) + " must be a string"};
    return std::nullopt;
  }
  return it->get<std::string>();
}

// Entra ID has sent booleans as the strings "True" and "False".
std::optional<bool> boolean(const json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) {
    const std::string s = ascii_lower(v.get<std::string>());
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return std::nullopt;
}

bool starts_with_no_case(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_lower(s.substr(0, prefix.size())) == ascii_lower(prefix);
}

// The attributes this server keeps, as it spells them (names are case-insensitive in SCIM):
// the core User's, the enterprise extension's and the sub-attributes of `name` and `manager`.
// Any other is accepted and dropped, on create as in a patch.
constexpr std::array<const char*, 15> kKept = {"userName", "externalId", "displayName", "name",       "title",
                                               "timezone", "active",     "emails",      "employeeNumber",
                                               "department", "manager",  "formatted",   "givenName",
                                               "familyName", "value"};

std::optional<std::string> kept(std::string_view name) {
  for (const char* k : kKept)
    if (ascii_lower(k) == ascii_lower(name)) return std::string(k);
  return std::nullopt;
}

// The work or primary address, the one this server keeps as userName: the filtered paths Entra
// ID sends for it, with or without `.value` after the filter.
bool is_work_email(std::string_view path) {
  const std::string p = ascii_lower(path);
  for (const char* filter : {"emails[type eq \"work\"]", "emails[primary eq true]"})
    if (p == filter || p == std::string(filter) + ".value") return true;
  return false;
}

std::optional<Error> apply_operation(json& user, const json& op);

// `value`'s members, each as its own operation of `kind` on `prefix` + the member's name.
std::optional<Error> apply_members(json& user, const std::string& kind, const std::string& prefix, const json& value) {
  for (const auto& [key, member] : value.items()) {
    if (key == kEnterprise && member.is_object()) {
      if (auto e = apply_members(user, kind, key + ":", member)) return e;
      continue;
    }
    if (auto e = apply_operation(user, {{"op", kind}, {"path", prefix + key}, {"value", member}})) return e;
  }
  return std::nullopt;
}

// One PATCH operation applied to the user's SCIM JSON. Paths: an attribute ("active", "title"),
// a sub-attribute ("name.givenName"), either with its schema's URN in front
// ("urn:...:enterprise:2.0:User:department"), the enterprise extension as a whole, and the work
// or primary e-mail (`emails[type eq "work"].value`); without a path, the value's members are set.
std::optional<Error> apply_operation(json& user, const json& op) {
  if (!op.is_object()) return Error{400, "invalidSyntax", "each operation must be an object"};
  const json kind_json = op.value("op", json());
  const std::string kind = kind_json.is_string() ? ascii_lower(kind_json.get<std::string>()) : std::string();
  if (kind != "add" && kind != "replace" && kind != "remove")
    return Error{400, "invalidSyntax", "op must be add, replace or remove"};
  const json value = op.value("value", json());
  if (!op.contains("path") || op["path"].is_null()) {
    if (kind == "remove") return Error{400, "noTarget", "remove needs a path"};
    if (!value.is_object()) return Error{400, "invalidValue", "without a path, value must be an object"};
    return apply_members(user, kind, "", value);
  }
  if (!op["path"].is_string()) return Error{400, "invalidPath", "path must be a string"};
  std::string path = op["path"].get<std::string>();
  if (starts_with_no_case(path, std::string(kUserSchema) + ":")) path = path.substr(std::string(kUserSchema).size() + 1);
  json* target = &user;
  if (ascii_lower(path) == ascii_lower(kEnterprise)) {  // the extension as a whole
    if (kind == "remove") {
      user[kEnterprise] = json::object();
      return std::nullopt;
    }
    if (!value.is_object()) return Error{400, "invalidValue", std::string(kEnterprise) + " must be an object"};
    return apply_members(user, kind, std::string(kEnterprise) + ":", value);
  }
  if (starts_with_no_case(path, std::string(kEnterprise) + ":")) {
    if (!user.contains(kEnterprise) || !user[kEnterprise].is_object()) user[kEnterprise] = json::object();
    target = &user[kEnterprise];
    path = path.substr(std::string(kEnterprise).size() + 1);
  }
  if (target == &user && is_work_email(path)) {
    if (kind == "remove") return Error{400, "mutability", "userName, the e-mail address, cannot be removed"};
    const json address = value.is_object() ? value.value("value", json()) : value;
    if (!address.is_string()) return Error{400, "invalidValue", "an e-mail address must be a string"};
    user["userName"] = address;
    return std::nullopt;
  }
  const auto bracket = path.find('[');
  const auto dot = path.find('.');
  const std::string head = path.substr(0, std::min(bracket, dot));
  const std::optional<std::string> member = kept(head);
  // Phone numbers, addresses, other e-mails, roles, ...: not kept, so changing them changes
  // nothing (Entra ID's default mappings send them, and a refusal would fail every update).
  if (!member || (bracket != std::string::npos && *member == "emails")) return std::nullopt;
  if (bracket != std::string::npos) return Error{400, "invalidPath", "unsupported path " + path};
  if (dot == std::string::npos) {
    if (kind == "remove") target->erase(*member);
    else (*target)[*member] = value;
    return std::nullopt;
  }
  const std::string sub_name = path.substr(dot + 1);
  const std::string sub = kept(sub_name).value_or(sub_name);
  json& parent = (*target)[*member];
  if (!parent.is_object()) parent = json::object();
  if (kind == "remove") parent.erase(sub);
  else parent[sub] = value;
  // A changed given or family name changes the name shown.
  if (*member == "name" && (sub == "givenName" || sub == "familyName")) {
    user.erase("displayName");
    parent.erase("formatted");
  }
  return std::nullopt;
}

}  // namespace

std::optional<PersonId> person_id(std::string_view s) {
  PersonId id = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || end != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

Parsed<services::ScimUser> user_from(const json& body) {
  if (!body.is_object()) return Error{400, "invalidSyntax", "the body must be a JSON object"};
  std::optional<Error> err;
  services::ScimUser u;
  auto user_name = text(body, "userName", err);
  if (err) return *err;
  if (!user_name || user_name->empty()) return Error{400, "invalidValue", "userName is required"};
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
    if (!b) return Error{400, "invalidValue", "active must be true or false"};
    u.active = *b;
  }
  if (auto e = body.find(kEnterprise); e != body.end() && !e->is_null()) {
    if (!e->is_object()) return Error{400, "invalidValue", std::string(kEnterprise) + " must be an object"};
    u.employee_number = text(*e, "employeeNumber", err);
    u.department = text(*e, "department", err);
    if (err) return *err;
    if (auto m = e->find("manager"); m != e->end() && !m->is_null()) {
      const json value = m->is_object() ? m->value("value", json()) : *m;
      if (!value.is_null() && !(value.is_string() && value.get<std::string>().empty())) {
        auto id = value.is_string() ? person_id(value.get<std::string>()) : std::nullopt;
        if (!id) return Error{400, "invalidValue", "manager.value must be the id of a user"};
        u.manager = id;
      }
    }
  }
  return u;
}

Parsed<json> patched_user(json user, const json& patch) {
  if (!patch.is_object()) return Error{400, "invalidSyntax", "the body must be a JSON object"};
  const json schemas = patch.value("schemas", json::array());
  if (!schemas.is_array() || std::find(schemas.begin(), schemas.end(), kPatchSchema) == schemas.end())
    return Error{400, "invalidSyntax", std::string("schemas must list ") + kPatchSchema};
  auto ops = patch.find("Operations");
  if (ops == patch.end()) ops = patch.find("operations");
  if (ops == patch.end() || !ops->is_array() || ops->empty())
    return Error{400, "invalidSyntax", "Operations must be a non-empty array"};
  // The manager as a patch may set it: by its id alone.
  if (user.contains(kEnterprise) && user[kEnterprise].is_object() && user[kEnterprise].contains("manager"))
    user[kEnterprise]["manager"] = {{"value", user[kEnterprise]["manager"].value("value", json())}};
  user.erase("displayName");  // the name comes from name.formatted unless the patch sets one
  for (const auto& op : *ops)
    if (auto e = apply_operation(user, op)) return *e;
  return user;
}

Parsed<services::ScimFilter> filter_from(const std::string& text) {
  services::ScimFilter f;
  if (text.empty()) return f;
  const Error refused{400, "invalidFilter", "filter must be: attribute eq \"value\""};
  // The operator is the first " eq " after the attribute, which may hold a value filter with an
  // " eq " of its own (`emails[type eq "work"].value eq "..."`).
  const std::string lowered = ascii_lower(text);
  const auto bracket = lowered.find(']');
  const auto op = lowered.find(" eq ", bracket == std::string::npos ? 0 : bracket);
  if (op == std::string::npos || op == 0) return refused;
  const std::string attribute = lowered.substr(0, op);
  std::string value = text.substr(op + 4);
  if (value.size() < 2 || value.front() != '"' || value.back() != '"') return refused;
  value = value.substr(1, value.size() - 2);
  json unescaped = json::parse("\"" + value + "\"", nullptr, false);
  if (unescaped.is_string()) value = unescaped.get<std::string>();
  if (attribute == "username" || attribute == "emails.value" || attribute == "emails[type eq \"work\"].value")
    f.attribute = services::ScimFilter::Attribute::user_name;
  else if (attribute == "externalid")
    f.attribute = services::ScimFilter::Attribute::external_id;
  else
    return Error{400, "invalidFilter", "users can be filtered by userName or externalId"};
  f.value = value;
  return f;
}

}  // namespace mh::api::scim
