#include "services/availability.hpp"

#include <algorithm>

#include "common/timezone_names.hpp"
#include "common/timezones.hpp"
#include "common/typed_time.hpp"
#include "storage/availability_repo.hpp"
#include "storage/flash_repo.hpp"
#include "storage/people_repo.hpp"

namespace mh::services {

namespace {

bool has_hours(const Availability& a) {
  return !a.windows.empty() || std::any_of(a.exceptions.begin(), a.exceptions.end(),
                                           [](const auto& e) { return e.kind == ExceptionKind::extra; });
}

// The zone's rules; a stored zone the machine no longer knows reads as UTC.
std::shared_ptr<const TzifZone> rules_of(const std::string& zone) {
  if (auto z = zone_rules(zone)) return z;
  return zone_rules("UTC");
}

}  // namespace

AvailabilityView my_availability(sql::Connection& db, const Person& actor) {
  AvailabilityView v;
  if (auto a = storage::find_availability(db, actor.id)) {
    v.availability = std::move(*a);
    v.updated_at = storage::availability_updated_at(db, actor.id);
  } else {
    v.availability.timezone = zone_or_utc(actor.timezone);
  }
  return v;
}

Result<AvailabilityView> set_my_availability(UseCase& uc, const Person& actor, Availability a) {
  MH_CHECK(validate_availability(a, timezone_problem));
  normalize(a);
  storage::save_availability(uc.db(), actor.id, a, uc.now());
  return AvailabilityView{std::move(a), uc.now()};
}

std::string shown_zone(sql::Connection& db, const Person& p) {
  if (auto a = storage::find_availability(db, p.id)) return a->timezone;
  return zone_or_utc(p.timezone);
}

Result<MeetingSuggestions> suggest_meeting_times(sql::Connection& db, const Person& actor, RelationshipId id,
                                                 int duration_minutes, int limit, TimePoint now) {
  if (duration_minutes < kMinSuggestedMinutes || duration_minutes > kMaxSuggestedMinutes)
    return invalid("duration_minutes", "must be between " + std::to_string(kMinSuggestedMinutes) + " and " +
                                           std::to_string(kMaxSuggestedMinutes) + " minutes");
  if (limit < 1 || limit > kMaxSuggestions)
    return invalid("limit", "must be between 1 and " + std::to_string(kMaxSuggestions));
  MH_TRY(r, participant_relationship(db, actor, id));
  MH_CHECK(require_workable(r));
  auto mentor = storage::find_person(db, r.mentor_id);
  auto mentee = storage::find_person(db, r.mentee_id);
  if (!mentor || !mentee) return not_found("no such relationship");
  MeetingSuggestions s;
  s.relationship = r;
  s.mentor = *mentor;
  s.mentee = *mentee;
  s.mentor_zone = shown_zone(db, *mentor);
  s.mentee_zone = shown_zone(db, *mentee);
  s.from = now;
  s.to = now + kSuggestionHorizon;
  const auto hours = storage::find_availability(db, mentor->id);
  s.mentor_has_hours = hours && has_hours(*hours);
  const auto mentee_availability = storage::find_availability(db, mentee->id);
  s.mentee_has_hours = mentee_availability && has_hours(*mentee_availability);
  if (!s.mentor_has_hours) return s;
  const auto mentor_hours = expand_availability(*hours, *rules_of(hours->timezone), s.from, s.to);
  auto taken = storage::taken_times(db, mentor->id, s.from, s.to);
  auto mentee_taken = storage::taken_times(db, mentee->id, s.from, s.to);
  taken.insert(taken.end(), mentee_taken.begin(), mentee_taken.end());
  const auto free_in = [&](const std::vector<TimeInterval>& available) {
    return free_times(available, taken, std::chrono::minutes(duration_minutes), std::chrono::minutes(30),
                      now + Seconds(1), static_cast<std::size_t>(limit));
  };
  if (s.mentee_has_hours) {
    const auto mentee_hours =
        expand_availability(*mentee_availability, *rules_of(mentee_availability->timezone), s.from, s.to);
    s.times = free_in(intersect(mentor_hours, mentee_hours));
    s.within_both_hours = !s.times.empty();
  }
  // Hours that never meet still leave the mentor's: the pair can agree an exception.
  if (s.times.empty()) s.times = free_in(mentor_hours);
  return s;
}

Result<std::vector<FlashSlot>> offer_flash_slots_from_availability(UseCase& uc, const Person& actor,
                                                                   FlashTopicId topic_id, std::chrono::sys_days from,
                                                                   std::chrono::sys_days to, int duration_minutes) {
  using std::chrono::days;
  if (duration_minutes < kMinFlashMinutes || duration_minutes > kMaxFlashMinutes)
    return invalid("duration_minutes", "must be between " + std::to_string(kMinFlashMinutes) + " and " +
                                           std::to_string(kMaxFlashMinutes) + " minutes: a flash session is short");
  if (to < from) return invalid("to", "must not be before the first date");
  if ((to - from).count() >= kMaxGenerationDays)
    return invalid("to", "slots are offered over at most " + std::to_string(kMaxGenerationDays) + " days at once");
  MH_TRY(topic, own_flash_topic(uc.db(), actor, topic_id));
  MH_CHECK(check_can_offer_flash(actor));
  const auto hours = storage::find_availability(uc.db(), actor.id);
  if (!hours || !has_hours(*hours))
    return conflict("set your weekly hours under Availability first: slots are offered from them", "from");
  const auto zone = rules_of(hours->timezone);
  // The local dates lie within a day of the same UTC dates, whatever the zone.
  const TimePoint lo = std::max(TimePoint(from - days(1)), uc.now());
  const TimePoint hi = TimePoint(to + days(2));
  if (hi <= lo) return conflict("these dates are past", "to");
  const auto available = expand_availability(*hours, *zone, lo, hi);
  auto taken = storage::taken_times(uc.db(), actor.id, lo, hi);
  for (const auto& s : storage::live_slots_of_mentor(uc.db(), actor.id, uc.now()))
    taken.push_back({s.starts_at, s.ends_at()});
  const auto minutes = std::chrono::minutes(duration_minutes);
  // Slots must start strictly after now (validate_new_slot): begin at the next quarter hour.
  std::vector<NewFlashSlot> slots;
  for (const auto& t : free_times(available, std::move(taken), minutes, minutes, uc.now() + Seconds(1), 10000)) {
    const auto local_day =
        std::chrono::floor<days>(t.start + Seconds(zone->offset_seconds_at(t.start.time_since_epoch().count())));
    if (local_day < from || local_day > to) continue;
    slots.push_back({t.start, duration_minutes, "slots[" + std::to_string(slots.size()) + "]"});
    if (slots.size() == kMaxSlotsPerCall) break;
  }
  if (slots.empty())
    return conflict("your availability has no free " + std::to_string(duration_minutes) + " minutes from " +
                        format_day(from) + " to " + format_day(to),
                    "from");
  return add_flash_slots(uc, actor, topic, slots);
}

}  // namespace mh::services
