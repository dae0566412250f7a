// `mentorhub sso ...`: the organisation's identity provider from the command line, through the
// same use cases as the admin settings page (services/single_sign_on.hpp), acting as an
// administrator. The client secret is read from a file or the environment, never from the command
// line, where other users of the machine could read it. Exit codes: 0 done, 1 failed (one line on
// stderr), 2 bad usage.
#pragma once

#include <optional>
#include <string>

#include "storage/store.hpp"

namespace mh::cli {

struct SsoConfigureOptions {
  std::string name, issuer, client_id, client_secret_file, public_url;
  std::string scopes = "openid email profile";
  std::string token_auth = "client_secret_basic";
  bool create_people = false;
  std::string password_sign_in = "on";  // "on" or "off"
  std::string break_glass;
  std::string name_claim = "name", department_claim = "department", title_claim = "title";
  std::string email_claim = "email", trusted_email_domains;
  int clock_skew = 60;
};
int sso_configure(Store& store, const SsoConfigureOptions& o);
int sso_show(Store& store);
int sso_check(Store& store);
int sso_remove(Store& store);

}  // namespace mh::cli
