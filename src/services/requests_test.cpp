// The request use cases: who may send, answer and withdraw, the hard rules, and the events each
// records (audit rows and notifications) in its own transaction.
#include "services/requests.hpp"

#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

using RequestsTest = ServicesTest;

TEST_F(RequestsTest, ARequestIsRecordedAndTheMentorIsNotified) {
  auto ran = request_from(mentee_, ask(mentee_, mentor_));
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(ran.result->state, RelState::requested);
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentor_.id, "request_received"}}));
  EXPECT_EQ(changes_in(ran.events).size(), 1u);
  EXPECT_EQ(notifications_of(mentor_).size(), 1u);
}

TEST_F(RequestsTest, AnOfferNamesTheMenteeWhenRefused) {
  RequestInput in = ask(mentee_, manager_);
  in.by_mentee = false;
  auto ran = request_from(manager_, in);
  expect_invalid(ran.result, "mentee_id");
}

TEST_F(RequestsTest, NobodySendsARequestInSomeoneElsesName) {
  auto ran = request_from(stranger_, ask(mentee_, mentor_));
  EXPECT_EQ(code_of(ran.result), "forbidden");
  EXPECT_TRUE(notifications_of(mentor_).empty());
}

TEST_F(RequestsTest, AnUnknownMentorIsInvalidNamingMentorId) {
  RequestInput in = ask(mentee_, mentor_);
  in.mentor = 999999;
  auto ran = request_from(mentee_, in);
  expect_invalid(ran.result, "mentor_id");
}

TEST_F(RequestsTest, TheCurrentManagerCannotBeTheMentor) {
  auto ran = request_from(mentee_, ask(mentee_, manager_));
  expect_invalid(ran.result, "mentor_id");
}

TEST_F(RequestsTest, ASecondRequestToTheSameMentorIsAConflictAndWritesNothing) {
  requested();
  auto ran = request_from(mentee_, ask(mentee_, mentor_));
  EXPECT_EQ(code_of(ran.result), "conflict");
  EXPECT_TRUE(ran.events.empty());
  EXPECT_EQ(notifications_of(mentor_).size(), 1u);
}

TEST_F(RequestsTest, AMentorWithoutPlacesIsAConflict) {
  auto ran = request_from(mentor_, ask(mentor_, mentee_));
  EXPECT_EQ(code_of(ran.result), "conflict");  // the mentee offers no place
}

TEST_F(RequestsTest, AcceptingMakesItStartingAndTellsTheMentee) {
  const Relationship r = requested();
  auto ran = run<Relationship>(kMonday + hours(2), [&](UseCase& uc) { return accept_request(uc, mentor_, r.id); });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(ran.result->state, RelState::starting);
  EXPECT_EQ(changes_in(ran.events), (std::vector<std::pair<RelState, RelState>>{
                                        {RelState::requested, RelState::accepted}, {RelState::accepted, RelState::starting}}));
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentee_.id, "request_accepted"}}));
}

TEST_F(RequestsTest, OnlyTheRecipientAccepts) {
  const Relationship r = requested();
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, mentee_, r.id); }).result),
            "forbidden");
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, stranger_, r.id); }).result),
            "forbidden");
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, mentor_, 424242); }).result),
            "not_found");
}

TEST_F(RequestsTest, AnExpiredRequestCannotBeAccepted) {
  const Relationship r = requested();
  auto ran = run<Relationship>(r.expires_at + hours(1), [&](UseCase& uc) { return accept_request(uc, mentor_, r.id); });
  EXPECT_EQ(code_of(ran.result), "conflict");
  EXPECT_EQ(field_of(ran.result), "state");
}

TEST_F(RequestsTest, AcceptingWhenTheLastPlaceIsGoneIsAConflict) {
  Person other = person("Olga Other", "olga@example.com", 0);
  const Relationship first = requested();
  auto second = request_from(other, ask(other, mentor_));
  ASSERT_TRUE(second.result);
  Person third = person("Tom Third", "tom@example.com", 0);
  ASSERT_TRUE(request_from(third, ask(third, mentor_)).result);
  ASSERT_TRUE(run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, mentor_, first.id); }).result);
  ASSERT_TRUE(run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, mentor_, second.result->id); }).result);
  const RelationshipId last = second.result->id + 1;
  auto ran = run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, mentor_, last); });
  EXPECT_EQ(code_of(ran.result), "conflict");
}

TEST_F(RequestsTest, DecliningNeedsAReasonAndTellsTheRequester) {
  const Relationship r = requested();
  auto blank = run<Relationship>(kMonday, [&](UseCase& uc) { return decline_request(uc, mentor_, r.id, "  \n"); });
  expect_invalid(blank.result, "reason");
  auto ran = run<Relationship>(kMonday, [&](UseCase& uc) { return decline_request(uc, mentor_, r.id, "I am away"); });
  ASSERT_TRUE(ran.result);
  EXPECT_EQ(ran.result->state, RelState::declined);
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentee_.id, "request_declined"}}));
}

TEST_F(RequestsTest, OnlyTheInitiatorWithdrawsAndOnlyWhileUnanswered) {
  const Relationship r = requested();
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return withdraw_request(uc, mentor_, r.id); }).result),
            "forbidden");
  ASSERT_TRUE(run<Relationship>(kMonday, [&](UseCase& uc) { return withdraw_request(uc, mentee_, r.id); }).result);
  EXPECT_EQ(relationship(r.id).state, RelState::withdrawn);
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return withdraw_request(uc, mentee_, r.id); }).result),
            "conflict");
}

