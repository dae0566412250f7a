// Getting in: invitations (one person, everyone not signed in, resent, revoked), a reset link
// asked for, a password set with a link that then works no more, and the sessions that end when a
// password changes. The mail each link travels in is in the outbox, the token only there.
#include "services/access.hpp"

#include <set>

#include "common/crypto.hpp"
#include "services/testing.hpp"
#include "storage/outbox_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class AccessTest : public AdminServicesTest {
 protected:
  Ran<Invitation> invite(PersonId who, TimePoint at = kMonday) {
    return run<Invitation>(at, [&](UseCase& uc) { return invite_person(uc, &admin_, who); });
  }

  void give_password(const Person& p) {
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      storage::set_password_hash(db, p.id, "a-hash");
      return {};
    }));
  }

  // The outbox's rows of `kind` to `p`, as queued.
  std::vector<storage::OutboxMessage> mails(const Person& p, const std::string& kind) {
    return *store_->read_value<std::vector<storage::OutboxMessage>>(
        [&](sql::Connection& db) -> Result<std::vector<storage::OutboxMessage>> {
          std::vector<storage::OutboxMessage> out;
          for (const auto& row : db.execute("SELECT id FROM outbox WHERE person_id = ? AND kind = ? ORDER BY id",
                                            std::vector<sql::Value>{p.id, kind})
                                     .rows)
            out.push_back(*storage::find_mail(db, row.int64(0)));
          return out;
        });
  }

  Result<LinkView> look_up(const std::string& token, TimePoint at) {
    return store_->read_value<LinkView>([&](sql::Connection& db) { return look_up_link(db, token, at); });
  }

  Ran<Person> set_with(const std::string& token, TimePoint at) {
    return run<Person>(at, [&](UseCase& uc) { return set_password_with_link(uc, token, "new-hash"); });
  }

  std::string password_hash(const Person& p) {
    return read<std::string>([&](sql::Connection& db) { return storage::password_hash_of(db, p.id); });
  }

  void session(const Person& p, const std::string& hash) {
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      storage::insert_token(db, {hash, p.id, "session", "", "csrf", kMonday, kMonday + days(7), "Firefox on Linux"});
      return {};
    }));
  }

  std::vector<SessionView> sessions(const Person& p, const std::string& current = "") {
    return read<std::vector<SessionView>>([&](sql::Connection& db) { return sessions_of(db, p, current, kMonday); });
  }
};

TEST_F(AccessTest, AnInvitationMailsALinkWhoseTokenTheStoreKeepsOnlyHashed) {
  auto made = invite(mentee_.id);
  ASSERT_TRUE(made.result) << made.result.error().message;
  const Invitation& inv = *made.result;
  EXPECT_EQ(inv.token.size(), 64u);
  EXPECT_EQ(inv.link.token_hash, token_hash(inv.token));
  EXPECT_EQ(inv.link.expires_at, kMonday + days(7));
  EXPECT_EQ(inv.link.created_by, admin_.id);
  const auto queued = mails(mentee_, "invitation");
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].link, std::string(kSetPasswordPage) + "#" + inv.token);
  EXPECT_NE(queued[0].message.find("Ada Admin invites you"), std::string::npos);
  auto view = look_up(inv.token, kMonday + hours(1));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->purpose, AccessPurpose::invitation);
  EXPECT_EQ(view->email, mentee_.email);
}

TEST_F(AccessTest, OnlyAnAdministratorInvitesAndNeverSomeoneWhoHasAPassword) {
  EXPECT_EQ(code_of(run<Invitation>(kMonday, [&](UseCase& uc) { return invite_person(uc, &mentor_, mentee_.id); })
                        .result),
            "forbidden");
  expect_invalid(invite(999999).result, "person_id");
  give_password(mentee_);
  auto refused = invite(mentee_.id);
  EXPECT_EQ(code_of(refused.result), "conflict");
  EXPECT_EQ(field_of(refused.result), "person_id");
  EXPECT_TRUE(mails(mentee_, "invitation").empty());
}

TEST_F(AccessTest, InvitingAgainReplacesThePendingLink) {
  const auto first = *invite(mentee_.id).result;
  const auto second = *invite(mentee_.id, kMonday + hours(1)).result;
  EXPECT_EQ(code_of(look_up(first.token, kMonday + hours(2))), "not_found");
  EXPECT_TRUE(look_up(second.token, kMonday + hours(2)));
  EXPECT_EQ(mails(mentee_, "invitation").size(), 2u);
}

