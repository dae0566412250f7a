#include "cli/demo_circles.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <type_traits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/demo_seeding.hpp"
#include "common/timezones.hpp"
#include "common/typed_time.hpp"
#include "domain/circle.hpp"
#include "domain/flash.hpp"
#include "services/circles.hpp"
#include "services/flash.hpp"
#include "storage/circles_repo.hpp"
#include "storage/flash_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::cli {

namespace {

using namespace seeding;

Error wrap(const std::string& what, const Error& e) { return step_error("circles", what, e); }
Error fail(const std::string& what) { return step_failure("circles", what); }

bool has_word(const std::string& text, const std::string& word) { return text.find(word) != std::string::npos; }

// A circle as it is built: the row, its roster and purpose.
struct Built {
  Circle c;
  std::vector<CircleMember> roster;
  CirclePurpose purpose;
};

class Seeder : public Roster {
 public:
  Seeder(sql::Connection& db, TimePoint now) : Roster(now), db_(db) { set_people(storage::all_active_people(db_)); }

  // `offset` days from today at hh:mm on the wall clock of `tz`.
  TimePoint local_day(int offset, int hour, int minute, const std::string& tz) const {
    const TimePoint wall = day(offset, hour, minute);
    return parse_typed_time(format_local_minutes(wall, 0), offsets_of_zone(tz)).value_or(wall);
  }

  // People not yet used, in id order, that satisfy `fits`.
  std::vector<PersonId> pick(std::size_t n, const std::function<bool(const Person&)>& fits) {
    std::vector<PersonId> out;
    for (const auto& p : people_) {
      if (out.size() == n) break;
      if (used_.count(p.id) || p.is_admin || !fits(p)) continue;
      out.push_back(p.id);
      used_.insert(p.id);
    }
    return out;
  }
  void reserve(PersonId id) { used_.insert(id); }

  // ------------------------------------------------------------------------------------------
  // Circles, step by step through the same use cases as the API (services/circles)

  Result<Built> create(PersonId host, PersonId by, std::string topic, std::string description, int size,
                       int cadence, Medium medium, Membership membership, TimePoint at) {
    services::CircleSettings settings;
    settings.topic = std::move(topic);
    settings.description = std::move(description);
    settings.size_limit = size;
    settings.cadence_days = cadence;
    settings.medium = medium;
    settings.membership = membership;
    const LifecycleSettings rules;
    services::UseCase uc(db_, at, rules);
    MH_TRY(c, services::create_circle(uc, person(by), person(by).is_admin, host, settings));
    mark_notifications_read(db_, uc.events(), at, now_);
    Built b;
    b.c = std::move(c);
    return b;
  }

  Status join(Built& b, PersonId who, TimePoint at, std::string message = {}) {
    return step(b, who, at, [&](services::UseCase& uc, services::CircleView& v) {
      return services::join_circle(uc, person(who), v, message);
    });
  }

  Status approve(Built& b, PersonId who, TimePoint at) {
    return step(b, b.c.host_id, at, [&](services::UseCase& uc, services::CircleView& v) {
      return services::approve_member(uc, person(b.c.host_id), v, who);
    });
  }

  Status leave(Built& b, PersonId who, TimePoint at) {
    return step(b, who, at, [&](services::UseCase& uc, services::CircleView& v) {
      return services::leave_circle(uc, person(who), v);
    });
  }

  Status draft(Built& b, PersonId by, std::vector<Objective> objectives, std::string outcome, TimePoint at) {
    return step(b, by, at, [&](services::UseCase& uc, services::CircleView& v) {
      return services::draft_circle_purpose(uc, person(by), v, std::move(objectives), std::move(outcome));
    });
  }

  Status agree(Built& b, TimePoint at) {
    if (b.purpose.is_agreed()) return fail("the purpose was already agreed");
    return step(b, b.c.host_id, at, [&](services::UseCase& uc, services::CircleView& v) {
      return services::agree_to_circle_purpose(uc, person(b.c.host_id), v, b.purpose.version);
    });
  }

  Result<CircleSession> schedule(Built& b, TimePoint created, TimePoint starts, int duration, std::string where) {
    services::NewCircleSession in;
    in.starts_at = starts;
    in.duration_minutes = duration;
    in.where = std::move(where);
    return value_step<CircleSession>(b, b.c.host_id, created, [&](services::UseCase& uc, services::CircleView& v) {
      return services::schedule_circle_session(uc, person(b.c.host_id), v, in);
    });
  }

