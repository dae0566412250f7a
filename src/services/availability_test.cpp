// Availability (services/availability.hpp): one's own weekly hours set, checked and read back; the
// meeting times suggested to a pair, inside both people's hours or the mentor's alone, around
// what is taken, for the two participants only; and flash slots a mentor offers from their hours.
#include "services/availability.hpp"

#include "services/testing.hpp"
#include "services/workspace.hpp"
#include "storage/flash_repo.hpp"

namespace mh {
// Intervals read as ISO 8601 times when a comparison fails.
void PrintTo(const TimeInterval& t, std::ostream* os) { *os << format_iso8601(t.start) << "/" << format_iso8601(t.end); }
}  // namespace mh

namespace mh::services {
namespace {

using namespace testing;
using std::chrono::sys_days;

constexpr const char* kBerlin = "Europe/Berlin";

Availability every_day(const std::string& zone, int start_hour, int end_hour) {
  Availability a;
  a.timezone = zone;
  for (int d = 6; d >= 0; --d) a.windows.push_back({static_cast<Weekday>(d), start_hour * 60, end_hour * 60});
  return a;
}

sys_days day(const char* text) { return *parse_day(text); }

// Intervals from their (start, end) in ISO 8601.
std::vector<TimeInterval> spans(std::initializer_list<std::pair<const char*, const char*>> iso) {
  std::vector<TimeInterval> out;
  for (const auto& [start, end] : iso) out.push_back({at(start), at(end)});
  return out;
}

class AvailabilityTest : public ServicesTest {
 protected:
  Ran<AvailabilityView> set(const Person& who, Availability a) {
    return run<AvailabilityView>(kMonday, [&](UseCase& uc) { return set_my_availability(uc, who, a); });
  }
  void give_hours(const Person& who, Availability a) {
    auto ran = set(who, std::move(a));
    ASSERT_TRUE(ran.result) << ran.result.error().message;
  }
  // The fixture's pair, accepted, whose mentor keeps the hours from `start_hour` to `end_hour` UTC
  // every day.
  Relationship accepted_with_mentor_hours(int start_hour, int end_hour) {
    give_hours(mentor_, every_day("UTC", start_hour, end_hour));
    return accepted();
  }
  AvailabilityView mine(const Person& who) {
    return read<AvailabilityView>([&](sql::Connection& db) { return my_availability(db, who); });
  }
  std::string zone_of(const Person& who) {
    return read<std::string>([&](sql::Connection& db) { return shown_zone(db, who); });
  }
  Result<MeetingSuggestions> suggest(const Person& who, RelationshipId id, int duration = 60, int limit = 50,
                                     TimePoint now = kMonday) {
    return store_->read_value<MeetingSuggestions>(
        [&](sql::Connection& db) { return suggest_meeting_times(db, who, id, duration, limit, now); });
  }
  // The hour-long times suggested to `who` for relationship `id`, at most `limit` of them.
  std::vector<TimeInterval> times_suggested(const Person& who, RelationshipId id, int limit) {
    auto s = suggest(who, id, 60, limit);
    EXPECT_TRUE(s) << s.error().message;
    return s ? s->times : std::vector<TimeInterval>{};
  }
  void schedule(RelationshipId id, TimePoint starts, int minutes) {
    NewMeeting in;
    in.starts_at = starts;
    in.duration_minutes = minutes;
    scheduled(id, in);
  }
};

TEST_F(AvailabilityTest, SomeoneWhoNeverSetHoursHasNoneInTheirProfilesZone) {
  mentee_.timezone = "America/New_York";
  const AvailabilityView v = mine(mentee_);
  EXPECT_EQ(v.availability.timezone, "America/New_York");
  EXPECT_TRUE(v.availability.windows.empty());
  EXPECT_TRUE(v.availability.exceptions.empty());
  EXPECT_FALSE(v.updated_at);
  EXPECT_EQ(zone_of(mentee_), "America/New_York");
}

TEST_F(AvailabilityTest, HoursAreSavedSortedAndReadBackWithWhenTheyChanged) {
  Availability a = every_day(kBerlin, 9, 11);
  AvailabilityException off;
  off.kind = ExceptionKind::off;
  off.from = off.to = day("2026-12-24");
  off.note = "Christmas Eve";
  a.exceptions.push_back(off);
  auto ran = set(mentee_, a);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(ran.result->updated_at, kMonday);
  ASSERT_EQ(ran.result->availability.windows.size(), 7u);
  EXPECT_EQ(ran.result->availability.windows.front().day, Weekday::monday) << "stored sorted by day";

  const AvailabilityView v = mine(mentee_);
  EXPECT_EQ(v.availability, ran.result->availability);
  EXPECT_EQ(v.updated_at, kMonday);
  EXPECT_EQ(zone_of(mentee_), kBerlin) << "the availability's zone wins over the profile's";
  EXPECT_TRUE(mine(mentor_).availability.windows.empty()) << "one person's hours are theirs alone";
}

TEST_F(AvailabilityTest, InvalidHoursNameTheirFieldAndNothingIsSaved) {
  auto bad_zone = set(mentee_, every_day("Mars/Olympus_Mons", 9, 11));
  expect_invalid(bad_zone.result, "timezone");

  Availability backwards;
  backwards.windows.push_back({Weekday::monday, 11 * 60, 9 * 60});
  auto ran = set(mentee_, backwards);
  expect_invalid(ran.result, "windows[0].end");

  Availability overlapping;
  overlapping.windows.push_back({Weekday::monday, 9 * 60, 11 * 60});
  overlapping.windows.push_back({Weekday::monday, 10 * 60, 12 * 60});
  EXPECT_EQ(field_of(set(mentee_, overlapping).result), "windows[1].start");

  EXPECT_FALSE(mine(mentee_).updated_at);
}

TEST_F(AvailabilityTest, ASuggestionsLengthAndCountMustBeInRange) {
  const Relationship r = accepted();
  for (int minutes : {14, 241}) {
    auto s = suggest(mentee_, r.id, minutes);
    EXPECT_EQ(code_of(s), "invalid") << minutes;
    EXPECT_EQ(field_of(s), "duration_minutes");
  }
  for (int limit : {0, 51}) {
    auto s = suggest(mentee_, r.id, 60, limit);
    EXPECT_EQ(code_of(s), "invalid") << limit;
    EXPECT_EQ(field_of(s), "limit");
  }
  EXPECT_TRUE(suggest(mentee_, r.id, 15, 1));
  EXPECT_TRUE(suggest(mentee_, r.id, 240, 50));
}

TEST_F(AvailabilityTest, OnlyTheTwoParticipantsAreSuggestedTimesAndOnlyWhileThePairWorks) {
  const Relationship r = accepted_with_mentor_hours(10, 12);
  const Person admin = administrator();
  for (const Person* who : std::vector<const Person*>{&manager_, &stranger_, &admin})
    EXPECT_EQ(code_of(suggest(*who, r.id)), "forbidden") << who->name;
  EXPECT_EQ(code_of(suggest(mentee_, r.id + 1000)), "not_found");

  const Person other = person("Olga Mentee", "olga@example.com", 0);
  auto asked = request_from(other, ask(other, mentor_));
  ASSERT_TRUE(asked.result);
  EXPECT_EQ(code_of(suggest(other, asked.result->id)), "conflict") << "a request is not yet a pair that meets";
}

TEST_F(AvailabilityTest, WithoutTheMentorsHoursThereIsNothingToSuggest) {
  give_hours(mentee_, every_day("UTC", 8, 18));
  const Relationship r = accepted();
  auto s = suggest(mentee_, r.id);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_FALSE(s->mentor_has_hours);
  EXPECT_TRUE(s->mentee_has_hours);
  EXPECT_FALSE(s->within_both_hours);
  EXPECT_TRUE(s->times.empty());
}

TEST_F(AvailabilityTest, TimesLieInTheMentorsHoursEveryHalfHourAfterNowWithBothZones) {
  give_hours(mentor_, every_day(kBerlin, 10, 12));  // 09:00-11:00 UTC in November
  mentee_.timezone = "America/New_York";
  save(mentee_);
  const Relationship r = accepted();
  const TimePoint now = kMonday + minutes(30);  // Monday 10:30 in Berlin
  auto s = suggest(mentee_, r.id, 60, 5, now);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->relationship.id, r.id);
  EXPECT_EQ(s->mentor.id, mentor_.id);
  EXPECT_EQ(s->mentee.id, mentee_.id);
  EXPECT_EQ(s->mentor_zone, kBerlin);
  EXPECT_EQ(s->mentee_zone, "America/New_York");
  EXPECT_TRUE(s->mentor_has_hours);
  EXPECT_FALSE(s->mentee_has_hours);
  EXPECT_FALSE(s->within_both_hours);
  EXPECT_EQ(s->from, now);
  EXPECT_EQ(s->to, now + days(14));
  const auto expected = spans({
      // Today's first time starts after now, on the next quarter hour; 10:15 would end too late.
      {"2026-11-02T09:45:00Z", "2026-11-02T10:45:00Z"},
      {"2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z"},
      {"2026-11-03T09:30:00Z", "2026-11-03T10:30:00Z"},
      {"2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"},
      {"2026-11-04T09:00:00Z", "2026-11-04T10:00:00Z"},
  });
  EXPECT_EQ(s->times, expected);

