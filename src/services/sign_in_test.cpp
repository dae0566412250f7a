// Signing in with a password and a second factor, through the services as the routes call them:
// one answer for every wrong reason, counted and then refused for a while, the session the
// browser came with ended, a challenge instead of a session for a person with a second factor.
#include "services/sign_in.hpp"

#include "common/crypto.hpp"
#include "identity/totp.hpp"
#include "services/second_factor.hpp"
#include "services/testing.hpp"
#include "storage/access_repo.hpp"
#include "storage/auth_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

const std::string kPassword = "correct horse battery";

class SignInTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    limits_.per_account = 3;
    limits_.per_address = 5;
    limits_.window = std::chrono::minutes(15);
    limits_.session_ttl = days(7);
    client_ = SignInClient{"192.0.2.7", "Firefox on Linux", ""};
    give_password(mentee_);
  }

  void give_password(const Person& p) {
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      storage::set_password_hash(db, p.id, hash_password(kPassword));
      return {};
    }));
  }

  Result<SignedIn> sign_in(const std::string& email, const std::string& password, TimePoint at = kMonday) {
    return sign_in_with_password(*store_, email, password, client_, limits_, rules_, at);
  }

  std::optional<storage::AuthToken> live(const std::string& token, TimePoint at = kMonday) {
    return read<std::optional<storage::AuthToken>>(
        [&](sql::Connection& db) { return storage::find_live_token(db, token_hash(token), at); });
  }

  // Sets up a second factor for `p` and answers its secret.
  std::string with_second_factor(const Person& p) {
    auto started = run<SecondFactorEnrolment>(kMonday, [&](UseCase& uc) { return start_second_factor(uc, p, "Mentorhub"); });
    EXPECT_TRUE(started.result);
    const std::string key = *identity::base32_decode(started.result->secret);
    auto confirmed = run<std::vector<std::string>>(
        kMonday, [&](UseCase& uc) { return confirm_second_factor(uc, p, identity::totp(key, kMonday), ""); });
    EXPECT_TRUE(confirmed.result) << confirmed.result.error().message;
    return key;
  }

  SignInLimits limits_;
  SignInClient client_;
};

TEST_F(SignInTest, TheRightPasswordOpensASessionKeptOnlyAsItsHash) {
  auto in = sign_in("maya@example.com", kPassword);
  ASSERT_TRUE(in) << in.error().message;
  ASSERT_TRUE(in->session);
  EXPECT_FALSE(in->challenge);
  EXPECT_EQ(in->person.id, mentee_.id);
  EXPECT_EQ(in->session->token.size(), 64u);
  EXPECT_EQ(in->session->expires_at, kMonday + limits_.session_ttl);
  const auto stored = live(in->session->token);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->person_id, mentee_.id);
  EXPECT_EQ(stored->kind, "session");
  EXPECT_EQ(stored->client, "Firefox on Linux");
  EXPECT_EQ(stored->csrf_token, in->session->csrf_token);
  EXPECT_FALSE(stored->enrol_only);
}

// What single sign-on opens its sessions with too: a session for the person, the browser's old
// one ended, a session that may only set up a second factor marked so.
TEST_F(SignInTest, OpeningASessionEndsTheOneTheBrowserCameWithAndKeepsTheMark) {
  auto open = [&](const std::string& previous, bool enrol_only) {
    return *store_->write_value<OpenedSession>([&](sql::Connection& db) -> Result<OpenedSession> {
      return open_session(db, mentee_, "Safari on macOS", enrol_only, previous, kMonday, limits_.session_ttl);
    });
  };
  const OpenedSession first = open("", false);
  EXPECT_EQ(first.expires_at, kMonday + limits_.session_ttl);
  ASSERT_TRUE(live(first.token));
  EXPECT_EQ(live(first.token)->client, "Safari on macOS");
  const OpenedSession second = open(first.token, true);
  EXPECT_FALSE(live(first.token));
  ASSERT_TRUE(live(second.token));
  EXPECT_TRUE(live(second.token)->enrol_only);
  EXPECT_TRUE(second.enrol_only);
  EXPECT_NE(second.csrf_token, first.csrf_token);
}

TEST_F(SignInTest, TheSessionTheBrowserCameWithEndsAtSignIn) {
  auto first = sign_in("maya@example.com", kPassword);
  ASSERT_TRUE(first && first->session);
  client_.previous_token = first->session->token;  // planted, or left on a shared machine
  auto second = sign_in("maya@example.com", kPassword);
  ASSERT_TRUE(second && second->session);
  EXPECT_FALSE(live(first->session->token));
  EXPECT_TRUE(live(second->session->token));
}

TEST_F(SignInTest, EveryWrongReasonGetsTheSameAnswer) {
  Person gone = person("Gina Gone", "gina@example.com", 0);
  give_password(gone);
  gone.active = false;
  save(gone);
  for (const auto& [email, password] : std::vector<std::pair<std::string, std::string>>{
           {"maya@example.com", "wrong"},             // a wrong password
           {"nobody@example.com", kPassword},         // no such person
           {"daniel@example.com", kPassword},         // no password
           {"gina@example.com", kPassword}}) {        // deactivated
    auto in = sign_in(email, password);
    ASSERT_FALSE(in) << email;
    EXPECT_EQ(in.error().code, ErrorCode::unauthenticated) << email;
    EXPECT_EQ(in.error().message, "wrong e-mail or password") << email;
  }
}

