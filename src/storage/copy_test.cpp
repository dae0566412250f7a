// Copying a whole installation between databases: SQLite to SQLite, SQLite to PostgreSQL and
// back (on the shared throwaway cluster, skipped without one), refusals, --force, and the
// target left as it was when the copy fails.
#include "storage/copy.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/sql/connection.hpp"
#include "storage/store.hpp"
#include "support/pg_cluster.hpp"

namespace mh::storage {
namespace {

namespace fs = std::filesystem;

constexpr long long kNow = 1767225600;  // 2026-01-01T00:00:00Z

// A temporary folder for this test's SQLite files, removed afterwards.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("mh-copy-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

std::unique_ptr<Store> open_store(const std::string& url) {
  auto store = Store::open(url, 2);
  EXPECT_TRUE(store) << store.error().message;
  auto migrated = (*store)->migrate(kNow);
  EXPECT_TRUE(migrated) << migrated.error().message;
  return std::move(*store);
}

Person make_person(const std::string& email, const std::string& name) {
  Person p;
  p.email = email;
  p.name = name;
  p.title = "Engineer";
  p.department = "Platform";
  p.timezone = "Europe/Paris";
  p.created_at = p.updated_at = TimePoint(Seconds(kNow));
  return p;
}

struct Populated {
  PersonId manager = 0;
  PersonId report = 0;
  PersonId external = 0;
};

// Three people whose reporting line points at a higher id (the report is inserted before
// their manager), with skills, former managers, a session and a sign-in failure counter.
Populated populate(Store& store) {
  Populated ids;
  auto done = store.write([&](sql::Connection& db) -> Status {
    Person report = make_person("ana@example.org", "Ana Lima");
    report.skills = {{"Python", 2}, {"SQL", 3}};
    report.aspirations.roles = {"Data engineer"};
    report.languages = {"Portuguese", "English"};
    report.media = {Medium::video, Medium::chat};
    report.formats_sought = {Format::one_to_one};
    report.career_start_year = 2021;
    report.bio = "Analyst; 'quotes', \"double quotes\", ? and émojis 🙂";
    ids.report = insert_person(db, report, "hash-of-ana");

    Person manager = make_person("bo@example.org", "Bo Chen");
    manager.is_admin = true;
    manager.mentor_capacity = 3;
    manager.formats_offered = {Format::one_to_one, Format::circle};
    manager.skills = {{"Leadership", 5}};
    ids.manager = insert_person(db, manager, "hash-of-bo");

    Person external = make_person("cy@fernwood.example", "Cy Okoro");
    external.is_external = true;
    external.organisation = "Fernwood";
    external.active = false;
    ids.external = insert_person(db, external, "");

    report.id = ids.report;
    report.manager_id = ids.manager;
    report.former_manager_ids = {ids.external};
    update_person(db, report);

    insert_token(db, AuthToken{"token-hash-1", ids.manager, "session", "", "csrf-1", TimePoint(Seconds(kNow)),
                               TimePoint(Seconds(kNow + 3600)), "Firefox on Linux"});
    record_failure(db, "account:ana@example.org", TimePoint(Seconds(kNow)), Seconds(900));
    return {};
  });
  EXPECT_TRUE(done) << done.error().message;
  return ids;
}

Person read_person(Store& store, PersonId id) {
  auto p = store.read_value<Person>([&](sql::Connection& db) -> Result<Person> {
    auto found = find_person(db, id);
    if (!found) return not_found("no person " + std::to_string(id));
    return std::move(*found);
  });
  EXPECT_TRUE(p) << p.error().message;
  return p ? *p : Person{};
}

void expect_same_person(const Person& a, const Person& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.email, b.email);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.organisation, b.organisation);
  EXPECT_EQ(a.is_external, b.is_external);
  EXPECT_EQ(a.department, b.department);
  EXPECT_EQ(a.manager_id, b.manager_id);
  EXPECT_EQ(a.former_manager_ids, b.former_manager_ids);
  EXPECT_EQ(a.career_start_year, b.career_start_year);
  EXPECT_EQ(a.skills, b.skills);
  EXPECT_EQ(a.aspirations, b.aspirations);
  EXPECT_EQ(a.timezone, b.timezone);
  EXPECT_EQ(a.languages, b.languages);
  EXPECT_EQ(a.media, b.media);
  EXPECT_EQ(a.monthly_availability_hours, b.monthly_availability_hours);
  EXPECT_EQ(a.mentor_capacity, b.mentor_capacity);
  EXPECT_EQ(a.formats_offered, b.formats_offered);
  EXPECT_EQ(a.formats_sought, b.formats_sought);
  EXPECT_EQ(a.bio, b.bio);
  EXPECT_EQ(a.is_admin, b.is_admin);
  EXPECT_EQ(a.active, b.active);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.updated_at, b.updated_at);
}

