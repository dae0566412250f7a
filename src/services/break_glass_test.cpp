// Break-glass access (services/break_glass.hpp): only an administrator opens a relationship's
// content, and only by stating a reason; the opening is in the administrators' audit trail and
// both participants are told who looked and why; the content is readable by that administrator
// alone, for thirty minutes, and a refused opening leaves nothing behind.
#include "services/break_glass.hpp"

#include "services/admin_audit.hpp"
#include "services/relationship_views.hpp"
#include "services/testing.hpp"
#include "services/video.hpp"
#include "services/workspace.hpp"

namespace mh::services {
namespace {

using namespace testing;

constexpr const char* kReason = "Complaint 1432 from the mentee about unpaid work";

class BreakGlassTest : public AdminServicesTest {
 protected:
  void SetUp() override {
    AdminServicesTest::SetUp();
    pair_ = accepted();
  }

  Ran<BreakGlassGrant> open(const Person& who, RelationshipId id, const std::string& reason,
                            TimePoint at = kMonday + hours(1)) {
    return run<BreakGlassGrant>(at, [&](UseCase& uc) { return open_break_glass(uc, who, id, reason); });
  }
  Result<BreakGlassRead> read(const Person& who, RelationshipId id, TimePoint at) {
    return store_->read_value<BreakGlassRead>(
        [&](sql::Connection& db) { return break_glass_relationship(db, who, id, at); });
  }

  std::int64_t count(const std::string& query) {
    return *store_->read_value<std::int64_t>(
        [&](sql::Connection& db) -> Result<std::int64_t> { return db.execute(query).rows.at(0).int64(0); });
  }
  std::vector<storage::Notification> told(const Person& p) {
    std::vector<storage::Notification> out;
    for (auto& n : notifications_of(p))
      if (n.kind == "content_opened") out.push_back(std::move(n));
    return out;
  }
  // Nothing of an opening anywhere: no grant, no audit entry, nobody told.
  void expect_nothing_opened() {
    EXPECT_EQ(count("SELECT COUNT(*) FROM break_glass_grants"), 0);
    EXPECT_TRUE(audit().empty());
    EXPECT_TRUE(told(mentee_).empty());
    EXPECT_TRUE(told(mentor_).empty());
  }

