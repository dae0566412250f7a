#include "services/own_data.hpp"

#include "services/admin_audit.hpp"
#include "services/circles.hpp"
#include "services/workspace.hpp"
#include "storage/access_repo.hpp"
#include "storage/break_glass_repo.hpp"
#include "storage/calendar_repo.hpp"
#include "storage/circles_repo.hpp"
#include "storage/flash_repo.hpp"
#include "storage/outbox_repo.hpp"
#include "storage/own_data_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::services {

namespace {

constexpr const char* kNote = "account deleted";

// Ends the relationship `r` the deleted person `gone` took part in, and tells the other party.
Status end_relationship(UseCase& uc, const Person& gone, Relationship r) {
  const bool was_mentee = r.mentee_id == gone.id;
  const PersonId other = was_mentee ? r.mentor_id : r.mentee_id;
  const std::string who = was_mentee ? "mentee" : "mentor";
  std::string message;
  if (r.state == RelState::requested) {
    const bool sent = r.initiator_id == gone.id;
    MH_CHECK(uc.change_state(r, sent ? RelState::withdrawn : RelState::declined, gone.id, kNote));
    message = sent ? "A mentoring request to you was withdrawn: the person who sent it deleted their account."
                   : "Your mentoring request was declined: the person you asked deleted their account.";
  } else if (is_live(r.state)) {
    if (r.state == RelState::accepted) MH_CHECK(uc.change_state(r, RelState::starting, gone.id, kNote));
    if (r.state != RelState::concluding) MH_CHECK(uc.change_state(r, RelState::concluding, gone.id, kNote));
    MH_CHECK(uc.change_state(r, RelState::concluded, gone.id, kNote));
    call_off_meetings_to_come(uc, r, "Your " + who + " deleted their account, so your meetings still to come are cancelled.");
    message = "Your " + who +
              " deleted their account, so your relationship has ended. Its record stays with you; what they wrote "
              "in it now shows as written by " + kDeletedPersonName + ".";
  } else {
    return {};
  }
  uc.notify(relationship_notice(r, other, "account_deleted", message));
  return {};
}

Status leave_circles(UseCase& uc, const Person& gone) {
  storage::CircleFilter f;
  f.involving = gone.id;
  f.limit = 200;
  for (;;) {
    const auto page = storage::list_circles(uc.db(), f);
    for (const Circle& found : page) {
      MH_TRY(v, circle_for(uc.db(), gone, found.id));
      if (v.circle.host_id == gone.id) {
        if (v.circle.state == CircleState::concluded) continue;
        if (v.circle.state == CircleState::active)
          MH_CHECK(uc.change_circle_state(v.circle, CircleState::concluding, gone.id, kNote));
        MH_CHECK(uc.change_circle_state(v.circle, CircleState::concluded, gone.id, kNote));
        const int called_off = call_off_circle_sessions_to_come(uc, v.circle);
        for (const CircleMember& m : v.roster)
          if (m.status == MemberStatus::member || m.status == MemberStatus::waitlisted ||
              m.status == MemberStatus::requested)
            uc.notify(circle_notice(v.circle.id, m.person_id, "account_deleted",
                                    "The host of the circle \"" + v.circle.topic +
                                        "\" deleted their account, so the circle has ended. Its record stays with "
                                        "you." + sessions_called_off(called_off)));
        continue;
      }
      for (const CircleMember& m : v.roster)
        if (m.person_id == gone.id && (m.status == MemberStatus::member || m.status == MemberStatus::waitlisted ||
                                       m.status == MemberStatus::requested) &&
            v.circle.state != CircleState::concluded)
          MH_CHECK(leave_circle(uc, gone, v));
    }
    if (static_cast<int>(page.size()) < f.limit) return {};
    f.after = page.back().id;
  }
}

void release_flash(UseCase& uc, const Person& gone) {
  for (FlashBooking b : storage::flash_bookings_of(uc.db(), gone.id)) {
    if (b.status != BookingStatus::booked || b.starts_at <= uc.now()) continue;
    b.status = BookingStatus::cancelled;
    b.cancelled_at = uc.now();
    b.cancelled_by = gone.id;
    b.cancel_reason = kNote;
    storage::update_flash_booking(uc.db(), b);
    const auto topic = storage::find_flash_topic(uc.db(), b.topic_id);
    const bool was_mentee = b.mentee_id == gone.id;
    // A mentee's place frees the slot for someone else; a mentor's slot goes with them.
    if (!was_mentee) storage::set_slot_withdrawn(uc.db(), b.slot_id, true);
    uc.notify(Notice{was_mentee ? b.mentor_id : b.mentee_id, "flash_cancelled", subject("flash_booking", b.id), "",
                     "The flash session \"" + (topic ? topic->title : std::string()) + "\" on " +
                         format_iso8601(b.starts_at) + " is cancelled: the other participant deleted their account.",
                     kFlashPage, std::nullopt});
  }
  for (const FlashSlot& s : storage::live_slots_of_mentor(uc.db(), gone.id, uc.now()))
    storage::set_slot_withdrawn(uc.db(), s.id, true);
  storage::FlashTopicFilter f;
  f.mentor = gone.id;
  f.published_only = false;
  f.limit = 200;
  for (;;) {
    const auto page = storage::list_flash_topics(uc.db(), f);
    for (FlashTopic t : page) {
      if (!t.published) continue;
      t.published = false;
      t.updated_at = uc.now();
      storage::update_flash_topic(uc.db(), t);
    }
    if (static_cast<int>(page.size()) < f.limit) return;
    f.after = page.back().id;
  }
}

}  // namespace

