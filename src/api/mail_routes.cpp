// E-mail over HTTP: a person's mail settings (which kinds they get, and whether this server
// sends mail at all), and the one-click unsubscribe address every mail carries (RFC 8058): a POST
// to it, with no session, switches that kind off; a GET shows a page that asks first, since mail
// scanners follow links.
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "domain/mail.hpp"
#include "notify/mime.hpp"
#include "services/mail_settings.hpp"

namespace mh::api {

json mail_settings_json(const Ctx& ctx, const std::vector<MailKind>& off) {
  json kinds = json::array();
  for (MailKind k : kMailKinds)
    kinds.push_back({{"kind", std::string(to_string(k))},
                     {"description", std::string(describe(k))},
                     {"on", std::find(off.begin(), off.end(), k) == off.end()}});
  return {{"enabled", ctx.settings.lifecycle.send_mail}, {"kinds", kinds}};
}

namespace {

http::Response get_mail_settings(Ctx& ctx) {
  auto off = ctx.store.read_value<std::vector<MailKind>>(
      [&](sql::Connection& db) -> Result<std::vector<MailKind>> { return services::mail_kinds_off(db, ctx.me()); });
  if (!off) return error_response(off.error());
  return json_response(200, mail_settings_json(ctx, *off));
}

// {"kinds": {"requests": false, "digest": true}}: the kinds named change, the others stay.
http::Response put_mail_settings(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"kinds"});
  if (!body.contains("kinds") || !body["kinds"].is_object()) throw_invalid("kinds", "must be an object of kind: true or false");
  std::vector<std::pair<MailKind, bool>> changes;
  for (const auto& [name, value] : body["kinds"].items()) {
    auto kind = mail_kind_from(name);
    if (!kind) throw_invalid("kinds." + name, "is not a kind of mail");
    changes.emplace_back(*kind, bool_field(value, "kinds." + name));
  }
  auto off = ctx.store.write_value<std::vector<MailKind>>([&](sql::Connection& db) -> Result<std::vector<MailKind>> {
    return services::change_mail_kinds(db, ctx.me(), changes, ctx.now);
  });
  if (!off) return error_response(off.error());
  return json_response(200, mail_settings_json(ctx, *off));
}

http::Response page(int status, const std::string& title, const std::string& body_html) {
  http::Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.set_header("Cache-Control", "no-store");
  r.body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width, initial-scale=1\"><title>" +
           notify::html_escape(title) + "</title></head><body><main><h1>" + notify::html_escape(title) + "</h1>" +
           body_html + "<p><a href=\"/profile/mail\">All your mail settings</a></p></main></body></html>\n";
  return r;
}

http::Response nothing_named() { return error_response(not_found("this unsubscribe address names nothing")); }

http::Response unsubscribe_page(Ctx& ctx) {
  const auto kind = mail_kind_from(ctx.req.params.at("kind"));
  if (!kind) return nothing_named();
  const std::string token = ctx.req.params.at("token");
  auto owner = ctx.store.read_value<std::optional<PersonId>>(
      [&](sql::Connection& db) -> Result<std::optional<PersonId>> { return services::unsubscribe_owner(db, token); });
  if (!owner || !*owner) return nothing_named();
  const std::string what = notify::html_escape(describe(*kind));
  return page(200, "Stop these mails?",
              "<p>You get mail from Mentorhub for " + what +
                  ". Stop these mails? Everything stays in the app.</p>"
                  "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                  "<button type=\"submit\">Stop these mails</button></form>");
}

http::Response unsubscribe(Ctx& ctx) {
  const auto kind = mail_kind_from(ctx.req.params.at("kind"));
  if (!kind) return nothing_named();
  const std::string token = ctx.req.params.at("token");
  // Checked and switched off in one transaction.
  auto done = ctx.store.write([&](sql::Connection& db) { return services::unsubscribe(db, token, *kind, ctx.now); });
  if (!done) return error_response(done.error());
  return page(200, "Mails stopped",
              "<p>You will no longer get mail for " + notify::html_escape(describe(*kind)) +
                  ". You can switch it on again in your mail settings.</p>");
}

}  // namespace

void add_mail_routes(Routes& routes) {
  routes.add("GET", "/api/v1/me/mail", Access::person, get_mail_settings);
  routes.add("PUT", "/api/v1/me/mail", Access::person, put_mail_settings);
  routes.add("GET", "/mail/unsubscribe/{token}/{kind}", Access::anyone, unsubscribe_page);
  routes.add("POST", "/mail/unsubscribe/{token}/{kind}", Access::anyone, unsubscribe);
}

}  // namespace mh::api
