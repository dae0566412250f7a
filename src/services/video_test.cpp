// Video rooms (services/video.hpp): only administrators read and configure the organisation's
// video service, with the shared secret kept only for the server it belongs to; each meeting,
// circle session and flash booking held by video gets a room whose link and join go to its
// participants alone, the one who leads as moderator, and never for a cancelled or face-to-face one.
#include "services/video.hpp"

#include "services/admin_audit.hpp"
#include "services/calendar.hpp"
#include "services/circles.hpp"
#include "services/flash.hpp"
#include "services/testing.hpp"
#include "services/workspace.hpp"
#include "storage/break_glass_repo.hpp"
#include "storage/flash_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

constexpr const char* kJitsi = "https://meet.example.org";
constexpr const char* kBbb = "https://bbb.example.org/bigbluebutton/api";
constexpr const char* kSecret = "a-long-shared-secret-1234";

VideoSettings jitsi(const std::string& url = kJitsi) {
  VideoSettings s;
  s.provider = VideoProvider::jitsi;
  s.jitsi_url = url;
  return s;
}
VideoSettings bbb(const std::string& secret = kSecret, const std::string& url = kBbb) {
  VideoSettings s;
  s.provider = VideoProvider::bigbluebutton;
  s.bbb_url = url;
  s.bbb_secret = secret;
  s.bbb_checksum = BbbChecksum::sha256;
  return s;
}

class VideoTest : public AdminServicesTest {
 protected:
  Ran<VideoSettings> configure(const Person& who, VideoSettings s) {
    return run<VideoSettings>(kMonday, [&](UseCase& uc) { return configure_video(uc, who, s); });
  }
  VideoSettings stored() {
    return read<VideoSettings>([&](sql::Connection& db) { return current_video_settings(db); });
  }
  Meeting schedule(const Relationship& r, Medium medium) {
    NewMeeting in;
    in.starts_at = kMonday + days(3);
    in.medium = medium;
    return scheduled(r.id, in);
  }
  void cancel(const Relationship& r, const Meeting& m) {
    ASSERT_TRUE(on(mentee_, r.id, kMonday, [&](UseCase& uc, Relationship& rel) -> Status {
                  MeetingChanges c;
                  c.status = MeetingStatus::cancelled;
                  return status_of(change_meeting(uc, mentee_, rel, m.id, c));
                }).result);
  }
  Meeting meeting(const Relationship& r, MeetingId id) {
    return *store_->read_value<Meeting>([&](sql::Connection& db) -> Result<Meeting> {
      UseCase uc(db, kMonday, rules_);
      return meeting_of(uc, r, id);
    });
  }
  std::string link_of(const Meeting& m, const std::string& base = "") {
    return *store_->read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
      return meeting_video_link(db, current_video_settings(db), m, base);
    });
  }
  Result<VideoJoin> join(const Person& who, RelationshipId r, MeetingId m) {
    return store_->read_value<VideoJoin>([&](sql::Connection& db) { return join_meeting_video(db, who, r, m); });
  }
};

