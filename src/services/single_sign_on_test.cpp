// Single sign-on (services/single_sign_on.hpp): only administrators configure, read and remove the
// identity provider, each change audited; password sign-in turned off only with an active
// administrator as the way back in; and the sign-in itself against a provider this test plays
// (discovery, key set, token endpoint, ID tokens signed with a key made here): a state used once
// and for ten minutes, the provider's refusals, the person found by subject or verified e-mail or
// made just in time, and a session opened only when all of it holds.
#include "services/single_sign_on.hpp"

#include <memory>

#include <nlohmann/json.hpp>

#include "common/crypto.hpp"
#include "identity/jose.hpp"
#include "identity/testing.hpp"
#include "services/admin_audit.hpp"
#include "services/testing.hpp"
#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/sso_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;
using nlohmann::json;
using mh::testing::message_of;

constexpr const char* kIssuer = "https://login.northwind.example";
constexpr const char* kPublicUrl = "https://mentorhub.example";

storage::SsoSettings northwind() {
  storage::SsoSettings s;
  s.display_name = "Northwind";
  s.issuer = kIssuer;
  s.client_id = "mentorhub";
  s.client_secret = "client-secret-1";
  s.public_url = kPublicUrl;
  return s;
}

// The value of `name` in the URL's query (the values this server sends are not encoded).
std::string query_value(const std::string& url, const std::string& name) {
  const auto at = url.find("&" + name + "=") != std::string::npos ? url.find("&" + name + "=")
                                                                   : url.find("?" + name + "=");
  if (at == std::string::npos) return {};
  const auto start = at + name.size() + 2;
  return url.substr(start, url.find('&', start) - start);
}

// An identity provider as this test plays it: its documents, and ID tokens signed with an RSA
// key it made.
class FakeProvider {
 public:
  FakeProvider() = default;
  FakeProvider(const FakeProvider&) = delete;
  FakeProvider& operator=(const FakeProvider&) = delete;

  // A new signing key under a new kid, as a provider rotates its keys.
  void rotate() { key_ = identity::testing::make_key("RS256", "key-2"); }

  bool down = false;
  json claims;  // what the next ID token says (the nonce is the sign-in's unless set)
  std::vector<HttpCall> calls;

  HttpSend sender() {
    return [this](const HttpCall& call) -> Result<HttpReply> {
      calls.push_back(call);
      if (down) return Error{ErrorCode::unavailable, "connection refused", {}};
      const std::string base = kIssuer;
      if (call.url == base + "/.well-known/openid-configuration")
        return HttpReply{200, json{{"issuer", base},
                                   {"authorization_endpoint", base + "/authorize"},
                                   {"token_endpoint", base + "/token"},
                                   {"jwks_uri", base + "/jwks"}}
                                  .dump()};
      if (call.url == base + "/jwks") return HttpReply{200, json{{"keys", json::array({jwk()})}}.dump()};
      if (call.url == base + "/token")
        return HttpReply{200, json{{"access_token", "at"}, {"token_type", "Bearer"}, {"id_token", signed_token()}}.dump()};
      return HttpReply{404, "{}"};
    };
  }

 private:
  json jwk() const { return identity::testing::jwk_of(*key_); }
  std::string signed_token() const { return identity::testing::sign(*key_, claims); }

  std::unique_ptr<identity::testing::TestKey> key_ = identity::testing::make_key("RS256", "key-1");
};

class SingleSignOnTest : public AdminServicesTest {
 protected:
  Result<storage::SsoSettings> configure(const Person& who, storage::SsoSettings s) {
    return configure_sso(*store_, who, std::move(s), kMonday);
  }
  std::optional<storage::SsoSettings> stored() {
    return *sso_settings_for(*store_, admin_);
  }
  Result<bool> password_check(const std::string& email) {
    return store_->read_value<bool>([&](sql::Connection& db) -> Result<bool> {
      MH_CHECK(check_password_sign_in_allowed(db, email));
      return true;
    });
  }
  bool password_allowed(const std::string& email) { return static_cast<bool>(password_check(email)); }
  SsoSignInOptions options() {
    return read<SsoSignInOptions>([&](sql::Connection& db) { return sign_in_options(db); });
  }
};

