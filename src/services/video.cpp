#include "services/video.hpp"

#include "services/admin_audit.hpp"
#include "services/circles.hpp"
#include "services/flash.hpp"
#include "storage/flash_repo.hpp"
#include "storage/circles_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/video_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::services {

namespace {

Status admins_only(const Person& actor) {
  if (!actor.is_admin) return forbidden("only a program administrator may configure video rooms");
  return {};
}

std::string name_of(sql::Connection& db, PersonId id) {
  if (auto p = storage::find_person(db, id)) return p->name;
  return "A former colleague";
}

Result<VideoJoin> joining(sql::Connection& db, VideoSubject subject, std::int64_t id, bool by_video, bool cancelled,
                          std::string title, const Person& actor, bool moderator) {
  VideoSettings s = storage::load_video_settings(db);
  if (s.provider == VideoProvider::none) return conflict("the organisation has no video service configured");
  if (cancelled) return conflict("this was cancelled; its video room is closed");
  if (!by_video) return conflict("this is not held by video: the logistics say face to face, phone or chat");
  auto room = storage::video_room(db, subject, id);
  if (!room) return conflict("this has no video room");
  return VideoJoin{std::move(s), std::move(*room), std::move(title), actor.name, moderator};
}

}  // namespace

Result<VideoSettings> video_settings_for(sql::Connection& db, const Person& actor) {
  MH_CHECK(admins_only(actor));
  return storage::load_video_settings(db);
}

Result<VideoSettings> configure_video(UseCase& uc, const Person& actor, VideoSettings input) {
  MH_CHECK(admins_only(actor));
  const VideoSettings stored = storage::load_video_settings(uc.db());
  if (input.provider == VideoProvider::bigbluebutton && input.bbb_secret.empty() &&
      stored.provider == VideoProvider::bigbluebutton && stored.bbb_url == input.bbb_url)
    input.bbb_secret = stored.bbb_secret;
  // Only what the chosen provider uses is kept: no secret lingers after switching away.
  if (input.provider != VideoProvider::jitsi) input.jitsi_url.clear();
  if (input.provider != VideoProvider::bigbluebutton) {
    input.bbb_url.clear();
    input.bbb_secret.clear();
    input.bbb_checksum = BbbChecksum::sha1;
  }
  MH_CHECK(validate_video_settings(input));
  // A new provider or address changes every room's link: the calendars must take it.
  const bool links_change =
      input.provider != stored.provider || input.jitsi_url != stored.jitsi_url || input.bbb_url != stored.bbb_url;
  input.revision = stored.revision + (links_change ? 1 : 0);
  storage::save_video_settings(uc.db(), input, uc.now());
  // The service and its address, never the secret; whether every room's link changed with it.
  std::string detail = to_string(input.provider);
  if (!input.jitsi_url.empty()) detail += " at " + input.jitsi_url;
  if (!input.bbb_url.empty()) detail += " at " + input.bbb_url;
  if (links_change) detail += "; every video room's link changed";
  record_admin_action(uc.db(), uc.now(), &actor, admin_action::kVideoConfigured, "video", detail);
  return input;
}

VideoSettings current_video_settings(sql::Connection& db) { return storage::load_video_settings(db); }

std::string meeting_video_link(sql::Connection& db, const VideoSettings& s, const Meeting& m, const std::string& base_url) {
  if (s.provider == VideoProvider::none) return {};
  return video_link(s, storage::video_room(db, VideoSubject::meeting, m.id), m.medium == Medium::video,
                    m.status == MeetingStatus::cancelled, base_url + meeting_join_path(m.relationship_id, m.id));
}

std::string circle_session_video_link(sql::Connection& db, const VideoSettings& s, const CircleSession& cs,
                                      const std::string& base_url) {
  if (s.provider == VideoProvider::none) return {};
  return video_link(s, storage::video_room(db, VideoSubject::circle_session, cs.id), cs.medium == Medium::video,
                    cs.status == MeetingStatus::cancelled, base_url + circle_session_join_path(cs.circle_id, cs.id));
}

std::string flash_booking_video_link(sql::Connection& db, const VideoSettings& s, const FlashBooking& b,
                                     const std::string& base_url) {
  if (s.provider == VideoProvider::none) return {};
  // A flash session is always a video call.
  return video_link(s, storage::video_room(db, VideoSubject::flash_booking, b.id), true,
                    b.status == BookingStatus::cancelled, base_url + flash_booking_join_path(b.id));
}

Result<VideoJoin> join_meeting_video(sql::Connection& db, const Person& actor, RelationshipId relationship,
                                     MeetingId meeting) {
  MH_TRY(r, participant_relationship(db, actor, relationship));
  auto m = storage::find_meeting(db, r.id, meeting);
  if (!m) return not_found("no such meeting in this relationship");
  return joining(db, VideoSubject::meeting, m->id, m->medium == Medium::video, m->status == MeetingStatus::cancelled,
                 "Mentoring: " + name_of(db, r.mentee_id) + " and " + name_of(db, r.mentor_id), actor,
                 actor.id == r.mentor_id);
}

Result<VideoJoin> join_circle_session_video(sql::Connection& db, const Person& actor, CircleId circle,
                                            CircleSessionId session) {
  MH_TRY(v, circle_content_for(db, actor, circle));
  auto s = storage::find_circle_session(db, v.circle.id, session);
  if (!s) return not_found("no such session in this circle");
  return joining(db, VideoSubject::circle_session, s->id, s->medium == Medium::video,
                 s->status == MeetingStatus::cancelled, "Mentoring circle: " + v.circle.topic, actor,
                 actor.id == v.circle.host_id);
}

Result<VideoJoin> join_flash_booking_video(sql::Connection& db, const Person& actor, FlashBookingId booking) {
  MH_TRY(b, participant_booking(db, actor, booking));
  auto topic = storage::find_flash_topic(db, b.topic_id);
  return joining(db, VideoSubject::flash_booking, b.id, true, b.status == BookingStatus::cancelled,
                 "Flash mentoring: " + (topic ? topic->title : std::string("a session")), actor,
                 actor.id == b.mentor_id);
}

}  // namespace mh::services