TEST_F(VideoTest, OnlyAnAdministratorReadsOrConfiguresTheServiceAndARefusalSavesNothing) {
  for (const Person* who : {&mentee_, &mentor_, &manager_, &stranger_}) {
    auto ran = configure(*who, jitsi());
    EXPECT_EQ(code_of(ran.result), "forbidden") << who->name;
    auto read = store_->read_value<VideoSettings>([&](sql::Connection& db) { return video_settings_for(db, *who); });
    EXPECT_EQ(code_of(read), "forbidden") << who->name;
  }
  EXPECT_EQ(stored().provider, VideoProvider::none);
  auto read = store_->read_value<VideoSettings>([&](sql::Connection& db) { return video_settings_for(db, admin_); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->provider, VideoProvider::none) << "no video service until one is configured";
}

TEST_F(VideoTest, BadSettingsAreInvalidNamingTheirFieldAndNothingIsSaved) {
  const std::vector<std::pair<VideoSettings, std::string>> bad = {
      {jitsi(""), "jitsi_url"},
      {jitsi("http://meet.example.org"), "jitsi_url"},
      {jitsi("https://user:pw@meet.example.org"), "jitsi_url"},
      {bbb("", kBbb), "bbb_secret"},
      {bbb("short", kBbb), "bbb_secret"},
      {bbb(kSecret, ""), "bbb_url"},
  };
  for (const auto& [settings, field] : bad) {
    auto ran = configure(admin_, settings);
    EXPECT_EQ(code_of(ran.result), "invalid") << field;
    EXPECT_EQ(field_of(ran.result), field);
  }
  EXPECT_EQ(stored().provider, VideoProvider::none);
}

TEST_F(VideoTest, AnEmptySecretKeepsTheStoredOneForTheSameServerOnly) {
  ASSERT_TRUE(configure(admin_, bbb()).result);
  auto same = configure(admin_, bbb(""));
  ASSERT_TRUE(same.result) << same.result.error().message;
  EXPECT_EQ(stored().bbb_secret, kSecret);

  auto other_server = configure(admin_, bbb("", "https://other.example.org/bigbluebutton/api"));
  EXPECT_EQ(code_of(other_server.result), "invalid") << "a secret never follows to another server";
  EXPECT_EQ(field_of(other_server.result), "bbb_secret");
  EXPECT_EQ(stored().bbb_url, kBbb);
}

TEST_F(VideoTest, SwitchingProviderForgetsWhatTheOldOneUsed) {
  ASSERT_TRUE(configure(admin_, bbb()).result);
  VideoSettings to_jitsi = jitsi();
  to_jitsi.bbb_url = kBbb;
  to_jitsi.bbb_secret = kSecret;
  ASSERT_TRUE(configure(admin_, to_jitsi).result);
  const VideoSettings s = stored();
  EXPECT_EQ(s.provider, VideoProvider::jitsi);
  EXPECT_EQ(s.jitsi_url, kJitsi);
  EXPECT_EQ(s.bbb_url, "");
  EXPECT_EQ(s.bbb_secret, "") << "no secret lingers after switching away";
  EXPECT_EQ(s.bbb_checksum, BbbChecksum::sha1);

  ASSERT_TRUE(configure(admin_, bbb()).result);
  EXPECT_EQ(stored().jitsi_url, "");
}

TEST_F(VideoTest, TheRevisionRisesOnlyWhenLinksChange) {
  EXPECT_EQ(stored().revision, 0);
  ASSERT_TRUE(configure(admin_, jitsi()).result);
  EXPECT_EQ(stored().revision, 1);
  ASSERT_TRUE(configure(admin_, jitsi()).result);
  EXPECT_EQ(stored().revision, 1) << "the same service again changes no link";
  ASSERT_TRUE(configure(admin_, jitsi("https://meet2.example.org")).result);
  EXPECT_EQ(stored().revision, 2);
  ASSERT_TRUE(configure(admin_, bbb()).result);
  EXPECT_EQ(stored().revision, 3);
  ASSERT_TRUE(configure(admin_, bbb(kSecret + std::string("-new"))).result);
  EXPECT_EQ(stored().revision, 3) << "a new secret changes no link";
}

TEST_F(VideoTest, EachConfigurationIsAuditedWithTheServiceNeverTheSecret) {
  ASSERT_TRUE(configure(admin_, bbb()).result);
  ASSERT_TRUE(configure(admin_, bbb(kSecret + std::string("-new"))).result);
  EXPECT_EQ(code_of(configure(mentor_, jitsi()).result), "forbidden");
  const auto entries = store_->read_value<std::vector<storage::AdminAuditEntry>>(
      [&](sql::Connection& db) -> Result<std::vector<storage::AdminAuditEntry>> {
        return storage::admin_audit(db, 10, std::nullopt);
      });
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u) << "a refusal leaves no entry";
  for (const auto& e : *entries) {
    EXPECT_EQ(e.action, admin_action::kVideoConfigured);
    EXPECT_EQ(e.subject, "video");
    EXPECT_EQ(e.actor, admin_.id);
    EXPECT_EQ(e.detail.find(kSecret), std::string::npos) << e.detail;
    EXPECT_NE(e.detail.find(kBbb), std::string::npos) << e.detail;
  }
  EXPECT_EQ((*entries)[0].detail.find("link changed"), std::string::npos) << "a new secret changes no link";
  EXPECT_NE((*entries)[1].detail.find("link changed"), std::string::npos);
}

