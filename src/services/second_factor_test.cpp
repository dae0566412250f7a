// A second factor's life: set up (start, confirm with the app's first code), each code used
// once, recovery codes, a sign-in waiting for its code, turning it off; and the requirement as
// administrators read it: whether it is on, and how many administrators there are and have a
// second factor (nobody else is counted).
#include "services/second_factor.hpp"

#include <algorithm>

#include "identity/totp.hpp"
#include "services/testing.hpp"
#include "storage/finding_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class SecondFactorRequirementTest : public ServicesTest {
 protected:
  SecondFactorRequirement read() {
    return ServicesTest::read<SecondFactorRequirement>(
        [&](sql::Connection& db) { return second_factor_requirement(db); });
  }
};

TEST_F(SecondFactorRequirementTest, CountsTheAdministratorsAndSaysWhetherItIsOn) {
  SecondFactorRequirement r = read();
  EXPECT_FALSE(r.required_for_admins);
  EXPECT_EQ(r.administrators, 0);
  EXPECT_EQ(r.with_second_factor, 0);

  administrator();
  r = read();
  EXPECT_EQ(r.administrators, 1);  // the mentee, mentor, manager and stranger are not counted
  EXPECT_EQ(r.with_second_factor, 0);

  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::save_program_setting(db, std::string(kRequireSecondFactorSetting), "1", kMonday);
    return {};
  }));
  EXPECT_TRUE(read().required_for_admins);
}

class SecondFactorTest : public ServicesTest {
 protected:
  SecondFactorStatus status(const Person& p) {
    return read<SecondFactorStatus>([&](sql::Connection& db) { return second_factor_status(db, p); });
  }
  Ran<SecondFactorEnrolment> start(const Person& p) {
    return run<SecondFactorEnrolment>(kMonday, [&](UseCase& uc) { return start_second_factor(uc, p, "Mentorhub"); });
  }
  Ran<std::vector<std::string>> confirm(const Person& p, const std::string& code) {
    return run<std::vector<std::string>>(kMonday, [&](UseCase& uc) { return confirm_second_factor(uc, p, code, ""); });
  }
  Ran<bool> check(const Person& p, const std::string& code, TimePoint at) {
    return run_status(at, [&](UseCase& uc) { return check_second_factor_code(uc, p, code); });
  }
  // Sets up a second factor for `p`: its key and recovery codes.
  std::pair<std::string, std::vector<std::string>> enrolled(const Person& p) {
    auto started = start(p);
    EXPECT_TRUE(started.result);
    const std::string key = *identity::base32_decode(started.result->secret);
    auto codes = confirm(p, identity::totp(key, kMonday));
    EXPECT_TRUE(codes.result) << codes.result.error().message;
    return {key, codes.result ? *codes.result : std::vector<std::string>{}};
  }
};

TEST_F(SecondFactorTest, SettingUpTakesTheAppsFirstCodeAndAnswersTenRecoveryCodesOnce) {
  EXPECT_EQ(code_of(confirm(mentee_, "123456").result), "conflict") << "nothing is being set up";
  auto started = start(mentee_);
  ASSERT_TRUE(started.result);
  EXPECT_NE(started.result->otpauth_uri.find("otpauth://totp/"), std::string::npos);
  EXPECT_TRUE(status(mentee_).setting_up);
  EXPECT_FALSE(status(mentee_).enabled);
  const std::string key = *identity::base32_decode(started.result->secret);
  auto wrong = confirm(mentee_, identity::totp(key, kMonday + hours(1)));
  expect_invalid(wrong.result, "code");
  EXPECT_EQ(field_of(confirm(mentee_, "not a code").result), "code");
  auto codes = confirm(mentee_, identity::totp(key, kMonday));
  ASSERT_TRUE(codes.result) << codes.result.error().message;
  EXPECT_EQ(codes.result->size(), static_cast<std::size_t>(kRecoveryCodeCount));
  const SecondFactorStatus on = status(mentee_);
  EXPECT_TRUE(on.enabled);
  EXPECT_EQ(on.recovery_codes_left, kRecoveryCodeCount);
  EXPECT_EQ(code_of(start(mentee_).result), "conflict") << "turn it off first";
}

TEST_F(SecondFactorTest, ACodeWorksOnceAndNoOlderCodeAfterIt) {
  const auto [key, codes] = enrolled(mentee_);
  const TimePoint later = kMonday + minutes(10);
  EXPECT_EQ(code_of(check(mentor_, identity::totp(key, later), later).result), "conflict") << "no second factor";
  ASSERT_TRUE(check(mentee_, identity::totp(key, later), later).result);
  auto replayed = check(mentee_, identity::totp(key, later), later);
  expect_invalid(replayed.result, "code");
  EXPECT_EQ(code_of(check(mentee_, identity::totp(key, later - std::chrono::seconds(30)), later).result), "invalid");
  EXPECT_TRUE(check(mentee_, identity::totp(key, later + minutes(1)), later + minutes(1)).result);
}

