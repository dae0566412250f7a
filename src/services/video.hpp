// Video rooms: the organisation's video service (administrators configure it), the link each
// participant sees for a meeting, circle session or flash booking held by video, and joining one.
// Only participants get a link or may join: the two people of a meeting, a circle's host and
// members, a booking's mentee and mentor (administrators included in "nobody else").
// Each function runs inside the caller's transaction; none reaches the network (the API layer
// calls BigBlueButton's `create` with what join_*_video returns).
#pragma once

#include <string>

#include "domain/video.hpp"
#include "services/use_case.hpp"

namespace mh::services {

// The settings as stored (administrators only; the caller leaves the secret out of any answer).
Result<VideoSettings> video_settings_for(sql::Connection& db, const Person& actor);
// Checks and saves new settings (administrators only). For BigBlueButton an empty secret keeps the
// stored one when the API address is unchanged; switching to another provider forgets it.
Result<VideoSettings> configure_video(UseCase& uc, const Person& actor, VideoSettings input);

// The organisation's settings, for the link functions below (read once per request).
VideoSettings current_video_settings(sql::Connection& db);
// The links of one thing for its participants, from the settings and the stored room; empty when
// there is none. `base_url` is put before Mentorhub's join path (empty: a path on this server).
std::string meeting_video_link(sql::Connection& db, const VideoSettings& s, const Meeting& m, const std::string& base_url);
std::string circle_session_video_link(sql::Connection& db, const VideoSettings& s, const CircleSession& cs,
                                      const std::string& base_url);
std::string flash_booking_video_link(sql::Connection& db, const VideoSettings& s, const FlashBooking& b,
                                     const std::string& base_url);

// What joining needs: the provider's settings, the room, the title the room shows, the person's full
// name and whether they lead. not_found / forbidden as the thing's other routes; `conflict` when
// the organisation has no video service, the thing is not held by video or is cancelled.
struct VideoJoin {
  VideoSettings settings;
  std::string room;
  std::string title;
  std::string full_name;
  bool moderator = false;
};
Result<VideoJoin> join_meeting_video(sql::Connection& db, const Person& actor, RelationshipId relationship,
                                     MeetingId meeting);
Result<VideoJoin> join_circle_session_video(sql::Connection& db, const Person& actor, CircleId circle,
                                            CircleSessionId session);
Result<VideoJoin> join_flash_booking_video(sql::Connection& db, const Person& actor, FlashBookingId booking);

}  // namespace mh::services
