#include "services/requests.hpp"

#include <algorithm>

#include "storage/content_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/row_locks.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::services {

namespace {

// Everything the hard rules need about a pair, read in the transaction that writes.
struct Pair {
  std::optional<Person> mentee, mentor;
};

PairFacts read_pair_facts(sql::Connection& db, const Pair& pair, bool include_engagement) {
  PairFacts f{pair.mentee ? &*pair.mentee : nullptr, pair.mentor ? &*pair.mentor : nullptr};
  if (!f.mentee || !f.mentor) return f;
  if (include_engagement) f.live_relationship_between_them = storage::pair_is_engaged(db, f.mentee->id, f.mentor->id);
  f.mentor_live_relationships = storage::live_mentees_of(db, f.mentor->id);
  f.mentee_open_requests = storage::open_requests_sent_by(db, f.mentee->id);
  return f;
}

// The pair, its two people locked first (storage/row_locks.hpp): the counts the rules then read
// are ones no other request, acceptance or proposal of theirs can change before this commits.
Pair read_pair(sql::Connection& db, PersonId mentee, PersonId mentor) {
  storage::lock_people(db, {mentee, mentor});
  return {storage::find_person(db, mentee), storage::find_person(db, mentor)};
}

std::string days_to_answer(const LifecycleSettings& rules) { return std::to_string(rules.request_expiry_days); }

}  // namespace

Result<Relationship> send_request(UseCase& uc, const Person& actor, const RequestInput& in) {
  const PersonId other = in.by_mentee ? in.mentor : in.mentee;
  if ((in.by_mentee ? in.mentee : in.mentor) != actor.id)
    return forbidden(in.by_mentee ? "only the mentee sends their own request" : "only the mentor makes their own offer");
  const Pair pair = read_pair(uc.db(), in.mentee, in.mentor);
  if (!pair.mentee || !pair.mentor) return invalid(in.by_mentee ? "mentor_id" : "mentee_id", "no person has this id");
  MH_CHECK(check_can_request(read_pair_facts(uc.db(), pair, true), actor.id, uc.rules()));
  // Know your purpose before you ask: a request says what the mentee hopes for. Checked after
  // the people and the hard rules, which say more about what to do instead.
  if (in.by_mentee && in.message.find_first_not_of(" \t\r\n") == std::string::npos)
    return invalid("message", "say what you hope for from this mentoring, and why this mentor");
  MH_TRY(r, new_request(actor.id, in.mentee, in.mentor, in.message, in.draft_purpose, uc.now(), uc.rules()));
  r.id = storage::insert_relationship(uc.db(), r);
  uc.record_created(r, actor.id,
                    !in.note.empty() ? in.note : in.by_mentee ? "requested a mentor" : "offered to mentor");
  uc.notify(relationship_notice(r, other, "request_received",
                                actor.name + (in.by_mentee ? " asks you to be their mentor." : " offers to mentor you.") +
                                    " Please answer within " + days_to_answer(uc.rules()) + " days.")
                .at(kRequestsPage));
  return r;
}

Result<Relationship> propose_pair(UseCase& uc, std::optional<PersonId> admin, const Person& mentee,
                                  const Person& mentor, const std::string& message, const std::string& note) {
  const Pair pair{mentee, mentor};
  MH_CHECK(check_can_request(read_pair_facts(uc.db(), pair, true), mentee.id, uc.rules()));
  MH_TRY(r, new_request(mentee.id, mentee.id, mentor.id, message, "", uc.now(), uc.rules()));
  r.proposed_by_program = true;
  r.id = storage::insert_relationship(uc.db(), r);
  uc.record_created(r, admin, note);
  const std::string days = days_to_answer(uc.rules());
  uc.notify(relationship_notice(r, mentor.id, "cohort_proposal",
                                "The program proposes that you mentor " + mentee.name +
                                    ". Please accept or decline within " + days + " days.")
                .at(kRequestsPage));
  uc.notify(relationship_notice(r, mentee.id, "mentor_proposed",
                                "The program proposes " + mentor.name + " as your mentor; they will answer within " +
                                    days + " days, and you may withdraw.")
                .at(kRequestsPage));
  return r;
}

Result<Relationship> accept_request(UseCase& uc, const Person& actor, RelationshipId id) {
  MH_TRY(r, changing_relationship(uc.db(), actor, id));
  MH_CHECK(check_can_answer(r, actor.id, uc.now()));
  MH_CHECK(check_can_accept(read_pair_facts(uc.db(), read_pair(uc.db(), r.mentee_id, r.mentor_id), false)));
  MH_CHECK(uc.change_state(r, RelState::accepted, actor.id));
  MH_CHECK(uc.change_state(r, RelState::starting, std::nullopt, "get to know one another, then define the purpose"));
  uc.notify(relationship_notice(r, r.initiator_id, "request_accepted",
                                actor.name +
                                    " accepted. At your first meeting, get to know one another and define the purpose.",
                                "purpose"));
  return r;
}

