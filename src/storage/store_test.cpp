#include "storage/store.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/profile_writes.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/row_locks.hpp"
#include "storage/search_repo.hpp"
#include "storage/sql/connection.hpp"
#include "support/fresh_database.hpp"

namespace mh {
namespace {

Person someone(const std::string& email) {
  Person p;
  p.email = email;
  p.name = "Someone";
  return p;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    MH_FRESH_STORE_OR_SKIP(store_, GetParam(), "store_test", 4);
    ASSERT_TRUE(store_->migrate(0));
  }

  long long people() {
    return *store_->read_value<long long>([](sql::Connection& db) -> Result<long long> { return storage::count_people(db); });
  }

  // Six writers at once, racer i each inserting racer i's person with `write_one(i)`; returns
  // how many of them succeeded.
  int race(const std::function<Status(int)>& write_one) {
    std::atomic<int> wins{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 6; ++i)
      threads.emplace_back([&, i] {
        if (write_one(i)) ++wins;
      });
    for (auto& t : threads) t.join();
    return wins.load();
  }

  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, AWriteThatReturnsAnErrorLeavesNothingBehind) {
  Status s = store_->write([](sql::Connection& db) -> Status {
    storage::insert_person(db, someone("a@example.com"), "");
    return conflict("changed my mind");
  });
  EXPECT_FALSE(s);
  EXPECT_EQ(people(), 0);
}

TEST_P(StoreTest, AFailedCommitLeavesNothingBehind) {
  store_->fail_commits_for_test([] { return true; });
  Status s = store_->write([](sql::Connection& db) -> Status {
    storage::insert_person(db, someone("a@example.com"), "");
    storage::insert_person(db, someone("b@example.com"), "");
    return {};
  });
  store_->fail_commits_for_test(nullptr);
  EXPECT_FALSE(s);
  EXPECT_EQ(people(), 0);
}

TEST_P(StoreTest, AnExceptionInTheWorkRollsBackAndPropagates) {
  EXPECT_THROW(store_->write([](sql::Connection& db) -> Status {
    storage::insert_person(db, someone("a@example.com"), "");
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  EXPECT_EQ(people(), 0);
}

TEST_P(StoreTest, APersonsSkillsAndFormerManagersReadBackInTheirOrderAloneAndOnAPage) {
  PersonId ann = 0;
  // More than ten, so that position 10 must come after 9, not after 1; names holding the
  // separators of the stored form (colons, digits, commas) and text of several bytes a character.
  const std::vector<Skill> ann_skills = {
      {"Zig", 2},   {"Ada: 3:5:x", 5}, {"Moss, ökologie 🌱", 1}, {"7", 4},   {"", 1},    {"a:b", 3},
      {"Ölfeld", 2}, {"C++", 5},      {"12:", 1},               {"日本語", 4}, {":", 2}, {"Last", 3}};
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    const PersonId m1 = storage::insert_person(db, someone("m1@example.com"), "");
    const PersonId m2 = storage::insert_person(db, someone("m2@example.com"), "");
    Person p = someone("ann@example.com");
    p.skills = ann_skills;
    p.former_manager_ids = {m2, m1};
    ann = storage::insert_person(db, p, "");
    storage::AuthToken token;
    token.token_hash = "ann-token";
    token.person_id = ann;
    token.kind = "api";
    token.expires_at = TimePoint(Seconds(4'000'000'000));
    storage::insert_token(db, token);
    Person q = someone("bo@example.com");
    q.skills = {{"Go", 3}};
    storage::insert_person(db, q, "");
    return {};
  }));
  auto check = [&](const Person& p) {
    if (p.id == ann) {
      ASSERT_EQ(p.skills.size(), ann_skills.size());
      for (std::size_t i = 0; i < ann_skills.size(); ++i) {
        EXPECT_EQ(p.skills[i].name, ann_skills[i].name) << i;
        EXPECT_EQ(p.skills[i].level, ann_skills[i].level) << i;
      }
      ASSERT_EQ(p.former_manager_ids.size(), 2u);
      EXPECT_LT(p.former_manager_ids[0], p.former_manager_ids[1]);
    } else if (p.email == "bo@example.com") {
      ASSERT_EQ(p.skills.size(), 1u);
      EXPECT_EQ(p.skills[0].name, "Go");
      EXPECT_EQ(p.skills[0].level, 3);
      EXPECT_TRUE(p.former_manager_ids.empty());
    } else {
      EXPECT_TRUE(p.skills.empty());
      EXPECT_TRUE(p.former_manager_ids.empty());
    }
  };
  ASSERT_TRUE(store_->read([&](sql::Connection& db) -> Status {
    auto alone = storage::find_person(db, ann);
    EXPECT_TRUE(alone);
    if (alone) check(*alone);
    // As a request's caller, read with the token that signs them in.
    auto caller = storage::find_signed_in(db, "ann-token", TimePoint(Seconds(1'000'000'000)));
    EXPECT_TRUE(caller);
    if (caller) check(caller->person);
    const auto page = storage::list_people(db, std::nullopt, 10, false);
    EXPECT_EQ(page.people.size(), 4u);
    for (const Person& p : page.people) check(p);
    std::vector<PersonId> ids;
    for (const Person& p : page.people) ids.push_back(p.id);
    const auto by_ids = storage::people_with_ids(db, ids);
    EXPECT_EQ(by_ids.size(), 4u);
    for (const Person& p : by_ids) check(p);
    // Views that only name people read what names them, and nothing else.
    const auto named = storage::people_named_with_ids(db, {ids[3], ann, ids[0], 999999});
    EXPECT_EQ(named.size(), 3u);
    for (const Person& p : named) {
      EXPECT_TRUE(p.skills.empty()) << p.email;
      EXPECT_TRUE(p.former_manager_ids.empty()) << p.email;
      EXPECT_TRUE(p.bio.empty()) << p.email;
      const auto full = std::find_if(by_ids.begin(), by_ids.end(), [&](const Person& f) { return f.id == p.id; });
      if (full == by_ids.end()) {
        ADD_FAILURE() << "not among people_with_ids: " << p.email;
        continue;
      }
      EXPECT_EQ(p.email, full->email);
      EXPECT_EQ(p.name, full->name);
      EXPECT_EQ(p.title, full->title);
      EXPECT_EQ(p.timezone, full->timezone);
      EXPECT_EQ(p.active, full->active);
    }
    return {};
  }));
  // Locked for a change (FOR UPDATE on PostgreSQL), the same record.
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    auto locked = storage::find_person_for_update(db, ann);
    EXPECT_TRUE(locked);
    if (locked) check(*locked);
    return {};
  }));
}

// A page's details are read by id range when its ids lie close together and by id list when they
// are scattered (most people between them inactive): either way each person gets their own.
TEST_P(StoreTest, APageOfPeopleCarriesEachOnesOwnDetailsWhetherTheirIdsLieCloseOrScattered) {
  std::vector<PersonId> ids;
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    const PersonId manager = storage::insert_person(db, someone("manager@example.com"), "");
    for (int i = 0; i < 60; ++i) {
      Person p = someone("p" + std::to_string(i) + "@example.com");
      p.skills = {{"skill of " + p.email, 1 + i % 5}, {"second of " + p.email, 2}};
      if (i % 3 == 0) p.former_manager_ids = {manager};
      p.id = storage::insert_person(db, p, "");
      // The first twenty stay active; after them only every seventh does.
      if (i >= 20 && i % 7 != 0) {
        p.active = false;
        storage::update_person(db, p);
      }
      ids.push_back(p.id);
    }
    return {};
  }));
  auto check = [](const Person& p) {
    ASSERT_EQ(p.skills.size(), 2u) << p.email;
    EXPECT_EQ(p.skills[0].name, "skill of " + p.email);
    EXPECT_EQ(p.skills[1].name, "second of " + p.email);
    const int i = std::stoi(p.email.substr(1));
    EXPECT_EQ(p.former_manager_ids.size(), i % 3 == 0 ? 1u : 0u) << p.email;
  };
  ASSERT_TRUE(store_->read([&](sql::Connection& db) -> Status {
    std::size_t seen = 0;
    std::optional<PersonId> after;
    for (;;) {
      const auto page = storage::list_people(db, after, 8, false);
      for (const Person& p : page.people)
        if (p.email != "manager@example.com") check(p);
      seen += page.people.size();
      if (!page.next_cursor) break;
      after = page.next_cursor;
    }
    EXPECT_EQ(seen, 1u + 20u + 6u);  // the manager, p0-p19, and p21, p28, p35, p42, p49, p56
    const auto everyone = storage::list_people(db, std::nullopt, 100, true);
    EXPECT_EQ(everyone.people.size(), 61u);
    for (const Person& p : everyone.people)
      if (p.email != "manager@example.com") check(p);
    const auto scattered = storage::people_with_ids(db, {ids[1], ids[29], ids[58]});
    EXPECT_EQ(scattered.size(), 3u);
    for (const Person& p : scattered) check(p);
    // Ids close together with gaps (a page of which a reader holds some already), in any order and
    // repeated, are read as one range: the people in the gaps are passed over, not returned.
    const std::vector<PersonId> close = {ids[22], ids[10], ids[12], ids[14], ids[16],
                                         ids[18], ids[20], ids[21], ids[12]};
    auto emails = [](const std::vector<Person>& people) {
      std::vector<std::string> out;
      for (const Person& p : people) out.push_back(p.email);
      return out;
    };
    const std::vector<std::string> asked = {"p10@example.com", "p12@example.com", "p14@example.com", "p16@example.com",
                                            "p18@example.com", "p20@example.com", "p21@example.com", "p22@example.com"};
    const auto in_range = storage::people_with_ids(db, close);
    EXPECT_EQ(emails(in_range), asked);
    for (const Person& p : in_range) check(p);
    EXPECT_EQ(emails(storage::people_named_with_ids(db, close)), asked);
    // p20 and p22 are inactive; p21 is active (every seventh after the first twenty).
    EXPECT_EQ(emails(storage::active_people_with_ids(db, close)),
              (std::vector<std::string>{"p10@example.com", "p12@example.com", "p14@example.com", "p16@example.com",
                                        "p18@example.com", "p21@example.com"}));
    return {};
  }));
}