  auto for_mentor = suggest(mentor_, r.id, 60, 5, now);
  ASSERT_TRUE(for_mentor);
  EXPECT_EQ(for_mentor->times, expected) << "both participants are suggested the same times";
}

TEST_F(AvailabilityTest, WithTheMenteesHoursTooTheTimesLieInBoth) {
  const Relationship r = accepted_with_mentor_hours(10, 14);
  give_hours(mentee_, every_day("UTC", 12, 16));
  auto both = suggest(mentee_, r.id, 60, 4);
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_TRUE(both->mentee_has_hours);
  EXPECT_TRUE(both->within_both_hours);
  const auto expected = spans({
      {"2026-11-02T12:00:00Z", "2026-11-02T13:00:00Z"},
      {"2026-11-02T12:30:00Z", "2026-11-02T13:30:00Z"},
      {"2026-11-02T13:00:00Z", "2026-11-02T14:00:00Z"},
      {"2026-11-03T12:00:00Z", "2026-11-03T13:00:00Z"},
  });
  EXPECT_EQ(both->times, expected);
}

TEST_F(AvailabilityTest, HoursThatNeverMeetFallBackToTheMentorsAndSaySo) {
  const Relationship r = accepted_with_mentor_hours(10, 12);
  const auto alone = *suggest(mentee_, r.id);
  give_hours(mentee_, every_day("UTC", 18, 20));
  auto apart = suggest(mentee_, r.id);
  ASSERT_TRUE(apart);
  EXPECT_TRUE(apart->mentee_has_hours);
  EXPECT_FALSE(apart->within_both_hours);
  EXPECT_FALSE(apart->times.empty());
  EXPECT_EQ(apart->times, alone.times);
}

TEST_F(AvailabilityTest, AScheduledMeetingsTimeIsNotSuggestedAndTheRestStays) {
  const Relationship r = accepted_with_mentor_hours(10, 12);
  schedule(r.id, at("2026-11-02T10:00:00Z"), 60);
  EXPECT_EQ(times_suggested(mentee_, r.id, 3), spans({{"2026-11-02T11:00:00Z", "2026-11-02T12:00:00Z"},
                                                      {"2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"},
                                                      {"2026-11-03T10:30:00Z", "2026-11-03T11:30:00Z"}}));
}

TEST_F(AvailabilityTest, EitherParticipantsBookedFlashSessionsAreNotSuggested) {
  const Relationship r = accepted_with_mentor_hours(10, 12);
  const Person other = person("Olive Mentor", "olive@example.com", 1);
  // Maya booked Olive on Monday at 10:30; Sam booked Daniel on Tuesday at 10:00.
  const auto slot = [&](const Person& mentor, TimePoint starts) { return offered_flash_slot(mentor, starts).slot; };
  for (const auto& [who, id] : {std::pair{&mentee_, slot(other, at("2026-11-02T10:30:00Z"))},
                                std::pair{&stranger_, slot(mentor_, at("2026-11-03T10:00:00Z"))}})
    ASSERT_TRUE(run<FlashBooking>(kMonday, [&](UseCase& uc) { return book_flash_slot(uc, *who, id, "Where do I start?"); })
                    .result);
  EXPECT_EQ(times_suggested(mentor_, r.id, 3), spans({{"2026-11-02T11:00:00Z", "2026-11-02T12:00:00Z"},
                                                      {"2026-11-03T10:30:00Z", "2026-11-03T11:30:00Z"},
                                                      {"2026-11-03T11:00:00Z", "2026-11-03T12:00:00Z"}}));
}

// Offering flash slots from one's hours: the mentor offers flash mentoring and has a topic.
class OfferFromAvailabilityTest : public AvailabilityTest {
 protected:
  void SetUp() override {
    AvailabilityTest::SetUp();
    mentor_.formats_offered.push_back(Format::flash);
    save(mentor_);
    topic_ = topic_of(mentor_, "Writing a good status update");
  }
  FlashTopicId topic_of(const Person& p, const std::string& title) {
    return *store_->write_value<FlashTopicId>([&](sql::Connection& db) -> Result<FlashTopicId> {
      FlashTopic t;
      t.mentor_id = p.id;
      t.title = title;
      t.created_at = t.updated_at = kMonday;
      return storage::insert_flash_topic(db, t);
    });
  }
  Ran<std::vector<FlashSlot>> offer(const Person& who, FlashTopicId topic, const char* from, const char* to,
                                    int minutes = 30) {
    return run<std::vector<FlashSlot>>(kMonday, [&](UseCase& uc) {
      return offer_flash_slots_from_availability(uc, who, topic, day(from), day(to), minutes);
    });
  }
  std::vector<FlashSlot> offered(const Person& who) {
    return read<std::vector<FlashSlot>>(
        [&](sql::Connection& db) { return storage::live_slots_of_mentor(db, who.id, kMonday); });
  }
  // Monday to Friday 09:00-10:00 in Berlin (08:00-09:00 UTC in November).
  static Availability weekday_mornings() {
    Availability a;
    a.timezone = kBerlin;
    for (int d = 0; d < 5; ++d) a.windows.push_back({static_cast<Weekday>(d), 9 * 60, 10 * 60});
    return a;
  }

