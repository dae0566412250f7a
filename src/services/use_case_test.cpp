// What every use case stands on (use_case.hpp): who may load a relationship, when its content may
// change, required text, a state change the domain refuses (nothing written, nothing recorded),
// a notice written once per person, kind, subject and occasion, and the pages notices link to.
#include "services/use_case.hpp"

#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

class UseCaseTest : public ServicesTest {};

TEST_F(UseCaseTest, OnlyItsTwoParticipantsLoadARelationshipAdministratorsIncluded) {
  const Relationship r = requested();
  const Person admin = administrator();
  for (const auto& load : {participant_relationship, changing_relationship}) {
    auto as = [&](const Person& who, RelationshipId id) {
      return store_->write_value<Relationship>([&](sql::Connection& db) { return load(db, who, id); });
    };
    EXPECT_TRUE(as(mentee_, r.id));
    EXPECT_TRUE(as(mentor_, r.id));
    EXPECT_EQ(code_of(as(stranger_, r.id)), "forbidden");
    EXPECT_EQ(code_of(as(manager_, r.id)), "forbidden") << "the mentee's manager sees nothing";
    EXPECT_EQ(code_of(as(admin, r.id)), "forbidden") << "administrators see states and counts elsewhere";
    EXPECT_EQ(code_of(as(mentee_, r.id + 100)), "not_found");
  }
  EXPECT_TRUE(require_participant(r, mentor_));
  EXPECT_EQ(code_of(require_participant(r, stranger_)), "forbidden");
}

TEST_F(UseCaseTest, ContentChangesOnlyWhileTheRelationshipIsWorkable) {
  Relationship r = accepted();
  EXPECT_TRUE(require_workable(r));
  r.state = RelState::requested;
  EXPECT_EQ(code_of(require_workable(r)), "conflict");
  r.state = RelState::concluded;
  const Status read_only = require_workable(r);
  EXPECT_EQ(code_of(read_only), "conflict");
  EXPECT_EQ(field_of(read_only), "state");
  EXPECT_NE(read_only.error().message.find("read-only"), std::string::npos);
}

TEST_F(UseCaseTest, RequiredTextIsPresentNotBlankAndNotTooLong) {
  EXPECT_TRUE(check_required_text("reason", "We met our goals", 100));
  for (const std::string blank : {"", "  \t\r\n"}) {
    const Status s = check_required_text("reason", blank, 100);
    expect_invalid(s, "reason");
  }
  EXPECT_EQ(field_of(check_required_text("reason", std::string(101, 'x'), 100)), "reason");
}

TEST_F(UseCaseTest, AStateChangeTheDomainRefusesWritesAndRecordsNothing) {
  const Relationship r = requested();
  auto refused = run_status(kMonday, [&](UseCase& uc) -> Status {
    Relationship x = r;
    MH_CHECK(uc.change_state(x, RelState::concluded, mentee_.id, "skipping ahead"));
    return {};
  });
  EXPECT_EQ(code_of(refused.result), "conflict");
  EXPECT_TRUE(refused.events.empty());
  EXPECT_EQ(relationship(r.id).state, RelState::requested);
}

TEST_F(UseCaseTest, ANoticeIsWrittenOncePerPersonKindSubjectAndOccasionAndLinksToItsPage) {
  const Relationship r = accepted();
  auto notify = [&](const std::string& occasion) {
    return run<std::optional<std::int64_t>>(kMonday, [&](UseCase& uc) -> Result<std::optional<std::int64_t>> {
      return uc.notify(relationship_notice(r, mentee_.id, "plan_reminder", "Add a task", "plan").on(occasion));
    });
  };
  auto first = notify("week:1");
  ASSERT_TRUE(first.result);
  EXPECT_TRUE(first.result->has_value());
  EXPECT_EQ(notifications_in(first.events), (std::vector<std::pair<PersonId, std::string>>{{mentee_.id, "plan_reminder"}}));
  auto again = notify("week:1");
  EXPECT_FALSE(again.result->has_value());
  EXPECT_TRUE(again.events.empty());
  EXPECT_TRUE(notify("week:2").result->has_value());
  EXPECT_EQ(notifications_of(mentee_).front().link, "/relationships/" + std::to_string(r.id) + "#plan");
  EXPECT_EQ(relationship_page(7), "/relationships/7");
  EXPECT_EQ(circle_page(3), "/circles/3");
  EXPECT_EQ(person_page(5), "/people/5");
  EXPECT_EQ(circle_notice(3, mentee_.id, "circle_joined", "x").subject, "circle:3");
}

}  // namespace
}  // namespace mh::services