// One's own profile reads the requests one received and whether one has a password in one
// statement: the same requests as requests_received_by, and a person with neither still answers.
TEST_P(StoreTest, OwnProfileFactsAreTheRequestsReceivedAndWhetherThereIsAPassword) {
  PersonId mentor = 0, newcomer = 0;
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    mentor = storage::insert_person(db, someone("mentor@example.com"), "a-hash");
    newcomer = storage::insert_person(db, someone("newcomer@example.com"), "");
    const PersonId mentee = storage::insert_person(db, someone("mentee@example.com"), "");
    for (int i = 0; i < 3; ++i) {
      Relationship r;
      r.mentee_id = mentee;
      r.mentor_id = mentor;
      r.initiator_id = i == 2 ? mentor : mentee;  // the third was the mentor's own offer, not a request
      r.state = i == 0 ? RelState::active : RelState::requested;
      r.requested_at = TimePoint(Seconds(1'700'000'000 + i));
      if (i == 0) r.answered_at = TimePoint(Seconds(1'700'003'600));
      storage::insert_relationship(db, r);
    }
    return {};
  }));
  ASSERT_TRUE(store_->read([&](sql::Connection& db) -> Status {
    const auto facts = storage::own_profile_facts(db, mentor);
    EXPECT_TRUE(facts.has_password);
    const auto received = storage::requests_received_by(db, mentor);
    EXPECT_EQ(received.size(), 2u);
    EXPECT_EQ(facts.received.size(), received.size());
    for (const auto& r : received) {
      const auto same = std::find_if(facts.received.begin(), facts.received.end(), [&](const ReceivedRequest& f) {
        return f.requested_at == r.requested_at && f.answered_at == r.answered_at && f.state == r.state;
      });
      EXPECT_NE(same, facts.received.end());
    }
    const auto none = storage::own_profile_facts(db, newcomer);
    EXPECT_FALSE(none.has_password);
    EXPECT_TRUE(none.received.empty());
    return {};
  }));
}

// A change that leaves the indexed columns (e-mail, department, manager, employee id) as they were
// writes only the others; one that changes any of them writes them all. Either way the record
// reads back as written, and its version goes up by one.
TEST_P(StoreTest, AProfileChangeReadsBackAsWrittenWhetherOrNotItTouchesTheIndexedColumns) {
  PersonId boss = 0, ann = 0;
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    boss = storage::insert_person(db, someone("boss@example.com"), "");
    Person p = someone("ann@example.com");
    p.department = "Research";
    p.employee_id = "E-1";
    ann = storage::insert_person(db, p, "");
    return {};
  }));
  auto change = [&](const std::function<void(Person&)>& edit) {
    Person after;
    EXPECT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      const Person before = *storage::find_person(db, ann);
      after = before;
      edit(after);
      storage::update_person(db, before, after);
      return {};
    }));
    std::optional<Person> read;
    EXPECT_TRUE(store_->read([&](sql::Connection& db) -> Status {
      read = storage::find_person(db, ann);
      return {};
    }));
    return std::make_pair(after, *read);
  };
  auto [bio_only, bio_read] = change([](Person& p) { p.bio = "Likes proofs"; });
  EXPECT_EQ(bio_read.bio, "Likes proofs");
  EXPECT_EQ(bio_read.email, "ann@example.com");
  EXPECT_EQ(bio_read.department, "Research");
  EXPECT_EQ(bio_read.employee_id, "E-1");
  EXPECT_EQ(bio_read.row_version, bio_only.row_version + 1);
  auto [indexed, indexed_read] = change([&](Person& p) {
    p.email = "ann.l@example.com";
    p.department = "Engines";
    p.manager_id = boss;
    p.employee_id.clear();
    p.title = "Analyst";
  });
  EXPECT_EQ(indexed_read.email, "ann.l@example.com");
  EXPECT_EQ(indexed_read.department, "Engines");
  EXPECT_EQ(indexed_read.manager_id, boss);
  EXPECT_EQ(indexed_read.employee_id, "");
  EXPECT_EQ(indexed_read.title, "Analyst");
  EXPECT_EQ(indexed_read.bio, "Likes proofs");
  EXPECT_EQ(indexed_read.row_version, indexed.row_version + 1);
  ASSERT_TRUE(store_->read([&](sql::Connection& db) -> Status {
    EXPECT_FALSE(storage::find_person_by_email(db, "ann@example.com"));
    EXPECT_TRUE(storage::find_person_by_email(db, "ann.l@example.com"));
    return {};
  }));
}