  FlashTopicId topic_ = 0;
};

TEST_F(OfferFromAvailabilityTest, SlotsFillTheHoursBackToBackSkippingDaysOffAndWhatIsTaken) {
  Availability a = weekday_mornings();
  AvailabilityException off;
  off.kind = ExceptionKind::off;
  off.from = off.to = day("2026-11-11");  // Wednesday
  AvailabilityException extra;
  extra.kind = ExceptionKind::extra;
  extra.from = extra.to = day("2026-11-14");  // Saturday
  extra.start_minute = 14 * 60;
  extra.end_minute = 15 * 60;
  a.exceptions = {off, extra};
  give_hours(mentor_, a);
  // Tuesday 09:00 is offered already on another topic; Thursday 09:30 is a meeting of the pair.
  const FlashTopicId other = topic_of(mentor_, "Other");
  ASSERT_TRUE(run<std::vector<FlashSlot>>(kMonday, [&](UseCase& uc) -> Result<std::vector<FlashSlot>> {
                MH_TRY(t, own_flash_topic(uc.db(), mentor_, other));
                return add_flash_slots(uc, mentor_, t, {{at("2026-11-10T08:00:00Z"), 30, "slots[0]"}});
              }).result);
  const Relationship r = accepted();
  schedule(r.id, at("2026-11-12T08:30:00Z"), 30);

  auto ran = offer(mentor_, topic_, "2026-11-09", "2026-11-15");
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  std::vector<TimePoint> starts;
  for (const auto& s : *ran.result) {
    EXPECT_EQ(s.topic_id, topic_);
    EXPECT_EQ(s.mentor_id, mentor_.id);
    EXPECT_EQ(s.duration_minutes, 30);
    starts.push_back(s.starts_at);
  }
  const std::vector<TimePoint> expected = {
      at("2026-11-09T08:00:00Z"), at("2026-11-09T08:30:00Z"),  // Monday
      at("2026-11-10T08:30:00Z"),                              // Tuesday, 09:00 taken
      at("2026-11-12T08:00:00Z"),                              // Thursday, 09:30 a meeting
      at("2026-11-13T08:00:00Z"), at("2026-11-13T08:30:00Z"),  // Friday
      at("2026-11-14T13:00:00Z"), at("2026-11-14T13:30:00Z"),  // Saturday's extra hours
  };
  EXPECT_EQ(starts, expected);
  EXPECT_EQ(offered(mentor_).size(), expected.size() + 1);

  auto again = offer(mentor_, topic_, "2026-11-09", "2026-11-15");
  EXPECT_EQ(code_of(again.result), "conflict") << "everything in the range is taken now";
  EXPECT_EQ(field_of(again.result), "from");
  EXPECT_EQ(offered(mentor_).size(), expected.size() + 1);
}

TEST_F(OfferFromAvailabilityTest, OnlyTheDatesAskedForAreOfferedAndNeverBeforeNow) {
  give_hours(mentor_, weekday_mornings());
  auto today = offer(mentor_, topic_, "2026-11-02", "2026-11-02");  // it is 10:00 in Berlin already
  EXPECT_EQ(code_of(today.result), "conflict");
  EXPECT_EQ(field_of(today.result), "from");
  auto ran = offer(mentor_, topic_, "2026-11-03", "2026-11-03", 60);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  ASSERT_EQ(ran.result->size(), 1u);
  EXPECT_EQ(ran.result->front().starts_at, at("2026-11-03T08:00:00Z"));
  EXPECT_EQ(ran.result->front().duration_minutes, 60);
}

TEST_F(OfferFromAvailabilityTest, BadLengthsAndRangesAreInvalidNamingTheirField) {
  give_hours(mentor_, weekday_mornings());
  for (int minutes : {9, 121}) {
    auto ran = offer(mentor_, topic_, "2026-11-09", "2026-11-09", minutes);
    EXPECT_EQ(code_of(ran.result), "invalid") << minutes;
    EXPECT_EQ(field_of(ran.result), "duration_minutes");
  }
  auto backwards = offer(mentor_, topic_, "2026-11-10", "2026-11-09");
  expect_invalid(backwards.result, "to");
  auto too_long = offer(mentor_, topic_, "2026-11-09", "2027-01-10");  // 62 days on
  expect_invalid(too_long.result, "to");
  EXPECT_TRUE(offer(mentor_, topic_, "2026-11-09", "2027-01-08").result) << "61 days on is allowed";
}

TEST_F(OfferFromAvailabilityTest, WithoutHoursOrForPastDatesThereIsNothingToOffer) {
  auto no_hours = offer(mentor_, topic_, "2026-11-09", "2026-11-13");
  EXPECT_EQ(code_of(no_hours.result), "conflict");
  EXPECT_EQ(field_of(no_hours.result), "from");
  give_hours(mentor_, weekday_mornings());
  auto past = offer(mentor_, topic_, "2026-10-26", "2026-10-30");
  EXPECT_EQ(code_of(past.result), "conflict");
  EXPECT_TRUE(offered(mentor_).empty());
}

TEST_F(OfferFromAvailabilityTest, NobodyOffersSlotsOnAnotherMentorsTopicOrAnUnknownOne) {
  give_hours(mentor_, weekday_mornings());
  Person other = person("Olive Mentor", "olive@example.com", 1);
  other.formats_offered.push_back(Format::flash);
  save(other);
  give_hours(other, weekday_mornings());
  auto theirs = offer(other, topic_, "2026-11-09", "2026-11-13");
  EXPECT_EQ(code_of(theirs.result), "forbidden");
  EXPECT_EQ(code_of(offer(mentor_, topic_ + 1000, "2026-11-09", "2026-11-13").result), "not_found");
  EXPECT_TRUE(offered(mentor_).empty());
  EXPECT_TRUE(offered(other).empty());
}

TEST_F(OfferFromAvailabilityTest, AMentorWhoNoLongerOffersFlashMentoringOffersNoSlots) {
  give_hours(mentor_, weekday_mornings());
  mentor_.formats_offered = {Format::one_to_one};
  save(mentor_);
  auto ran = offer(mentor_, topic_, "2026-11-09", "2026-11-13");
  expect_invalid(ran.result, "formats_offered");
  EXPECT_TRUE(offered(mentor_).empty());
}

}  // namespace
}  // namespace mh::services