TEST_F(SingleSignOnTest, OnlyAnAdministratorConfiguresReadsOrRemovesTheProvider) {
  for (const Person* who : {&mentee_, &mentor_, &manager_, &stranger_}) {
    EXPECT_EQ(code_of(configure(*who, northwind())), "forbidden") << who->name;
    EXPECT_EQ(code_of(sso_settings_for(*store_, *who)), "forbidden") << who->name;
  }
  EXPECT_FALSE(stored()) << "nothing was saved";
  ASSERT_TRUE(configure(admin_, northwind()));
  for (const Person* who : {&mentee_, &manager_})
    EXPECT_EQ(code_of(remove_sso(*store_, *who, kMonday)), "forbidden") << who->name;
  EXPECT_TRUE(stored());
  EXPECT_EQ(audit().size(), 1u);
}

TEST_F(SingleSignOnTest, BadSettingsAreInvalidNamingTheirFieldAndNothingIsSaved) {
  const std::vector<std::pair<std::function<void(storage::SsoSettings&)>, std::string>> bad = {
      {[](auto& s) { s.display_name = ""; }, "display_name"},
      {[](auto& s) { s.issuer = "login.northwind.example"; }, "issuer"},
      {[](auto& s) { s.issuer = std::string(kIssuer) + "?tenant=1"; }, "issuer"},
      {[](auto& s) { s.client_id = ""; }, "client_id"},
      {[](auto& s) { s.client_secret = ""; }, "client_secret"},
      {[](auto& s) { s.token_auth_method = "none"; }, "token_auth_method"},
      {[](auto& s) { s.scopes = "email profile"; }, "scopes"},
      {[](auto& s) { s.public_url = "mentorhub.example"; }, "public_url"},
      {[](auto& s) { s.clock_skew_seconds = -1; }, "clock_skew_seconds"},
      {[](auto& s) { s.break_glass_email = "not an address"; }, "break_glass_email"},
      {[](auto& s) { s.display_name = "North\nwind"; }, "display_name"},
      {[](auto& s) { s.email_claim = ""; }, "email_claim"},
      {[](auto& s) { s.trusted_email_domains = "northwind.example, localhost"; }, "trusted_email_domains"},
      {[](auto& s) { s.trusted_email_domains = "north wind.example,a@b"; }, "trusted_email_domains"},
  };
  for (const auto& [spoil, field] : bad) {
    storage::SsoSettings s = northwind();
    spoil(s);
    auto r = configure(admin_, s);
    EXPECT_EQ(code_of(r), "invalid") << field;
    EXPECT_EQ(field_of(r), field);
  }
  EXPECT_FALSE(stored());
  EXPECT_TRUE(audit().empty());
}

TEST_F(SingleSignOnTest, SavedSettingsAreAuditedAndAnEmptySecretKeepsTheStoredOne) {
  storage::SsoSettings s = northwind();
  s.public_url = std::string(kPublicUrl) + "//";
  auto saved = configure(admin_, s);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->public_url, kPublicUrl) << "without the trailing slashes";
  EXPECT_EQ(stored()->client_id, "mentorhub");

  storage::SsoSettings again = northwind();
  again.client_secret = "";
  again.enabled = false;
  ASSERT_TRUE(configure(admin_, again));
  EXPECT_EQ(stored()->client_secret, "client-secret-1");
  EXPECT_FALSE(stored()->enabled);

  const auto trail = audit();
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(audited(trail[0]),
            (Audited{admin_action::kSsoConfigured, "sso", "Northwind (https://login.northwind.example), off", admin_.id}));
  EXPECT_EQ(trail[1].detail, "Northwind (https://login.northwind.example), on");
  EXPECT_EQ(trail[0].detail.find("client-secret-1"), std::string::npos);

  Person command_line;
  command_line.is_admin = true;
  ASSERT_TRUE(configure(command_line, northwind()));
  EXPECT_FALSE(audit().front().actor) << "the command line is nobody in the trail";
}

TEST_F(SingleSignOnTest, PasswordSignInGoesOffOnlyWithAnActiveAdministratorAsTheWayBackIn) {
  storage::SsoSettings off = northwind();
  off.password_sign_in = false;
  EXPECT_EQ(field_of(configure(admin_, off)), "break_glass_email") << "required";
  off.break_glass_email = "maya@example.com";
  EXPECT_EQ(field_of(configure(admin_, off)), "break_glass_email") << "not an administrator";
  off.break_glass_email = "nobody@example.com";
  EXPECT_EQ(field_of(configure(admin_, off)), "break_glass_email") << "nobody";
  Person former = person("Fran Former", "fran@example.com", 0);
  former.is_admin = true;
  former.active = false;
  save(former);
  off.break_glass_email = "fran@example.com";
  EXPECT_EQ(field_of(configure(admin_, off)), "break_glass_email") << "deactivated";
  EXPECT_FALSE(stored());

  off.break_glass_email = "ADA@Example.com";
  auto saved = configure(admin_, off);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->break_glass_email, "ada@example.com");
  EXPECT_EQ(audit().front().detail, "Northwind (https://login.northwind.example), on, password sign-in off");
}

