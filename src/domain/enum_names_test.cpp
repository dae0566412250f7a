// Every enum's names are part of the API and of stored rows: each value has exactly the name
// written here, and each name reads back as its value; anything else reads as nothing.
#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/access.hpp"
#include "domain/availability.hpp"
#include "domain/circle.hpp"
#include "domain/conclusion.hpp"
#include "domain/flash.hpp"
#include "domain/mail.hpp"
#include "domain/meetings.hpp"
#include "domain/person.hpp"
#include "domain/plan.hpp"
#include "domain/purpose.hpp"
#include "domain/relationship.hpp"
#include "domain/video.hpp"

namespace mh {
namespace {

template <class E, class Parse>
void expect_names(const std::vector<std::pair<E, std::string>>& names, Parse parse) {
  for (const auto& [value, name] : names) {
    EXPECT_EQ(std::string(to_string(value)), name);
    EXPECT_EQ(parse(name), std::optional<E>(value)) << name;
    EXPECT_EQ(parse(name + " "), std::nullopt) << name;
    std::string upper = name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(parse(upper), std::nullopt) << upper;
  }
  EXPECT_EQ(parse(""), std::nullopt);
}

TEST(EnumNames, RelationshipAndItsContent) {
  expect_names<RelState>({{RelState::requested, "requested"}, {RelState::declined, "declined"},
                          {RelState::withdrawn, "withdrawn"}, {RelState::expired, "expired"},
                          {RelState::accepted, "accepted"}, {RelState::starting, "starting"},
                          {RelState::active, "active"}, {RelState::fading, "fading"},
                          {RelState::concluding, "concluding"}, {RelState::concluded, "concluded"}},
                         parse_rel_state);
  expect_names<ObjectiveCategory>({{ObjectiveCategory::networking, "networking"},
                                   {ObjectiveCategory::career_options, "career_options"},
                                   {ObjectiveCategory::skill_gaps, "skill_gaps"},
                                   {ObjectiveCategory::skill_coaching, "skill_coaching"},
                                   {ObjectiveCategory::other, "other"}},
                                  parse_objective_category);
  expect_names<MeetingStatus>({{MeetingStatus::scheduled, "scheduled"}, {MeetingStatus::held, "held"},
                               {MeetingStatus::cancelled, "cancelled"}, {MeetingStatus::no_show, "no_show"}},
                              parse_meeting_status);
  expect_names<AgendaItem::Kind>({{AgendaItem::Kind::overdue_task, "overdue_task"},
                                  {AgendaItem::Kind::open_task, "open_task"},
                                  {AgendaItem::Kind::objective, "objective"}},
                                 parse_agenda_kind);
  expect_names<ObjectiveOutcome>({{ObjectiveOutcome::achieved, "achieved"}, {ObjectiveOutcome::partly, "partly"},
                                  {ObjectiveOutcome::not_achieved, "not_achieved"}},
                                 parse_objective_outcome);
  expect_names<TaskType>({{TaskType::networking, "networking"}, {TaskType::assessment, "assessment"},
                          {TaskType::informational_interview, "informational_interview"},
                          {TaskType::shadowing, "shadowing"}, {TaskType::formal_learning, "formal_learning"},
                          {TaskType::project, "project"}, {TaskType::outside_forum, "outside_forum"},
                          {TaskType::other, "other"}},
                         parse_task_type);
  expect_names<TaskStatus>({{TaskStatus::open, "open"}, {TaskStatus::done, "done"}, {TaskStatus::dropped, "dropped"}},
                           parse_task_status);
}

TEST(EnumNames, PeopleAndAccess) {
  expect_names<Medium>({{Medium::video, "video"}, {Medium::in_person, "in_person"}, {Medium::phone, "phone"},
                        {Medium::chat, "chat"}},
                       parse_medium);
  expect_names<Format>({{Format::one_to_one, "one_to_one"}, {Format::circle, "circle"}, {Format::flash, "flash"}},
                       parse_format);
  expect_names<AccessPurpose>(
      {{AccessPurpose::invitation, "invitation"}, {AccessPurpose::password_reset, "password_reset"}},
      access_purpose_from);
  expect_names<LinkState>({{LinkState::pending, "pending"}, {LinkState::used, "used"}, {LinkState::expired, "expired"},
                           {LinkState::revoked, "revoked"}},
                          link_state_from);
  expect_names<MailKind>({{MailKind::requests, "requests"}, {MailKind::answers, "answers"},
                          {MailKind::meetings, "meetings"}, {MailKind::proposals, "proposals"},
                          {MailKind::digest, "digest"}},
                         mail_kind_from);
}

TEST(EnumNames, CirclesFlashVideoAndAvailability) {
  expect_names<CircleState>({{CircleState::active, "active"}, {CircleState::concluding, "concluding"},
                             {CircleState::concluded, "concluded"}},
                            parse_circle_state);
  expect_names<Membership>({{Membership::open, "open"}, {Membership::by_request, "by_request"}}, parse_membership);
  expect_names<MemberStatus>({{MemberStatus::requested, "requested"}, {MemberStatus::member, "member"},
                              {MemberStatus::waitlisted, "waitlisted"}, {MemberStatus::declined, "declined"},
                              {MemberStatus::left, "left"}, {MemberStatus::removed, "removed"}},
                             parse_member_status);
  expect_names<Attendance>({{Attendance::present, "present"}, {Attendance::absent, "absent"},
                            {Attendance::excused, "excused"}},
                           parse_attendance);
  expect_names<BookingStatus>({{BookingStatus::booked, "booked"}, {BookingStatus::cancelled, "cancelled"}},
                              parse_booking_status);
  expect_names<VideoProvider>({{VideoProvider::none, "none"}, {VideoProvider::jitsi, "jitsi"},
                               {VideoProvider::bigbluebutton, "bigbluebutton"}},
                              parse_video_provider);
  expect_names<BbbChecksum>({{BbbChecksum::sha1, "sha1"}, {BbbChecksum::sha256, "sha256"}}, parse_bbb_checksum);
  expect_names<ExceptionKind>({{ExceptionKind::off, "off"}, {ExceptionKind::extra, "extra"}}, parse_exception_kind);
  expect_names<Weekday>({{Weekday::monday, "monday"}, {Weekday::tuesday, "tuesday"}, {Weekday::wednesday, "wednesday"},
                         {Weekday::thursday, "thursday"}, {Weekday::friday, "friday"}, {Weekday::saturday, "saturday"},
                         {Weekday::sunday, "sunday"}}, parse_weekday);
  EXPECT_STREQ(to_string(FlashPhase::follow_up), "follow_up");
  EXPECT_STREQ(to_string(VideoSubject::circle_session), "circle_session");
}

}  // namespace
}  // namespace mh
