// The second-factor requirement as administrators read it: whether it is on, and how many
// administrators there are and have a second factor (nobody else is counted).
#include "services/second_factor.hpp"

#include "services/testing.hpp"
#include "storage/finding_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class SecondFactorRequirementTest : public ServicesTest {
 protected:
  SecondFactorRequirement read() {
    return *store_->read_value<SecondFactorRequirement>(
        [&](sql::Connection& db) -> Result<SecondFactorRequirement> { return second_factor_requirement(db); });
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

}  // namespace
}  // namespace mh::services
