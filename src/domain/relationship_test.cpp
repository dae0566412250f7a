// The relationship lifecycle and the rules that guard requests, offers, answers and
// withdrawals; and a mentor's responsiveness. Every time is fixed or comes from a FakeClock.
#include "domain/relationship.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mh {
namespace {

using namespace mh::testing;

const TimePoint kMonday = at("2026-11-23T09:00:00Z");

constexpr PersonId kMenteeId = 1;
constexpr PersonId kMentorId = 2;
constexpr PersonId kStrangerId = 3;

// A request from the mentee to the mentor, sent on Monday morning.
Relationship request_from_mentee(TimePoint now = kMonday) {
  Relationship r = new_request(kMenteeId, kMenteeId, kMentorId, "Help me pivot to product", "career options", now,
                               LifecycleSettings{})
                       .value();
  r.id = 42;
  return r;
}

Relationship in_state(RelState s) {
  Relationship r = request_from_mentee();
  r.state = s;
  return r;
}

// ---------------------------------------------------------------------------------------------
// The lifecycle: which transitions are legal.

struct Edge {
  RelState from;
  RelState to;
};
std::string edge_name(const ::testing::TestParamInfo<Edge>& info) {
  return std::string(to_string(info.param.from)) + "_to_" + to_string(info.param.to);
}

class LifecycleLegalTransition : public ::testing::TestWithParam<Edge> {};

TEST_P(LifecycleLegalTransition, IsAllowed) { EXPECT_TRUE(check_transition(GetParam().from, GetParam().to)); }

TEST_P(LifecycleLegalTransition, MovesTheRelationshipToTheNewState) {
  Relationship r = in_state(GetParam().from);
  ASSERT_TRUE(transition(r, GetParam().to, kMentorId, kMonday));
  EXPECT_EQ(r.state, GetParam().to);
}

constexpr Edge kLegalEdges[] = {
    {RelState::requested, RelState::accepted},   {RelState::requested, RelState::declined},
    {RelState::requested, RelState::withdrawn},  {RelState::requested, RelState::expired},
    {RelState::accepted, RelState::starting},    {RelState::starting, RelState::active},
    {RelState::starting, RelState::concluding},  {RelState::active, RelState::fading},
    {RelState::fading, RelState::active},        {RelState::active, RelState::concluding},
    {RelState::fading, RelState::concluding},    {RelState::concluding, RelState::concluded},
};
INSTANTIATE_TEST_SUITE_P(EveryEdge, LifecycleLegalTransition, ::testing::ValuesIn(kLegalEdges), edge_name);

class LifecycleIllegalTransition : public ::testing::TestWithParam<Edge> {};

TEST_P(LifecycleIllegalTransition, IsAConflictNamingTheCurrentState) {
  const Status s = check_transition(GetParam().from, GetParam().to);
  EXPECT_EQ(code_of(s), "conflict");
  EXPECT_TRUE(contains(message_of(s), to_string(GetParam().from))) << message_of(s);
}

constexpr Edge kIllegalEdges[] = {
    {RelState::requested, RelState::active},     // skips acceptance and the start
    {RelState::requested, RelState::starting},   //
    {RelState::requested, RelState::concluding}, //
    {RelState::accepted, RelState::active},      // skips the start
    {RelState::accepted, RelState::declined},    // already answered
    {RelState::declined, RelState::accepted},    // final
    {RelState::withdrawn, RelState::requested},  // final
    {RelState::expired, RelState::accepted},     // final
    {RelState::active, RelState::requested},     //
    {RelState::active, RelState::concluded},     // skips the debrief
    {RelState::starting, RelState::fading},      // never active yet
    {RelState::concluding, RelState::active},    // no way back from concluding
    {RelState::concluded, RelState::active},     // final
    {RelState::fading, RelState::fading},        // no self-loops
};
INSTANTIATE_TEST_SUITE_P(Representative, LifecycleIllegalTransition, ::testing::ValuesIn(kIllegalEdges), edge_name);

TEST(Lifecycle, AllowsTheTwelveEdgesAndNothingElse) {
  int legal = 0;
  for (RelState from : kAllStates)
    for (RelState to : kAllStates) {
      const Status s = check_transition(from, to);
      if (s) ++legal;
      else EXPECT_EQ(code_of(s), "conflict") << to_string(from) << " -> " << to_string(to);
    }
  EXPECT_EQ(legal, 12);
}

TEST(Lifecycle, AnIllegalTransitionNamesTheStateField) {
  EXPECT_EQ(field_of(check_transition(RelState::concluded, RelState::active)), "state");
}

TEST(Lifecycle, StateNamesRoundTrip) {
  for (RelState s : kAllStates) EXPECT_EQ(parse_rel_state(to_string(s)), s) << to_string(s);
  EXPECT_FALSE(parse_rel_state("paused"));
}

// ---------------------------------------------------------------------------------------------
// transition(): the audit record and the timestamps.

TEST(LifecycleTransition, RecordsFromToActorAndTime) {
  Relationship r = in_state(RelState::requested);
  const TimePoint now = kMonday + 3h;

  auto change = transition(r, RelState::accepted, kMentorId, now, "happy to help");

  ASSERT_TRUE(change);
  EXPECT_EQ(change->relationship_id, 42);
  EXPECT_EQ(change->from, RelState::requested);
  EXPECT_EQ(change->to, RelState::accepted);
  EXPECT_EQ(change->actor, kMentorId);
  EXPECT_EQ(change->at, now);
  EXPECT_EQ(change->note, "happy to help");
}

TEST(LifecycleTransition, TheSystemActsWithoutAnActor) {
  Relationship r = in_state(RelState::requested);

  auto change = transition(r, RelState::expired, std::nullopt, r.expires_at);

  ASSERT_TRUE(change);
  EXPECT_FALSE(change->actor.has_value());
}

TEST(LifecycleTransition, UpdatesTheUpdateTime) {
  Relationship r = in_state(RelState::requested);

  ASSERT_TRUE(transition(r, RelState::declined, kMentorId, kMonday + 5h));

  EXPECT_EQ(r.updated_at, kMonday + 5h);
}

// Which time a transition stamps: an answer (accepting or declining) sets answered_at, becoming
// active activated_at, concluding concluded_at; the transitions next to them leave it unset.
struct Stamp {
  const char* name;
  RelState from;
  RelState to;
  std::optional<PersonId> actor;
  std::optional<TimePoint> Relationship::*time;
  bool sets;
};

class LifecycleStamp : public ::testing::TestWithParam<Stamp> {};

TEST_P(LifecycleStamp, IsSetOnlyByItsTransition) {
  const Stamp& c = GetParam();
  Relationship r = in_state(c.from);
  const TimePoint when = kMonday + days(7);

  ASSERT_TRUE(transition(r, c.to, c.actor, when));

  if (c.sets)
    EXPECT_EQ(r.*c.time, when);
  else
    EXPECT_FALSE((r.*c.time).has_value());
}

const Stamp kStamps[] = {
    {"AcceptingSetsAnsweredAt", RelState::requested, RelState::accepted, kMentorId, &Relationship::answered_at, true},
    {"DecliningSetsAnsweredAt", RelState::requested, RelState::declined, kMentorId, &Relationship::answered_at, true},
    {"WithdrawingIsNotAnAnswer", RelState::requested, RelState::withdrawn, kMenteeId, &Relationship::answered_at,
     false},
    {"BecomingActiveSetsActivatedAt", RelState::starting, RelState::active, std::nullopt, &Relationship::activated_at,
     true},
    {"ConcludingSetsConcludedAt", RelState::concluding, RelState::concluded, kMenteeId, &Relationship::concluded_at,
     true},
    {"StartingToConcludeDoesNotSetConcludedAt", RelState::active, RelState::concluding, kMenteeId,
     &Relationship::concluded_at, false},
};
INSTANTIATE_TEST_SUITE_P(LifecycleTransition, LifecycleStamp, ::testing::ValuesIn(kStamps), CaseName{});

TEST(LifecycleTransition, RevivingAfterFadingKeepsTheFirstActivationTime) {
  Relationship r = in_state(RelState::starting);
  ASSERT_TRUE(transition(r, RelState::active, std::nullopt, kMonday + days(7)));
  ASSERT_TRUE(transition(r, RelState::fading, std::nullopt, kMonday + days(40)));

  ASSERT_TRUE(transition(r, RelState::active, std::nullopt, kMonday + days(45)));

  EXPECT_EQ(r.activated_at, kMonday + days(7));
}

TEST(LifecycleTransition, AnIllegalTransitionLeavesTheRelationshipUnchanged) {
  Relationship r = in_state(RelState::requested);
  const Relationship before = r;

  auto change = transition(r, RelState::active, kMentorId, kMonday + 1h);

  EXPECT_EQ(code_of(change), "conflict");
  EXPECT_EQ(r.state, before.state);
  EXPECT_EQ(r.updated_at, before.updated_at);
  EXPECT_FALSE(r.answered_at.has_value());
  EXPECT_FALSE(r.activated_at.has_value());
}

// ---------------------------------------------------------------------------------------------
// State families.

TEST(Lifecycle, LiveStatesAreAcceptedThroughConcluding) {
  for (RelState s : kAllStates) {
    const bool expected = s == RelState::accepted || s == RelState::starting || s == RelState::active ||
                          s == RelState::fading || s == RelState::concluding;
    EXPECT_EQ(is_live(s), expected) << to_string(s);
  }
}

TEST(Lifecycle, FinalStatesAreTheEndsOfARequestAndConcluded) {
  for (RelState s : kAllStates) {
    const bool expected = s == RelState::declined || s == RelState::withdrawn || s == RelState::expired ||
                          s == RelState::concluded;
    EXPECT_EQ(is_final(s), expected) << to_string(s);
  }
}

TEST(Lifecycle, ContentIsWorkableOnlyWhileStartingActiveOrFading) {
  for (RelState s : kAllStates) {
    const bool expected = s == RelState::starting || s == RelState::active || s == RelState::fading;
    EXPECT_EQ(is_workable(s), expected) << to_string(s);
  }
}

TEST(Lifecycle, AWaitingRequestIsNeitherLiveNorFinal) {
  EXPECT_FALSE(is_live(RelState::requested));
  EXPECT_FALSE(is_final(RelState::requested));
}

// ---------------------------------------------------------------------------------------------
// check_can_request: the hard rules for a request (by the mentee) or an offer (by the mentor).

class RequestRules : public ::testing::Test {
 protected:
  RequestRules() {
    mentee.id = kMenteeId;
    mentee.name = "Mia Mentee";
    mentor.id = kMentorId;
    mentor.name = "Max Mentor";
    mentor.mentor_capacity = 2;
  }
  PairFacts facts() const { return PairFacts{&mentee, &mentor, false, 0, 0}; }

