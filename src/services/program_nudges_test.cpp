// Nudging stalled pairs (services/program_nudges.hpp): only an administrator nudges; the fading
// pairs are asked to meet or conclude and the pairs not started to agree a purpose, both people
// of each, once a day at most, with the administrator's note; pairs not stalled that way are
// left alone and counted; the nudge is audited without naming anyone or any content.
#include "services/program_nudges.hpp"

#include "services/admin_audit.hpp"
#include "services/conclusion.hpp"
#include "services/testing.hpp"
#include "services/workspace.hpp"

namespace mh::services {
namespace {

using namespace testing;

class ProgramNudgesTest : public AdminServicesTest {
 protected:
  void SetUp() override {
    AdminServicesTest::SetUp();
    fading_ = faded();
    olga_ = person("Olga Mentee", "olga@example.com", 0);
    auto asked = request_from(olga_, ask(olga_, mentor_));
    ASSERT_TRUE(asked.result) << asked.result.error().message;
    auto answered = run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, mentor_, asked.result->id); });
    ASSERT_TRUE(answered.result) << answered.result.error().message;
    starting_ = answered.result->id;
  }

  // The fixture's pair, active on kMonday with an agreed purpose, faded by kLate without a meeting.
  RelationshipId faded() {
    const Relationship r = with_agreed_purpose();
    auto check = run<LifecycleStep>(kLate, [&](UseCase& uc) { return check_lifecycle(uc, r.id); });
    EXPECT_EQ(check.result ? *check.result : LifecycleStep::none, LifecycleStep::faded);
    EXPECT_EQ(relationship(r.id).state, RelState::fading);
    return r.id;
  }

  Ran<NudgeReport> nudge(const Person& who, Stalled which, std::vector<RelationshipId> only = {},
                         const std::string& note = "", TimePoint at = kLate) {
    NudgeInput in;
    in.which = which;
    in.only = std::move(only);
    in.note = note;
    return run<NudgeReport>(at, [&](UseCase& uc) { return nudge_stalled_pairs(uc, who, in); });
  }
  std::vector<storage::Notification> nudges_of(const Person& p) {
    std::vector<storage::Notification> out;
    for (auto& n : notifications_of(p))
      if (n.kind == "program_nudge") out.push_back(std::move(n));
    return out;
  }
  static void expect_report(const NudgeReport& r, int pairs, int people, int already_today, int not_stalled) {
    EXPECT_EQ(r.pairs, pairs);
    EXPECT_EQ(r.people, people);
    EXPECT_EQ(r.already_today, already_today);
    EXPECT_EQ(r.not_stalled, not_stalled);
  }

  static inline const TimePoint kLate = kMonday + days(29);  // past twice the default cadence
  Person olga_;
  RelationshipId fading_ = 0, starting_ = 0;
};

TEST_F(ProgramNudgesTest, NobodyButAnAdministratorNudgesAndARefusalTellsNobody) {
  for (const Person* who : {&mentee_, &mentor_, &manager_, &stranger_}) {
    auto ran = nudge(*who, Stalled::fading, {fading_});
    EXPECT_EQ(code_of(ran.result), "forbidden") << who->name;
    EXPECT_TRUE(ran.events.empty());
  }
  EXPECT_TRUE(nudges_of(mentee_).empty());
  EXPECT_TRUE(nudges_of(mentor_).empty());
  EXPECT_TRUE(audit().empty());
}

TEST_F(ProgramNudgesTest, AFadingPairIsAskedToMeetOrConcludeWithTheAdministratorsNote) {
  auto ran = nudge(admin_, Stalled::fading, {fading_}, "Our spring cohort ends in May.");
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  expect_report(*ran.result, 1, 2, 0, 0);
  EXPECT_EQ(notifications_in(ran.events),
            (std::vector<std::pair<PersonId, std::string>>{{mentee_.id, "program_nudge"}, {mentor_.id, "program_nudge"}}));
  for (const auto& [who, partner] : {std::pair{&mentee_, &mentor_}, std::pair{&mentor_, &mentee_}}) {
    const auto told = nudges_of(*who);
    ASSERT_EQ(told.size(), 1u) << who->name;
    EXPECT_NE(told[0].message.find(partner->name), std::string::npos) << told[0].message;
    EXPECT_NE(told[0].message.find("Schedule the next one"), std::string::npos) << told[0].message;
    EXPECT_NE(told[0].message.find("A note from Ada Admin, your program administrator: Our spring cohort ends in May."),
              std::string::npos)
        << told[0].message;
    EXPECT_EQ(told[0].link, "/relationships/" + std::to_string(fading_) + "#meetings");
    EXPECT_EQ(told[0].relationship_id, fading_);
  }
  EXPECT_TRUE(nudges_of(manager_).empty());
  EXPECT_TRUE(nudges_of(olga_).empty()) << "the mentor's other pair is not fading";
}

