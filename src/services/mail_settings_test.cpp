// A person's mail settings on a real (in-memory) store: kinds switched on and off by the person,
// and one kind switched off through the unsubscribe token, which names only its owner.
#include "services/mail_settings.hpp"

#include "services/testing.hpp"
#include "storage/outbox_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class MailSettingsTest : public ServicesTest {
 protected:
  std::vector<MailKind> off(const Person& p) {
    return read<std::vector<MailKind>>([&](sql::Connection& db) { return mail_kinds_off(db, p); });
  }
  std::string token_of(const Person& p) {
    return *store_->write_value<std::string>(
        [&](sql::Connection& db) -> Result<std::string> { return storage::mail_token_of(db, p.id); });
  }
};

TEST_F(MailSettingsTest, TheKindsNamedChangeAndTheOthersStay) {
  EXPECT_TRUE(off(mentee_).empty());
  auto now_off = store_->write_value<std::vector<MailKind>>([&](sql::Connection& db) -> Result<std::vector<MailKind>> {
    return change_mail_kinds(db, mentee_, {{MailKind::digest, false}, {MailKind::meetings, false}}, kMonday);
  });
  ASSERT_TRUE(now_off);
  EXPECT_EQ(now_off->size(), 2u);
  store_->write_value<std::vector<MailKind>>([&](sql::Connection& db) -> Result<std::vector<MailKind>> {
    return change_mail_kinds(db, mentee_, {{MailKind::digest, true}}, kMonday);
  });
  EXPECT_EQ(off(mentee_), std::vector<MailKind>{MailKind::meetings});
  EXPECT_TRUE(off(mentor_).empty());
}

TEST_F(MailSettingsTest, TheUnsubscribeTokenSwitchesOffOneKindForItsOwnerOnly) {
  const std::string token = token_of(mentee_);
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(*store_->read_value<std::optional<PersonId>>([&](sql::Connection& db) -> Result<std::optional<PersonId>> {
    return unsubscribe_owner(db, token);
  }),
            mentee_.id);
  ASSERT_TRUE(store_->write([&](sql::Connection& db) { return unsubscribe(db, token, MailKind::proposals, kMonday); }));
  EXPECT_EQ(off(mentee_), std::vector<MailKind>{MailKind::proposals});
  EXPECT_TRUE(off(mentor_).empty());
  EXPECT_EQ(code_of(store_->write([&](sql::Connection& db) { return unsubscribe(db, token + "x", MailKind::digest, kMonday); })),
            "not_found");
  EXPECT_EQ(off(mentee_), std::vector<MailKind>{MailKind::proposals});
}

}  // namespace
}  // namespace mh::services
