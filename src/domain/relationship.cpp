#include "domain/relationship.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/enum_names.hpp"

namespace mh {

namespace {
constexpr EnumNames<RelState, 10> kStateNames{{"requested", "declined", "withdrawn", "expired", "accepted", "starting",
    "active", "fading", "concluding", "concluded"}};

// The lifecycle as a table: every legal edge, nothing else.
constexpr std::array<std::pair<RelState, RelState>, 12> kEdges{{
    {RelState::requested, RelState::declined},
    {RelState::requested, RelState::withdrawn},
    {RelState::requested, RelState::expired},
    {RelState::requested, RelState::accepted},
    {RelState::accepted, RelState::starting},
    {RelState::starting, RelState::active},
    // A pair that cannot agree a purpose still closes properly instead of fading away.
    {RelState::starting, RelState::concluding},
    {RelState::active, RelState::fading},
    {RelState::fading, RelState::active},
    {RelState::active, RelState::concluding},
    {RelState::fading, RelState::concluding},
    {RelState::concluding, RelState::concluded},
}};
}  // namespace

const char* to_string(RelState s) { return kStateNames.name(s); }

std::optional<RelState> parse_rel_state(std::string_view s) { return kStateNames.parse(s); }

const char* to_string(Role r) { return r == Role::mentee ? "mentee" : "mentor"; }

bool is_live(RelState s) {
  return s == RelState::accepted || s == RelState::starting || s == RelState::active || s == RelState::fading ||
         s == RelState::concluding;
}

bool is_final(RelState s) {
  return s == RelState::declined || s == RelState::withdrawn || s == RelState::expired || s == RelState::concluded;
}

bool is_workable(RelState s) { return s == RelState::starting || s == RelState::active || s == RelState::fading; }

Status check_transition(RelState from, RelState to) {
  const bool legal = std::any_of(kEdges.begin(), kEdges.end(), [&](const auto& e) { return e.first == from && e.second == to; });
  if (legal) return {};
  return conflict(std::string("the relationship is ") + to_string(from) + "; it cannot become " + to_string(to),
                  "state");
}

std::optional<Role> Relationship::role_of(PersonId p) const {
  if (p == mentee_id) return Role::mentee;
  if (p == mentor_id) return Role::mentor;
  return std::nullopt;
}

namespace {

Status check_pair(const PairFacts& f, const char* other_field) {
  if (!f.mentee || !f.mentor) return not_found("no such person");
  if (f.mentee->id == f.mentor->id) return invalid(other_field, "you cannot mentor yourself");
  if (!f.mentee->active || !f.mentor->active) return invalid(other_field, "this person is deactivated");
  if (f.mentee->manager_id == f.mentor->id)
    return invalid(other_field,
                   "a current manager cannot be the mentor: look for a mentor who is not your manager (your manager "
                   "can recommend one)");
  if (f.live_relationship_between_them)
    return conflict("these two people already have a relationship in progress or a request waiting", other_field);
  if (f.mentor->mentor_capacity <= 0) return conflict("this person is not taking mentees at the moment", other_field);
  if (f.mentor_live_relationships >= f.mentor->mentor_capacity)
    return conflict("this mentor has no free place (" + std::to_string(f.mentor_live_relationships) + " of " +
                        std::to_string(f.mentor->mentor_capacity) + " taken)",
                    other_field);
  return {};
}

}  // namespace

Status check_can_request(const PairFacts& facts, PersonId initiator, const LifecycleSettings& settings) {
  const bool by_mentee = facts.mentee && initiator == facts.mentee->id;
  MH_CHECK(check_pair(facts, by_mentee ? "mentor_id" : "mentee_id"));
  if (by_mentee && facts.mentee_open_requests >= settings.max_open_requests)
    return conflict("you already have " + std::to_string(facts.mentee_open_requests) +
                        " requests waiting for an answer; withdraw one or wait for answers first",
                    "mentor_id");
  return {};
}

Status check_can_accept(const PairFacts& facts) {
  // At acceptance the pair's own request is the live one, so only the capacity and the people
  // may have changed.
  PairFacts f = facts;
  f.live_relationship_between_them = false;
  return check_pair(f, "state");
}

Result<Relationship> new_request(PersonId initiator, PersonId mentee, PersonId mentor, std::string message,
                                 std::string draft_purpose, TimePoint now, const LifecycleSettings& settings) {
  if (message.size() > 4000) return invalid("message", "is longer than 4000 characters");
  if (draft_purpose.size() > 4000) return invalid("draft_purpose", "is longer than 4000 characters");
  Relationship r;
  r.mentee_id = mentee;
  r.mentor_id = mentor;
  r.initiator_id = initiator;
  r.message = std::move(message);
  r.draft_purpose = std::move(draft_purpose);
  r.requested_at = r.updated_at = now;
  r.expires_at = now + std::chrono::days(settings.request_expiry_days);
  return r;
}

std::optional<int> purpose_reminder_due(const Relationship& r, int reminders_sent, TimePoint now,
                                        const LifecycleSettings& settings) {
  if (r.state != RelState::starting || !r.answered_at || reminders_sent >= 2) return std::nullopt;
  int latest = 0;
  for (int k = 1; k <= 2; ++k)
    if (now >= *r.answered_at + std::chrono::days(k * settings.purpose_reminder_days)) latest = k;
  if (latest <= reminders_sent) return std::nullopt;
  return latest;
}

bool is_not_started(const Relationship& r, TimePoint now, const LifecycleSettings& settings) {
  return r.state == RelState::starting && r.answered_at &&
         now >= *r.answered_at + std::chrono::days(settings.purpose_reminder_days);
}

bool has_expired(const Relationship& r, TimePoint now) {
  return r.state == RelState::requested && now >= r.expires_at;
}

Status check_can_answer(const Relationship& r, PersonId actor, TimePoint now) {
  if (actor != r.recipient()) return forbidden("only the person who received the request can answer it");
  if (r.state != RelState::requested)
    return conflict(std::string("the request is ") + to_string(r.state) + "; it can no longer be answered", "state");
  if (has_expired(r, now)) return conflict("the request expired without an answer", "state");
  return {};
}

Status check_can_withdraw(const Relationship& r, PersonId actor, TimePoint now) {
  if (actor != r.initiator_id) return forbidden("only the person who sent the request can withdraw it");
  if (has_expired(r, now)) return conflict("the request already expired without an answer", "state");
  return check_transition(r.state, RelState::withdrawn);
}

Responsiveness responsiveness(const std::vector<ReceivedRequest>& received) {
  Responsiveness out;
  int expired = 0;
  std::vector<double> hours;
  for (const auto& q : received) {
    if (q.state == RelState::withdrawn) continue;  // the mentor had no chance to answer
    ++out.requests_received;
    if (q.answered_at) {
      ++out.answered;
      hours.push_back(static_cast<double>((*q.answered_at - q.requested_at).count()) / 3600.0);
    } else if (q.state == RelState::expired) {
      ++expired;
    }
  }
  if (out.answered + expired > 0) out.answer_rate = static_cast<double>(out.answered) / (out.answered + expired);
  if (!hours.empty()) {
    std::sort(hours.begin(), hours.end());
    const size_t n = hours.size();
    out.median_hours_to_answer = n % 2 ? hours[n / 2] : (hours[n / 2 - 1] + hours[n / 2]) / 2;
  }
  return out;
}

Result<StateChange> transition(Relationship& r, RelState to, std::optional<PersonId> actor, TimePoint now,
                               std::string note) {
  MH_CHECK(check_transition(r.state, to));
  StateChange change{r.id, actor, r.state, to, now, std::move(note)};
  r.state = to;
  r.updated_at = now;
  if (to == RelState::accepted || to == RelState::declined) r.answered_at = now;
  if (to == RelState::active && !r.activated_at) r.activated_at = now;
  if (to == RelState::concluded) r.concluded_at = now;
  return change;
}

}  // namespace mh