TEST_F(SignInTest, AnAccountThatFailedTooOftenIsRefusedEvenWithTheRightPasswordUntilTheWindowPasses) {
  for (int i = 0; i < limits_.per_account; ++i) EXPECT_EQ(sign_in("maya@example.com", "guess").error().code, ErrorCode::unauthenticated);
  auto refused = sign_in("maya@example.com", kPassword);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(refused.error().message, "too many failed sign-ins; wait 15 minutes and try again");
  // Another account from another client is not held back by Maya's.
  give_password(mentor_);
  client_.address = "198.51.100.1";
  EXPECT_TRUE(sign_in("daniel@example.com", kPassword));
  client_.address = "192.0.2.7";
  EXPECT_TRUE(sign_in("maya@example.com", kPassword, kMonday + minutes(16)));
}

TEST_F(SignInTest, AClientGuessingAcrossAccountsIsRefusedForAll) {
  for (int i = 0; i < limits_.per_address; ++i)
    EXPECT_FALSE(sign_in("person" + std::to_string(i) + "@example.com", "guess"));
  auto refused = sign_in("maya@example.com", kPassword);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
  client_.address = "198.51.100.1";
  EXPECT_TRUE(sign_in("maya@example.com", kPassword));
}

TEST_F(SignInTest, APersonWithASecondFactorGetsAChallengeThenASessionForTheCode) {
  const std::string key = with_second_factor(mentee_);
  const TimePoint later = kMonday + minutes(2);
  auto in = sign_in("maya@example.com", kPassword, later);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_FALSE(in->session);
  ASSERT_TRUE(in->challenge);

  auto wrong = sign_in_with_second_factor(*store_, *in->challenge, "000000", "", client_, limits_, rules_, later);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::invalid);

  auto done = sign_in_with_second_factor(*store_, *in->challenge, identity::totp(key, later), "", client_, limits_,
                                         rules_, later);
  ASSERT_TRUE(done) << done.error().message;
  ASSERT_TRUE(done->session);
  EXPECT_EQ(done->person.id, mentee_.id);
  EXPECT_EQ(done->recovery_codes_left, 10);
  EXPECT_EQ(live(done->session->token, later)->client, "Firefox on Linux");
  // The challenge works once.
  auto again = sign_in_with_second_factor(*store_, *in->challenge, identity::totp(key, later + minutes(1)), "",
                                          client_, limits_, rules_, later + minutes(1));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::unauthenticated);
}

TEST_F(SignInTest, WrongCodesAreCountedAgainstThePersonThenRefused) {
  const std::string key = with_second_factor(mentee_);
  const TimePoint later = kMonday + minutes(2);
  auto in = sign_in("maya@example.com", kPassword, later);
  ASSERT_TRUE(in && in->challenge);
  for (int i = 0; i < limits_.per_account; ++i)
    EXPECT_EQ(sign_in_with_second_factor(*store_, *in->challenge, "000000", "", client_, limits_, rules_, later)
                  .error()
                  .code,
              ErrorCode::invalid);
  auto refused = sign_in_with_second_factor(*store_, *in->challenge, identity::totp(key, later), "", client_, limits_,
                                            rules_, later);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
}

TEST_F(SignInTest, AnAdministratorWithoutTheRequiredSecondFactorGetsASessionThatMaySetOneUpOnly) {
  Person ada = administrator();
  give_password(ada);
  ASSERT_TRUE(run_status(kMonday, [&](UseCase& uc) { return set_second_factor_requirement(uc, nullptr, true, ""); })
                  .result);
  auto in = sign_in("ada@example.com", kPassword);
  ASSERT_TRUE(in && in->session) << (in ? "" : in.error().message);
  EXPECT_TRUE(in->session->enrol_only);
  EXPECT_TRUE(live(in->session->token)->enrol_only);
  // A member is not held to it.
  EXPECT_FALSE(sign_in("maya@example.com", kPassword)->session->enrol_only);
}

TEST_F(SignInTest, APersonConfirmsTheirOwnPasswordAndWrongOnesAreCountedThenRefused) {
  const AttemptLimit limit{"password:" + std::to_string(mentee_.id), 2};
  const Error wrong = invalid("current_password", "is not your current password");
  auto confirm = [&](const std::string& password) {
    return confirm_own_password(*store_, mentee_, password, wrong, limit, limits_.window, kMonday);
  };
  EXPECT_TRUE(confirm(kPassword));
  for (int i = 0; i < limit.max; ++i) {
    auto refused = confirm("guess");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid);
    EXPECT_EQ(refused.error().field, "current_password");
  }
  // Used up: even the right password waits, so a stolen session cannot go on guessing.
  EXPECT_EQ(confirm(kPassword).error().code, ErrorCode::rate_limited);
  // Someone who signs in only through the identity provider has no password to confirm.
  EXPECT_EQ(confirm_own_password(*store_, mentor_, "", wrong, {"password:mentor", 5}, limits_.window, kMonday)
                .error()
                .field,
            "current_password");
  EXPECT_FALSE(*store_->read_value<bool>([&](sql::Connection& db) -> Result<bool> { return has_password(db, mentor_); }));
  EXPECT_TRUE(*store_->read_value<bool>([&](sql::Connection& db) -> Result<bool> { return has_password(db, mentee_); }));
}

}  // namespace
}  // namespace mh::services