TEST_F(ProgramNudgesTest, ANudgeIsAuditedWithCountsAndNoNamesOrContent) {
  ASSERT_TRUE(nudge(admin_, Stalled::fading, {fading_}, "See you soon").result);
  const auto trail = audit();
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(audited(trail[0]),
            (Audited{admin_action::kPairsNudged, "relationships", "1 fading pair nudged, with a note", admin_.id}));
  EXPECT_EQ(trail[0].at, kLate);

  ASSERT_TRUE(nudge(admin_, Stalled::not_started, {starting_}).result);
  EXPECT_EQ(audit().front().detail, "1 pair not started nudged");
}

TEST_F(ProgramNudgesTest, TheNudgeCarriesNothingOfWhatThePairDiscusses) {
  ASSERT_TRUE(nudge(admin_, Stalled::fading, {fading_}).result);
  for (const Person* who : {&mentee_, &mentor_})
    for (const auto& n : nudges_of(*who)) {
      EXPECT_EQ(n.message.find("product brief"), std::string::npos) << n.message;
      EXPECT_EQ(n.message.find("product management"), std::string::npos) << n.message;
    }
}

TEST_F(ProgramNudgesTest, EachPairIsNudgedOnceADayWhoeverAsks) {
  ASSERT_TRUE(nudge(admin_, Stalled::fading, {fading_}).result);
  Person other_admin = person("Otto Admin", "otto@example.com", 0);
  other_admin.is_admin = true;
  auto again = nudge(other_admin, Stalled::fading, {fading_}, "", kLate + hours(2));
  ASSERT_TRUE(again.result);
  expect_report(*again.result, 0, 0, 1, 0);
  EXPECT_TRUE(again.events.empty());
  EXPECT_EQ(nudges_of(mentee_).size(), 1u);
  EXPECT_EQ(audit().size(), 1u) << "nobody told, nothing to audit";

  auto next_day = nudge(admin_, Stalled::fading, {fading_}, "", kLate + days(1));
  ASSERT_TRUE(next_day.result);
  expect_report(*next_day.result, 1, 2, 0, 0);
  EXPECT_EQ(nudges_of(mentee_).size(), 2u);
}

TEST_F(ProgramNudgesTest, APairNotStartedIsAskedToAgreeAPurposeAndOthersAreLeftAloneAndCounted) {
  auto ran = nudge(admin_, Stalled::not_started, {starting_, fading_});
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  expect_report(*ran.result, 1, 2, 0, 1);
  const auto told = nudges_of(olga_);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_NE(told[0].message.find("agree its purpose"), std::string::npos) << told[0].message;
  EXPECT_EQ(told[0].link, "/relationships/" + std::to_string(starting_) + "#purpose");
  EXPECT_EQ(nudges_of(mentor_).size(), 1u) << "the mentor of the pair not started, not of the fading one";
  EXPECT_TRUE(nudges_of(mentee_).empty());

  auto fading_only = nudge(admin_, Stalled::fading, {starting_}, "", kLate + days(1));
  ASSERT_TRUE(fading_only.result);
  expect_report(*fading_only.result, 0, 0, 0, 1);
}

TEST_F(ProgramNudgesTest, APairIsNotStalledBeforeThePurposeReminderIsDue) {
  auto early = nudge(admin_, Stalled::not_started, {starting_}, "", kMonday + days(rules_.purpose_reminder_days) - minutes(1));
  ASSERT_TRUE(early.result);
  expect_report(*early.result, 0, 0, 0, 1);
  auto due = nudge(admin_, Stalled::not_started, {starting_}, "", kMonday + days(rules_.purpose_reminder_days));
  ASSERT_TRUE(due.result);
  expect_report(*due.result, 1, 2, 0, 0);
}

TEST_F(ProgramNudgesTest, WithoutAListEveryStalledPairOfThatKindIsNudged) {
  auto fading = nudge(admin_, Stalled::fading);
  ASSERT_TRUE(fading.result);
  expect_report(*fading.result, 1, 2, 0, 0);
  EXPECT_EQ(nudges_of(mentee_).size(), 1u);
  EXPECT_TRUE(nudges_of(olga_).empty());

  auto not_started = nudge(admin_, Stalled::not_started);
  ASSERT_TRUE(not_started.result);
  expect_report(*not_started.result, 1, 2, 0, 0);
  EXPECT_EQ(nudges_of(olga_).size(), 1u);
}

TEST_F(ProgramNudgesTest, AnUnknownRelationshipInTheListIsInvalidAndNobodyIsTold) {
  auto ran = nudge(admin_, Stalled::fading, {fading_, fading_ + 1000});
  expect_invalid(ran.result, "relationship_ids[1]");
  EXPECT_TRUE(nudges_of(mentee_).empty()) << "the valid first one is not nudged either";
  EXPECT_TRUE(audit().empty());
}

TEST_F(ProgramNudgesTest, ANoteOfMoreThanFiveHundredBytesIsInvalid) {
  auto too_long = nudge(admin_, Stalled::fading, {fading_}, std::string(501, 'x'));
  expect_invalid(too_long.result, "note");
  EXPECT_TRUE(nudges_of(mentee_).empty());
  EXPECT_TRUE(nudge(admin_, Stalled::fading, {fading_}, std::string(500, 'x')).result);
}

}  // namespace
}  // namespace mh::services