  // Held a quarter of an hour after its end, with notes and attendance (the members not named were
  // present), as the host records it.
  Status hold(Built& b, CircleSession& s, std::string notes, const std::vector<PersonId>& absent,
              const std::vector<PersonId>& excused) {
    const TimePoint at = s.starts_at + minutes(s.duration_minutes + 15);
    services::CircleSessionChanges held;
    held.status = MeetingStatus::held;
    held.notes = std::move(notes);
    std::vector<std::pair<PersonId, Attendance>> attendance;
    for (const auto& m : b.roster) {
      if (m.status != MemberStatus::member || m.since > s.starts_at) continue;
      Attendance a = Attendance::present;
      if (std::count(absent.begin(), absent.end(), m.person_id)) a = Attendance::absent;
      if (std::count(excused.begin(), excused.end(), m.person_id)) a = Attendance::excused;
      attendance.emplace_back(m.person_id, a);
    }
    const Person& host = person(b.c.host_id);
    auto out = value_step<CircleSession>(b, host.id, at, [&](services::UseCase& uc, services::CircleView& v)
                                                             -> Result<CircleSession> {
      MH_CHECK(services::change_circle_session(uc, host, v, s.id, held));
      if (attendance.empty()) return services::circle_session_of(uc, v, s.id);
      return services::record_attendance(uc, host, v, s.id, attendance);
    });
    if (!out) return out.error();
    s = *out;
    return {};
  }

  Result<Story> story(Built& b, const CircleSession& s, std::string text, std::string point) {
    Story st;
    st.story = std::move(text);
    st.point = std::move(point);
    const TimePoint at = s.starts_at + minutes(s.duration_minutes + 20);
    auto told = value_step<std::pair<CircleSession, Story>>(
        b, b.c.host_id, at, [&](services::UseCase& uc, services::CircleView& v) {
          return services::tell_circle_story(uc, person(b.c.host_id), v, s.id, st);
        });
    if (!told) return told.error();
    return told->second;
  }

  Status reflect(Built& b, const Story& st, PersonId who, std::string text, TimePoint at) {
    return step(b, who, at, [&](services::UseCase& uc, services::CircleView& v) {
      return services::reflect_on_circle_story(uc, person(who), v, st.id, text);
    });
  }

  // A member's own action item, added at `created` and, when `done` is given, ticked off then.
  Status item(Built& b, PersonId owner, TaskType type, std::string title, std::optional<ObjectiveId> objective,
              std::optional<TimePoint> due, TimePoint created, std::optional<TimePoint> done = std::nullopt) {
    services::TaskChanges fields;
    fields.type = type;
    fields.title = std::move(title);
    fields.objective_id = objective;
    fields.due = due;
    auto added = value_step<ActionItem>(b, owner, created, [&](services::UseCase& uc, services::CircleView& v) {
      return services::add_action_item(uc, person(owner), v, std::nullopt, fields);
    });
    if (!added) return added.error();
    if (!done) return {};
    services::TaskChanges ticked;
    ticked.status = TaskStatus::done;
    return step(b, owner, *done, [&](services::UseCase& uc, services::CircleView& v) {
      return status_of(services::change_action_item(uc, person(owner), v, added->task.id, ticked));
    });
  }

  Status close(Built& b, TimePoint at) {
    return step(b, b.c.host_id, at, [&](services::UseCase& uc, services::CircleView& v) {
      return services::set_accepting_members(uc, person(b.c.host_id), v, false);
    });
  }

  Status conclude(Built& b, TimePoint at) {
    return step(b, b.c.host_id, at, [&](services::UseCase& uc, services::CircleView& v) {
      return services::start_circle_conclusion(uc, person(b.c.host_id), v);
    });
  }

  Status debrief(Built& b, PersonId author, ObjectiveOutcome outcome, std::string achieved, std::string still,
                 std::string differently, int rating, TimePoint at) {
    Debrief d;
    for (const auto& o : b.purpose.objectives) d.outcomes.emplace_back(o.id, outcome);
    d.achieved = std::move(achieved);
    d.still_to_do = std::move(still);
    d.do_differently = std::move(differently);
    d.rating = rating;
    return step(b, author, at, [&](services::UseCase& uc, services::CircleView& v) {
      return services::submit_circle_debrief(uc, person(author), v, d);
    });
  }

