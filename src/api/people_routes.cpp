// Profiles: one's own (me), colleagues', and the administrator's people management.
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/people_json.hpp"
#include "api/person_texts.hpp"
#include "api/routes.hpp"
#include "api/throttle.hpp"
#include "common/crypto.hpp"
#include "domain/access.hpp"
#include "services/access.hpp"
#include "services/people.hpp"
#include "services/profiles.hpp"
#include "services/sign_in.hpp"
#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"

namespace mh::api {

namespace {

// After a change by the person themself or an administrator: their own or an administrator's
// view, which never depends on partners.
http::Response person_or_error(const Ctx& ctx, const Result<Person>& p) {
  if (!p) return error_response(p.error());
  return json_text_response(200, person_json_text(*p, view_of(ctx.me(), *p, false), year_of(ctx.now)));
}

// Against ghosting: how reliably and how fast a mentor answers requests, shown on their profile.
// How the person answers requests, written member by member like the rest of the profile; the
// two ratios go through nlohmann so that their digits are its own.
void write_responsiveness(JsonWriter& w, const Responsiveness& r) {
  const auto ratio = [&w](const std::optional<double>& v) {
    if (v)
      w.value(json(*v));
    else
      w.null();
  };
  w.begin_object();
  w.key("requests_received").number(r.requests_received);
  w.key("answered").number(r.answered);
  w.key("answer_rate");
  ratio(r.answer_rate);
  w.key("median_hours_to_answer");
  ratio(r.median_hours_to_answer);
  w.end_object();
}

// The text of a person the services listed: the one found when they asked whether it was held,
// or, when they read the person instead, written now and kept for the next request.
PersonTexts::Text text_of(Ctx& ctx, const services::ListedPerson& listed, PersonTexts::Text held, int year) {
  if (!listed.person) return held;
  auto text = std::make_shared<const std::string>(person_json_text(*listed.person, listed.view, year));
  ctx.person_texts.keep(listed.id, listed.row_version, listed.view, year, text);
  return text;
}

// A profile's person, kept as a page's people are: held() is the check the services ask, and
// begin_profile writes the text found then or the person they read instead.
class ProfileText {
 public:
  explicit ProfileText(Ctx& ctx) : ctx_(ctx), year_(year_of(ctx.now)) {}
  services::HoldsRendering held() {
    return [this](const services::ListedPerson& listed) {
      found_ = ctx_.person_texts.find(listed.id, listed.row_version, listed.view, year_);
      return found_ != nullptr;
    };
  }
  // Begins the profile's object with the person and how they answer requests, for the caller to
  // add to and end; written without a document, since nearly every page asks for one.
  void begin_profile(JsonWriter& w, const services::PersonProfile& profile) {
    w.begin_object_with(*text_of(ctx_, profile.seen, found_, year_));
    w.key("responsiveness");
    write_responsiveness(w, profile.responsiveness);
  }

 private:
  Ctx& ctx_;
  const int year_;
  PersonTexts::Text found_;
};

http::Response get_me(Ctx& ctx) {
  ProfileText person(ctx);
  auto out = ctx.store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    const services::PersonProfile me = services::own_profile(db, ctx.me(), person.held());
    JsonWriter w;
    person.begin_profile(w, me);
    w.key("has_password").boolean(me.has_password).end_object();
    return w.take();
  });
  if (!out) return error_response(out.error());
  return json_text_response(200, std::move(*out));
}

// Reads the patch, applies it to the stored person and saves, all in one transaction
// (services::change_person). `administering`: an administrator's change of someone's record.
Result<Person> patch_person(Ctx& ctx, PersonId id, const json& patch, Editor editor, bool administering = false) {
  services::ProfileChange change;
  for (const auto& [field, value] : patch.items()) change.fields.push_back(field);
  change.apply = [&](Person& p) -> Status {
    apply_person_patch(patch, p, editor);  // throws ApiError; the transaction rolls back
    return {};
  };
  return ctx.use_case<Person>([&](services::UseCase& uc) -> Result<Person> {
    return services::change_person(uc, ctx.me(), id, change, administering);
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
  auto confirmed = services::confirm_own_password(
      ctx.store, ctx.me(), current, invalid("current_password", "is not your current password"),
      own_password_attempts(ctx), ctx.settings.failure_window, ctx.now);
  if (!confirmed) return error_response_with_retry(ctx, confirmed.error());
  const std::string hash = hash_password(next);
  auto done = ctx.use_case<void>([&](services::UseCase& uc) -> Status {
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
  }
  const int year = year_of(ctx.now);
  // The texts held for this page's people, by id, as the page listed them (null: not held).
  std::vector<std::pair<PersonId, PersonTexts::Text>> held;
  auto page = ctx.store.read_value<services::PeopleListing>([&](sql::Connection& db) {
    held.clear();  // a retried transaction lists the page again
    return services::list_people(
        db, ctx.me(), cursor, limit, include_inactive, [&](const services::ListedPerson& listed) {
          held.emplace_back(listed.id, ctx.person_texts.find(listed.id, listed.row_version, listed.view, year));
          return held.back().second != nullptr;
        });
  });
  if (!page) return error_response(page.error());
  JsonWriter w;
  w.reserve(1024 * page->people.size() + 64);
  w.begin_object().key("items").begin_array();
  auto held_text = held.begin();  // both by id
  for (const auto& listed : page->people) {
    while (held_text != held.end() && held_text->first != listed.id) ++held_text;
    w.raw(*text_of(ctx, listed, held_text != held.end() ? held_text->second : nullptr, year));
  }
  w.end_array().key("next_cursor");
  if (page->next_cursor) w.string(std::to_string(*page->next_cursor));
  else w.null();
  w.end_object();
  return json_text_response(200, w.take());
}

http::Response get_person(Ctx& ctx) {
  const PersonId id = id_param(ctx.req, "id");
  ProfileText person(ctx);
  auto out = ctx.store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    MH_TRY(profile, services::person_profile(db, ctx.me(), id, person.held()));
    JsonWriter w;
    person.begin_profile(w, profile);
    w.end_object();
    return w.take();
  });
  if (!out) return error_response(out.error());
  return json_text_response(200, std::move(*out));
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
  auto created = ctx.use_case<Person>([&](services::UseCase& uc) -> Result<Person> {
    return services::add_person(uc, ctx.me(), p, hash);
  });
  if (!created) return error_response(created.error());
  auto r = json_text_response(201, person_json_text(*created, PersonView::admin, year_of(ctx.now)));
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