long long rows_in(const std::string& url, const std::string& table) {
  auto db = sql::connect(url);
  return db->execute("SELECT COUNT(*) FROM " + table).rows.at(0).int64(0);
}

const CopiedTable* table_in(const CopyReport& r, const std::string& name) {
  for (const auto& t : r.tables)
    if (t.name == name) return &t;
  return nullptr;
}

void expect_counts_equal(const CopyReport& r) {
  for (const auto& t : r.tables) EXPECT_EQ(t.source_rows, t.target_rows) << t.name;
}

CopyOptions options(bool force = false) {
  CopyOptions o;
  o.force = force;
  o.now_unix = kNow;
  return o;
}

CopyOptions small_batches() {
  CopyOptions o = options();
  o.batch_rows = 50;
  o.page_rows = 120;
  return o;
}

// `n` people with a skill each, and everyone's manager has the next id: with small batches
// most references point into a later INSERT, which only the deferred manager_id (NULL first,
// set once every row is in) can satisfy.
void populate_chain(Store& store, int n) {
  auto done = store.write([n](sql::Connection& db) -> Status {
    for (int i = 0; i < n; ++i) {
      Person p = make_person("p" + std::to_string(i) + "@example.org", "Person " + std::to_string(i));
      p.skills = {{"Skill " + std::to_string(i % 7), 1 + i % 5}};
      insert_person(db, p, "");
    }
    db.execute("UPDATE people SET manager_id = id + 1 WHERE id < (SELECT MAX(id) FROM people)");
    return {};
  });
  ASSERT_TRUE(done) << done.error().message;
}

// Copies a populated SQLite source to `to` after `damage` ran on it behind Mentorhub's back (the
// store is closed first), as a file changed by another program would be.
Result<CopyReport> copy_damaged(const std::string& from, const std::string& to, const std::string& damage) {
  {
    auto source = open_store(from);
    populate(*source);
  }
  sql::connect(from)->execute(damage);
  return copy_database(from, to, options());
}

TEST(Copy, SqliteToSqliteCopiesEveryRowAndAPersonReadsBackIdentical) {
  TempDir dir;
  const std::string from = dir.file("from.db"), to = dir.file("to.db");
  auto source = open_store(from);
  const Populated ids = populate(*source);

  auto report = copy_database(from, to, options());
  ASSERT_TRUE(report) << report.error().message;
  expect_counts_equal(*report);
  ASSERT_NE(table_in(*report, "people"), nullptr);
  EXPECT_EQ(table_in(*report, "people")->target_rows, 3);
  EXPECT_EQ(table_in(*report, "person_skills")->target_rows, 3);
  EXPECT_EQ(table_in(*report, "person_former_managers")->target_rows, 1);
  EXPECT_EQ(table_in(*report, "auth_tokens")->target_rows, 1);
  EXPECT_EQ(table_in(*report, "sign_in_failures")->target_rows, 1);
  EXPECT_EQ(table_in(*report, "schema_migrations"), nullptr);
  EXPECT_EQ(report->rows_removed, 0);
  // Referenced tables first.
  EXPECT_EQ(report->tables.front().name, "people");

  auto target = open_store(to);
  for (PersonId id : {ids.manager, ids.report, ids.external})
    expect_same_person(read_person(*target, id), read_person(*source, id));
  EXPECT_EQ(read_person(*target, ids.report).manager_id, ids.manager);
  auto hash = target->read_value<std::string>(
      [&](sql::Connection& db) -> Result<std::string> { return password_hash_of(db, ids.report); });
  ASSERT_TRUE(hash);
  EXPECT_EQ(*hash, "hash-of-ana");
}

