#include "cli/sso_command.hpp"

#include <cstdio>

#include "api/routes.hpp"
#include "cli/command_line.hpp"
#include "common/clock.hpp"
#include "services/single_sign_on.hpp"

namespace mh::cli {

namespace {

void print(const storage::SsoSettings& s) {
  std::printf("single sign-on with %s (%s)\n", s.display_name.c_str(), s.enabled ? "on" : "off");
  std::printf("  issuer            %s\n", s.issuer.c_str());
  std::printf("  client id         %s (secret %s, %s)\n", s.client_id.c_str(), s.client_secret.empty() ? "not set" : "set",
              s.token_auth_method.c_str());
  std::printf("  redirect URI      %s%s\n", s.public_url.c_str(), services::kSsoCallbackPath);
  std::printf("  scopes            %s\n", s.scopes.c_str());
  std::printf("  new people        %s\n", s.create_people ? "created at first sign-in" : "must exist already");
  std::printf("  password sign-in  %s\n",
              s.password_sign_in ? "on" : ("off (except " + s.break_glass_email + ")").c_str());
  std::printf("  claims            email=%s name=%s department=%s title=%s\n", s.email_claim.c_str(),
              s.name_claim.c_str(), s.department_claim.c_str(), s.title_claim.c_str());
  std::printf("  trusted domains   %s\n",
              s.trusted_email_domains.empty() ? "none (only verified addresses)" : s.trusted_email_domains.c_str());
  std::printf("  clock skew        %d s\n", s.clock_skew_seconds);
}

}  // namespace

int sso_configure(Store& store, const SsoConfigureOptions& o) {
  storage::SsoSettings s;
  s.display_name = o.name;
  s.issuer = o.issuer;
  s.client_id = o.client_id;
  const auto secret = secret_from(o.client_secret_file, "MENTORHUB_SSO_CLIENT_SECRET");
  if (!secret) return fail("cannot read the client secret file " + o.client_secret_file);
  s.client_secret = *secret;
  s.public_url = o.public_url;
  s.scopes = o.scopes;
  s.token_auth_method = o.token_auth;
  s.create_people = o.create_people;
  s.password_sign_in = o.password_sign_in != "off";
  s.break_glass_email = o.break_glass;
  s.name_claim = o.name_claim;
  s.department_claim = o.department_claim;
  s.title_claim = o.title_claim;
  s.email_claim = o.email_claim;
  s.trusted_email_domains = o.trusted_email_domains;
  s.clock_skew_seconds = o.clock_skew;
  auto saved = services::configure_sso(store, operator_actor(), s, SystemClock().now());
  if (!saved) return fail((saved.error().field.empty() ? "" : saved.error().field + " ") + saved.error().message);
  print(*saved);
  return 0;
}

int sso_show(Store& store) {
  auto s = services::sso_settings_for(store, operator_actor());
  if (!s) return fail(s.error().message);
  if (!*s) {
    std::printf("single sign-on is not configured\n");
    return 0;
  }
  print(**s);
  return 0;
}

int sso_check(Store& store) {
  services::IdentityProviders providers(api::provider_http());
  auto m = services::check_sso_provider(store, providers, operator_actor(), SystemClock().now());
  if (!m) return fail(m.error().message);
  std::printf("the identity provider answers: authorization %s, token %s, keys %s\n", m->authorization_endpoint.c_str(),
              m->token_endpoint.c_str(), m->jwks_uri.c_str());
  return 0;
}

int sso_remove(Store& store) {
  auto done = services::remove_sso(store, operator_actor(), SystemClock().now());
  if (!done) return fail(done.error().message);
  std::printf("single sign-on removed; everyone signs in with a password again\n");
  return 0;
}

}  // namespace mh::cli