TEST_F(VideoTest, AVideoMeetingHasALinkOnlyWhileThereIsAServiceAndItIsHeldByVideo) {
  const Relationship r = accepted();
  const Meeting by_video = schedule(r, Medium::video);
  const Meeting face_to_face = schedule(r, Medium::in_person);
  EXPECT_EQ(link_of(by_video), "") << "no service, no link";

  ASSERT_TRUE(configure(admin_, jitsi()).result);
  const std::string link = link_of(by_video);
  ASSERT_EQ(link.rfind(std::string(kJitsi) + "/", 0), 0u) << link;
  EXPECT_GE(link.size(), std::string(kJitsi).size() + 20) << "a long random room name";
  EXPECT_EQ(link_of(face_to_face), "");
  EXPECT_NE(link_of(schedule(r, Medium::video)), link) << "each meeting has its own room";

  ASSERT_TRUE(configure(admin_, bbb()).result);
  EXPECT_EQ(link_of(by_video, "https://mentorhub.example"),
            "https://mentorhub.example" + meeting_join_path(r.id, by_video.id))
      << "BigBlueButton's link is Mentorhub's join route";

  cancel(r, by_video);
  EXPECT_EQ(link_of(meeting(r, by_video.id)), "") << "a cancelled meeting's room is closed";
}

TEST_F(VideoTest, AMeetingsCalendarEntryCarriesTheLinkAndANewServiceRaisesItsSequence) {
  const Relationship r = accepted();
  const Meeting m = schedule(r, Medium::video);
  ASSERT_TRUE(configure(admin_, jitsi()).result);
  auto entry = [&] {
    return read<CalendarEntry>(
        [&](sql::Connection& db) { return meeting_calendar_entry(db, mentee_, r.id, m.id, kMonday, ""); });
  };
  const CalendarEntry before = entry();
  EXPECT_EQ(before.url, link_of(m));
  EXPECT_EQ(before.location, link_of(m));
  ASSERT_TRUE(configure(admin_, jitsi("https://meet2.example.org")).result);
  const CalendarEntry after = entry();
  EXPECT_EQ(after.sequence, before.sequence + 1);
  EXPECT_EQ(after.url.rfind("https://meet2.example.org/", 0), 0u) << after.url;
}

TEST_F(VideoTest, BothParticipantsJoinAMeetingAndTheMentorLeads) {
  ASSERT_TRUE(configure(admin_, bbb()).result);
  const Relationship r = accepted();
  const Meeting m = schedule(r, Medium::video);
  auto mentee_joins = join(mentee_, r.id, m.id);
  ASSERT_TRUE(mentee_joins) << mentee_joins.error().message;
  EXPECT_FALSE(mentee_joins->moderator);
  EXPECT_EQ(mentee_joins->full_name, mentee_.name);
  EXPECT_EQ(mentee_joins->title, "Mentoring: Maya Mentee and Daniel Mentor");
  EXPECT_EQ(mentee_joins->settings.bbb_secret, kSecret);
  EXPECT_FALSE(mentee_joins->room.empty());
  auto mentor_joins = join(mentor_, r.id, m.id);
  ASSERT_TRUE(mentor_joins);
  EXPECT_TRUE(mentor_joins->moderator);
  EXPECT_EQ(mentor_joins->room, mentee_joins->room) << "one room for the two of them";
}

TEST_F(VideoTest, NobodyElseJoinsAMeetingAdministratorsAndTheManagerIncluded) {
  ASSERT_TRUE(configure(admin_, bbb()).result);
  const Relationship r = accepted();
  const Meeting m = schedule(r, Medium::video);
  expect_meeting_kept_from_others(r, m.id, admin_, [&](const Person& who, RelationshipId rel, MeetingId id) {
    return join(who, rel, id);
  });
}

