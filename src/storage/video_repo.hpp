// Video rooms in the store: the organisation's video settings (one JSON document among the program
// settings, the BigBlueButton secret with them) and the room name of each meeting, circle session
// and flash booking, made when the thing is made (storage inserts call create_video_room) and kept
// for its life. Stateless; each call runs on the caller's connection and transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "domain/video.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// The stored settings, or provider none.
VideoSettings load_video_settings(sql::Connection& db);
void save_video_settings(sql::Connection& db, const VideoSettings& s, TimePoint at);

// A new room with a long random name (256 bits, hex) for the subject; returns the name.
std::string create_video_room(sql::Connection& db, VideoSubject subject, std::int64_t subject_id, TimePoint at);
std::optional<std::string> video_room(sql::Connection& db, VideoSubject subject, std::int64_t subject_id);

}  // namespace mh::storage