TEST(Copy, TheReportPrintsATableOfCounts) {
  TempDir dir;
  const std::string from = dir.file("from.db"), to = dir.file("to.db");
  auto source = open_store(from);
  populate(*source);
  auto report = copy_database(from, to, options());
  ASSERT_TRUE(report) << report.error().message;
  const std::string text = format_copy_report(*report);
  EXPECT_NE(text.find("table"), std::string::npos);
  EXPECT_NE(text.find("people"), std::string::npos);
  EXPECT_NE(text.find("total"), std::string::npos);
  // Nine rows of the test's and the default program that every database has.
  EXPECT_NE(text.find("copied 10 rows"), std::string::npos) << text;
  EXPECT_EQ(text.back(), '\n');
}

TEST(Copy, ATargetThatHoldsRowsIsRefusedWithoutForceAndLeftAlone) {
  TempDir dir;
  const std::string from = dir.file("from.db"), to = dir.file("to.db");
  auto source = open_store(from);
  populate(*source);
  auto target = open_store(to);
  auto other = target->write_value<PersonId>([](sql::Connection& db) -> Result<PersonId> {
    return insert_person(db, make_person("someone.else@example.org", "Someone Else"), "");
  });
  ASSERT_TRUE(other);

  auto refused = copy_database(from, to, options());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_NE(refused.error().message.find("already holds data (people: 1 row)"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("--force"), std::string::npos);
  EXPECT_EQ(refused.error().message.find('\n'), std::string::npos);
  EXPECT_EQ(rows_in(to, "people"), 1);
  EXPECT_EQ(read_person(*target, *other).email, "someone.else@example.org");
}

TEST(Copy, ForceReplacesWhatTheTargetHeld) {
  TempDir dir;
  const std::string from = dir.file("from.db"), to = dir.file("to.db");
  auto source = open_store(from);
  const Populated ids = populate(*source);
  // The target holds a different installation, with its own self-references.
  {
    auto target = open_store(to);
    populate(*target);
    auto done = target->write([](sql::Connection& db) -> Status {
      db.execute("UPDATE people SET email = 'old.' || email, name = 'Old'");
      return {};
    });
    ASSERT_TRUE(done) << done.error().message;
  }

  auto report = copy_database(from, to, options(/*force=*/true));
  ASSERT_TRUE(report) << report.error().message;
  expect_counts_equal(*report);
  EXPECT_EQ(report->rows_removed, 10);
  auto target = open_store(to);
  EXPECT_EQ(rows_in(to, "people"), 3);
  EXPECT_EQ(rows_in(to, "people WHERE name = 'Old'"), 0);
  for (PersonId id : {ids.manager, ids.report, ids.external})
    expect_same_person(read_person(*target, id), read_person(*source, id));
}

TEST(Copy, AMissingSourceIsRefusedAndNoTargetIsCreated) {
  TempDir dir;
  const std::string to = dir.file("to.db");
  auto r = copy_database(dir.file("nowhere.db"), to, options());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_NE(r.error().message.find("does not exist"), std::string::npos);
  EXPECT_FALSE(fs::exists(to));
}

TEST(Copy, CopyingADatabaseOntoItselfIsRefused) {
  TempDir dir;
  const std::string from = dir.file("from.db");
  auto source = open_store(from);
  populate(*source);
  auto r = copy_database(from, dir.file("./from.db"), options(/*force=*/true));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_EQ(rows_in(from, "people"), 3);
}

TEST(Copy, ASourceThatIsNotAMentorhubDatabaseIsRefused) {
  TempDir dir;
  const std::string from = dir.file("other.db");
  sql::connect(from)->execute_script("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
  auto r = copy_database(from, dir.file("to.db"), options());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_NE(r.error().message.find("not a Mentorhub database"), std::string::npos);
}

TEST(Copy, ASourceWithANewerSchemaThanThisBinaryKnowsIsRefused) {
  TempDir dir;
  const std::string to = dir.file("to.db");
  auto r = copy_damaged(dir.file("from.db"), to,
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_NE(r.error().message.find("newer than this mentorhub knows"), std::string::npos) << r.error().message;
  // The refusal came before the target was migrated.
  EXPECT_EQ(sql::connect(to)->execute("SELECT COUNT(*) FROM sqlite_master").rows.at(0).int64(0), 0);
}

TEST(Copy, AValueOfTheWrongTypeIsRefusedAndTheTargetKeepsNothingOfTheCopy) {
  TempDir dir;
  const std::string to = dir.file("to.db");
  // SQLite accepts text in an integer column; the copy must not carry it into a target that
  // would convert it. sign_in_failures is copied after people, so people were already
  // inserted when the copy fails: they must be rolled back.
  auto r = copy_damaged(dir.file("from.db"), to, "UPDATE sign_in_failures SET window_start = 'soon'");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_EQ(r.error().field, "sign_in_failures.window_start");
  EXPECT_NE(r.error().message.find("text"), std::string::npos) << r.error().message;
  EXPECT_EQ(rows_in(to, "people"), 0);
  EXPECT_EQ(rows_in(to, "person_skills"), 0);
}

TEST(Copy, ManyRowsGoInSeveralBatchesAndPagesWithReferencesToLaterRows) {
  TempDir dir;
  const std::string from = dir.file("from.db"), to = dir.file("to.db");
  auto source = open_store(from);
  populate_chain(*source, 457);
  auto report = copy_database(from, to, small_batches());
  ASSERT_TRUE(report) << report.error().message;
  expect_counts_equal(*report);
  EXPECT_EQ(table_in(*report, "people")->target_rows, 457);
  EXPECT_EQ(rows_in(to, "people WHERE manager_id = id + 1"), 456);
}

class CopyPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    MH_SHARED_PG_CLUSTER_OR_SKIP(cluster);
    cluster_ = cluster;
  }
  test::PgCluster* cluster_ = nullptr;
  TempDir dir_;
};

TEST_F(CopyPostgres, SqliteToPostgresAndBackKeepsEveryRowAndValue) {
  const std::string sqlite_from = dir_.file("from.db"), sqlite_back = dir_.file("back.db");
  const std::string pg = cluster_->fresh_database();
  auto source = open_store(sqlite_from);
  const Populated ids = populate(*source);

  auto there = copy_database(sqlite_from, pg, options());
  ASSERT_TRUE(there) << there.error().message;
  expect_counts_equal(*there);
  EXPECT_GT(there->migrations_applied, 0);
  EXPECT_EQ(table_in(*there, "people")->target_rows, 3);
  auto on_pg = open_store(pg);
  for (PersonId id : {ids.manager, ids.report, ids.external})
    expect_same_person(read_person(*on_pg, id), read_person(*source, id));
  // Integers stay integers and text stays text in PostgreSQL's typed columns.
  auto types = sql::connect(pg)->execute(
      "SELECT pg_typeof(created_at)::text, pg_typeof(is_admin)::text, pg_typeof(email)::text FROM people LIMIT 1");
  EXPECT_EQ(types.rows.at(0).text(0), "bigint");
  EXPECT_EQ(types.rows.at(0).text(1), "integer");
  EXPECT_EQ(types.rows.at(0).text(2), "text");

  auto back = copy_database(pg, sqlite_back, options());
  ASSERT_TRUE(back) << back.error().message;
  expect_counts_equal(*back);
  auto on_sqlite = open_store(sqlite_back);
  for (PersonId id : {ids.manager, ids.report, ids.external})
    expect_same_person(read_person(*on_sqlite, id), read_person(*source, id));
  auto sqlite_types = sql::connect(sqlite_back)->execute(
      "SELECT typeof(created_at), typeof(is_admin), typeof(email), typeof(manager_id) FROM people WHERE id = ?",
      std::vector<sql::Value>{ids.report});
  EXPECT_EQ(sqlite_types.rows.at(0).text(0), "integer");
  EXPECT_EQ(sqlite_types.rows.at(0).text(1), "integer");
  EXPECT_EQ(sqlite_types.rows.at(0).text(2), "text");
  EXPECT_EQ(sqlite_types.rows.at(0).text(3), "integer");
}

TEST_F(CopyPostgres, ManyRowsWithReferencesToLaterRowsGoIntoPostgresAndBack) {
  const std::string from = dir_.file("from.db"), back = dir_.file("back.db");
  const std::string pg = cluster_->fresh_database();
  auto source = open_store(from);
  populate_chain(*source, 457);
  auto there = copy_database(from, pg, small_batches());
  ASSERT_TRUE(there) << there.error().message;
  expect_counts_equal(*there);
  EXPECT_EQ(rows_in(pg, "people WHERE manager_id = id + 1"), 456);
  auto again = copy_database(pg, back, small_batches());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(rows_in(back, "people WHERE manager_id = id + 1"), 456);
}

TEST_F(CopyPostgres, ARowInsertedInThePostgresTargetAfterTheCopyGetsAFreshId) {
  const std::string from = dir_.file("from.db");
  const std::string pg = cluster_->fresh_database();
  auto source = open_store(from);
  const Populated ids = populate(*source);
  auto copied = copy_database(from, pg, options());
  ASSERT_TRUE(copied) << copied.error().message;

  auto target = open_store(pg);
  auto fresh = target->write_value<PersonId>([](sql::Connection& db) -> Result<PersonId> {
    return insert_person(db, make_person("new.hire@example.org", "New Hire"), "");
  });
  ASSERT_TRUE(fresh) << fresh.error().message;
  EXPECT_GT(*fresh, std::max({ids.manager, ids.report, ids.external}));
}

TEST_F(CopyPostgres, PostgresToPostgresWithForceReplacesTheTarget) {
  const std::string from_sqlite = dir_.file("from.db");
  const std::string pg_a = cluster_->fresh_database(), pg_b = cluster_->fresh_database();
  auto source = open_store(from_sqlite);
  populate(*source);
  ASSERT_TRUE(copy_database(from_sqlite, pg_a, options()));
  ASSERT_TRUE(copy_database(from_sqlite, pg_b, options()));

  auto refused = copy_database(pg_a, pg_b, options());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);

  auto forced = copy_database(pg_a, pg_b, options(/*force=*/true));
  ASSERT_TRUE(forced) << forced.error().message;
  expect_counts_equal(*forced);
  EXPECT_EQ(forced->rows_removed, 10);
  EXPECT_EQ(rows_in(pg_b, "people"), 3);
}

TEST_F(CopyPostgres, AFailedCopyIntoPostgresLeavesTheTargetEmpty) {
  const std::string from = dir_.file("from.db");
  const std::string pg = cluster_->fresh_database();
  auto r = copy_damaged(from, pg, "UPDATE auth_tokens SET expires_at = 'tomorrow'");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_EQ(rows_in(pg, "people"), 0);
  // The copy can be retried once the source is fixed.
  sql::connect(from)->execute("UPDATE auth_tokens SET expires_at = 1767229200");
  auto retried = copy_database(from, pg, options());
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(rows_in(pg, "people"), 3);
}

}  // namespace
}  // namespace mh::storage
