// The people import as a use case on a real (in-memory) store: what it writes, that importing
// the same file twice changes nothing, that a bad row writes nothing, former managers, and what a
// complete file does to the people missing from it and their relationships.
#include "services/people_import.hpp"

#include "services/admin_audit.hpp"
#include "services/testing.hpp"
#include "storage/search_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

std::optional<std::string> any_zone(std::string_view) { return std::nullopt; }

class PeopleImportTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    admin_ = person("Ada Admin", "ada@example.com", 0);
    admin_.is_admin = true;
  }

  Ran<PeopleImportReport> import(std::string_view text, bool dry_run = false, bool complete = false,
                                 const Person* actor = nullptr) {
    const HrFile file = read_hr_file(text, any_zone);
    return run<PeopleImportReport>(kMonday, [&](UseCase& uc) {
      return import_people(uc, actor ? actor : &admin_, file, PeopleImportOptions{dry_run, complete});
    });
  }

  Person by_email(const std::string& email) {
    return *store_->read_value<Person>([&](sql::Connection& db) -> Result<Person> {
      auto p = storage::find_person_by_email(db, email);
      if (!p) return not_found(email);
      return *p;
    });
  }
  long long people_count() {
    return *store_->read_value<long long>([](sql::Connection& db) -> Result<long long> { return storage::count_people(db); });
  }
  std::vector<storage::AdminAuditEntry> audit() {
    return read<std::vector<storage::AdminAuditEntry>>(
        [&](sql::Connection& db) { return read_admin_audit(db, admin_, 100, std::nullopt); });
  }
  std::int64_t people_changes() {
    return *store_->read_value<std::int64_t>(
        [](sql::Connection& db) -> Result<std::int64_t> { return storage::change_counter(db, "people"); });
  }

  Person admin_;
};

const char* kOrg =
    "Employee ID,Name,Email Address,Job Title,Dept,Manager ID,Hire Date,Location,Time Zone,Skills\n"
    "E2,Tom Berg,tom@example.com,Analyst,Finance,E1,2023-09-04,Oslo,Europe/Oslo,Excel\n"
    "E1,Ana Silva,ana@example.com,CFO,Finance,,2015-02-01,Lisbon,Europe/Lisbon,\"SQL:5; Excel:4\"\n";

TEST_F(PeopleImportTest, CreatesEveryoneWithTheirManagersAndHrFields) {
  auto ran = import(kOrg);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_TRUE(ran.result->applied);
  EXPECT_EQ(ran.result->created, 2u);
  const Person ana = by_email("ana@example.com"), tom = by_email("tom@example.com");
  EXPECT_EQ(tom.manager_id, std::optional<PersonId>(ana.id));
  EXPECT_EQ(tom.employee_id, "E2");
  EXPECT_EQ(tom.start_date, "2023-09-04");
  EXPECT_EQ(tom.location, "Oslo");
  EXPECT_EQ(tom.timezone, "Europe/Oslo");
  EXPECT_EQ(ana.skills, (std::vector<Skill>{{"SQL", 5}, {"Excel", 4}}));
}

TEST_F(PeopleImportTest, ImportingTheSameFileAgainChangesNothing) {
  ASSERT_TRUE(import(kOrg).result);
  const std::int64_t changes = people_changes();
  const Person tom = by_email("tom@example.com");
  auto again = import(kOrg);
  ASSERT_TRUE(again.result) << again.result.error().message;
  EXPECT_EQ(again.result->created, 0u);
  EXPECT_EQ(again.result->updated, 0u);
  EXPECT_EQ(again.result->unchanged, 2u);
  EXPECT_EQ(people_changes(), changes);
  EXPECT_EQ(by_email("tom@example.com").updated_at, tom.updated_at);
}

TEST_F(PeopleImportTest, AnImportThatChangesSomethingIsOneAuditEntryAndNothingElseIsAny) {
  ASSERT_TRUE(import(kOrg, /*dry_run=*/true).result);
  EXPECT_TRUE(audit().empty());
  ASSERT_TRUE(import(kOrg).result);
  auto entries = audit();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "people_imported");
  EXPECT_EQ(entries[0].actor, admin_.id);
  EXPECT_EQ(entries[0].detail, "2 people created, 0 updated, 0 deactivated");
  ASSERT_TRUE(import(kOrg).result);  // the same file again changes nothing, so says nothing
  EXPECT_EQ(audit().size(), 1u);
}

TEST_F(PeopleImportTest, ADryRunWritesNothingAndSaysWhatWouldHappen) {
  const long long before = people_count();
  auto ran = import(kOrg, /*dry_run=*/true);
  ASSERT_TRUE(ran.result);
  EXPECT_FALSE(ran.result->applied);
  EXPECT_EQ(ran.result->created, 2u);
  ASSERT_EQ(ran.result->created_people.size(), 2u);
  EXPECT_EQ(ran.result->created_people[0].employee_id, "E1");  // managers first
  EXPECT_EQ(people_count(), before);
}

