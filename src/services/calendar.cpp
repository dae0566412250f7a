#include "services/calendar.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "domain/own_data.hpp"
#include "services/circles.hpp"
#include "services/flash.hpp"
#include "services/video.hpp"
#include "storage/calendar_repo.hpp"
#include "storage/circles_repo.hpp"
#include "storage/flash_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::services {

namespace {

// A person who deleted their account is still named in the entries they were part of, as
// deleted; their tombstone's stand-in address (deleted-N@erased.invalid) is left out, so that no
// calendar invites it.
Person person_or_former(sql::Connection& db, PersonId id) {
  auto p = storage::find_person(db, id);
  if (p && !is_erased(*p)) return std::move(*p);
  Person gone;
  gone.id = id;
  gone.name = kDeletedPersonName;
  return gone;
}

CalendarEntry meeting_of(sql::Connection& db, const Relationship& r, const Meeting& m, TimePoint now,
                         const std::string& base_url) {
  CalendarEntry e = meeting_entry(m, person_or_former(db, r.mentee_id), person_or_former(db, r.mentor_id), now);
  const VideoSettings video = current_video_settings(db);
  add_video_link(e, video, meeting_video_link(db, video, m, base_url));
  return e;
}

CalendarEntry session_of(sql::Connection& db, const CircleView& v, const CircleSession& s, const Person& viewer,
                         TimePoint now, const std::string& base_url) {
  CalendarEntry e = circle_session_entry(s, v.circle, person_or_former(db, v.circle.host_id),
                                         count_status(v.roster, MemberStatus::member), viewer, now);
  const VideoSettings video = current_video_settings(db);
  add_video_link(e, video, circle_session_video_link(db, video, s, base_url));
  return e;
}

Result<CalendarEntry> booking_of(sql::Connection& db, const FlashBooking& b, TimePoint now, const std::string& base_url) {
  auto topic = storage::find_flash_topic(db, b.topic_id);
  if (!topic) return not_found("no such flash topic");
  CalendarEntry e = flash_booking_entry(b, *topic, person_or_former(db, b.mentee_id), person_or_former(db, b.mentor_id),
                                        now);
  const VideoSettings video = current_video_settings(db);
  add_video_link(e, video, flash_booking_video_link(db, video, b, base_url));
  return e;
}

bool in_window(TimePoint starts_at, TimePoint now) {
  return starts_at >= now - kFeedPast && starts_at <= now + kFeedAhead;
}

}  // namespace

Result<CalendarEntry> meeting_calendar_entry(sql::Connection& db, const Person& actor, RelationshipId relationship,
                                             MeetingId meeting, TimePoint now, const std::string& base_url) {
  MH_TRY(r, participant_relationship(db, actor, relationship));
  auto m = storage::find_meeting(db, r.id, meeting);
  if (!m) return not_found("no such meeting in this relationship");
  return meeting_of(db, r, *m, now, base_url);
}

Result<CalendarEntry> circle_session_calendar_entry(sql::Connection& db, const Person& actor, CircleId circle,
                                                    CircleSessionId session, TimePoint now,
                                                    const std::string& base_url) {
  MH_TRY(v, circle_content_for(db, actor, circle));
  auto s = storage::find_circle_session(db, v.circle.id, session);
  if (!s) return not_found("no such session in this circle");
  return session_of(db, v, *s, actor, now, base_url);
}

Result<CalendarEntry> flash_booking_calendar_entry(sql::Connection& db, const Person& actor, FlashBookingId booking,
                                                   TimePoint now, const std::string& base_url) {
  MH_TRY(b, participant_booking(db, actor, booking));
  return booking_of(db, b, now, base_url);
}

std::vector<CalendarEntry> calendar_feed_entries(sql::Connection& db, const Person& person, TimePoint now,
                                                 const std::string& base_url) {
  std::vector<CalendarEntry> out;
  for (const Relationship& r : storage::relationships_of(db, person.id, std::nullopt))
    for (const Meeting& m : storage::meetings_of(db, r.id))
      if (in_window(m.starts_at, now)) out.push_back(meeting_of(db, r, m, now, base_url));
  storage::CircleFilter mine;
  mine.involving = person.id;
  mine.limit = 1000;
  for (const Circle& c : storage::list_circles(db, mine)) {
    CircleView v{c, storage::roster_of(db, c.id)};
    v.role = circle_role(v.circle, person.id, v.roster);
    if (v.role == CircleRole::none) continue;  // waiting, or left: not their sessions
    for (const CircleSession& s : storage::circle_sessions_of(db, c.id))
      if (in_window(s.starts_at, now)) out.push_back(session_of(db, v, s, person, now, base_url));
  }
  for (const FlashBooking& b : storage::flash_bookings_of(db, person.id))
    if (in_window(b.starts_at, now))
      if (auto e = booking_of(db, b, now, base_url)) out.push_back(std::move(*e));
  std::stable_sort(out.begin(), out.end(),
                   [](const CalendarEntry& a, const CalendarEntry& b) { return a.starts_at < b.starts_at; });
  return out;
}

std::optional<std::string> calendar_feed_secret_of(sql::Connection& db, const Person& person) {
  return storage::calendar_feed_secret(db, person.id);
}

std::string renew_calendar_feed(UseCase& uc, const Person& person) {
  std::string secret = random_token();
  storage::save_calendar_feed(uc.db(), person.id, secret, uc.now());
  return secret;
}

void end_calendar_feed(UseCase& uc, const Person& person) { storage::delete_calendar_feed(uc.db(), person.id); }

Result<Person> calendar_feed_owner(sql::Connection& db, const std::string& secret) {
  auto owner = storage::calendar_feed_owner(db, secret);
  if (!owner) return not_found("no calendar has this address; its owner may have replaced it");
  auto p = storage::find_person(db, *owner);
  if (!p || !p->active) return not_found("no calendar has this address; its owner may have replaced it");
  return std::move(*p);
}

}  // namespace mh::services