  Relationship pair_;
};

TEST_F(BreakGlassTest, NobodyButAnAdministratorMayOpenARelationshipAndARefusalWritesNothing) {
  for (const Person* who : {&mentee_, &mentor_, &manager_, &stranger_}) {
    auto ran = open(*who, pair_.id, kReason);
    ASSERT_FALSE(ran.result) << who->name;
    EXPECT_EQ(code_of(ran.result), "forbidden") << who->name;
    EXPECT_TRUE(ran.events.empty());
  }
  expect_nothing_opened();
}

TEST_F(BreakGlassTest, ANonAdministratorIsRefusedBeforeLearningWhetherTheRelationshipExists) {
  auto ran = open(stranger_, pair_.id + 1000, kReason);
  EXPECT_EQ(code_of(ran.result), "forbidden");
  EXPECT_EQ(code_of(read(stranger_, pair_.id + 1000, kMonday)), "forbidden");
}

TEST_F(BreakGlassTest, OpeningARelationshipThatDoesNotExistIsNotFound) {
  auto ran = open(admin_, pair_.id + 1000, kReason);
  EXPECT_EQ(code_of(ran.result), "not_found");
  expect_nothing_opened();
}

TEST_F(BreakGlassTest, AReasonThatSaysTooLittleOrTooMuchIsInvalidAndOpensNothing) {
  for (const std::string reason : {std::string(), std::string("   "), std::string("   because   "),
                                   std::string(1001, 'x')}) {
    auto ran = open(admin_, pair_.id, reason);
    ASSERT_FALSE(ran.result) << reason.size();
    expect_invalid(ran.result, "reason");
  }
  expect_nothing_opened();
  EXPECT_EQ(code_of(read(admin_, pair_.id, kMonday + hours(1))), "forbidden");
}

TEST_F(BreakGlassTest, AGrantLastsThirtyMinutesFromItsOpeningWithTheReasonTrimmed) {
  const TimePoint now = kMonday + hours(1);
  auto ran = open(admin_, pair_.id, std::string("  ") + kReason + "\n", now);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  const BreakGlassGrant& g = *ran.result;
  EXPECT_GT(g.id, 0);
  EXPECT_EQ(g.relationship_id, pair_.id);
  EXPECT_EQ(g.admin_id, admin_.id);
  EXPECT_EQ(g.reason, kReason);
  EXPECT_EQ(g.opened_at, now);
  EXPECT_EQ(g.expires_at, now + minutes(30));
  EXPECT_EQ(count("SELECT COUNT(*) FROM break_glass_grants"), 1);
}

TEST_F(BreakGlassTest, AnOpeningIsInTheAdministratorsAuditTrailWithItsReasonAndNoContent) {
  const TimePoint now = kMonday + hours(1);
  ASSERT_TRUE(open(admin_, pair_.id, kReason, now).result);
  const auto trail = audit();
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(audited(trail[0]),
            (Audited{admin_action::kBreakGlassOpened, "relationship:" + std::to_string(pair_.id), kReason, admin_.id}));
  EXPECT_EQ(trail[0].at, now);
  EXPECT_EQ(trail[0].detail.find("product management"), std::string::npos) << "the request's message is content";
}

TEST_F(BreakGlassTest, BothParticipantsAreToldWhoOpenedItWhenAndWhyAndNobodyElseIs) {
  auto ran = open(admin_, pair_.id, kReason);
  ASSERT_TRUE(ran.result);
  const auto events = notifications_in(ran.events);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0], std::make_pair(mentee_.id, std::string("content_opened")));
  EXPECT_EQ(events[1], std::make_pair(mentor_.id, std::string("content_opened")));
  for (const Person* who : {&mentee_, &mentor_}) {
    const auto mine = told(*who);
    ASSERT_EQ(mine.size(), 1u) << who->name;
    EXPECT_EQ(mine[0].relationship_id, pair_.id);
    EXPECT_NE(mine[0].message.find("Ada Admin"), std::string::npos) << mine[0].message;
    EXPECT_NE(mine[0].message.find(kReason), std::string::npos) << mine[0].message;
    EXPECT_NE(mine[0].message.find("2026-11-02T10:00:00Z"), std::string::npos) << mine[0].message;
    EXPECT_NE(mine[0].message.find("30 minutes"), std::string::npos) << mine[0].message;
    EXPECT_NE(mine[0].message.find("private notes stay closed"), std::string::npos) << mine[0].message;
  }
  EXPECT_TRUE(told(manager_).empty()) << "the mentee's manager is not told about the content";
  EXPECT_TRUE(told(admin_).empty());
}

TEST_F(BreakGlassTest, ASecondOpeningIsAuditedAndToldAgain) {
  ASSERT_TRUE(open(admin_, pair_.id, kReason, kMonday + hours(1)).result);
  auto again = open(admin_, pair_.id, "Complaint 1432: a follow-up question", kMonday + hours(2));
  ASSERT_TRUE(again.result) << again.result.error().message;
  EXPECT_EQ(notifications_in(again.events).size(), 2u);
  EXPECT_EQ(told(mentee_).size(), 2u);
  EXPECT_EQ(told(mentor_).size(), 2u);
  EXPECT_EQ(audit().size(), 2u);
}