  Person mentee;
  Person mentor;
  LifecycleSettings settings;
};

TEST_F(RequestRules, AllowsAMenteeToAskAMentorWithAFreePlace) {
  EXPECT_TRUE(check_can_request(facts(), kMenteeId, settings));
}

TEST_F(RequestRules, AllowsAMentorToOfferToAMentee) { EXPECT_TRUE(check_can_request(facts(), kMentorId, settings)); }

// Each refusal of check_can_request: what is wrong with the pair, who asks, and the answer's code,
// field (the other person's, as the one asking names them) and words.
struct Refusal {
  const char* name;
  void (*arrange)(Person& mentee, Person& mentor, PairFacts& f);
  PersonId asked_by;
  const char* code;
  const char* field;
  const char* words;
};

class RequestRefusal : public RequestRules, public ::testing::WithParamInterface<Refusal> {};

TEST_P(RequestRefusal, NamesTheCodeAndTheField) {
  const Refusal& r = GetParam();
  PairFacts f = facts();
  r.arrange(mentee, mentor, f);

  const Status s = check_can_request(f, r.asked_by, settings);

  EXPECT_EQ(code_of(s), r.code);
  EXPECT_EQ(field_of(s), r.field);
  EXPECT_TRUE(contains(message_of(s), r.words)) << message_of(s);
}

const Refusal kRefusals[] = {
    {"RefusesAskingOneself",
     [](Person& mentee, Person&, PairFacts& f) {
       f.mentor = &mentee;
       mentee.mentor_capacity = 3;
     },
     kMenteeId, "invalid", "mentor_id", "yourself"},
    {"RefusesTheMenteesCurrentManagerAsMentor",
     [](Person& mentee, Person&, PairFacts&) { mentee.manager_id = kMentorId; }, kMenteeId, "invalid", "mentor_id",
     "manager"},
    {"RefusesAnOfferFromTheMenteesCurrentManager",
     [](Person& mentee, Person&, PairFacts&) { mentee.manager_id = kMentorId; }, kMentorId, "invalid", "mentee_id",
     "manager"},
    {"RefusesADeactivatedMentor", [](Person&, Person& mentor, PairFacts&) { mentor.active = false; }, kMenteeId,
     "invalid", "mentor_id", "deactivated"},
    {"RefusesAnOfferToADeactivatedMentee", [](Person& mentee, Person&, PairFacts&) { mentee.active = false; },
     kMentorId, "invalid", "mentee_id", "deactivated"},
    {"RefusesAnUnknownPerson", [](Person&, Person&, PairFacts& f) { f.mentor = nullptr; }, kMenteeId, "not_found", "",
     "no such person"},
    {"RefusesASecondLiveRelationshipBetweenThePair",
     [](Person&, Person&, PairFacts& f) { f.live_relationship_between_them = true; }, kMenteeId, "conflict",
     "mentor_id", "already have"},
    {"RefusesAMentorWhoIsNotTakingMentees", [](Person&, Person& mentor, PairFacts&) { mentor.mentor_capacity = 0; },
     kMenteeId, "conflict", "mentor_id", "not taking mentees"},
    {"RefusesAMentorWithEveryPlaceTaken", [](Person&, Person&, PairFacts& f) { f.mentor_live_relationships = 2; },
     kMenteeId, "conflict", "mentor_id", "2 of 2"},
    {"RefusesAMenteeAFourthOpenRequest", [](Person&, Person&, PairFacts& f) { f.mentee_open_requests = 3; }, kMenteeId,
     "conflict", "mentor_id", "3 requests waiting"},
};
INSTANTIATE_TEST_SUITE_P(RequestRules, RequestRefusal, ::testing::ValuesIn(kRefusals), CaseName{});

TEST_F(RequestRules, AllowsAFormerManagerAsMentor) {
  mentee.manager_id = kStrangerId;
  mentee.former_manager_ids = {kMentorId};

  EXPECT_TRUE(check_can_request(facts(), kMenteeId, settings));
}

TEST_F(RequestRules, AllowsTheMentorsLastFreePlace) {
  PairFacts f = facts();
  f.mentor_live_relationships = 1;

  EXPECT_TRUE(check_can_request(f, kMenteeId, settings));
}

TEST_F(RequestRules, AllowsAMenteeAThirdOpenRequest) {
  PairFacts f = facts();
  f.mentee_open_requests = 2;

  EXPECT_TRUE(check_can_request(f, kMenteeId, settings));
}

TEST_F(RequestRules, TheOpenRequestCapComesFromTheSettings) {
  settings.max_open_requests = 1;
  PairFacts f = facts();
  f.mentee_open_requests = 1;

  EXPECT_EQ(code_of(check_can_request(f, kMenteeId, settings)), "conflict");
}

TEST_F(RequestRules, DoesNotCapOffersFromAMentor) {
  PairFacts f = facts();
  f.mentee_open_requests = 3;

  EXPECT_TRUE(check_can_request(f, kMentorId, settings));
}

// ---------------------------------------------------------------------------------------------
// check_can_accept: the rules again when the recipient accepts.

class RequestAcceptance : public RequestRules {};

TEST_F(RequestAcceptance, AcceptsWhileTheMentorHasAFreePlace) { EXPECT_TRUE(check_can_accept(facts())); }

TEST_F(RequestAcceptance, ThePairsOwnWaitingRequestDoesNotCountAgainstIt) {
  PairFacts f = facts();
  f.live_relationship_between_them = true;

  EXPECT_TRUE(check_can_accept(f));
}

TEST_F(RequestAcceptance, ReChecksTheMentorsCapacity) {
  PairFacts f = facts();
  f.mentor_live_relationships = 2;  // the places filled up since the request

  EXPECT_EQ(code_of(check_can_accept(f)), "conflict");
}

TEST_F(RequestAcceptance, RefusesWhenTheMentorStoppedTakingMentees) {
  mentor.mentor_capacity = 0;

  EXPECT_EQ(code_of(check_can_accept(facts())), "conflict");
}

TEST_F(RequestAcceptance, RefusesWhenSomeoneWasDeactivatedMeanwhile) {
  mentee.active = false;

  EXPECT_EQ(code_of(check_can_accept(facts())), "invalid");
}

TEST_F(RequestAcceptance, DoesNotApplyTheOpenRequestCap) {
  PairFacts f = facts();
  f.mentee_open_requests = 5;

  EXPECT_TRUE(check_can_accept(f));
}

// ---------------------------------------------------------------------------------------------
// new_request and expiry.

TEST(RequestExpiry, ARequestExpiresFourteenDaysAfterItWasSent) {
  const Relationship r = request_from_mentee(kMonday);

  EXPECT_EQ(r.expires_at, kMonday + days(14));
  EXPECT_EQ(r.requested_at, kMonday);
  EXPECT_EQ(r.state, RelState::requested);
}

TEST(RequestExpiry, TheExpiryComesFromTheSettings) {
  LifecycleSettings settings;
  settings.request_expiry_days = 3;

  auto r = new_request(kMenteeId, kMenteeId, kMentorId, "", "", kMonday, settings);

  ASSERT_TRUE(r);
  EXPECT_EQ(r->expires_at, kMonday + days(3));
}

TEST(RequestExpiry, IsNotExpiredOneSecondBeforeFourteenDays) {
  FakeClock clock(kMonday);
  const Relationship r = request_from_mentee(clock.now());

  clock.advance(days(14) - 1s);

  EXPECT_FALSE(has_expired(r, clock.now()));
}

TEST(RequestExpiry, HasExpiredOnceFourteenDaysHavePassed) {
  FakeClock clock(kMonday);
  const Relationship r = request_from_mentee(clock.now());

  clock.advance(days(14));

  EXPECT_TRUE(has_expired(r, clock.now()));
}

TEST(RequestExpiry, AnAnsweredRequestNeverExpires) {
  FakeClock clock(kMonday);
  Relationship r = request_from_mentee(clock.now());
  ASSERT_TRUE(transition(r, RelState::accepted, kMentorId, clock.now() + 1h));

  clock.advance(days(30));

  EXPECT_FALSE(has_expired(r, clock.now()));
}

TEST(RequestExpiry, RejectsAnOverlongMessage) {
  auto r = new_request(kMenteeId, kMenteeId, kMentorId, std::string(4001, 'x'), "", kMonday, LifecycleSettings{});

  EXPECT_EQ(field_of(r), "message");
}

// ---------------------------------------------------------------------------------------------
// check_can_answer and check_can_withdraw.

TEST(RequestAnswer, TheRecipientMayAnswer) {
  const Relationship r = request_from_mentee();

  EXPECT_TRUE(check_can_answer(r, kMentorId, kMonday + 1h));
}

TEST(RequestAnswer, TheInitiatorMayNotAnswerTheirOwnRequest) {
  const Relationship r = request_from_mentee();

  EXPECT_EQ(code_of(check_can_answer(r, kMenteeId, kMonday + 1h)), "forbidden");
}

TEST(RequestAnswer, SomeoneOutsideThePairMayNotAnswer) {
  const Relationship r = request_from_mentee();

  EXPECT_EQ(code_of(check_can_answer(r, kStrangerId, kMonday + 1h)), "forbidden");
}

TEST(RequestAnswer, TheMenteeAnswersAMentorsOffer) {
  const Relationship offer =
      new_request(kMentorId, kMenteeId, kMentorId, "I can help", "", kMonday, LifecycleSettings{}).value();

  EXPECT_TRUE(check_can_answer(offer, kMenteeId, kMonday + 1h));
  EXPECT_EQ(code_of(check_can_answer(offer, kMentorId, kMonday + 1h)), "forbidden");
}

TEST(RequestAnswer, CanStillBeAnsweredOneSecondBeforeExpiry) {
  const Relationship r = request_from_mentee();

  EXPECT_TRUE(check_can_answer(r, kMentorId, r.expires_at - 1s));
}

TEST(RequestAnswer, AnExpiredRequestCannotBeAnswered) {
  FakeClock clock(kMonday);
  const Relationship r = request_from_mentee(clock.now());
  clock.advance(days(15));

  const Status s = check_can_answer(r, kMentorId, clock.now());

  EXPECT_EQ(code_of(s), "conflict");
  EXPECT_TRUE(contains(message_of(s), "expired")) << message_of(s);
}

TEST(RequestAnswer, ARequestMarkedExpiredCannotBeAnswered) {
  Relationship r = request_from_mentee();
  r.state = RelState::expired;

  EXPECT_EQ(code_of(check_can_answer(r, kMentorId, kMonday + 1h)), "conflict");
}

TEST(RequestAnswer, AnAnsweredRequestCannotBeAnsweredAgain) {
  Relationship r = request_from_mentee();
  ASSERT_TRUE(transition(r, RelState::accepted, kMentorId, kMonday + 1h));

  const Status s = check_can_answer(r, kMentorId, kMonday + 2h);

  EXPECT_EQ(code_of(s), "conflict");
  EXPECT_TRUE(contains(message_of(s), "accepted")) << message_of(s);
}

TEST(RequestWithdrawal, TheInitiatorMayWithdrawAWaitingRequest) {
  const Relationship r = request_from_mentee();

  EXPECT_TRUE(check_can_withdraw(r, kMenteeId, kMonday));
}

TEST(RequestWithdrawal, OnlyTheInitiatorMayWithdraw) {
  const Relationship r = request_from_mentee();

  EXPECT_EQ(code_of(check_can_withdraw(r, kMentorId, kMonday)), "forbidden");
  EXPECT_EQ(code_of(check_can_withdraw(r, kStrangerId, kMonday)), "forbidden");
}

TEST(RequestWithdrawal, AnExpiredRequestCannotBeWithdrawn) {
  const Relationship r = request_from_mentee();
  const Status s = check_can_withdraw(r, kMenteeId, r.expires_at);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::conflict);
}

