// Flash mentoring's use cases: publishing and changing a topic, adding and withdrawing its slots,
// booking a slot with a question, cancelling, the mentee's takeaway and the mentor's resource
// after the session, and proposing a one-to-one from it. Each runs inside the caller's
// transaction (see use_case.hpp). Slots offered from a mentor's availability are
// services::offer_flash_slots_from_availability, which adds them here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/flash.hpp"
#include "domain/relationship.hpp"
#include "services/use_case.hpp"

namespace mh::services {

// A slot to add to a flash topic: its start and duration, and the field that named it.
struct NewFlashSlot {
  TimePoint starts_at{};
  int duration_minutes = 30;
  std::string field;  // "slots[2]"
};

// The actor's flash topic `id`: not_found, or forbidden when another mentor published it.
Result<FlashTopic> own_flash_topic(sql::Connection& db, const Person& actor, FlashTopicId id);

// A new topic's words: published at once when the mentor offers flash mentoring.
struct NewFlashTopic {
  std::string title;
  std::string description;
};

// Publishes a topic of the actor's with its first slots (possibly none), all or nothing: the
// actor must offer flash mentoring, the topic and every slot pass the domain's checks.
Result<FlashTopic> publish_flash_topic(UseCase& uc, const Person& actor, const NewFlashTopic& topic,
                                       const std::vector<NewFlashSlot>& slots);

// What a mentor changes of their topic; an absent field stays as it is. Publishing again needs
// the actor to offer flash mentoring; unpublishing a topic always works (booked sessions stay).
struct FlashTopicChange {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<bool> published;
};
Result<FlashTopic> change_flash_topic(UseCase& uc, const Person& actor, FlashTopicId id, const FlashTopicChange& change);

// The mentor withdraws a free, future slot of their topic: not_found for a slot of another
// topic, conflict naming `slot_id` for a booked or past one. Returns the topic.
Result<FlashTopic> withdraw_flash_slot(UseCase& uc, const Person& actor, FlashTopicId topic, FlashSlotId slot);

// Adds slots to the actor's topic, each checked by validate_new_slot against the mentor's other
// offered slots (those added in the same call included). The actor must offer flash mentoring.
Result<std::vector<FlashSlot>> add_flash_slots(UseCase& uc, const Person& actor, const FlashTopic& topic,
                                               const std::vector<NewFlashSlot>& slots);

// Books `slot` for the actor with `question`. not_found for an unknown slot or topic; the
// domain's check_can_book otherwise (conflict naming `slot_id` when the slot is taken, withdrawn,
// started, or the mentee has too many sessions; invalid `question`). The mentor is told.
Result<FlashBooking> book_flash_slot(UseCase& uc, const Person& actor, FlashSlotId slot, const std::string& question);

// The flash session `id` if the actor is its mentee or mentor: not_found, or forbidden for anyone
// else (administrators included).
Result<FlashBooking> participant_booking(sql::Connection& db, const Person& actor, FlashBookingId id);

// Either participant cancels an upcoming session (with an optional reason); a mentee's
// cancellation frees the slot, a mentor's withdraws it. The other participant is told.
Result<FlashBooking> cancel_flash_booking(UseCase& uc, const Person& actor, FlashBookingId id,
                                          const std::string& reason);
// The mentee's takeaway and rating (1-5) after the session; the mentor is told.
Result<FlashBooking> record_flash_takeaway(UseCase& uc, const Person& actor, FlashBookingId id,
                                           const std::string& takeaway, int rating);
// The mentor shares a resource (an http(s) address and a note) after the session; the mentee is told.
Result<FlashBooking> share_flash_resource(UseCase& uc, const Person& actor, FlashBookingId id, const std::string& url,
                                          const std::string& note);

// Either participant of a flash session that has happened proposes a one-to-one relationship
// from it, through services::send_request (every rule of a request holds; an error about the
// other person names no field, since the caller named none). Without a message or draft purpose
// the topic supplies them. The booking remembers the relationship.
struct FlashProposal {
  std::optional<std::string> message;
  std::optional<std::string> draft_purpose;
};
Result<Relationship> propose_from_flash_session(UseCase& uc, const Person& actor, FlashBookingId id,
                                                const FlashProposal& proposal);

}  // namespace mh::services