TEST_P(StoreTest, WhileReadsOnlyLivesOnAThreadItsWritesFailAtOnceAndItsReadsRun) {
  bool ran = false;
  {
    const Store::ReadsOnly reads_only;
    const Status s = store_->write([&](sql::Connection& db) -> Status {
      ran = true;
      storage::insert_person(db, someone("a@example.com"), "");
      return {};
    });
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::internal);
    EXPECT_FALSE(ran);
    EXPECT_FALSE(store_->write_value<int>([](sql::Connection&) -> Result<int> { return 1; }));
    EXPECT_EQ(people(), 0);  // reads still run
    // Another thread is not held to it.
    std::thread other([&] {
      EXPECT_TRUE(store_->write([](sql::Connection& db) -> Status {
        storage::insert_person(db, someone("b@example.com"), "");
        return {};
      }));
    });
    other.join();
  }
  EXPECT_EQ(people(), 1);
  EXPECT_TRUE(store_->write([](sql::Connection& db) -> Status {
    storage::insert_person(db, someone("a@example.com"), "");
    return {};
  }));
  EXPECT_EQ(people(), 2);
}

TEST_P(StoreTest, APersonsRelationshipsPageByPageAreEveryOneOfThemNewestFirstWhateverTheRoleAndState) {
  // 150 relationships: a third with the subject as mentee, a third as mentor, a third between
  // two others, and one with the subject on both sides; states in turn. Every page of 7, followed by its cursor,
  // against the list.
  struct Row {
    RelationshipId id;
    PersonId mentee, mentor;
    RelState state;
  };
  std::vector<Row> rows;
  PersonId subject = 0, b = 0, c = 0;
  const RelState states[] = {RelState::requested, RelState::withdrawn, RelState::active, RelState::declined};
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    subject = storage::insert_person(db, someone("subject@example.com"), "");
    b = storage::insert_person(db, someone("b@example.com"), "");
    c = storage::insert_person(db, someone("c@example.com"), "");
    for (int i = 0; i < 150; ++i) {
      Relationship r;
      r.mentee_id = i % 3 == 0 ? subject : (i % 3 == 1 ? c : b);
      r.mentor_id = i % 3 == 0 ? b : (i % 3 == 1 ? subject : c);
      // One row with the subject on both sides (no use case makes one): listed once all the same.
      if (i == 75) r.mentor_id = subject;
      r.initiator_id = r.mentee_id;
      r.state = states[(i / 3 + i) % 4];
      rows.push_back({storage::insert_relationship(db, r), r.mentee_id, r.mentor_id, r.state});
    }
    return {};
  }));
  // Each page names its participants, each once, with what names them, and nobody else.
  const std::map<PersonId, std::string> emails = {
      {subject, "subject@example.com"}, {b, "b@example.com"}, {c, "c@example.com"}};
  auto check_named = [&](const storage::RelationshipsPage& page) {
    std::set<PersonId> participants, named;
    for (const Relationship& r : page.relationships) participants.insert({r.mentee_id, r.mentor_id});
    for (const Person& p : page.named) {
      EXPECT_TRUE(named.insert(p.id).second) << "named twice: " << p.id;
      EXPECT_EQ(p.email, emails.at(p.id));
      EXPECT_EQ(p.name, "Someone");
      EXPECT_TRUE(p.active);
    }
    EXPECT_EQ(named, participants);
  };
  for (const std::optional<Role> role : {std::optional<Role>{}, std::optional<Role>{Role::mentee}, std::optional<Role>{Role::mentor}})
    for (const std::optional<RelState> state : {std::optional<RelState>{}, std::optional<RelState>{RelState::withdrawn}}) {
      std::vector<RelationshipId> expected;
      for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        const bool as_mentee = it->mentee == subject, as_mentor = it->mentor == subject;
        if (!role ? !(as_mentee || as_mentor) : (*role == Role::mentee ? !as_mentee : !as_mentor)) continue;
        if (state && it->state != *state) continue;
        expected.push_back(it->id);
      }
      std::vector<RelationshipId> seen;
      std::optional<RelationshipId> before;
      for (int pages = 0; pages < 100; ++pages) {
        const auto page = *store_->read_value<std::vector<Relationship>>(
            [&](sql::Connection& db) -> Result<std::vector<Relationship>> {
              auto read = storage::relationships_page(db, subject, state, role, before, 7);
              check_named(read);
              return std::move(read.relationships);
            });
        for (const Relationship& r : page) seen.push_back(r.id);
        if (page.size() < 7) break;
        before = page.back().id;
      }
      EXPECT_EQ(seen, expected) << "role " << (role ? static_cast<int>(*role) : -1) << ", state "
                                << (state ? to_string(*state) : "any");
    }
}