  // ------------------------------------------------------------------------------------------
  // Flash mentoring

  // Topics, slots, bookings and their follow-up go through the same use cases as the API
  // (services/flash).
  Result<FlashTopic> topic(PersonId mentor, std::string title, std::string description, TimePoint at) {
    return flash_step<FlashTopic>(at, [&](services::UseCase& uc) {
      return services::publish_flash_topic(uc, person(mentor), {std::move(title), std::move(description)}, {});
    });
  }

  // A slot on day `offset` at hh:mm of the mentor's wall clock, created at `created`.
  Result<FlashSlot> slot(const FlashTopic& t, int offset, int hour, int minute, int duration, TimePoint created) {
    const services::NewFlashSlot n{local_day(offset, hour, minute, person(t.mentor_id).timezone), duration, ""};
    return flash_step<FlashSlot>(created, [&](services::UseCase& uc) -> Result<FlashSlot> {
      MH_TRY(added, services::add_flash_slots(uc, person(t.mentor_id), t, {n}));
      return added.front();
    });
  }

  Result<FlashBooking> book(const FlashTopic& t, const FlashSlot& s, PersonId mentee, std::string question,
                            TimePoint at) {
    if (s.topic_id != t.id) return fail("a slot of another topic");
    return flash_step(at, [&](services::UseCase& uc) {
      return services::book_flash_slot(uc, person(mentee), s.id, question);
    });
  }

  Status cancel_booking(FlashBooking& b, PersonId by, std::string reason, TimePoint at) {
    auto cancelled = flash_step(at, [&](services::UseCase& uc) {
      return services::cancel_flash_booking(uc, person(by), b.id, reason);
    });
    if (!cancelled) return cancelled.error();
    b = *cancelled;
    return {};
  }

  Status follow_up(FlashBooking& b, std::string takeaway, int rating, TimePoint at, std::string url = {},
                   std::string note = {}, std::optional<TimePoint> url_at = std::nullopt) {
    auto took = flash_step(at, [&](services::UseCase& uc) {
      return services::record_flash_takeaway(uc, person(b.mentee_id), b.id, takeaway, rating);
    });
    if (!took) return took.error();
    b = *took;
    if (url.empty()) return {};
    auto shared = flash_step(url_at.value_or(at), [&](services::UseCase& uc) {
      return services::share_flash_resource(uc, person(b.mentor_id), b.id, url, note);
    });
    if (!shared) return shared.error();
    b = *shared;
    return {};
  }

 private:
  // One flash use case at `at`; its nudges older than a week have been read, as the demo's others.
  template <class T = FlashBooking>
  Result<T> flash_step(TimePoint at, const std::function<Result<std::type_identity_t<T>>(services::UseCase&)>& use_case) {
    const LifecycleSettings rules;
    services::UseCase uc(db_, at, rules);
    auto out = use_case(uc);
    if (!out) return out;
    mark_notifications_read(db_, uc.events(), at, now_);
    return out;
  }

  // One circle use case by `actor` at `at` on the circle as `actor` stands in it; afterwards the
  // built circle, roster and purpose are as stored, and nudges older than a week have been read.
  template <class T>
  Result<T> value_step(Built& b, PersonId actor, TimePoint at,
                       const std::function<Result<T>(services::UseCase&, services::CircleView&)>& use_case) {
    const LifecycleSettings rules;
    services::UseCase uc(db_, at, rules);
    MH_TRY(v, services::circle_for(db_, person(actor), b.c.id));
    auto out = use_case(uc, v);
    if (!out) return out;
    mark_notifications_read(db_, uc.events(), at, now_);
    b.c = std::move(v.circle);
    b.roster = std::move(v.roster);
    b.purpose = storage::load_circle_purpose(db_, b.c.id);
    return out;
  }
  Status step(Built& b, PersonId actor, TimePoint at,
              const std::function<Status(services::UseCase&, services::CircleView&)>& use_case) {
    return status_of(value_step<bool>(b, actor, at, [&](services::UseCase& uc, services::CircleView& v) -> Result<bool> {
      MH_CHECK(use_case(uc, v));
      return true;
    }));
  }