TEST_F(RequestsTest, QuestionsGoToTheInitiatorWhoAnswersEachOnce) {
  const Relationship r = requested();
  EXPECT_EQ(field_of(run<Relationship>(kMonday, [&](UseCase& uc) { return ask_question(uc, mentor_, r.id, ""); }).result),
            "question");
  auto asked = run<Relationship>(kMonday, [&](UseCase& uc) { return ask_question(uc, mentor_, r.id, "How often?"); });
  ASSERT_TRUE(asked.result);
  EXPECT_EQ(notifications_in(asked.events), (Pairs{{mentee_.id, "question_asked"}}));
  const auto question = *store_->read_value<std::int64_t>([&](sql::Connection& db) -> Result<std::int64_t> {
    return storage::info_requests_of(db, r.id).at(0).id;
  });
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return answer_question(uc, mentor_, r.id, question, "x"); }).result),
            "forbidden");
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return answer_question(uc, mentee_, r.id, 999, "x"); }).result),
            "not_found");
  auto answered = run<Relationship>(kMonday, [&](UseCase& uc) { return answer_question(uc, mentee_, r.id, question, "Every two weeks"); });
  ASSERT_TRUE(answered.result);
  EXPECT_EQ(notifications_in(answered.events), (Pairs{{mentor_.id, "question_answered"}}));
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return answer_question(uc, mentee_, r.id, question, "again"); }).result),
            "conflict");
}

TEST_F(RequestsTest, AProgramProposalNotifiesBothAndAuditsTheAdministrator) {
  auto ran = run<Relationship>(kMonday, [&](UseCase& uc) {
    return propose_pair(uc, manager_.id, mentee_, mentor_, "The cohort proposes this pair.", "by cohort A");
  });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(ran.result->initiator_id, mentee_.id);
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentor_.id, "cohort_proposal"}, {mentee_.id, "mentor_proposed"}}));
  const auto& audit = std::get<StateChanged>(ran.events.front());
  EXPECT_EQ(audit.by, std::optional<PersonId>(manager_.id));
  EXPECT_EQ(audit.note, "by cohort A");
}

TEST_F(RequestsTest, AFollowUpComesOnlyAfterConcluding) {
  const Relationship r = requested();
  auto ran = run<Relationship>(kMonday, [&](UseCase& uc) { return propose_follow_up(uc, mentee_, r.id, "", std::nullopt); });
  EXPECT_EQ(code_of(ran.result), "conflict");
  EXPECT_EQ(field_of(ran.result), "state");
  EXPECT_EQ(code_of(run<Relationship>(kMonday, [&](UseCase& uc) { return propose_follow_up(uc, stranger_, r.id, "", std::nullopt); }).result),
            "forbidden");
}

TEST_F(RequestsTest, ARelationshipsStateChangesAreForItsParticipantsAndAdministratorsOnly) {
  const Relationship r = accepted();
  const Person admin = administrator();
  auto read = [&](const Person& reader, RelationshipId id) {
    return store_->read_value<std::vector<StateChange>>(
        [&](sql::Connection& db) { return state_changes(db, reader, id); });
  };
  for (const Person* reader : std::vector<const Person*>{&mentee_, &mentor_, &admin}) {
    auto changes = read(*reader, r.id);
    ASSERT_TRUE(changes) << reader->name;
    ASSERT_FALSE(changes->empty());
    EXPECT_EQ(changes->back().to, RelState::starting);
  }
  EXPECT_EQ(read(stranger_, r.id).error().code, ErrorCode::forbidden);
  EXPECT_EQ(read(manager_, r.id).error().code, ErrorCode::forbidden);  // the mentee's manager sees nothing
  EXPECT_EQ(read(admin, r.id + 1000).error().code, ErrorCode::not_found);
}

TEST_F(RequestsTest, MyRelationshipsAreNewestFirstByRoleAndPageWithEveryoneNamed) {
  const Relationship first = accepted();
  std::swap(mentor_, stranger_);  // a second mentor for Maya
  const Relationship second = requested();
  auto mine = [&](const Person& me, std::optional<Role> role, std::optional<RelationshipId> before, int limit) {
    return *store_->read_value<MyRelationships>([&](sql::Connection& db) -> Result<MyRelationships> {
      return my_relationships(db, me, std::nullopt, role, before, limit);
    });
  };
  const auto page = mine(mentee_, std::nullopt, std::nullopt, 1);
  ASSERT_EQ(page.relationships.size(), 1u);
  EXPECT_EQ(page.relationships[0].id, second.id);
  ASSERT_TRUE(page.next);
  ASSERT_NE(page.person(page.relationships[0].mentor_id), nullptr);
  EXPECT_EQ(page.person(page.relationships[0].mentor_id)->name, "Sam Stranger");
  const auto rest = mine(mentee_, std::nullopt, page.next, 1);
  ASSERT_EQ(rest.relationships.size(), 1u);
  EXPECT_EQ(rest.relationships[0].id, first.id);
  EXPECT_FALSE(rest.next);  // the last page says so
  EXPECT_TRUE(mine(mentee_, Role::mentor, std::nullopt, 10).relationships.empty());
  EXPECT_EQ(mine(stranger_, Role::mentor, std::nullopt, 10).relationships.size(), 1u);
}

}  // namespace
}  // namespace mh::services
