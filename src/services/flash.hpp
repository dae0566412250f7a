// Flash mentoring's use cases: booking a slot with a question, cancelling, the mentee's takeaway
// and the mentor's resource after the session. Each runs inside the caller's transaction (see
// use_case.hpp); publishing topics and slots is the mentor's own catalogue and stays with the
// routes for now. A proposal of a one-to-one after a session is services::send_request.
#pragma once

#include <string>

#include "domain/flash.hpp"
#include "services/use_case.hpp"

namespace mh::services {

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

}  // namespace mh::services