TEST_F(VideoTest, ThereIsNoRoomToJoinWithoutAServiceForAFaceToFaceOrACancelledMeeting) {
  const Relationship r = accepted();
  const Meeting by_video = schedule(r, Medium::video);
  const Meeting face_to_face = schedule(r, Medium::in_person);
  EXPECT_EQ(code_of(join(mentee_, r.id, by_video.id)), "conflict") << "no service configured";
  ASSERT_TRUE(configure(admin_, jitsi()).result);
  EXPECT_TRUE(join(mentee_, r.id, by_video.id));
  EXPECT_EQ(code_of(join(mentee_, r.id, face_to_face.id)), "conflict");
  cancel(r, by_video);
  EXPECT_EQ(code_of(join(mentee_, r.id, by_video.id)), "conflict");
}

TEST_F(VideoTest, ACircleSessionsRoomIsForItsHostAndMembersAndTheHostLeads) {
  ASSERT_TRUE(configure(admin_, bbb()).result);
  const Person host = circle_host();
  const CircleId circle = circle_of(host, circle_settings("Presenting data"));
  const Person other = person("Fred First", "fred@example.com", 0);
  for (const Person* who : std::vector<const Person*>{&mentee_, &other, &stranger_})  // two members, and the stranger waits
    ASSERT_TRUE(ask_to_join(*who, circle).result);
  NewCircleSession in;
  in.starts_at = kMonday + days(4);
  in.medium = Medium::video;
  const CircleSessionId session = circle_session(host, circle, in);
  auto joining = [&](const Person& who) {
    return store_->read_value<VideoJoin>(
        [&](sql::Connection& db) { return join_circle_session_video(db, who, circle, session); });
  };
  auto hosts = joining(host);
  ASSERT_TRUE(hosts) << hosts.error().message;
  EXPECT_TRUE(hosts->moderator);
  EXPECT_EQ(hosts->title, "Mentoring circle: Presenting data");
  auto members = joining(mentee_);
  ASSERT_TRUE(members) << members.error().message;
  EXPECT_FALSE(members->moderator);
  EXPECT_EQ(members->room, hosts->room);
  for (const Person* who : std::vector<const Person*>{&stranger_, &mentor_, &admin_})
    EXPECT_EQ(code_of(joining(*who)), "forbidden") << who->name;
}

TEST_F(VideoTest, AFlashSessionsRoomIsForItsMenteeAndMentorAndTheMentorLeads) {
  ASSERT_TRUE(configure(admin_, bbb()).result);
  const FlashSlotId slot = offered_flash_slot(mentor_, kMonday + days(2)).slot;
  auto booked =
      run<FlashBooking>(kMonday, [&](UseCase& uc) { return book_flash_slot(uc, mentee_, slot, "Where do I start?"); });
  ASSERT_TRUE(booked.result) << booked.result.error().message;
  const FlashBookingId id = booked.result->id;
  auto joining = [&](const Person& who) {
    return store_->read_value<VideoJoin>([&](sql::Connection& db) { return join_flash_booking_video(db, who, id); });
  };
  auto mentors = joining(mentor_);
  ASSERT_TRUE(mentors) << mentors.error().message;
  EXPECT_TRUE(mentors->moderator);
  EXPECT_EQ(mentors->title, "Flash mentoring: Pivot tables");
  auto mentees = joining(mentee_);
  ASSERT_TRUE(mentees);
  EXPECT_FALSE(mentees->moderator);
  for (const Person* who : std::vector<const Person*>{&stranger_, &manager_, &admin_})
    EXPECT_EQ(code_of(joining(*who)), "forbidden") << who->name;

  ASSERT_TRUE(run<FlashBooking>(kMonday, [&](UseCase& uc) { return cancel_flash_booking(uc, mentee_, id, "Clash"); })
                  .result);
  EXPECT_EQ(code_of(joining(mentor_)), "conflict") << "a cancelled session's room is closed";
}

}  // namespace
}  // namespace mh::services