TEST_P(StoreTest, ADuplicateEmailBecomesAConflict) {
  ASSERT_TRUE(store_->write([](sql::Connection& db) -> Status {
    storage::insert_person(db, someone("a@example.com"), "");
    return {};
  }));
  Status s = store_->write([](sql::Connection& db) -> Status {
    storage::insert_person(db, someone("a@example.com"), "");
    return {};
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::conflict);
}

// Check-then-insert from many threads: the transactions serialise (SQLite's writer lock,
// PostgreSQL's serializable isolation with retries), so the rule holds exactly.
TEST_P(StoreTest, RacingCheckThenActWritesHaveExactlyOneWinner) {
  const int wins = race([&](int i) {
    return store_->write([&](sql::Connection& db) -> Status {
      if (storage::count_people(db) > 0) return conflict("the place is taken");
      storage::insert_person(db, someone("racer" + std::to_string(i) + "@example.com"), "");
      return {};
    });
  });
  EXPECT_EQ(wins, 1);
  EXPECT_EQ(people(), 1);
}

// The same race at READ COMMITTED: the lock on one person's row is what makes the writers take
// turns, and each one's count after the lock sees what the one before committed.
TEST_P(StoreTest, CheckThenActWritesGuardedByAPersonsRowLockHaveExactlyOneWinner) {
  PersonId holder = 0;
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    holder = storage::insert_person(db, someone("holder@example.com"), "");
    return {};
  }));
  auto version = [&] {
    return store_->read_value<std::int64_t>(
        [&](sql::Connection& db) -> Result<std::int64_t> { return storage::find_person(db, holder)->row_version; });
  };
  const auto version_before = version();
  ASSERT_TRUE(version_before);
  const int wins = race([&](int i) {
    return store_->write_locking_rows([&](sql::Connection& db) -> Status {
      storage::lock_people(db, {holder});
      if (storage::count_people(db) > 1) return conflict("the place is taken");
      storage::insert_person(db, someone("racer" + std::to_string(i) + "@example.com"), "");
      return {};
    });
  });
  EXPECT_EQ(wins, 1);
  EXPECT_EQ(people(), 2);
  // The lock changes no value: a cached caller (checked by row_version) stays valid.
  EXPECT_EQ(*version(), *version_before);
}