TEST_F(PeopleImportTest, NothingIsWrittenWhenAnyRowIsBad) {
  const long long before = people_count();
  auto ran = import(std::string(kOrg) + "E3,Eva Dahl,not-an-address,,,E1,,,,\n");
  ASSERT_TRUE(ran.result);
  EXPECT_FALSE(ran.result->applied);
  ASSERT_EQ(ran.result->problems.size(), 1u);
  EXPECT_EQ(ran.result->problems[0].line, 4);
  EXPECT_EQ(people_count(), before);
}

TEST_F(PeopleImportTest, AManagerWhoChangesIsKeptAsAFormerManager) {
  ASSERT_TRUE(import(kOrg).result);
  auto ran = import(std::string(kOrg) + "E3,Eva Dahl,eva@example.com,Lead,Finance,,,,,\n");
  ASSERT_TRUE(ran.result);
  const std::string moved =
      "Employee ID,Name,Email Address,Manager ID\n"
      "E1,Ana Silva,ana@example.com,\n"
      "E3,Eva Dahl,eva@example.com,\n"
      "E2,Tom Berg,tom@example.com,E3\n";
  auto changed = import(moved);
  ASSERT_TRUE(changed.result) << changed.result.error().message;
  EXPECT_EQ(changed.result->updated, 1u);
  const Person tom = by_email("tom@example.com");
  EXPECT_EQ(tom.manager_id, std::optional<PersonId>(by_email("eva@example.com").id));
  EXPECT_EQ(tom.former_manager_ids, std::vector<PersonId>{by_email("ana@example.com").id});
}

TEST_F(PeopleImportTest, GivesSomeoneCreatedByHandTheirEmployeeIdByEmail) {
  auto ran = import("employee_id,name,email\nE7,Maya Mentee,maya@example.com\n");
  ASSERT_TRUE(ran.result);
  EXPECT_EQ(ran.result->updated, 1u);
  EXPECT_EQ(by_email("maya@example.com").employee_id, "E7");
  EXPECT_EQ(by_email("maya@example.com").id, mentee_.id);
}

TEST_F(PeopleImportTest, AFullImportDeactivatesOnlyWhenTheFileIsSaidToBeComplete) {
  ASSERT_TRUE(import(kOrg).result);
  auto partial = import("employee_id,name,email\nE1,Ana Silva,ana@example.com\n");
  ASSERT_TRUE(partial.result);
  EXPECT_EQ(partial.result->deactivated, 0u);
  EXPECT_TRUE(by_email("tom@example.com").active);

  auto complete = import("employee_id,name,email\nE1,Ana Silva,ana@example.com\n", false, /*complete=*/true);
  ASSERT_TRUE(complete.result) << complete.result.error().message;
  EXPECT_FALSE(by_email("tom@example.com").active);
  EXPECT_FALSE(by_email("maya@example.com").active);
  EXPECT_TRUE(by_email("ada@example.com").active);  // the administrator importing
}

TEST_F(PeopleImportTest, ADeactivatedPersonsOpenRelationshipsAreAskedToConclude) {
  const Relationship live = accepted();  // Maya and Daniel, starting
  const Relationship waiting = run<Relationship>(kMonday, [&](UseCase& uc) {
    return send_request(uc, stranger_, ask(stranger_, mentor_));
  }).result.value();
  // Everyone stays but Daniel, the mentor.
  auto ran = import("employee_id,name,email\n"
                    "E1,Morgan Manager,morgan@example.com\n"
                    "E2,Maya Mentee,maya@example.com\n"
                    "E3,Sam Stranger,sam@example.com\n",
                    false, true);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(ran.result->deactivated, 1u);
  EXPECT_EQ(ran.result->relationships_concluding, 1u);
  EXPECT_EQ(ran.result->requests_withdrawn, 1u);
  EXPECT_EQ(relationship(live.id).state, RelState::concluding);
  EXPECT_EQ(relationship(waiting.id).state, RelState::withdrawn);
  const auto told = notifications_in(ran.events);
  EXPECT_NE(std::find(told.begin(), told.end(), std::make_pair(mentee_.id, std::string("concluding"))), told.end());
  EXPECT_NE(std::find(told.begin(), told.end(), std::make_pair(stranger_.id, std::string("request_withdrawn"))),
            told.end());
}

TEST_F(PeopleImportTest, OnlyAdministratorsImport) {
  auto ran = import(kOrg, false, false, &mentee_);
  EXPECT_EQ(code_of(ran.result), "forbidden");
}

}  // namespace
}  // namespace mh::services