TEST_F(SingleSignOnTest, WithPasswordSignInOffOnlyTheBreakGlassAdministratorUsesAPassword) {
  EXPECT_TRUE(password_allowed("maya@example.com")) << "no provider configured";
  storage::SsoSettings off = northwind();
  off.password_sign_in = false;
  off.break_glass_email = "ada@example.com";
  ASSERT_TRUE(configure(admin_, off));
  EXPECT_EQ(code_of(password_check("maya@example.com")), "forbidden");
  EXPECT_TRUE(password_allowed("Ada@Example.com"));
  const SsoSignInOptions shown = options();
  EXPECT_EQ(shown.provider_name, "Northwind");
  EXPECT_FALSE(shown.password_sign_in);

  off.enabled = false;
  ASSERT_TRUE(configure(admin_, off));
  EXPECT_TRUE(password_allowed("maya@example.com")) << "a provider switched off turns nothing off";
  EXPECT_FALSE(options().provider_name);
  EXPECT_TRUE(options().password_sign_in);
}

TEST_F(SingleSignOnTest, RemovingTheProviderIsAuditedAndBringsPasswordsBack) {
  EXPECT_EQ(code_of(remove_sso(*store_, admin_, kMonday)), "not_found");
  storage::SsoSettings off = northwind();
  off.password_sign_in = false;
  off.break_glass_email = "ada@example.com";
  ASSERT_TRUE(configure(admin_, off));
  ASSERT_TRUE(remove_sso(*store_, admin_, kMonday + hours(1)));
  EXPECT_FALSE(stored());
  EXPECT_TRUE(password_allowed("maya@example.com"));
  EXPECT_FALSE(options().provider_name);
  const auto entry = audit().front();
  EXPECT_EQ(entry.action, admin_action::kSsoRemoved);
  EXPECT_EQ(entry.detail, "Northwind (https://login.northwind.example)");
  EXPECT_EQ(entry.at, kMonday + hours(1));
  EXPECT_EQ(code_of(remove_sso(*store_, admin_, kMonday + hours(2))), "not_found");
}

TEST_F(SingleSignOnTest, AReturnPathStaysOnThisServer) {
  EXPECT_EQ(safe_return_path("/requests?tab=sent"), "/requests?tab=sent");
  for (const char* away : {"", "https://evil.example/", "//evil.example", "/\\evil.example", "requests", "/a\\b",
                           "/a\nb"})
    EXPECT_EQ(safe_return_path(away), "/") << away;
  EXPECT_EQ(safe_return_path("/" + std::string(500, 'a')), "/");
}

// Signing in through the provider this test plays.
class SsoSignInTest : public SingleSignOnTest {
 protected:
  void SetUp() override {
    SingleSignOnTest::SetUp();
    configure_with([](storage::SsoSettings&) {});
  }
  void configure_with(const std::function<void(storage::SsoSettings&)>& change) {
    storage::SsoSettings s = northwind();
    change(s);
    auto saved = configure(admin_, s);
    ASSERT_TRUE(saved) << saved.error().message;
  }