// A SERIALIZABLE writer that counted before a READ COMMITTED writer locked the same person and
// committed must not act on its old count: its own lock of that person fails it, and the retry
// counts again.
TEST_P(StoreTest, ASerializableWriteThatCountedBeforeAnotherLockedThePersonIsRetriedAndCountsAgain) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "SQLite's writers take turns: no write starts inside another";
  PersonId holder = 0;
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    holder = storage::insert_person(db, someone("holder@example.com"), "");
    return {};
  }));
  int attempts = 0;
  Status s = store_->write([&](sql::Connection& db) -> Status {
    ++attempts;
    const long long before = storage::count_people(db);
    if (attempts == 1) {
      // Another writer comes and goes between this one's count and its lock.
      std::thread([&] {
        ASSERT_TRUE(store_->write_locking_rows([&](sql::Connection& other) -> Status {
          storage::lock_people(other, {holder});
          storage::insert_person(other, someone("first@example.com"), "");
          return {};
        }));
      }).join();
    }
    storage::lock_people(db, {holder});
    if (before > 1) return conflict("the place is taken");
    storage::insert_person(db, someone("second@example.com"), "");
    return {};
  });
  EXPECT_EQ(attempts, 2);
  EXPECT_FALSE(s);
  EXPECT_EQ(people(), 2);
}

