// Deleting one's account: the other party keeps the relationship's record, ended and told in the
// app; the deleted person's own rows go and their row becomes "Deleted person"; the last
// administrator stays; the administrators' audit trail says it happened, with no content. And
// the records the export lists are the caller's own, never anyone else's.
#include "services/own_data.hpp"

#include "services/testing.hpp"
#include "services/workspace.hpp"
#include "storage/auth_repo.hpp"
#include "storage/break_glass_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class OwnDataTest : public ServicesTest {
 protected:
  Ran<bool> erase(const Person& p, TimePoint now = kMonday + days(1)) {
    return run_status(now, [&](UseCase& uc) { return delete_own_account(uc, p); });
  }
  Person stored(const Person& p) {
    return *store_->read_value<Person>([&](sql::Connection& db) -> Result<Person> { return *storage::find_person(db, p.id); });
  }
  void deactivate(Person& p) {
    p.active = false;
    save(p);
  }
  long long count(const std::string& q, PersonId id) {
    return *store_->read_value<long long>([&](sql::Connection& db) -> Result<long long> {
      return db.execute(q, std::vector<sql::Value>{id}).rows.at(0).int64(0);
    });
  }
};

TEST_F(OwnDataTest, AnOpenRelationshipEndsAndTheOtherPartyKeepsItsRecordAndIsTold) {
  const Relationship r = accepted();
  MeetingId meeting = 0;
  ASSERT_TRUE(on(mentee_, r.id, kMonday, [&](UseCase& uc, Relationship& rel) -> Status {
                NewMeeting in;
                in.starts_at = kMonday + days(3);
                MH_TRY(m, schedule_meeting(uc, mentee_, rel, in));
                meeting = m.id;
                MH_CHECK(save_private_note(uc, mentee_, rel, m.id, "mine alone"));
                return save_private_note(uc, mentor_, rel, m.id, "the mentor's own");
              }).result);
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::insert_token(db, {"hash", mentee_.id, "session", "", "csrf", kMonday, kMonday + days(7), ""});
    return {};
  }));

  auto ran = erase(mentee_);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(relationship(r.id).state, RelState::concluded);
  const auto told = notifications_in(ran.events);
  EXPECT_NE(std::find(told.begin(), told.end(), std::pair<PersonId, std::string>{mentor_.id, "account_deleted"}),
            told.end());
  for (const auto& [who, kind] : told) EXPECT_NE(who, mentee_.id) << kind;

  const Person gone = stored(mentee_);
  EXPECT_EQ(gone.name, "Deleted person");
  EXPECT_EQ(gone.email, "deleted-" + std::to_string(mentee_.id) + "@erased.invalid");
  EXPECT_FALSE(gone.active);
  EXPECT_FALSE(gone.manager_id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM auth_tokens WHERE person_id = ?", mentee_.id), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE person_id = ?", mentee_.id), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE person_id = ?", mentee_.id), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_private_notes WHERE author_id = ?", mentee_.id), 0);
  // The mentor's own note and the relationship's meeting stay.
  EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_private_notes WHERE author_id = ?", mentor_.id), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meetings WHERE id = ?", meeting), 1);
  // Their address is free for someone new.
  EXPECT_TRUE(store_->read([&](sql::Connection& db) -> Status {
    EXPECT_FALSE(storage::find_person_by_email(db, "maya@example.com"));
    return {};
  }));
}

TEST_F(OwnDataTest, APendingRequestIsWithdrawnWhenSentAndDeclinedWhenReceived) {
  const Relationship sent = requested();
  ASSERT_TRUE(erase(mentee_).result);
  EXPECT_EQ(relationship(sent.id).state, RelState::withdrawn);

  auto other = person("Olga Other", "olga@example.com", 0);
  auto ran = request_from(other, ask(other, mentor_));
  ASSERT_TRUE(ran.result);
  ASSERT_TRUE(erase(mentor_).result);
  EXPECT_EQ(relationship(ran.result->id).state, RelState::declined);
}