TEST_F(AccessTest, EveryoneNotSignedInIsInvitedOnceAndThoseWithAPasswordNever) {
  give_password(mentor_);
  give_password(admin_);
  auto ran = run<std::vector<Invitation>>(kMonday, [&](UseCase& uc) { return invite_everyone_not_signed_in(uc, &admin_); });
  ASSERT_TRUE(ran.result);
  std::set<PersonId> invited;
  for (const auto& inv : *ran.result) invited.insert(inv.person.id);
  EXPECT_EQ(invited, (std::set<PersonId>{manager_.id, mentee_.id, stranger_.id}));
  auto again = run<std::vector<Invitation>>(kMonday + hours(1),
                                            [&](UseCase& uc) { return invite_everyone_not_signed_in(uc, &admin_); });
  EXPECT_TRUE(again.result->empty());
}

TEST_F(AccessTest, TheListOfInvitationsIsForAdministratorsAndCountsWhoIsLeft) {
  give_password(mentor_);
  give_password(admin_);
  invite(mentee_.id);
  invite(stranger_.id, kMonday + hours(1));
  auto list = [&](const Person& as, bool pending_only, std::optional<std::int64_t> before, TimePoint now) {
    return store_->read_value<InvitationList>(
        [&](sql::Connection& db) { return list_invitations(db, as, pending_only, before, 1, now); });
  };
  EXPECT_EQ(code_of(list(mentee_, true, std::nullopt, kMonday + hours(2))), "forbidden");
  auto first = list(admin_, true, std::nullopt, kMonday + hours(2));
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->page.items.size(), 1u);
  EXPECT_EQ(first->page.items[0].email, "sam@example.com");  // newest first
  EXPECT_EQ(first->not_invited, 1);                           // Morgan, the manager
  auto second = list(admin_, true, first->page.next_before, kMonday + hours(2));
  ASSERT_EQ(second->page.items.size(), 1u);
  EXPECT_EQ(second->page.items[0].email, "maya@example.com");
  // Once the links have expired, no invitation is pending and all three are left to invite.
  auto later = list(admin_, true, std::nullopt, kMonday + days(30));
  EXPECT_TRUE(later->page.items.empty());
  EXPECT_EQ(later->not_invited, 3);
}

TEST_F(AccessTest, AResentInvitationHasANewLinkAndARevokedOneWorksNoMore) {
  const auto first = *invite(mentee_.id).result;
  auto resent = run<Invitation>(kMonday + hours(1), [&](UseCase& uc) { return resend_invitation(uc, &admin_, first.link.id); });
  ASSERT_TRUE(resent.result);
  EXPECT_NE(resent.result->link.id, first.link.id);
  EXPECT_EQ(code_of(look_up(first.token, kMonday + hours(2))), "not_found");
  auto revoked = run<Invitation>(kMonday + hours(2),
                                 [&](UseCase& uc) { return revoke_invitation(uc, &admin_, resent.result->link.id); });
  ASSERT_TRUE(revoked.result);
  EXPECT_EQ(state_of(revoked.result->link, kMonday + hours(2)), LinkState::revoked);
  EXPECT_EQ(code_of(look_up(resent.result->token, kMonday + hours(3))), "not_found");
  auto twice = run<Invitation>(kMonday + hours(3),
                               [&](UseCase& uc) { return revoke_invitation(uc, &admin_, resent.result->link.id); });
  EXPECT_EQ(code_of(twice.result), "conflict");
}

TEST_F(AccessTest, ALinkSetsThePasswordOnceAndEndsEverySession) {
  const auto inv = *invite(mentee_.id).result;
  session(mentee_, "hash-of-an-old-session");
  auto set = set_with(inv.token, kMonday + days(6));
  ASSERT_TRUE(set.result) << set.result.error().message;
  EXPECT_EQ(password_hash(mentee_), "new-hash");
  EXPECT_TRUE(sessions(mentee_).empty());
  EXPECT_EQ(code_of(set_with(inv.token, kMonday + days(6)).result), "not_found");
}

TEST_F(AccessTest, AnExpiredOrUnknownLinkSetsNothing) {
  const auto inv = *invite(mentee_.id).result;
  EXPECT_EQ(code_of(set_with(inv.token, kMonday + days(7)).result), "not_found");
  EXPECT_EQ(code_of(set_with(std::string(64, 'a'), kMonday).result), "not_found");
  EXPECT_EQ(code_of(set_with("short", kMonday).result), "not_found");
  EXPECT_EQ(password_hash(mentee_), "");
}