TEST_P(StoreTest, ARowThatCannotBeReadIsAnErrorThatSaysSoNotADefault) {
  Status written = store_->write([](sql::Connection& db) -> Status {
    Relationship r;
    r.mentee_id = storage::insert_person(db, someone("mentee@example.com"), "");
    r.mentor_id = storage::insert_person(db, someone("mentor@example.com"), "");
    r.initiator_id = r.mentee_id;
    const RelationshipId id = storage::insert_relationship(db, r);
    db.execute("UPDATE relationships SET state = 'vanished' WHERE id = ?", std::vector<sql::Value>{id});
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
  auto read = store_->read_value<Relationship>([](sql::Connection& db) -> Result<Relationship> {
    return *storage::find_relationship(db, 1);
  });
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::internal);
  EXPECT_NE(read.error().message.find("\"vanished\""), std::string::npos) << read.error().message;
}

TEST_P(StoreTest, AfterTheDatabaseDropsEveryConnectionTheNextTransactionStillSucceeds) {
  if (GetParam() != "postgres") GTEST_SKIP() << "PostgreSQL only: a restart or failover ends every session";
  // Open all four pooled connections at once, so four stale ones wait in the pool afterwards.
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i)
    readers.emplace_back([this] {
      EXPECT_TRUE(store_->read([](sql::Connection& db) -> Status {
        db.execute("SELECT pg_sleep(0.2)");
        return {};
      }));
    });
  for (auto& t : readers) t.join();
  // What a restart does to them: every other session of this database is ended.
  test::PgCluster* cluster = test::shared_pg_cluster();
  auto admin = sql::connect(cluster->url());
  const std::string database = *store_->read_value<std::string>(
      [](sql::Connection& db) -> Result<std::string> { return db.execute("SELECT current_database()").rows[0].text(0); });
  const auto ended = admin->execute(
      "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?) AS t",
      std::vector<sql::Value>{database});
  EXPECT_EQ(ended.rows[0].int64(0), 4);
  // One lost connection tells the pool the others are lost too: the retry gets a fresh one.
  EXPECT_TRUE(store_->read([](sql::Connection& db) -> Status {
    db.execute("SELECT 1");
    return {};
  }));
  EXPECT_EQ(people(), 0);
}

