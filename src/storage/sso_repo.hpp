// Single sign-on in the store: the organisation's identity provider settings (one row), the
// short-lived state of each sign-in started (found by the state's hash, consumed once), and the
// provider subjects linked to people. Free functions over a connection inside a Store
// transaction; they never commit.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

struct SsoSettings {
  bool enabled = true;
  std::string display_name;  // "Sign in with <display_name>"
  std::string issuer;
  std::string client_id;
  std::string client_secret;  // never rendered; needed to redeem codes
  std::string token_auth_method = "client_secret_basic";  // or client_secret_post
  std::string scopes = "openid email profile";
  std::string public_url;  // where browsers reach this server; the callback is below it
  bool create_people = false;  // just-in-time: a first sign-in creates the person
  bool password_sign_in = true;
  std::string break_glass_email;  // may still sign in with a password when it is off
  std::string name_claim = "name";
  std::string department_claim = "department";
  std::string title_claim = "title";
  // The claim holding the person's e-mail address: "email", or for a provider that leaves it out
  // (Microsoft Entra ID), "preferred_username" or "upn".
  std::string email_claim = "email";
  // Domains whose addresses the provider is the authority for (the organisation's own, for a
  // provider only it signs into), comma-separated, lower case: an address in one is trusted
  // without `email_verified`, which Entra ID does not send. Empty: only verified addresses.
  std::string trusted_email_domains;
  int clock_skew_seconds = 60;
  TimePoint updated_at{};
};

// The settings, or nullopt when single sign-on was never configured.
std::optional<SsoSettings> sso_settings(sql::Connection& db);
void save_sso_settings(sql::Connection& db, const SsoSettings& s);
// Forgets the provider (linked identities stay, for when it is configured again).
void delete_sso_settings(sql::Connection& db);

struct SsoState {
  std::string state_hash;
  std::string nonce;
  std::string code_verifier;
  std::string return_to = "/";
  TimePoint created_at{};
  TimePoint expires_at{};
};
void insert_sso_state(sql::Connection& db, const SsoState& s);
// Removes and returns the state with this hash, expired or not (the caller checks the expiry),
// so a state is never usable twice; nullopt when there is none.
std::optional<SsoState> take_sso_state(sql::Connection& db, const std::string& state_hash);
void delete_expired_sso_states(sql::Connection& db, TimePoint now);

// The person linked to (issuer, subject), or nullopt.
std::optional<PersonId> person_with_identity(sql::Connection& db, const std::string& issuer, const std::string& subject);
// Links (issuer, subject) to the person, or records the sign-in time of an existing link.
void link_identity(sql::Connection& db, const std::string& issuer, const std::string& subject, PersonId person,
                   TimePoint now);

}  // namespace mh::storage