TEST_F(AccessTest, AResetIsMailedOnlyToAnActivePersonAndLastsAnHour) {
  give_password(mentor_);
  ASSERT_TRUE(run_status(kMonday, [&](UseCase& uc) -> Status {
                request_password_reset(uc, mentor_.email);
                request_password_reset(uc, "nobody@example.com");
                return {};
              }).result);
  const auto queued = mails(mentor_, "password_reset");
  ASSERT_EQ(queued.size(), 1u);
  const std::string token = queued[0].link.substr(queued[0].link.find('#') + 1);
  EXPECT_TRUE(look_up(token, kMonday + minutes(59)));
  EXPECT_EQ(code_of(look_up(token, kMonday + minutes(60))), "not_found");
  auto count = *store_->read_value<long long>([&](sql::Connection& db) -> Result<long long> {
    return db.execute("SELECT COUNT(*) FROM outbox").rows.at(0).int64(0);
  });
  EXPECT_EQ(count, 1);
}

TEST_F(AccessTest, ChangingThePasswordKeepsOnlyTheCurrentSession) {
  session(mentor_, "current");
  session(mentor_, "elsewhere");
  ASSERT_TRUE(run_status(kMonday, [&](UseCase& uc) -> Status {
                change_password(uc, mentor_, "changed", "current");
                return {};
              }).result);
  const auto left = sessions(mentor_, "current");
  ASSERT_EQ(left.size(), 1u);
  EXPECT_TRUE(left[0].current);
  EXPECT_EQ(left[0].client, "Firefox on Linux");
}

TEST_F(AccessTest, APersonEndsTheirOwnSessionsOnly) {
  session(mentor_, token_hash("mentor's"));
  session(mentee_, token_hash("mentee's"));
  const std::string id = sessions(mentor_)[0].id;
  EXPECT_EQ(code_of(run_status(kMonday, [&](UseCase& uc) { return end_session(uc, mentee_, id); }).result),
            "not_found");
  EXPECT_TRUE(run_status(kMonday, [&](UseCase& uc) { return end_session(uc, mentor_, id); }).result);
  EXPECT_TRUE(sessions(mentor_).empty());
  EXPECT_EQ(sessions(mentee_).size(), 1u);
}

TEST_F(AccessTest, EndingTheOtherSessionsKeepsTheCurrentOneAndOthersPeoples) {
  session(mentor_, "current");
  session(mentor_, "phone");
  session(mentor_, "laptop");
  session(mentee_, "mentee's");
  auto ended = run<int>(kMonday, [&](UseCase& uc) -> Result<int> { return end_other_sessions(uc, mentor_, "current"); });
  ASSERT_TRUE(ended.result);
  EXPECT_EQ(*ended.result, 2);
  const auto left = sessions(mentor_, "current");
  ASSERT_EQ(left.size(), 1u);
  EXPECT_TRUE(left[0].current);
  EXPECT_EQ(sessions(mentee_).size(), 1u);
}

TEST_F(AccessTest, APersonHoldsUpToTwentyApiTokensAndRevokesOnlyTheirOwn) {
  const Seconds year = days(365);
  EXPECT_EQ(field_of(run<NewApiToken>(kMonday, [&](UseCase& uc) {
              return create_api_token(uc, mentee_, std::string(101, 'x'), year);
            }).result),
            "label");
  std::vector<NewApiToken> made;
  for (int i = 0; i < 20; ++i) {
    auto ran = run<NewApiToken>(kMonday, [&](UseCase& uc) { return create_api_token(uc, mentee_, "script", year); });
    ASSERT_TRUE(ran.result) << ran.result.error().message;
    EXPECT_EQ(ran.result->stored.token_hash, token_hash(ran.result->secret));
    EXPECT_EQ(ran.result->stored.expires_at, kMonday + year);
    made.push_back(*ran.result);
  }
  EXPECT_EQ(code_of(run<NewApiToken>(kMonday, [&](UseCase& uc) { return create_api_token(uc, mentee_, "one more", year); })
                        .result),
            "conflict");
  const std::string id = made[0].stored.token_hash.substr(0, 16);
  // Someone else's token is not found, never revoked; the owner revokes it once.
  EXPECT_EQ(code_of(run_status(kMonday, [&](UseCase& uc) { return revoke_api_token(uc, mentor_, id); }).result),
            "not_found");
  EXPECT_TRUE(run_status(kMonday, [&](UseCase& uc) { return revoke_api_token(uc, mentee_, id); }).result);
  EXPECT_EQ(code_of(run_status(kMonday, [&](UseCase& uc) { return revoke_api_token(uc, mentee_, id); }).result),
            "not_found");
  auto left = store_->read_value<std::size_t>([&](sql::Connection& db) -> Result<std::size_t> {
    return api_tokens_of(db, mentee_, kMonday).size();
  });
  EXPECT_EQ(*left, 19u);
}

}  // namespace
}  // namespace mh::services
