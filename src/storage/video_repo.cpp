#include "storage/video_repo.hpp"

#include <nlohmann/json.hpp>

#include "common/crypto.hpp"
#include "storage/finding_repo.hpp"

namespace mh::storage {

using sql::Value;
using json = nlohmann::json;

namespace {
constexpr const char* kSettingName = "video";
}

VideoSettings load_video_settings(sql::Connection& db) {
  VideoSettings s;
  const auto text = program_setting(db, kSettingName);
  if (!text) return s;
  const json j = json::parse(*text, nullptr, false);
  if (!j.is_object()) throw sql::Error(sql::Error::Kind::corrupt_row, "the stored video settings cannot be read: " + *text);
  try {
    // A member missing is a setting never made (older rows); one of the wrong type or an unknown
    // name is damage, not a reason to fall back to another provider.
    s.provider = sql::decoded(j.value("provider", std::string("none")), parse_video_provider, "video provider");
    s.jitsi_url = j.value("jitsi_url", "");
    s.bbb_url = j.value("bbb_url", "");
    s.bbb_secret = j.value("bbb_secret", "");
    s.bbb_checksum = sql::decoded(j.value("bbb_checksum", std::string("sha1")), parse_bbb_checksum, "BigBlueButton checksum");
    s.revision = j.value("revision", 0);
  } catch (const json::exception& e) {
    throw sql::Error(sql::Error::Kind::corrupt_row, std::string("the stored video settings cannot be read: ") + e.what());
  }
  return s;
}

void save_video_settings(sql::Connection& db, const VideoSettings& s, TimePoint at) {
  const json j{{"provider", to_string(s.provider)},
               {"jitsi_url", s.jitsi_url},
               {"bbb_url", s.bbb_url},
               {"bbb_secret", s.bbb_secret},
               {"bbb_checksum", to_string(s.bbb_checksum)},
               {"revision", s.revision}};
  save_program_setting(db, kSettingName, j.dump(), at);
}

std::string create_video_room(sql::Connection& db, VideoSubject subject, std::int64_t subject_id, TimePoint at) {
  std::string room = random_token();
  db.execute("INSERT INTO video_rooms (subject, subject_id, room, created_at) VALUES (?, ?, ?, ?)",
             std::vector<Value>{std::string(to_string(subject)), subject_id, room,
                                std::int64_t{at.time_since_epoch().count()}});
  return room;
}

std::optional<std::string> video_room(sql::Connection& db, VideoSubject subject, std::int64_t subject_id) {
  auto rs = db.execute("SELECT room FROM video_rooms WHERE subject = ? AND subject_id = ?",
                       std::vector<Value>{std::string(to_string(subject)), subject_id});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows[0].text(0);
}

}  // namespace mh::storage