  // Starts a sign-in at `now`; the ID token will be Maya's, verified, for this sign-in's nonce.
  std::string begin(TimePoint now = kMonday, const std::string& return_to = "/requests") {
    auto started = begin_sso_sign_in(*store_, providers_, now, return_to);
    EXPECT_TRUE(started) << started.error().message;
    if (!started) return {};
    url_ = started->authorization_url;
    const auto t = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    provider_.claims = {{"iss", kIssuer},     {"sub", "maya-at-northwind"}, {"aud", "mentorhub"},
                        {"iat", t},           {"exp", t + 300},             {"nonce", query_value(url_, "nonce")},
                        {"email", "Maya@Example.com"}, {"email_verified", true}, {"name", "Maya From Northwind"}};
    return query_value(url_, "state");
  }
  Result<SsoSignedIn> finish(const std::string& state, TimePoint now = kMonday + minutes(1),
                             const std::string& code = "the-code", const std::string& error = "",
                             const std::string& previous = "") {
    SsoCallback cb;
    cb.state = state;
    cb.code = code;
    cb.error = error;
    cb.client = "Firefox on Linux";
    return finish_sso_sign_in(*store_, providers_, now, cb, Seconds(3600), previous);
  }
  int sessions() {
    return static_cast<int>(*store_->read_value<std::int64_t>([&](sql::Connection& db) -> Result<std::int64_t> {
      return db.execute("SELECT COUNT(*) FROM auth_tokens WHERE kind = 'session'").rows.at(0).int64(0);
    }));
  }
  bool live(const std::string& token) {
    return *store_->read_value<bool>([&](sql::Connection& db) -> Result<bool> {
      return storage::find_live_token(db, token_hash(token), kMonday + minutes(2)).has_value();
    });
  }
  std::int64_t people() {
    return *store_->read_value<std::int64_t>([&](sql::Connection& db) -> Result<std::int64_t> {
      return db.execute("SELECT COUNT(*) FROM people").rows.at(0).int64(0);
    });
  }

  FakeProvider provider_;
  IdentityProviders providers_{provider_.sender()};
  std::string url_;
};

TEST_F(SsoSignInTest, ASignInStartsAtTheProviderWithStateNonceAndPkce) {
  const std::string state = begin();
  EXPECT_EQ(url_.rfind(std::string(kIssuer) + "/authorize?", 0), 0u) << url_;
  EXPECT_EQ(query_value(url_, "response_type"), "code");
  EXPECT_EQ(query_value(url_, "client_id"), "mentorhub");
  EXPECT_NE(query_value(url_, "redirect_uri").find("mentorhub.example"), std::string::npos) << url_;
  EXPECT_EQ(query_value(url_, "code_challenge_method"), "S256");
  EXPECT_FALSE(query_value(url_, "code_challenge").empty());
  EXPECT_GE(state.size(), 32u);
  EXPECT_GE(query_value(url_, "nonce").size(), 32u);
  EXPECT_NE(begin(), state) << "each sign-in has its own state";
}

TEST_F(SsoSignInTest, NoSignInStartsWithoutAnEnabledProviderOrWhenItCannotBeReached) {
  provider_.down = true;
  EXPECT_EQ(code_of(begin_sso_sign_in(*store_, providers_, kMonday, "/")), "unavailable");
  provider_.down = false;
  configure_with([](storage::SsoSettings& s) { s.enabled = false; });
  EXPECT_EQ(code_of(begin_sso_sign_in(*store_, providers_, kMonday, "/")), "not_found");
  ASSERT_TRUE(remove_sso(*store_, admin_, kMonday));
  EXPECT_EQ(code_of(begin_sso_sign_in(*store_, providers_, kMonday, "/")), "not_found");
}

TEST_F(SsoSignInTest, AVerifiedAddressSignsItsPersonInAndOpensASession) {
  const std::string state = begin(kMonday, "/requests");
  auto in = finish(state);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->person.id, mentee_.id);
  EXPECT_FALSE(in->created);
  EXPECT_EQ(in->return_to, "/requests");
  EXPECT_EQ(in->expires_at, kMonday + minutes(1) + Seconds(3600));
  EXPECT_FALSE(in->csrf_token.empty());
  EXPECT_TRUE(live(in->session_token));
  EXPECT_EQ(in->person.name, "Maya Mentee") << "the name stays the person's own choice";
  // The token was redeemed with the code, the verifier and the client's credentials.
  const HttpCall& token_call = provider_.calls.at(provider_.calls.size() - 2);
  EXPECT_EQ(token_call.url, std::string(kIssuer) + "/token");
  EXPECT_NE(token_call.body.find("code=the-code"), std::string::npos) << token_call.body;
  EXPECT_NE(token_call.body.find("code_verifier="), std::string::npos) << token_call.body;
}

TEST_F(SsoSignInTest, AStateIsUsedOnceAndForTenMinutes) {
  const std::string state = begin();
  ASSERT_TRUE(finish(state));
  auto again = finish(state);
  EXPECT_EQ(code_of(again), "unauthenticated");
  EXPECT_NE(message_of(again).find("already used"), std::string::npos) << message_of(again);

  const std::string late = begin();
  EXPECT_EQ(code_of(finish(late, kMonday + minutes(10) + std::chrono::seconds(1))), "unauthenticated");
  EXPECT_EQ(code_of(finish("")), "unauthenticated");
  EXPECT_EQ(code_of(finish("no-such-state")), "unauthenticated");
  EXPECT_EQ(sessions(), 1);
}

