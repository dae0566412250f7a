#include "common/crypto.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mh {
namespace {

class PasswordHashTest : public ::testing::Test {
 protected:
  void SetUp() override { init_crypto(); }
  void TearDown() override { use_cheapest_password_hashing_for_test(false); }
};

// What the product stores: argon2id at libsodium's interactive limits (64 MiB, two passes).
TEST_F(PasswordHashTest, TheProductHashesWithTheInteractiveLimits) {
  const std::string hash = hash_password("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << hash;
  EXPECT_TRUE(verify_password("correct horse battery", hash));
  EXPECT_FALSE(verify_password("correct horse batterY", hash));
}

// The test build's cheapest hashes are still argon2id with a salt, and either kind verifies
// whichever setting is on, since a hash carries its own limits.
TEST_F(PasswordHashTest, TheTestBuildsCheapestHashesVerifyLikeAnyOther) {
  const std::string interactive = hash_password("a password of mine");
  use_cheapest_password_hashing_for_test();
  const std::string cheapest = hash_password("a password of mine");
  EXPECT_EQ(cheapest.rfind("$argon2id$v=19$m=8,t=1,p=1$", 0), 0u) << cheapest;
  EXPECT_NE(cheapest, hash_password("a password of mine"));  // salted
  EXPECT_TRUE(verify_password("a password of mine", cheapest));
  EXPECT_FALSE(verify_password("a password of yours", cheapest));
  EXPECT_TRUE(verify_password("a password of mine", interactive));
  use_cheapest_password_hashing_for_test(false);
  EXPECT_TRUE(verify_password("a password of mine", cheapest));
}

}  // namespace
}  // namespace mh