TEST_F(SecondFactorTest, ASignInWaitsForItsCodeOrOneRecoveryCodeOnceAndNotForever) {
  const auto [key, codes] = enrolled(mentee_);
  auto begun = run<std::string>(kMonday, [&](UseCase& uc) -> Result<std::string> {
    return begin_second_factor_sign_in(uc, mentee_, "test client");
  });
  ASSERT_TRUE(begun.result);
  const std::string token = *begun.result;
  auto whose = store_->read_value<Person>(
      [&](sql::Connection& db) { return second_factor_sign_in_person(db, token, kMonday + minutes(1)); });
  ASSERT_TRUE(whose);
  EXPECT_EQ(whose->id, mentee_.id);
  auto finish = [&](const std::string& t, const std::string& code, const std::string& recovery, TimePoint at) {
    return run<FinishedSecondFactor>(at, [&](UseCase& uc) { return finish_second_factor_sign_in(uc, t, code, recovery); });
  };
  const TimePoint soon = kMonday + minutes(1);
  EXPECT_EQ(code_of(finish("no-such-token", identity::totp(key, soon), "", soon).result), "unauthenticated");
  auto wrong = finish(token, "", "AAAA-BBBB-CCCC", soon);
  expect_invalid(wrong.result, "recovery_code");
  auto done = finish(token, "", codes.front(), soon);
  ASSERT_TRUE(done.result) << done.result.error().message;
  EXPECT_TRUE(done.result->used_recovery_code);
  EXPECT_EQ(done.result->recovery_codes_left, kRecoveryCodeCount - 1);
  EXPECT_EQ(code_of(finish(token, identity::totp(key, soon), "", soon).result), "unauthenticated") << "used once";

  auto again = run<std::string>(kMonday, [&](UseCase& uc) -> Result<std::string> {
    return begin_second_factor_sign_in(uc, mentee_, "test client");
  });
  ASSERT_TRUE(again.result);
  const TimePoint too_late = kMonday + kSecondFactorChallengeLifetime + minutes(1);
  EXPECT_EQ(code_of(finish(*again.result, identity::totp(key, too_late), "", too_late).result), "unauthenticated");
  auto reused = finish(*again.result, "", codes.front(), soon);
  EXPECT_EQ(field_of(reused.result), "recovery_code") << "a recovery code works once";
}

TEST_F(SecondFactorTest, NewRecoveryCodesReplaceTheOldAndTurningItOffForgetsEverything) {
  EXPECT_EQ(code_of(run<std::vector<std::string>>(kMonday, [&](UseCase& uc) {
                      return regenerate_recovery_codes(uc, mentee_);
                    }).result),
            "conflict");
  EXPECT_EQ(code_of(run_status(kMonday, [&](UseCase& uc) { return turn_off_second_factor(uc, mentee_); }).result),
            "conflict");
  const auto [key, old_codes] = enrolled(mentee_);
  auto fresh = run<std::vector<std::string>>(kMonday, [&](UseCase& uc) { return regenerate_recovery_codes(uc, mentee_); });
  ASSERT_TRUE(fresh.result);
  EXPECT_EQ(fresh.result->size(), static_cast<std::size_t>(kRecoveryCodeCount));
  for (const std::string& c : old_codes)
    EXPECT_EQ(std::count(fresh.result->begin(), fresh.result->end(), c), 0) << "every code is new";
  ASSERT_TRUE(run_status(kMonday, [&](UseCase& uc) { return turn_off_second_factor(uc, mentee_); }).result);
  const SecondFactorStatus off = status(mentee_);
  EXPECT_FALSE(off.enabled);
  EXPECT_FALSE(off.setting_up);
  EXPECT_EQ(off.recovery_codes_left, 0);
}

TEST_F(SecondFactorTest, AnAdministratorMustKeepTheRequiredSecondFactor) {
  const Person admin = administrator();
  auto require = [&](const Person* by, bool on) {
    return run_status(kMonday, [&](UseCase& uc) { return set_second_factor_requirement(uc, by, on, ""); });
  };
  EXPECT_EQ(code_of(require(&mentee_, true).result), "forbidden");
  EXPECT_EQ(code_of(require(&admin, true).result), "conflict") << "an administrator turning it on must have one";
  ASSERT_TRUE(require(nullptr, true).result);
  bool must = *store_->read_value<bool>([&](sql::Connection& db) -> Result<bool> { return must_set_up_second_factor(db, admin); });
  EXPECT_TRUE(must);
  EXPECT_TRUE(status(admin).required);
  EXPECT_FALSE(*store_->read_value<bool>(
      [&](sql::Connection& db) -> Result<bool> { return must_set_up_second_factor(db, mentee_); }));
  enrolled(admin);
  EXPECT_EQ(code_of(run_status(kMonday, [&](UseCase& uc) { return turn_off_second_factor(uc, admin); }).result),
            "conflict");
  must = *store_->read_value<bool>([&](sql::Connection& db) -> Result<bool> { return must_set_up_second_factor(db, admin); });
  EXPECT_FALSE(must);
}

}  // namespace
}  // namespace mh::services
