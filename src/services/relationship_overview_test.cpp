// The administrator's relationships overview on a real (in-memory) store: every state counted,
// each relationship's program named, one program's relationships alone, and administrators only.
#include "services/relationship_overview.hpp"

#include "services/programs.hpp"
#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

class RelationshipOverviewTest : public AdminServicesTest {
 protected:
  Result<RelationshipOverview> overview(const Person& as, OverviewFilter filter = {}, TimePoint now = kMonday) {
    return store_->read_value<RelationshipOverview>(
        [&](sql::Connection& db) { return relationship_overview(db, as, filter, now, rules_); });
  }

  storage::ProgramId graduates() {
    ProgramFields f;
    f.name = "Graduates";
    auto id = store_->write_value<storage::ProgramId>(
        [&](sql::Connection& db) { return create_program(db, admin_, f, "{}", kMonday); });
    EXPECT_TRUE(id) << id.error().message;
    return *id;
  }

  // Sam's request to Daniel, which stays unanswered.
  Relationship samAsks() {
    auto ran = request_from(stranger_, ask(stranger_, mentor_));
    EXPECT_TRUE(ran.result) << ran.result.error().message;
    return *ran.result;
  }
};

TEST_F(RelationshipOverviewTest, OnlyAdministratorsSeeIt) {
  accepted();
  EXPECT_EQ(code_of(overview(mentee_)), "forbidden");
  EXPECT_EQ(code_of(overview(mentor_)), "forbidden");
  EXPECT_EQ(code_of(overview(manager_)), "forbidden");
}

TEST_F(RelationshipOverviewTest, AProgramThatDoesNotExistIsInvalidNamingIt) {
  OverviewFilter filter;
  filter.program = 999999;
  const auto refused = overview(admin_, filter);
  expect_invalid(refused, "program_id");
}

TEST_F(RelationshipOverviewTest, CountsEveryStateAndNamesEachRelationshipsProgram) {
  const Relationship started = accepted();
  const Relationship asked = samAsks();
  auto o = overview(admin_);
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->counts.size(), 10u);
  EXPECT_EQ(o->counts.at(RelState::starting), 1);
  EXPECT_EQ(o->counts.at(RelState::requested), 1);
  EXPECT_EQ(o->counts.at(RelState::concluded), 0);
  ASSERT_EQ(o->items.size(), 2u);
  EXPECT_EQ(o->items[0].relationship.id, started.id);
  EXPECT_EQ(o->items[1].relationship.id, asked.id);
  const auto fallback = *store_->read_value<storage::ProgramRecord>(
      [&](sql::Connection& db) -> Result<storage::ProgramRecord> { return storage::default_program(db); });
  for (const auto& row : o->items) {
    EXPECT_EQ(row.facts.program_id, fallback.id);
    EXPECT_EQ(row.facts.program, fallback.fields.name);
  }
}

TEST_F(RelationshipOverviewTest, OneProgramsRelationshipsAndCountsAlone) {
  const Relationship started = accepted();
  samAsks();
  const storage::ProgramId p = graduates();
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::set_relationship_program(db, started.id, p);
    return {};
  }));
  auto o = overview(admin_, {.state = std::nullopt, .program = p});
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->counts.at(RelState::starting), 1);
  EXPECT_EQ(o->counts.at(RelState::requested), 0);
  ASSERT_EQ(o->items.size(), 1u);
  EXPECT_EQ(o->items[0].facts.program, "Graduates");
  // A state filter narrows the list, never the counts.
  auto requested = overview(admin_, {.state = RelState::requested, .program = p});
  ASSERT_TRUE(requested);
  EXPECT_TRUE(requested->items.empty());
  EXPECT_EQ(requested->counts.at(RelState::starting), 1);
  EXPECT_EQ(field_of(overview(admin_, {.state = std::nullopt, .program = p + 1000})), "program_id");
}

TEST_F(RelationshipOverviewTest, APairWithoutAPurposeAWeekAfterAcceptingHasNotStarted) {
  accepted();
  EXPECT_EQ(overview(admin_, {}, kMonday + days(1))->not_started, 0);
  auto late = overview(admin_, {}, kMonday + days(8));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->not_started, 1);
  EXPECT_TRUE(late->items[0].not_started);
}

}  // namespace
}  // namespace mh::services