TEST_F(BreakGlassTest, WithoutAGrantAnAdministratorReadsNothingAndIsToldHowToOpenIt) {
  auto r = read(admin_, pair_.id, kMonday + hours(1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_NE(r.error().message.find("reason"), std::string::npos) << r.error().message;
}

TEST_F(BreakGlassTest, AnOpenGrantLetsItsAdministratorReadUntilItExpires) {
  const TimePoint opened = kMonday + hours(1);
  const BreakGlassGrant g = *open(admin_, pair_.id, kReason, opened).result;

  auto during = read(admin_, pair_.id, opened + minutes(29) + std::chrono::seconds(59));
  ASSERT_TRUE(during) << during.error().message;
  EXPECT_EQ(during->relationship.id, pair_.id);
  EXPECT_EQ(during->relationship.mentee_id, mentee_.id);
  EXPECT_EQ(during->grant.id, g.id);
  EXPECT_EQ(during->grant.expires_at, g.expires_at);

  EXPECT_EQ(code_of(read(admin_, pair_.id, opened + minutes(30))), "forbidden") << "the expiry is closed";
  EXPECT_EQ(code_of(read(admin_, pair_.id, opened - std::chrono::seconds(1))), "forbidden")
      << "a grant does not reach back before its opening";
}

TEST_F(BreakGlassTest, AReadAfterASecondOpeningUsesTheNewGrant) {
  const TimePoint first = kMonday + hours(1);
  ASSERT_TRUE(open(admin_, pair_.id, kReason, first).result);
  const BreakGlassGrant second = *open(admin_, pair_.id, "Complaint 1432: a follow-up question", first + hours(1)).result;
  auto r = read(admin_, pair_.id, first + hours(1) + minutes(10));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->grant.id, second.id);
}

TEST_F(BreakGlassTest, AGrantIsItsAdministratorsAloneAndForItsRelationshipAlone) {
  const TimePoint opened = kMonday + hours(1);
  ASSERT_TRUE(open(admin_, pair_.id, kReason, opened).result);

  Person other_admin = person("Otto Admin", "otto@example.com", 0);
  other_admin.is_admin = true;
  EXPECT_EQ(code_of(read(other_admin, pair_.id, opened + minutes(1))), "forbidden");

  const Person other_mentee = person("Olga Mentee", "olga@example.com", 0);
  auto other = request_from(other_mentee, ask(other_mentee, mentor_));
  ASSERT_TRUE(other.result) << other.result.error().message;
  EXPECT_EQ(code_of(read(admin_, other.result->id, opened + minutes(1))), "forbidden");
}

TEST_F(BreakGlassTest, NoParticipantOrOtherPersonReadsThroughBreakGlassEvenWhileAGrantIsOpen) {
  const TimePoint opened = kMonday + hours(1);
  ASSERT_TRUE(open(admin_, pair_.id, kReason, opened).result);
  for (const Person* who : {&mentee_, &mentor_, &manager_, &stranger_})
    EXPECT_EQ(code_of(read(*who, pair_.id, opened + minutes(1))), "forbidden") << who->name;
}

TEST_F(BreakGlassTest, WhatAnOpenGrantShowsIsTheSharedContentWithoutTheVideoRoom) {
  VideoSettings jitsi;
  jitsi.provider = VideoProvider::jitsi;
  jitsi.jitsi_url = "https://meet.example.org";
  ASSERT_TRUE(run<VideoSettings>(kMonday, [&](UseCase& uc) { return configure_video(uc, admin_, jitsi); }).result);
  ASSERT_TRUE(on(mentor_, pair_.id, kMonday, [&](UseCase& uc, Relationship& r) -> Status {
                NewMeeting in;
                in.starts_at = kMonday + minutes(30);
                in.medium = Medium::video;
                MH_TRY(m, schedule_meeting(uc, mentor_, r, in));
                return save_private_note(uc, mentor_, r, m.id, "PRIVATE: the mentor's own thoughts");
              }).result);
  const TimePoint opened = kMonday + hours(1);
  ASSERT_TRUE(open(admin_, pair_.id, kReason, opened).result);
  auto seen = store_->read_value<WorkspaceView>([&](sql::Connection& db) -> Result<WorkspaceView> {
    MH_TRY(read, break_glass_relationship(db, admin_, pair_.id, opened + minutes(1)));
    return shared_workspace(db, read.relationship);
  });
  ASSERT_TRUE(seen) << seen.error().message;
  ASSERT_EQ(seen->meetings.size(), 1u);
  EXPECT_EQ(seen->meetings[0].video_link, "") << "a room's link is for the participants alone";
  const Relationship now = relationship(pair_.id);
  auto theirs =
      store_->read_value<WorkspaceView>([&](sql::Connection& db) { return workspace_view(db, mentee_, now); });
  ASSERT_TRUE(theirs);
  EXPECT_NE(theirs->meetings.at(0).video_link, "") << "the participants do have it";
}

TEST_F(BreakGlassTest, ReadingARelationshipThatDoesNotExistIsNotFound) {
  EXPECT_EQ(code_of(read(admin_, pair_.id + 1000, kMonday + hours(1))), "not_found");
}

}  // namespace
}  // namespace mh::services
