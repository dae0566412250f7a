// Video rooms: which addresses a video service may have, the Jitsi room address, and
// BigBlueButton's signed calls. The checksums below were computed outside this code (Python's
// hashlib and urllib.parse.quote over the same strings), and the first is the example of
// BigBlueButton's own API documentation.
#include "domain/video.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace mh {
namespace {

using namespace mh::testing;

constexpr const char* kSecret = "s3cret-shared-K3y";
constexpr const char* kRoom = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

VideoSettings bbb(BbbChecksum algorithm = BbbChecksum::sha1) {
  VideoSettings s;
  s.provider = VideoProvider::bigbluebutton;
  s.bbb_url = "https://bbb.example.org/bigbluebutton/api/";
  s.bbb_secret = kSecret;
  s.bbb_checksum = algorithm;
  return s;
}

TEST(VideoSigning, ChecksumOfTheDocumentationExample) {
  EXPECT_EQ(bbb_checksum("create", "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444",
                         "639259d4-9dd8-4b25-bf01-95f9567eaf4b", BbbChecksum::sha1),
            "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17");
}

TEST(VideoSigning, QueryValuesArePercentEncoded) {
  EXPECT_EQ(bbb_query({{"fullName", "Zoë O'Brien"}, {"redirect", "true"}}), "fullName=Zo%C3%AB%20O%27Brien&redirect=true");
  EXPECT_EQ(bbb_query({{"a", "-._~AZaz09 &=+/?"}}), "a=-._~AZaz09%20%26%3D%2B%2F%3F");
  EXPECT_EQ(bbb_query({}), "");
}

TEST(VideoSigning, CreateCarriesTheRoomAndBothPasswordsSignedWithSha1) {
  EXPECT_EQ(bbb_create_url(bbb(), kRoom, "Mentoring: Zoë & Max"),
            "https://bbb.example.org/bigbluebutton/api/create?name=Mentoring%3A%20Zo%C3%AB%20%26%20Max"
            "&meetingID=0f1e2d3c4b5a69788796a5b4c3d2e1f0&attendeePW=a57250bf6d4ceb98c1de3f2c"
            "&moderatorPW=d5e71821efd5fbe207a92e78&checksum=ba9ad2a3949ba92f5850e895b620389af81dd0e2");
}

TEST(VideoSigning, Sha256WhenTheServerIsSetSo) {
  const std::string url = bbb_create_url(bbb(BbbChecksum::sha256), kRoom, "Mentoring: Zoë & Max");
  EXPECT_TRUE(url.ends_with("&checksum=4d61f7ac2073c55db023cb31e6b6b364fdf4f9ef92fb8dc60262a73e2dcbaec3")) << url;
}

TEST(VideoSigning, JoinAsModeratorOrAttendee) {
  EXPECT_EQ(bbb_join_url(bbb(), kRoom, "Zoë O'Brien", true),
            "https://bbb.example.org/bigbluebutton/api/join?fullName=Zo%C3%AB%20O%27Brien"
            "&meetingID=0f1e2d3c4b5a69788796a5b4c3d2e1f0&password=d5e71821efd5fbe207a92e78&redirect=true"
            "&checksum=25ab263070aec3be7d0519d1f2fd0790f03fb0a0");
  EXPECT_EQ(bbb_join_url(bbb(), kRoom, "Max Mustermann", false),
            "https://bbb.example.org/bigbluebutton/api/join?fullName=Max%20Mustermann"
            "&meetingID=0f1e2d3c4b5a69788796a5b4c3d2e1f0&password=a57250bf6d4ceb98c1de3f2c&redirect=true"
            "&checksum=0b2f5ad770e0ff9cd7474f3feb12e968a294f3bf");
}

TEST(VideoSigning, AnotherSecretGivesOtherPasswordsAndChecksums) {
  VideoSettings other = bbb();
  other.bbb_secret = "another-secret";
  EXPECT_NE(bbb_join_url(other, kRoom, "Max Mustermann", false), bbb_join_url(bbb(), kRoom, "Max Mustermann", false));
  EXPECT_EQ(bbb_join_url(other, kRoom, "Max Mustermann", false).find(kSecret), std::string::npos);
}

TEST(VideoAddresses, HttpsWithAHostAndNothingElse) {
  EXPECT_EQ(video_address_problem("https://meet.example.org"), "");
  EXPECT_EQ(video_address_problem("https://meet.example.org:8443/rooms/"), "");
  EXPECT_EQ(video_address_problem("http://127.0.0.1:8099/bigbluebutton/api"), "");
  EXPECT_EQ(video_address_problem("http://localhost/api"), "");
  EXPECT_EQ(video_address_problem("http://[::1]:80/api"), "");
  EXPECT_NE(video_address_problem("http://meet.example.org"), "");
  EXPECT_NE(video_address_problem("ftp://meet.example.org"), "");
  EXPECT_NE(video_address_problem("meet.example.org"), "");
  EXPECT_NE(video_address_problem(""), "");
  EXPECT_NE(video_address_problem("https://"), "");
  EXPECT_NE(video_address_problem("https://:443/x"), "");
  EXPECT_EQ(video_address_problem("https://user:pw@meet.example.org"), "must not contain a user name or password");
  EXPECT_EQ(video_address_problem("https://user@meet.example.org/x"), "must not contain a user name or password");
  EXPECT_NE(video_address_problem("https://meet.example.org/?room=1"), "");
  EXPECT_NE(video_address_problem("https://meet.example.org/#x"), "");
  EXPECT_NE(video_address_problem("https://meet.example.org/a b"), "");
  EXPECT_NE(video_address_problem("https://meet.example.org/\n"), "");
  EXPECT_NE(video_address_problem("https://" + std::string(500, 'a')), "");
}

TEST(VideoAddresses, SettingsNameTheFieldThatIsWrong) {
  VideoSettings s;
  EXPECT_EQ(code_of(validate_video_settings(s)), "ok");
  s.provider = VideoProvider::jitsi;
  EXPECT_EQ(field_of(validate_video_settings(s)), "jitsi_url");
  s.jitsi_url = "https://meet.example.org";
  EXPECT_EQ(code_of(validate_video_settings(s)), "ok");
  VideoSettings b = bbb();
  EXPECT_EQ(code_of(validate_video_settings(b)), "ok");
  b.bbb_url = "https://admin:pw@bbb.example.org/bigbluebutton/api";
  EXPECT_EQ(field_of(validate_video_settings(b)), "bbb_url");
  b = bbb();
  b.bbb_secret = "";
  EXPECT_EQ(field_of(validate_video_settings(b)), "bbb_secret");
  b.bbb_secret = "short";
  EXPECT_EQ(field_of(validate_video_settings(b)), "bbb_secret");
  b.bbb_secret = "has a space in it";
  EXPECT_EQ(field_of(validate_video_settings(b)), "bbb_secret");
}

TEST(VideoLinks, OnlyForThingsHeldByVideoThatAreNotCancelled) {
  VideoSettings jitsi;
  jitsi.provider = VideoProvider::jitsi;
  jitsi.jitsi_url = "https://meet.example.org/";
  const std::optional<std::string> room = kRoom;
  EXPECT_EQ(video_link(jitsi, room, true, false, "/join"), "https://meet.example.org/0f1e2d3c4b5a69788796a5b4c3d2e1f0");
  EXPECT_EQ(video_link(jitsi, room, false, false, "/join"), "");
  EXPECT_EQ(video_link(jitsi, room, true, true, "/join"), "");
  EXPECT_EQ(video_link(jitsi, std::nullopt, true, false, "/join"), "");
  EXPECT_EQ(video_link(VideoSettings{}, room, true, false, "/join"), "");
  EXPECT_EQ(video_link(bbb(), room, true, false, "https://mh.example.org/join"), "https://mh.example.org/join");
  EXPECT_EQ(meeting_join_path(3, 14), "/api/v1/relationships/3/meetings/14/video");
  EXPECT_EQ(circle_session_join_path(2, 7), "/api/v1/circles/2/sessions/7/video");
  EXPECT_EQ(flash_booking_join_path(9), "/api/v1/flash/bookings/9/video");
}

TEST(VideoLinks, ACalendarEntryCarriesTheLink) {
  CalendarEntry e;
  e.location = "Video call";
  e.description = "A mentoring meeting.";
  const VideoSettings none;
  add_video_link(e, none, "https://meet.example.org/r");
  EXPECT_EQ(e.location, "https://meet.example.org/r");
  EXPECT_EQ(e.url, "https://meet.example.org/r");
  EXPECT_TRUE(contains(e.description, "Join the video call: https://meet.example.org/r"));
  CalendarEntry unchanged;
  unchanged.location = "Room 4";
  add_video_link(unchanged, none, "");
  EXPECT_EQ(unchanged.location, "Room 4");
  EXPECT_EQ(unchanged.url, "");
  EXPECT_EQ(unchanged.sequence, 0);
}

TEST(VideoLinks, EveryEntrysSequenceCarriesTheSettingsRevision) {
  VideoSettings twice_changed;
  twice_changed.revision = 2;
  CalendarEntry held_by_video;
  held_by_video.sequence = 3;  // the meeting's own changes
  add_video_link(held_by_video, twice_changed, "https://meet.example.org/r");
  EXPECT_EQ(held_by_video.sequence, 5);
  // One that lost its link when the service changed must be updated too.
  CalendarEntry face_to_face;
  add_video_link(face_to_face, twice_changed, "");
  EXPECT_EQ(face_to_face.sequence, 2);
}

}  // namespace
}  // namespace mh