  sql::Connection& db_;
  std::set<PersonId> used_;
};

// ---------------------------------------------------------------------------------------------
// The circles

// Sofia's circle: by request, full, with two people waiting in order and one request to answer.
Status seed_presenting_circle(Seeder& s, const Person& sofia) {
  auto built = s.create(sofia.id, sofia.id, "Presenting data to executives",
                        "For analysts who brief leaders: turning an analysis into a five-minute story with one "
                        "recommendation, handling the first hard question, and the slide you leave behind. We meet "
                        "every two weeks on video; each session one member presents and the circle gives feedback.",
                        6, 14, Medium::video, Membership::by_request, s.day(-44, 10));
  if (!built) return wrap("Sofia's circle", built.error());
  Built& b = *built;
  const auto members = s.pick(6, [](const Person& p) {
    return !p.is_external && (p.department == "Data & Analytics" || p.department == "Finance" ||
                              p.department == "Product") &&
           (has_word(p.title, "Analyst") || has_word(p.title, "Scientist") || has_word(p.title, "Product Manager"));
  });
  if (members.size() < 6) return fail("too few analysts for Sofia's circle");
  const std::vector<std::string> messages = {
      "I present our weekly numbers to the VP and lose the room after two slides.",
      "I'd like to get better at answering questions I did not expect.",
      "My analyses are solid but my recommendations get lost.",
      "I'm new to presenting to leadership and would love practice in a safe room.",
      "I want to learn how to cut a forty-slide deck to five.",
      "Our CFO asks for the one number that matters; I never know which one it is.",
  };
  for (std::size_t i = 0; i < members.size(); ++i) {
    SEED_CHECK("a request to Sofia's circle", s.join(b, members[i], s.day(-43 + static_cast<int>(i) / 2, 9 + static_cast<int>(i)), messages[i]));
    SEED_CHECK("Sofia approving", s.approve(b, members[i], s.day(-40, 8, static_cast<int>(i) * 5)));
  }
  std::vector<Objective> objectives{
      {0, ObjectiveCategory::skill_coaching, "Tell the story of an analysis in five minutes",
       "Each member presents once and gets a 4 or 5 from the circle on clarity"},
      {0, ObjectiveCategory::skill_gaps, "Handle the hard question without losing the thread",
       "Two rehearsed answers each for the questions we fear most"},
      {0, ObjectiveCategory::networking, "Know who the decision makers are in Finance and Sales",
       "Each member has met one leader they present to, outside a meeting"}};
  SEED_CHECK("the circle's purpose",
             s.draft(b, members[1], objectives,
                     "Every member leaves able to brief an executive with one clear recommendation.", s.day(-38, 11)));
  SEED_CHECK("Sofia agreeing the purpose", s.agree(b, s.day(-37, 9)));

  auto first = s.schedule(b, s.day(-37, 9, 30), s.day(-30, 15), 60, "https://meet.northwind.example/presenting-data");
  if (!first) return wrap("the first session", first.error());
  SEED_CHECK("holding the first session",
             s.hold(b, *first,
                    "Introductions; each member named the presentation they dread most. Agreed the format: one "
                    "member presents for five minutes, two questions from the circle, then feedback on clarity.",
                    {}, {members[4]}));
  auto story = s.story(b, *first,
                       "My first board update: twenty-two slides of charts. The chair stopped me on slide three and "
                       "asked what I wanted them to decide. I didn't know.",
                       "Start with the decision you want, then show only what supports it");
  if (!story) return wrap("Sofia's story", story.error());
  SEED_CHECK("a reflection",
             s.reflect(b, *story, members[0],
                       "I will open my next weekly update with the one decision I need from the VP.", s.day(-29, 18)));
  SEED_CHECK("a reflection",
             s.reflect(b, *story, members[2],
                       "My recommendation goes on the first slide from now on, not the last.", s.day(-28, 12)));

  auto second = s.schedule(b, s.day(-25, 10), s.day(-16, 15), 60, "https://meet.northwind.example/presenting-data");
  if (!second) return wrap("the second session", second.error());
  SEED_CHECK("holding the second session",
             s.hold(b, *second,
                    "Two members presented. Feedback: lead with the recommendation; fewer axes; say the number out "
                    "loud. Next time: rehearsing answers to the hardest question.",
                    {members[5]}, {}));
  auto third = s.schedule(b, s.day(-15, 9), s.day(-2, 15), 60, "https://meet.northwind.example/presenting-data");
  if (!third) return wrap("the third session", third.error());
  SEED_CHECK("holding the third session",
             s.hold(b, *third, "Hard questions: each member answered the one they fear most; we rewrote two answers together.",
                    {}, {members[3]}));
  auto next = s.schedule(b, s.day(-1, 16), s.day(12, 15), 60, "https://meet.northwind.example/presenting-data");
  if (!next) return wrap("the next session", next.error());

  const ObjectiveId tell = b.purpose.objectives[0].id, hard = b.purpose.objectives[1].id,
                    people = b.purpose.objectives[2].id;
  SEED_CHECK("an action item", s.item(b, members[0], TaskType::project, "Rewrite the weekly sales update as one page",
                                      tell, s.day(-20), s.day(-29, 18), s.day(-21, 17)));
  SEED_CHECK("an action item", s.item(b, members[0], TaskType::networking, "Coffee with the Head of Sales Operations",
                                      people, s.day(10), s.day(-15, 10)));
  SEED_CHECK("an action item", s.item(b, members[1], TaskType::other, "Write answers to my three hardest questions",
                                      hard, s.day(-3), s.day(-15, 11)));
  SEED_CHECK("an action item", s.item(b, members[2], TaskType::formal_learning,
                                      "Finish the storytelling-with-data course, chapters 1-4", tell, s.day(14),
                                      s.day(-28, 12)));
  SEED_CHECK("an action item", s.item(b, members[4], TaskType::project, "Present the churn analysis to the circle",
                                      tell, s.day(12), s.day(-14, 9)));

  // Full: two more wait in the order they were approved, and one request is waiting.
  const auto more = s.pick(3, [](const Person& p) {
    return !p.is_external && (seeks(p, Format::circle) || has_word(p.title, "Analyst"));
  });
  if (more.size() < 3) return fail("too few people for Sofia's waitlist");
  SEED_CHECK("a waitlisted request", s.join(b, more[0], s.day(-21, 13), "I brief our regional directors monthly."));
  SEED_CHECK("approving onto the waitlist", s.approve(b, more[0], s.day(-20, 9)));
  SEED_CHECK("a waitlisted request", s.join(b, more[1], s.day(-9, 14), "Could I join when a place frees up?"));
  SEED_CHECK("approving onto the waitlist", s.approve(b, more[1], s.day(-8, 10)));
  SEED_CHECK("a waiting request",
             s.join(b, more[2], s.day(-1, 11), "I present to the leadership team for the first time next month."));
  if (count_status(b.roster, MemberStatus::member) != 6 || count_status(b.roster, MemberStatus::waitlisted) != 2)
    return fail("Sofia's circle is not full with two waiting");
  return {};
}

// Helena's open circle for first-time managers: five members, a session coming, and a purpose
// a member drafted for Helena to agree.
Status seed_new_managers_circle(Seeder& s, const Person& helena) {
  auto built = s.create(helena.id, helena.id, "New managers: your first year",
                        "For people in their first year of managing a team: one-to-ones that matter, giving hard "
                        "feedback, delegating without disappearing, and managing the people who used to be your peers.",
                        8, 21, Medium::video, Membership::open, s.day(-12, 8));
  if (!built) return wrap("Helena's circle", built.error());
  Built& b = *built;
  const auto members = s.pick(5, [](const Person& p) {
    return !p.is_external && (has_word(p.title, "Manager") || has_word(p.title, "Lead")) && !has_word(p.title, "VP") &&
           !has_word(p.title, "Head");
  });
  if (members.size() < 5) return fail("too few managers for Helena's circle");
  for (std::size_t i = 0; i < members.size(); ++i)
    SEED_CHECK("joining Helena's circle", s.join(b, members[i], s.day(-11 + static_cast<int>(i), 12)));
  SEED_CHECK("a drafted purpose",
             s.draft(b, members[0],
                     {{0, ObjectiveCategory::skill_coaching, "Give one piece of difficult feedback well",
                       "Each of us has done it and talked it through with the circle"},
                      {0, ObjectiveCategory::skill_gaps, "Delegate one thing we still do ourselves",
                       "Named, handed over and not taken back"}},
                     "Feel like managers, not senior individual contributors with meetings.", s.day(-3, 17)));
  auto first = s.schedule(b, s.day(-6, 9), s.day(5, 14), 75, "https://meet.northwind.example/new-managers");
  if (!first) return wrap("Helena's first session", first.error());
  return {};
}

// Created by an administrator on a mentor's behalf, and closed once the cohort was complete.
Status seed_project_circle(Seeder& s, const Person& admin) {
  const auto host = s.pick(1, [](const Person& p) { return p.offers(Format::circle) && !p.is_external; });
  if (host.empty()) return fail("no host for the project management circle");
  auto built = s.create(host[0], admin.id, "Project management essentials",
                        "Planning, risks and stakeholder updates for people who run their first cross-team project.",
                        6, 14, Medium::in_person, Membership::open, s.day(-9, 9));
  if (!built) return wrap("the project management circle", built.error());
  Built& b = *built;
  const auto members =
      s.pick(4, [](const Person& p) { return !p.is_external && seeks(p, Format::circle); });
  if (members.size() < 4) return fail("too few people for the project management circle");
  for (std::size_t i = 0; i < members.size(); ++i)
    SEED_CHECK("joining the project circle", s.join(b, members[i], s.day(-8 + static_cast<int>(i), 10)));
  SEED_CHECK("closing the project circle", s.close(b, s.day(-3, 16)));
  auto first = s.schedule(b, s.day(-3, 16, 30), s.day(2, 12), 60, "Room 4.12, Riverside office");
  if (!first) return wrap("the project circle's session", first.error());
  return {};
}

// A circle that ran its course: four sessions, a member who left half way, and everyone's debrief.
Status seed_concluded_circle(Seeder& s) {
  const auto host = s.pick(1, [](const Person& p) { return p.offers(Format::circle) && !p.is_external; });
  if (host.empty()) return fail("no host for the advancing careers circle");
  auto built = s.create(host[0], host[0], "Advancing careers",
                        "Mapping the next step: where you want to be in two years, the gap, and the people who can "
                        "help you close it.",
                        5, 14, Medium::video, Membership::open, s.day(-120, 9));
  if (!built) return wrap("the advancing careers circle", built.error());
  Built& b = *built;
  const auto members = s.pick(4, [](const Person& p) { return !p.is_external && seeks(p, Format::circle); });
  if (members.size() < 4) return fail("too few people for the advancing careers circle");
  for (std::size_t i = 0; i < members.size(); ++i)
    SEED_CHECK("joining the careers circle", s.join(b, members[i], s.day(-118 + static_cast<int>(i), 11)));
  SEED_CHECK("the careers purpose",
             s.draft(b, host[0],
                     {{0, ObjectiveCategory::career_options, "Name the role each of us wants in two years",
                       "Written down and shared with the circle"},
                      {0, ObjectiveCategory::networking, "Hold an informational interview with someone in that role",
                       "One interview each, written up"}},
                     "A written two-year plan each, tested against someone who has done it.", s.day(-112, 10)));
  SEED_CHECK("agreeing the careers purpose", s.agree(b, s.day(-112, 10, 5)));
  std::vector<CircleSession> sessions;
  for (int i = 0; i < 4; ++i) {
    auto session = s.schedule(b, s.day(-111 + 14 * i, 9), s.day(-105 + 14 * i, 15), 60,
                              "https://meet.northwind.example/advancing-careers");
    if (!session) return wrap("a careers session", session.error());
    sessions.push_back(*session);
    if (i == 2) SEED_CHECK("a member leaving", s.leave(b, members[3], s.day(-80, 9)));
    SEED_CHECK("holding a careers session",
               s.hold(b, sessions.back(),
                      i == 0 ? "Each of us named the role we want; two of us were surprised by our own answer."
                             : "Progress on the informational interviews; what we learned about the roles.",
                      {}, {}));
  }
  const ObjectiveId role = b.purpose.objectives[0].id, interview = b.purpose.objectives[1].id;
  for (std::size_t i = 0; i < 3; ++i) {
    SEED_CHECK("a careers action item", s.item(b, members[i], TaskType::informational_interview,
                                               "Informational interview with someone in my target role", interview,
                                               s.day(-70), s.day(-104, 16), s.day(-74 + static_cast<int>(i), 12)));
    SEED_CHECK("a careers action item", s.item(b, members[i], TaskType::other, "Write my two-year plan", role, s.day(-60),
                                               s.day(-104, 16), s.day(-61, 18)));
  }
  SEED_CHECK("concluding the careers circle", s.conclude(b, s.day(-58, 9)));
  SEED_CHECK("the host's debrief",
             s.debrief(b, host[0], ObjectiveOutcome::achieved, "Three written plans, each tested in an interview.",
                       "Two members want a mentor in their target role; I have suggested names.",
                       "Start the interviews in the first month, not the third.", 5, s.day(-57, 10)));
  const std::vector<std::string> achieved = {
      "I know I want to lead a data team, and what I am missing.",
      "My interview changed my mind: product, not project management.",
      "A plan with dates, and a mentor lined up.",
  };
  for (std::size_t i = 0; i < 3; ++i)
    SEED_CHECK("a member's debrief",
               s.debrief(b, members[i], i == 1 ? ObjectiveOutcome::partly : ObjectiveOutcome::achieved, achieved[i],
                         "Find a one-to-one mentor for the next step.",
                         "Ask for feedback on my plan earlier.", i == 1 ? 4 : 5,
                         s.day(-56 + static_cast<int>(i), 14)));
  if (b.c.state != CircleState::concluded) return fail("the advancing careers circle did not conclude");
  return {};
}

// ---------------------------------------------------------------------------------------------
// Flash mentoring

Status seed_flash(Seeder& s, const Person& marcus, const Person& daniel, const Person& rohan, const Person& kwame,
                  const Person& maya) {
  const auto mentees = s.pick(5, [](const Person& p) { return !p.is_external && seeks(p, Format::flash) && p.mentor_capacity == 0; });
  if (mentees.size() < 5) return fail("too few flash mentees");

  // Marcus: pivot tables, in New York time. One session done with a takeaway and a resource,
  // two booked, three free.
  auto pivot = s.topic(marcus.id, "Building a pivot table",
                       "Thirty minutes, your own spreadsheet: from raw rows to a pivot table that answers your "
                       "question, with grouping by month and a calculated field.",
                       s.day(-30, 14));
  if (!pivot) return wrap("Marcus's topic", pivot.error());
  auto past = s.slot(*pivot, -12, 11, 0, 30, s.day(-30, 14, 5));
  if (!past) return wrap("a past pivot slot", past.error());
  auto done = s.book(*pivot, *past, mentees[0], "How do I group a month of daily sales by week in a pivot table?",
                     s.day(-20, 10));
  if (!done) return wrap("a past pivot booking", done.error());
  SEED_CHECK("a takeaway",
             s.follow_up(*done, "Group the date field by days with 7 as the step; start on a Monday.", 5,
                         past->ends_at() + hours(1), "https://support.example.com/pivot-tables/group-dates",
                         "The grouping dialog, with screenshots.", past->ends_at() + hours(3)));
  const std::vector<std::pair<int, int>> times = {{3, 10}, {3, 11}, {5, 15}, {8, 10}, {8, 11}};
  std::vector<FlashSlot> pivot_slots;
  for (const auto& [offset, hour] : times) {
    auto slot = s.slot(*pivot, offset, hour, 0, 30, s.day(-6, 9));
    if (!slot) return wrap("a pivot slot", slot.error());
    pivot_slots.push_back(*slot);
  }
  if (!s.book(*pivot, pivot_slots[0], mentees[1], "Why does my pivot table count instead of sum my amounts?",
              s.day(-2, 16)))
    return fail("booking a pivot slot");
  if (!s.book(*pivot, pivot_slots[2], mentees[2], "Can a pivot table show the difference from last month?",
              s.day(-1, 9)))
    return fail("booking a pivot slot");

  // Daniel: reviewing a first Python pull request. A session last week waiting for its
  // takeaway, one booked, one cancelled by the mentee (offered again), one free.
  auto review = s.topic(daniel.id, "Reviewing your first Python pull request",
                        "Bring a pull request (yours or one you have to review). We go through what reviewers look "
                        "for: names, tests, error handling, and how to phrase a comment kindly.",
                        s.day(-25, 9));
  if (!review) return wrap("Daniel's topic", review.error());
  auto last_week = s.slot(*review, -3, 16, 0, 45, s.day(-25, 9, 5));
  if (!last_week) return wrap("a past review slot", last_week.error());
  if (!s.book(*review, *last_week, mentees[3], "What should I check first when reviewing a teammate's pandas code?",
              s.day(-10, 12)))
    return fail("booking a past review slot");
  auto soon = s.slot(*review, 2, 16, 0, 45, s.day(-7, 9));
  auto later = s.slot(*review, 9, 16, 0, 45, s.day(-7, 9));
  if (!soon || !later) return fail("Daniel's slots");
  auto cancelled = s.book(*review, *later, mentees[4], "How do I write tests for a script that reads files?", s.day(-6, 10));
  if (!cancelled) return wrap("booking a review slot", cancelled.error());
  SEED_CHECK("a cancellation",
             s.cancel_booking(*cancelled, mentees[4], "My sprint moved; I will book again when it settles.", s.day(-4, 9)));
  if (!s.book(*review, *soon, mentees[4], "How do I make my first pull request easy to review?", s.day(-3, 18)))
    return fail("rebooking with Daniel");

  // Rohan: A/B tests, in Kolkata time. Maya's session two weeks ago, completed.
  auto ab = s.topic(rohan.id, "Is my A/B test result significant?",
                    "Bring the numbers of an experiment: we check the design, the test and what you can honestly "
                    "conclude.",
                    s.day(-40, 6));
  if (!ab) return wrap("Rohan's topic", ab.error());
  auto ab_past = s.slot(*ab, -14, 18, 30, 30, s.day(-40, 6, 5));
  if (!ab_past) return wrap("a past A/B slot", ab_past.error());
  auto maya_ab = s.book(*ab, *ab_past, maya.id, "Our e-mail test shows a 0.4 point lift; is that real or noise?",
                        s.day(-18, 8));
  if (!maya_ab) return wrap("Maya's A/B booking", maya_ab.error());
  SEED_CHECK("Maya's takeaway",
             s.follow_up(*maya_ab, "With 2,000 sends per arm a 0.4 point lift is noise; plan the sample size first.", 5,
                         ab_past->ends_at() + hours(2), "https://stats.example.org/sample-size-calculator",
                         "Use this before the next test.", ab_past->ends_at() + hours(5)));
  for (int offset : {4, 11}) {
    auto slot = s.slot(*ab, offset, 18, 30, 30, s.day(-5, 6));
    if (!slot) return wrap("an A/B slot", slot.error());
  }

  // Kwame: threat modelling, free slots only.
  auto threats = s.topic(kwame.id, "Threat modelling a new feature in an hour",
                         "STRIDE on a whiteboard: walk through your feature's data flow and leave with the three "
                         "risks worth fixing first.",
                         s.day(-8, 15));
  if (!threats) return wrap("Kwame's topic", threats.error());
  for (int offset : {6, 13}) {
    auto slot = s.slot(*threats, offset, 14, 0, 60, s.day(-8, 15, 5));
    if (!slot) return wrap("a threat modelling slot", slot.error());
  }
  return {};
}

}  // namespace

Status seed_demo_circles(sql::Connection& db, TimePoint now) {
  Seeder s(db, now);
  const auto fixed = s.fixed_people();
  if (!fixed) return fail(fixed.error().message);
  const auto& [admin, maya, daniel, sofia, helena, grace, rohan, aisha, marcus, kwame] = *fixed;
  for (const Person* p : {sofia, helena, admin, maya, daniel, marcus, rohan, kwame}) s.reserve(p->id);
  SEED_CHECK("Sofia's circle", seed_presenting_circle(s, *sofia));
  SEED_CHECK("Helena's circle", seed_new_managers_circle(s, *helena));
  SEED_CHECK("the project circle", seed_project_circle(s, *admin));
  SEED_CHECK("the concluded circle", seed_concluded_circle(s));
  SEED_CHECK("flash mentoring", seed_flash(s, *marcus, *daniel, *rohan, *kwame, *maya));
  return {};
}

}  // namespace mh::cli