TEST(RequestWithdrawal, AnAcceptedRequestCannotBeWithdrawn) {
  Relationship r = request_from_mentee();
  ASSERT_TRUE(transition(r, RelState::accepted, kMentorId, kMonday + 1h));

  const Status s = check_can_withdraw(r, kMenteeId, kMonday);

  EXPECT_EQ(code_of(s), "conflict");
  EXPECT_TRUE(contains(message_of(s), "accepted")) << message_of(s);
}

// ---------------------------------------------------------------------------------------------
// Responsiveness.

ReceivedRequest answered_after(std::chrono::hours h, RelState state = RelState::accepted) {
  return ReceivedRequest{kMonday, kMonday + h, state};
}
ReceivedRequest unanswered(RelState state) { return ReceivedRequest{kMonday, std::nullopt, state}; }

TEST(Responsiveness, HasNoRateAndNoMedianWithoutRequests) {
  const Responsiveness r = responsiveness({});

  EXPECT_EQ(r.requests_received, 0);
  EXPECT_EQ(r.answered, 0);
  EXPECT_FALSE(r.answer_rate.has_value());
  EXPECT_FALSE(r.median_hours_to_answer.has_value());
}

TEST(Responsiveness, IgnoresWithdrawnRequests) {
  const Responsiveness r = responsiveness({answered_after(2h), unanswered(RelState::withdrawn)});

  EXPECT_EQ(r.requests_received, 1);
  EXPECT_EQ(r.answer_rate, 1.0);
}