TEST_P(StoreTest, AnExclusiveJobRunsOnOneStoreAtATimeAndTheOtherSkipsOrWaits) {
  // Two Stores on one database, as two servers would be (on SQLite, one process's Store).
  std::unique_ptr<Store> other_store;
  Store* other = store_.get();
  if (GetParam() == "postgres") {
    auto opened = Store::open(store_->url(), 4);
    ASSERT_TRUE(opened) << opened.error().message;
    other_store = std::move(*opened);
    other = other_store.get();
  }
  constexpr std::int64_t kJob = 4242;
  std::atomic<bool> holding{false};
  std::atomic<bool> release{false};
  std::thread first([&] {
    auto ran = store_->run_exclusive(kJob, false, [&] {
      holding = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    });
    EXPECT_TRUE(ran && *ran);
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  bool second_ran = false;
  auto skipped = other->run_exclusive(kJob, false, [&] { second_ran = true; });
  ASSERT_TRUE(skipped) << skipped.error().message;
  EXPECT_FALSE(*skipped);
  EXPECT_FALSE(second_ran);
  // A waiting caller runs once the holder is done, and not before.
  std::atomic<bool> waited_ran{false};
  std::thread waiter([&] {
    auto ran = other->run_exclusive(kJob, true, [&] { waited_ran = true; });
    EXPECT_TRUE(ran && *ran);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(waited_ran);
  release = true;
  first.join();
  waiter.join();
  EXPECT_TRUE(waited_ran);
  // Released: the next try runs.
  auto again = other->run_exclusive(kJob, false, [] {});
  EXPECT_TRUE(again && *again);
}

TEST(StoreOnSqlite, AFullDiskIsAClearUnavailableErrorAndNothingIsWritten) {
  const std::string url = ::testing::TempDir() + "store_full_" + std::to_string(::getpid()) + ".db";
  std::remove(url.c_str());
  auto opened = Store::open(url, 1);  // one connection, so the page limit below holds for every write
  ASSERT_TRUE(opened) << opened.error().message;
  Store& store = **opened;
  ASSERT_TRUE(store.migrate(0));
  // A database that may not grow: what SQLite meets when the disk is full.
  ASSERT_TRUE(store.write([](sql::Connection& db) -> Status {
    const auto pages = db.execute("PRAGMA page_count").rows[0].int64(0);
    db.execute("PRAGMA max_page_count = " + std::to_string(pages));
    return {};
  }));
  auto count = [&] {
    return *store.read_value<long long>([](sql::Connection& db) -> Result<long long> { return storage::count_people(db); });
  };
  const long long before = count();
  Status s = store.write([](sql::Connection& db) -> Status {
    for (int i = 0; i < 200; ++i) {
      Person p = someone("full" + std::to_string(i) + "@example.com");
      p.bio = std::string(4000, 'x');
      storage::insert_person(db, p, "");
    }
    return {};
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::unavailable);
  EXPECT_NE(s.error().message.find("disk full"), std::string::npos) << s.error().message;
  EXPECT_EQ(count(), before);
  std::remove(url.c_str());
}

TEST_P(StoreTest, SearchFoldsCaseOutsideAsciiAndAnEmptiedIndexIsRebuiltWhenTheStoreMigrates) {
  Person p = someone("zoe@example.com");
  p.name = "Zoë Ångström";
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::insert_person(db, p, "");
    return {};
  }));
  auto found = [&](const std::string& query) {
    auto hits = store_->read_value<std::size_t>(
        [&](sql::Connection& db) -> Result<std::size_t> { return storage::search_people(db, query).size(); });
    return hits ? *hits : std::size_t{0};
  };
  for (const char* query : {"ångström", "ÅNGSTRÖM", "ZOË", "zoë ångström"}) EXPECT_EQ(found(query), 1u) << query;

  // A migration that changes how entries are written empties the index; starting rebuilds it.
  ASSERT_TRUE(store_->write([](sql::Connection& db) -> Status {
    db.execute("DELETE FROM people_search");
    return {};
  }));
  EXPECT_EQ(found("ångström"), 0u);
  ASSERT_TRUE(store_->migrate(0));
  EXPECT_EQ(found("ångström"), 1u);
}

// Each edit adds to the search index (on SQLite a new FTS5 segment, merged with others as they
// gather): the latest words are found and replaced ones are not, through many merges.
TEST_P(StoreTest, SearchFindsTheLatestProfileThroughManyEdits) {
  Person p = someone("edited@example.com");
  p.bio = "word0";
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    p.id = storage::insert_person(db, p, "");
    return {};
  }));
  auto found = [&](const std::string& query) {
    auto hits = store_->read_value<std::size_t>(
        [&](sql::Connection& db) -> Result<std::size_t> { return storage::search_people(db, query).size(); });
    return hits ? *hits : std::size_t{99};
  };
  for (int edit = 1; edit <= 40; ++edit) {
    p.bio = "mentors in word" + std::to_string(edit) + "x";
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      storage::update_person(db, p);
      return {};
    }));
    EXPECT_EQ(found("word" + std::to_string(edit) + "x"), 1u) << edit;
    EXPECT_EQ(found("word" + std::to_string(edit - 1) + "x"), 0u) << edit;
  }
}

INSTANTIATE_TEST_SUITE_P(BothStores, StoreTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace mh