TEST_F(SsoSignInTest, TheProvidersRefusalOrAMissingCodeSignsNobodyInAndSpendsTheState) {
  const std::string state = begin();
  auto refused = finish(state, kMonday + minutes(1), "", "access_denied");
  EXPECT_EQ(code_of(refused), "unauthenticated");
  EXPECT_NE(message_of(refused).find("access_denied"), std::string::npos) << message_of(refused);
  EXPECT_EQ(code_of(finish(state)), "unauthenticated") << "the state is spent even so";
  EXPECT_EQ(code_of(finish(begin(), kMonday + minutes(1), "")), "unauthenticated");
  EXPECT_EQ(sessions(), 0);
}

TEST_F(SsoSignInTest, ATokenForAnotherSignInOrAudienceIsRefused) {
  const std::string state = begin();
  provider_.claims["nonce"] = "another-sign-in";
  EXPECT_EQ(code_of(finish(state)), "unauthenticated");
  const std::string other = begin();
  provider_.claims["aud"] = "another-client";
  EXPECT_EQ(code_of(finish(other)), "unauthenticated");
  EXPECT_EQ(sessions(), 0);
}

TEST_F(SsoSignInTest, AnUnreachableTokenEndpointIsUnavailable) {
  const std::string state = begin();
  provider_.down = true;
  EXPECT_EQ(code_of(finish(state)), "unavailable");
  EXPECT_EQ(sessions(), 0);
}

TEST_F(SsoSignInTest, AnUnverifiedOrUnknownAddressOrADeactivatedPersonIsNotSignedIn) {
  std::string state = begin();
  provider_.claims["email_verified"] = false;
  EXPECT_EQ(code_of(finish(state)), "forbidden");

  state = begin();
  provider_.claims["email"] = "ines@example.com";
  provider_.claims["sub"] = "ines-at-northwind";
  EXPECT_EQ(code_of(finish(state)), "forbidden") << "no account, and no just-in-time creation";

  mentee_.active = false;
  save(mentee_);
  EXPECT_EQ(code_of(finish(begin())), "forbidden");
  EXPECT_EQ(sessions(), 0);
  EXPECT_EQ(people(), 5);
}

// Microsoft Entra ID sends no email_verified, and the address in preferred_username or upn unless
// an optional claim is set up: the organisation names that claim and the domains the provider
// is the authority for.
TEST_F(SsoSignInTest, AProviderWithoutEmailVerifiedSignsInAddressesOfItsTrustedDomainsOnly) {
  const auto entra = [&](const std::string& address) {
    const std::string state = begin();
    provider_.claims.erase("email");
    provider_.claims.erase("email_verified");
    provider_.claims["preferred_username"] = address;
    provider_.claims["sub"] = "entra-" + address;
    return finish(state);
  };
  EXPECT_EQ(code_of(entra("maya@example.com")), "forbidden") << "no e-mail claim is set up yet";
  configure_with([](storage::SsoSettings& s) { s.email_claim = "preferred_username"; });
  const auto unverified = entra("maya@example.com");
  EXPECT_EQ(code_of(unverified), "forbidden");
  EXPECT_NE(unverified.error().message.find("add that domain to the trusted e-mail domains"), std::string::npos)
      << unverified.error().message;

  configure_with([](storage::SsoSettings& s) {
    s.email_claim = "preferred_username";
    s.trusted_email_domains = " @Example.com; northwind.example ";
  });
  EXPECT_EQ(stored()->trusted_email_domains, "example.com, northwind.example");
  auto in = entra("Maya@Example.com");
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->person.id, mentee_.id);
  // A subdomain, or a look-alike, is another domain.
  EXPECT_EQ(code_of(entra("maya@evil.example.com")), "forbidden");
  EXPECT_EQ(code_of(entra("maya@example.com.evil")), "forbidden");

  // Just in time, a newcomer without a name claim is named from that address.
  configure_with([](storage::SsoSettings& s) {
    s.email_claim = "preferred_username";
    s.trusted_email_domains = "example.com";
    s.create_people = true;
  });
  const std::string state = begin();
  provider_.claims.erase("email");
  provider_.claims.erase("email_verified");
  provider_.claims.erase("name");
  provider_.claims["preferred_username"] = "Noor.Haddad@example.com";
  provider_.claims["sub"] = "entra-noor";
  auto created = finish(state);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_TRUE(created->created);
  EXPECT_EQ(created->person.email, "noor.haddad@example.com");
  EXPECT_EQ(created->person.name, "noor.haddad");
}