Status delete_own_account(UseCase& uc, const Person& actor) {
  auto stored = storage::find_person(uc.db(), actor.id);
  if (!stored || is_erased(*stored)) return not_found("no such person");
  MH_CHECK(check_may_delete(*stored, storage::other_active_admins(uc.db(), actor.id)));
  // From here on the person is the tombstone, so whatever the endings say names nobody.
  const Person gone = erased_profile(*stored, uc.now());
  for (const Relationship& r : storage::relationships_of(uc.db(), actor.id, std::nullopt))
    MH_CHECK(end_relationship(uc, gone, r));
  MH_CHECK(leave_circles(uc, gone));
  release_flash(uc, gone);
  storage::erase_person_rows(uc.db(), actor.id, uc.now());
  storage::update_person(uc.db(), gone);
  storage::set_password_hash(uc.db(), actor.id, "");
  record_admin_action(uc.db(), uc.now(), actor.id, admin_action::kAccountDeleted, subject("person", actor.id));
  return {};
}

OwnRecords own_records(sql::Connection& db, const Person& me) {
  OwnRecords out;
  out.relationships = storage::relationships_of(db, me.id, std::nullopt);
  out.cohorts = storage::cohort_memberships_of(db, me.id);
  out.notifications = storage::all_notifications_of(db, me.id);
  out.last_sign_in_at = storage::last_sign_in_of(db, me.id);
  out.identities = storage::identities_of(db, me.id);
  out.calendar_feed = storage::calendar_feed_secret(db, me.id).has_value();
  out.mail_kinds_off = storage::mail_kinds_off(db, me.id);
  out.mail_sent = storage::mail_sent_to(db, me.id);
  for (auto& g : storage::break_glass_grants_involving(db, me.id)) {
    const auto admin = storage::find_person(db, g.admin_id);
    out.openings.push_back({std::move(g), admin ? std::optional<std::string>(admin->name) : std::nullopt});
  }
  std::vector<PersonId> managers = me.former_manager_ids;
  if (me.manager_id) managers.push_back(*me.manager_id);
  out.managers = read_named_people(db, std::move(managers));
  return out;
}

}  // namespace mh::services