TEST_F(OwnDataTest, TheLastAdministratorStaysAndADeletionIsAuditedWithoutContent) {
  Person admin = administrator();
  auto refused = erase(admin);
  ASSERT_FALSE(refused.result);
  EXPECT_EQ(refused.result.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.result.error().field, "is_admin");
  EXPECT_EQ(stored(admin).name, "Ada Admin");

  ASSERT_TRUE(erase(stranger_).result);
  auto trail = *store_->read_value<std::vector<storage::AdminAuditEntry>>(
      [&](sql::Connection& db) -> Result<std::vector<storage::AdminAuditEntry>> { return storage::admin_audit(db, 10, std::nullopt); });
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0].action, "account_deleted");
  EXPECT_EQ(trail[0].subject, "person:" + std::to_string(stranger_.id));
  EXPECT_EQ(trail[0].detail, "");
  // Once deleted, there is nobody left to delete.
  auto again = erase(stranger_);
  ASSERT_FALSE(again.result);
  EXPECT_EQ(again.result.error().code, ErrorCode::not_found);
}

TEST_F(OwnDataTest, TheExportsRecordsAreTheCallersOwnWithTheAdministratorWhoOpenedTheirs) {
  const Relationship r = accepted();
  const Person ada = administrator();
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::insert_break_glass_grant(db, {0, r.id, ada.id, "A safeguarding concern raised", kMonday, kMonday + days(1)});
    return {};
  }));
  const auto records = [&](const Person& p) {
    return *store_->read_value<OwnRecords>([&](sql::Connection& db) -> Result<OwnRecords> { return own_records(db, p); });
  };

  const OwnRecords mine = records(mentee_);
  ASSERT_EQ(mine.relationships.size(), 1u);
  EXPECT_EQ(mine.relationships[0].id, r.id);
  EXPECT_FALSE(mine.notifications.empty());  // the mentor's answer
  for (const auto& n : mine.notifications) EXPECT_EQ(n.person_id, mentee_.id);
  ASSERT_EQ(mine.openings.size(), 1u);
  EXPECT_EQ(mine.openings[0].grant.reason, "A safeguarding concern raised");
  EXPECT_EQ(mine.openings[0].administrator_name, std::optional<std::string>("Ada Admin"));
  EXPECT_FALSE(mine.calendar_feed);

  // Someone in none of it has none of it.
  const OwnRecords theirs = records(stranger_);
  EXPECT_TRUE(theirs.relationships.empty());
  EXPECT_TRUE(theirs.openings.empty());
  for (const auto& n : theirs.notifications) EXPECT_EQ(n.person_id, stranger_.id);
}

// The export names the caller's manager and former managers from what own_records read, at once:
// a deactivated one as inactive, one who no longer exists as nobody.
TEST_F(OwnDataTest, TheRecordsNameTheManagerAndFormerManagersADeactivatedOneAsInactive) {
  deactivate(manager_);
  Person me = mentee_;
  me.former_manager_ids = {stranger_.id, 999999};
  const OwnRecords records =
      *store_->read_value<OwnRecords>([&](sql::Connection& db) -> Result<OwnRecords> { return own_records(db, me); });
  ASSERT_TRUE(records.managers.of(manager_.id).has_value());
  EXPECT_EQ(records.managers.of(manager_.id)->name, "Morgan Manager");
  EXPECT_FALSE(records.managers.of(manager_.id)->active);
  ASSERT_TRUE(records.managers.of(stranger_.id).has_value());
  EXPECT_EQ(records.managers.of(stranger_.id)->name, "Sam Stranger");
  EXPECT_TRUE(records.managers.of(stranger_.id)->active);
  EXPECT_FALSE(records.managers.of(999999).has_value());
  EXPECT_FALSE(records.managers.of(mentor_.id).has_value());  // not theirs: not read
  EXPECT_EQ(records.managers.by_id.size(), 3u);
}

}  // namespace
}  // namespace mh::services