Result<Relationship> decline_request(UseCase& uc, const Person& actor, RelationshipId id, const std::string& reason) {
  MH_CHECK(check_required_text("reason", reason, 2000));
  MH_TRY(r, changing_relationship(uc.db(), actor, id));
  MH_CHECK(check_can_answer(r, actor.id, uc.now()));
  r.decline_reason = reason;
  MH_CHECK(uc.change_state(r, RelState::declined, actor.id));
  uc.notify(relationship_notice(r, r.initiator_id, "request_declined", actor.name + " declined: " + reason)
                .at(r.initiator_id == r.mentee_id ? kFindMentorPage : kPeoplePage));
  return r;
}

Result<Relationship> withdraw_request(UseCase& uc, const Person& actor, RelationshipId id) {
  MH_TRY(r, changing_relationship(uc.db(), actor, id));
  MH_CHECK(check_can_withdraw(r, actor.id, uc.now()));
  MH_CHECK(uc.change_state(r, RelState::withdrawn, actor.id));
  return r;
}

Result<Relationship> ask_question(UseCase& uc, const Person& actor, RelationshipId id, const std::string& question) {
  MH_CHECK(check_required_text("question", question, 2000));
  MH_TRY(r, changing_relationship(uc.db(), actor, id));
  MH_CHECK(check_can_answer(r, actor.id, uc.now()));
  const auto asked =
      storage::insert_info_request(uc.db(), {0, r.id, actor.id, question, std::nullopt, uc.now(), std::nullopt});
  uc.notify(relationship_notice(r, r.initiator_id, "question_asked",
                                actor.name + " would like to know more before answering: " + question)
                .on(subject("question", asked))
                .at(kRequestsPage));
  return r;
}

Result<Relationship> answer_question(UseCase& uc, const Person& actor, RelationshipId id, std::int64_t question_id,
                                     const std::string& answer) {
  MH_CHECK(check_required_text("answer", answer, 4000));
  MH_TRY(r, changing_relationship(uc.db(), actor, id));
  if (actor.id != r.initiator_id) return forbidden("only the person who sent the request answers its questions");
  if (r.state != RelState::requested || has_expired(r, uc.now()))
    return conflict(std::string("the request is ") + (has_expired(r, uc.now()) ? "expired" : to_string(r.state)) +
                        "; questions are closed",
                    "state");
  const auto questions = storage::info_requests_of(uc.db(), r.id);
  auto q = std::find_if(questions.begin(), questions.end(), [&](const auto& x) { return x.id == question_id; });
  if (q == questions.end()) return not_found("no such question");
  if (q->answer) return conflict("this question is already answered");
  storage::answer_info_request(uc.db(), question_id, answer, uc.now());
  uc.notify(relationship_notice(r, r.recipient(), "question_answered", actor.name + " answered your question.")
                .on(subject("question", question_id))
                .at(kRequestsPage));
  return r;
}

Result<Relationship> propose_follow_up(UseCase& uc, const Person& actor, RelationshipId concluded,
                                       const std::string& message, const std::optional<std::string>& draft_purpose) {
  MH_TRY(old, participant_relationship(uc.db(), actor, concluded));
  if (old.state != RelState::concluded)
    return conflict(std::string("the relationship is ") + to_string(old.state) +
                        "; a follow-up is proposed after concluding",
                    "state");
  const Pair pair = read_pair(uc.db(), old.mentee_id, old.mentor_id);
  MH_CHECK(check_can_request(read_pair_facts(uc.db(), pair, true), actor.id, uc.rules()));
  const std::string prefill = draft_purpose ? *draft_purpose : follow_up_purpose(
      storage::debriefs_of(uc.db(), storage::ContentOwner::relationship(old.id)));
  MH_TRY(r, new_request(actor.id, old.mentee_id, old.mentor_id, message, prefill, uc.now(), uc.rules()));
  r.id = storage::insert_relationship(uc.db(), r);
  uc.record_created(r, actor.id, "follow-up of relationship " + std::to_string(old.id));
  uc.notify(relationship_notice(r, r.recipient(), "request_received",
                                actor.name + " proposes a new mentoring relationship with a new purpose.")
                .at(kRequestsPage));
  return r;
}

MyRelationships my_relationships(sql::Connection& db, const Person& me, std::optional<RelState> state,
                                 std::optional<Role> role, std::optional<RelationshipId> before, int limit) {
  MyRelationships out;
  // Newest first, the cursor the last id seen; one row beyond the page says whether there is more.
  // Everyone the page names comes with it, from the same statement.
  auto page = storage::relationships_page(db, me.id, state, role, before, limit + 1);
  out.relationships = std::move(page.relationships);
  if (static_cast<int>(out.relationships.size()) > limit) {
    out.relationships.resize(limit);
    out.next = out.relationships.back().id;
  }
  std::vector<PersonId> ids;
  for (const Relationship& r : out.relationships) ids.insert(ids.end(), {r.mentee_id, r.mentor_id});
  out.people = named_people(ids, std::move(page.named));
  return out;
}

Result<std::vector<StateChange>> state_changes(sql::Connection& db, const Person& reader, RelationshipId id) {
  if (reader.is_admin) {
    if (!storage::find_relationship(db, id)) return not_found("no such relationship");
  } else {
    MH_CHECK(status_of(participant_relationship(db, reader, id)));
  }
  return storage::state_changes_of(db, id);
}

}  // namespace mh::services