TEST_F(SsoSignInTest, JustInTimeASignInMakesThePersonFromTheClaims) {
  configure_with([](storage::SsoSettings& s) { s.create_people = true; });
  const std::string state = begin();
  provider_.claims["email"] = "Ines@Example.com";
  provider_.claims["sub"] = "ines-at-northwind";
  provider_.claims["name"] = "Ines Costa";
  provider_.claims["department"] = "Finance";
  provider_.claims["title"] = "Analyst";
  auto in = finish(state);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_TRUE(in->created);
  EXPECT_GT(in->person.id, 0);
  EXPECT_EQ(in->person.email, "ines@example.com");
  EXPECT_EQ(in->person.name, "Ines Costa");
  EXPECT_EQ(in->person.department, "Finance");
  EXPECT_EQ(in->person.title, "Analyst");
  EXPECT_FALSE(in->person.is_admin);
  EXPECT_EQ(people(), 6);
  EXPECT_TRUE(live(in->session_token));
}

TEST_F(SsoSignInTest, ALinkedSubjectSignsInItsPersonEvenWithANewAddressAndTheDirectoryIsFollowed) {
  ASSERT_TRUE(finish(begin()));
  const std::string state = begin();
  provider_.claims["email"] = "maya.patel@example.com";
  provider_.claims["department"] = "Product";
  auto in = finish(state);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->person.id, mentee_.id) << "found by the provider's subject";
  EXPECT_EQ(in->person.department, "Product");
  EXPECT_EQ(store_->read_value<Person>([&](sql::Connection& db) -> Result<Person> {
              return *storage::find_person(db, mentee_.id);
            })->department,
            "Product")
      << "saved, not only shown";
}

TEST_F(SsoSignInTest, AnAdministratorChecksThatTheProviderAnswers) {
  for (const Person* who : {&mentee_, &manager_})
    EXPECT_EQ(code_of(check_sso_provider(*store_, providers_, *who, kMonday)), "forbidden") << who->name;
  auto checked = check_sso_provider(*store_, providers_, admin_, kMonday);
  ASSERT_TRUE(checked) << checked.error().message;
  EXPECT_EQ(checked->token_endpoint, std::string(kIssuer) + "/token");
  EXPECT_EQ(providers_.key_fetches(), 1);
  ASSERT_TRUE(check_sso_provider(*store_, providers_, admin_, kMonday));
  EXPECT_EQ(providers_.key_fetches(), 2) << "a check always fetches the key set afresh";

  IdentityProviders unreachable([](const HttpCall&) -> Result<HttpReply> {
    return Error{ErrorCode::unavailable, "connection refused", {}};
  });
  EXPECT_EQ(code_of(check_sso_provider(*store_, unreachable, admin_, kMonday)), "unavailable");
  ASSERT_TRUE(remove_sso(*store_, admin_, kMonday));
  EXPECT_EQ(code_of(check_sso_provider(*store_, providers_, admin_, kMonday)), "not_found");
}

TEST_F(SsoSignInTest, TheKeySetIsFetchedOnceAnHourAndAgainWhenTheProviderRotatesItsKeys) {
  ASSERT_TRUE(finish(begin()));
  ASSERT_TRUE(finish(begin()));
  EXPECT_EQ(providers_.key_fetches(), 1);
  ASSERT_TRUE(finish(begin(kMonday + hours(2)), kMonday + hours(2)));
  EXPECT_EQ(providers_.key_fetches(), 2) << "an hour old: fetched again";

  provider_.rotate();
  auto in = finish(begin(kMonday + hours(2)), kMonday + hours(2));
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(providers_.key_fetches(), 3) << "a token signed with a new key fetches the set once more";
}

TEST_F(SsoSignInTest, ASignInEndsTheSessionTheBrowserCameWith) {
  const auto first = finish(begin());
  ASSERT_TRUE(first);
  auto second = finish(begin(), kMonday + minutes(1), "the-code", "", first->session_token);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(live(first->session_token));
  EXPECT_TRUE(live(second->session_token));
}

}  // namespace
}  // namespace mh::services
