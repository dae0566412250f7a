#include "services/flash.hpp"

#include <algorithm>

#include "services/requests.hpp"
#include "storage/flash_repo.hpp"

namespace mh::services {

namespace {

Notice booking_notice(const FlashBooking& b, PersonId person, std::string kind, std::string message) {
  return Notice{person, std::move(kind), subject("flash_booking", b.id), "", std::move(message), kFlashPage,
                std::nullopt};
}

}  // namespace

Result<FlashTopic> own_flash_topic(sql::Connection& db, const Person& actor, FlashTopicId id) {
  auto t = storage::find_flash_topic(db, id);
  if (!t) return not_found("no such flash topic");
  if (t->mentor_id != actor.id) return forbidden("only the mentor who published a flash topic can change it");
  return std::move(*t);
}

Result<FlashTopic> publish_flash_topic(UseCase& uc, const Person& actor, const NewFlashTopic& in,
                                       const std::vector<NewFlashSlot>& slots) {
  MH_CHECK(check_can_offer_flash(actor));
  FlashTopic t;
  t.mentor_id = actor.id;
  t.title = in.title;
  t.description = in.description;
  t.created_at = t.updated_at = uc.now();
  MH_CHECK(validate_flash_topic(t));
  t.id = storage::insert_flash_topic(uc.db(), t);
  MH_CHECK(status_of(add_flash_slots(uc, actor, t, slots)));
  return t;
}

Result<FlashTopic> change_flash_topic(UseCase& uc, const Person& actor, FlashTopicId id, const FlashTopicChange& change) {
  MH_TRY(t, own_flash_topic(uc.db(), actor, id));
  if (change.title) t.title = *change.title;
  if (change.description) t.description = *change.description;
  if (change.published) t.published = *change.published;
  if (t.published) MH_CHECK(check_can_offer_flash(actor));
  MH_CHECK(validate_flash_topic(t));
  t.updated_at = uc.now();
  storage::update_flash_topic(uc.db(), t);
  return t;
}

Result<FlashTopic> withdraw_flash_slot(UseCase& uc, const Person& actor, FlashTopicId topic_id, FlashSlotId slot_id) {
  MH_TRY(t, own_flash_topic(uc.db(), actor, topic_id));
  auto s = storage::find_flash_slot(uc.db(), slot_id);
  if (!s || s->topic_id != t.id) return not_found("no such slot in this topic");
  if (storage::live_booking_of_slot(uc.db(), s->id))
    return conflict("this slot is booked; cancel the booking first (the slot is then withdrawn)", "slot_id");
  if (s->starts_at <= uc.now()) return conflict("this slot is in the past", "slot_id");
  storage::set_slot_withdrawn(uc.db(), s->id, true);
  return t;
}

Result<std::vector<FlashSlot>> add_flash_slots(UseCase& uc, const Person& actor, const FlashTopic& topic,
                                               const std::vector<NewFlashSlot>& slots) {
  if (topic.mentor_id != actor.id) return forbidden("only the mentor who published a flash topic can change it");
  MH_CHECK(check_can_offer_flash(actor));
  auto existing = storage::live_slots_of_mentor(uc.db(), topic.mentor_id, uc.now());
  std::vector<FlashSlot> added;
  for (const NewFlashSlot& n : slots) {
    FlashSlot s;
    s.topic_id = topic.id;
    s.mentor_id = topic.mentor_id;
    s.starts_at = n.starts_at;
    s.duration_minutes = n.duration_minutes;
    s.created_at = uc.now();
    MH_CHECK(validate_new_slot(s, existing, uc.now(), n.field));
    s.id = storage::insert_flash_slot(uc.db(), s);
    existing.push_back(s);
    added.push_back(s);
  }
  return added;
}

Result<FlashBooking> book_flash_slot(UseCase& uc, const Person& actor, FlashSlotId slot_id, const std::string& question) {
  auto slot = storage::find_flash_slot(uc.db(), slot_id);
  if (!slot) return not_found("no such slot");
  auto topic = storage::find_flash_topic(uc.db(), slot->topic_id);
  const auto upcoming = storage::upcoming_bookings_of_mentee(uc.db(), actor.id, uc.now());
  BookingFacts facts;
  facts.topic = topic ? &*topic : nullptr;
  facts.slot = &*slot;
  facts.slot_taken = storage::live_booking_of_slot(uc.db(), slot->id).has_value();
  facts.mentee_upcoming = static_cast<int>(upcoming.size());
  facts.mentee_has_topic_upcoming = std::any_of(upcoming.begin(), upcoming.end(),
                                                [&](const FlashBooking& b) { return b.topic_id == slot->topic_id; });
  MH_CHECK(check_can_book(facts, actor.id, question, uc.now()));
  FlashBooking b;
  b.slot_id = slot->id;
  b.topic_id = slot->topic_id;
  b.mentee_id = actor.id;
  b.mentor_id = slot->mentor_id;
  b.question = question;
  b.starts_at = slot->starts_at;
  b.duration_minutes = slot->duration_minutes;
  b.booked_at = uc.now();
  b.id = storage::insert_flash_booking(uc.db(), b);
  uc.notify(booking_notice(b, b.mentor_id, "flash_booked",
                           actor.name + " booked your flash session \"" + topic->title + "\" on " +
                               format_iso8601(b.starts_at) + " with a question: " + question));
  return b;
}

Result<FlashBooking> participant_booking(sql::Connection& db, const Person& actor, FlashBookingId id) {
  auto b = storage::find_flash_booking(db, id);
  if (!b) return not_found("no such flash session");
  if (!b->is_participant(actor.id))
    return forbidden("only the mentee and the mentor of a flash session can see or change it");
  return std::move(*b);
}

Result<FlashBooking> cancel_flash_booking(UseCase& uc, const Person& actor, FlashBookingId id,
                                          const std::string& reason) {
  MH_TRY(b, participant_booking(uc.db(), actor, id));
  MH_TRY(cancelled, cancel(b, actor.id, reason, uc.now()));
  storage::update_flash_booking(uc.db(), cancelled);
  if (!cancellation_frees_slot(b, actor.id)) storage::set_slot_withdrawn(uc.db(), b.slot_id, true);
  const auto topic = storage::find_flash_topic(uc.db(), b.topic_id);
  uc.notify(booking_notice(b, actor.id == b.mentee_id ? b.mentor_id : b.mentee_id, "flash_cancelled",
                           actor.name + " cancelled the flash session \"" + (topic ? topic->title : std::string()) +
                               "\" on " + format_iso8601(b.starts_at) + (reason.empty() ? "." : ": " + reason)));
  return cancelled;
}

Result<FlashBooking> record_flash_takeaway(UseCase& uc, const Person& actor, FlashBookingId id,
                                           const std::string& takeaway, int rating) {
  MH_TRY(b, participant_booking(uc.db(), actor, id));
  MH_CHECK(record_takeaway(b, actor.id, takeaway, rating, uc.now()));
  storage::update_flash_booking(uc.db(), b);
  uc.notify(booking_notice(b, b.mentor_id, "flash_takeaway",
                           actor.name + " recorded what they took away from your flash session."));
  return b;
}

Result<FlashBooking> share_flash_resource(UseCase& uc, const Person& actor, FlashBookingId id, const std::string& url,
                                          const std::string& note) {
  MH_TRY(b, participant_booking(uc.db(), actor, id));
  MH_CHECK(add_resource(b, actor.id, url, note, uc.now()));
  storage::update_flash_booking(uc.db(), b);
  uc.notify(booking_notice(b, b.mentee_id, "flash_resource", actor.name + " added a resource to your flash session: " + url)
                .on(format_iso8601(uc.now())));
  return b;
}

Result<Relationship> propose_from_flash_session(UseCase& uc, const Person& actor, FlashBookingId id,
                                                const FlashProposal& proposal) {
  MH_TRY(b, participant_booking(uc.db(), actor, id));
  MH_CHECK(check_can_propose(b, actor.id, uc.now()));
  auto topic = storage::find_flash_topic(uc.db(), b.topic_id);
  if (!topic) return not_found("no such flash topic");
  const bool as_mentee = actor.id == b.mentee_id;
  RequestInput in;
  in.mentee = b.mentee_id;
  in.mentor = b.mentor_id;
  in.by_mentee = as_mentee;
  in.message = proposal.message ? *proposal.message : proposal_message(*topic, as_mentee);
  in.draft_purpose = proposal.draft_purpose ? *proposal.draft_purpose : proposal_purpose(*topic);
  in.note = std::string(as_mentee ? "requested a mentor" : "offered to mentor") + " after flash session " +
            std::to_string(b.id);
  auto sent = send_request(uc, actor, in);
  if (!sent) {
    // The rules name mentor_id or mentee_id, which this caller never sent: the message says it.
    Error e = sent.error();
    if (e.field == "mentor_id" || e.field == "mentee_id") e.field.clear();
    return e;
  }
  b.relationship_id = sent->id;
  storage::update_flash_booking(uc.db(), b);
  return std::move(*sent);
}

}  // namespace mh::services
