#include "services/conclusion.hpp"

#include <algorithm>

#include "services/workspace.hpp"

#include "storage/content_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/notifications_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::services {

namespace {

std::string name_of(sql::Connection& db, PersonId id) {
  auto p = storage::find_person(db, id);
  return p ? p->name : "your partner";
}

}  // namespace

Status start_concluding(UseCase& uc, const Person& actor, Relationship& r) {
  MH_CHECK(require_participant(r, actor));
  MH_CHECK(check_can_start_concluding(r.state));
  MH_CHECK(uc.change_state(r, RelState::concluding, actor.id));
  uc.notify(relationship_notice(r, r.other_than(actor.id), "concluding",
                                actor.name +
                                    " started concluding your mentoring. Write your debrief: what was achieved, what "
                                    "still needs doing, and what you would do differently next time.",
                                "debrief"));
  return {};
}

Status conclude_for_departure(UseCase& uc, Relationship& r, const Person& departed) {
  if (!r.is_participant(departed.id)) return invalid("person", "is not in this relationship");
  const PersonId other = r.other_than(departed.id);
  const std::string note = departed.name + " left the organisation";
  if (r.state == RelState::requested) {
    MH_CHECK(uc.change_state(r, RelState::withdrawn, std::nullopt, note));
    uc.notify(relationship_notice(r, other, "request_withdrawn",
                                  departed.name + " has left the organisation, so the request between you is closed.")
                  .at(kRequestsPage));
    return {};
  }
  if (r.state != RelState::starting && r.state != RelState::active && r.state != RelState::fading) return {};
  MH_CHECK(uc.change_state(r, RelState::concluding, std::nullopt, note));
  uc.notify(relationship_notice(r, other, "concluding",
                                departed.name +
                                    " has left the organisation, so your mentoring is concluding. Write your debrief: "
                                    "what was achieved, what still needs doing, and what you would do differently "
                                    "next time.",
                                "debrief"));
  return {};
}

Status submit_debrief(UseCase& uc, const Person& actor, Relationship& r, Debrief debrief) {
  MH_CHECK(require_participant(r, actor));
  debrief.author_id = actor.id;
  debrief.submitted_at = uc.now();
  MH_CHECK(validate_debrief(debrief, storage::load_purpose(uc.db(), r.id), r.state));
  storage::save_debrief(uc.db(), storage::ContentOwner::relationship(r.id), debrief);
  const auto all = storage::debriefs_of(uc.db(), storage::ContentOwner::relationship(r.id));
  auto wrote = [&](PersonId p) {
    return std::any_of(all.begin(), all.end(), [&](const Debrief& d) { return d.author_id == p; });
  };
  if (wrote(r.mentee_id) && wrote(r.mentor_id)) {
    MH_CHECK(uc.change_state(r, RelState::concluded, std::nullopt, "both debriefs submitted"));
    call_off_meetings_to_come(uc, r, "Your mentoring is concluded, so its meetings still to come are cancelled.");
    for (PersonId p : {r.mentee_id, r.mentor_id})
      uc.notify(relationship_notice(r, p, "concluded", "Your mentoring is concluded: read both debriefs side by side.",
                                    "debrief"));
  } else {
    uc.notify(relationship_notice(r, r.other_than(actor.id), "debrief_waiting",
                                  actor.name + " submitted their debrief; yours concludes the relationship.", "debrief")
                  .on(format_iso8601(uc.now())));
  }
  return {};
}

Result<LifecycleStep> check_lifecycle(UseCase& uc, RelationshipId id) {
  auto r = storage::find_relationship(uc.db(), id);
  if (!r) return LifecycleStep::none;
  if (has_expired(*r, uc.now())) {
    MH_CHECK(uc.change_state(*r, RelState::expired, std::nullopt, "no answer in time"));
    const bool offer = r->initiator_id == r->mentor_id;
    const std::string other = name_of(uc.db(), r->recipient());
    uc.notify(relationship_notice(*r, r->initiator_id, "request_expired",
                                  offer ? "Your offer to mentor " + other +
                                              " expired without an answer. Others may welcome your help: see who is "
                                              "looking."
                                        : "Your request to " + other +
                                              " expired without an answer. Look for another mentor: there are others "
                                              "who will answer.")
                  .at(offer ? kPeoplePage : kFindMentorPage));
    return LifecycleStep::expired;
  }
  if (r->state == RelState::starting) {
    const char* kind = "purpose_not_agreed";
    // Before the first reminder is due there is nothing to count (the check runs every 5 minutes).
    if (!purpose_reminder_due(*r, 0, uc.now(), uc.rules())) return LifecycleStep::none;
    const int sent = static_cast<int>(storage::count_notifications(uc.db(), r->id, kind) / 2);
    auto due = purpose_reminder_due(*r, sent, uc.now(), uc.rules());
    if (!due) return LifecycleStep::none;
    // The occasion ("reminder:2") keeps a reminder once per person even when a late first check
    // sent the second without the first (then the count above says one was sent).
    bool written = false;
    for (PersonId p : {r->mentee_id, r->mentor_id})
      written |= uc.notify(relationship_notice(*r, p, kind,
                                    std::string(sent == 0 ? "" : "A reminder: ") + "you and " +
                                        name_of(uc.db(), r->other_than(p)) + " accepted " +
                                        std::to_string(*due * uc.rules().purpose_reminder_days) +
                                        " days ago and have not agreed a purpose yet. Meet, get to know one another, "
                                        "and define what you want to achieve together.",
                                    "purpose")
                    .on("reminder:" + std::to_string(*due))).has_value();
    return written ? LifecycleStep::reminded_of_purpose : LifecycleStep::none;
  }
  if (r->state != RelState::active && r->state != RelState::fading) return LifecycleStep::none;
  const Activity a = storage::load_activity(uc.db(), *r, uc.rules().default_cadence_days, uc.now());
  if (should_fade(a, uc.now())) {
    MH_CHECK(uc.change_state(*r, RelState::fading, std::nullopt, "no meeting held or scheduled within twice the cadence"));
    for (PersonId p : {r->mentee_id, r->mentor_id})
      uc.notify(relationship_notice(*r, p, "fading",
                                    "Your mentoring with " + name_of(uc.db(), r->other_than(p)) +
                                        " is fading: no meeting in " + std::to_string(2 * a.cadence_days) +
                                        " days. Schedule a meeting, or start concluding it properly with a debrief.",
                                    "meetings")
                    .on("since:" + format_iso8601(uc.now())));
    return LifecycleStep::faded;
  }
  if (should_revive(a, uc.now())) {
    MH_CHECK(uc.change_state(*r, RelState::active, std::nullopt, "a meeting is planned again"));
    return LifecycleStep::revived;
  }
  return LifecycleStep::none;
}

}  // namespace mh::services