TEST(Responsiveness, OnlyWithdrawnRequestsGiveNoRate) {
  const Responsiveness r = responsiveness({unanswered(RelState::withdrawn), unanswered(RelState::withdrawn)});

  EXPECT_EQ(r.requests_received, 0);
  EXPECT_FALSE(r.answer_rate.has_value());
}

TEST(Responsiveness, CountsExpiredRequestsAsUnanswered) {
  const Responsiveness r = responsiveness({answered_after(2h), unanswered(RelState::expired)});

  EXPECT_EQ(r.requests_received, 2);
  EXPECT_EQ(r.answered, 1);
  EXPECT_EQ(r.answer_rate, 0.5);
}

TEST(Responsiveness, OnlyExpiredRequestsGiveARateOfZeroAndNoMedian) {
  const Responsiveness r = responsiveness({unanswered(RelState::expired)});

  EXPECT_EQ(r.answer_rate, 0.0);
  EXPECT_FALSE(r.median_hours_to_answer.has_value());
}

TEST(Responsiveness, CountsADeclineAsAnAnswer) {
  const Responsiveness r = responsiveness({answered_after(5h, RelState::declined), unanswered(RelState::expired)});

  EXPECT_EQ(r.answered, 1);
  EXPECT_EQ(r.answer_rate, 0.5);
}

TEST(Responsiveness, AStillWaitingRequestDoesNotLowerTheRate) {
  const Responsiveness r = responsiveness({answered_after(2h), unanswered(RelState::requested)});

  EXPECT_EQ(r.requests_received, 2);
  EXPECT_EQ(r.answer_rate, 1.0);
}

TEST(Responsiveness, TheMedianOfAnOddNumberOfAnswersIsTheMiddleOne) {
  const Responsiveness r = responsiveness({answered_after(10h), answered_after(2h), answered_after(4h)});

  EXPECT_EQ(r.median_hours_to_answer, 4.0);
}

TEST(Responsiveness, TheMedianOfAnEvenNumberOfAnswersIsTheMeanOfTheMiddleTwo) {
  const Responsiveness r =
      responsiveness({answered_after(30h), answered_after(2h), answered_after(10h), answered_after(4h)});

  EXPECT_EQ(r.median_hours_to_answer, 7.0);
}

TEST(Responsiveness, TheMedianCountsPartHours) {
  const Responsiveness r = responsiveness({ReceivedRequest{kMonday, kMonday + 90min, RelState::accepted}});

  EXPECT_EQ(r.median_hours_to_answer, 1.5);
}

}  // namespace
}  // namespace mh
