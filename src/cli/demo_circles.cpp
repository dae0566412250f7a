#include "cli/demo_circles.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/demo_seeding.hpp"
#include "common/timezones.hpp"
#include "domain/circle.hpp"
#include "domain/flash.hpp"
#include "services/flash.hpp"
#include "storage/circles_repo.hpp"
#include "storage/flash_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::cli {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using namespace seeding;

Error wrap(const std::string& what, const Error& e) { return step_error("circles", what, e); }
Error fail(const std::string& what) { return step_failure("circles", what); }

bool seeks(const Person& p, Format f) {
  return std::find(p.formats_sought.begin(), p.formats_sought.end(), f) != p.formats_sought.end();
}
bool has_word(const std::string& text, const std::string& word) { return text.find(word) != std::string::npos; }

// A circle as it is built: the row, its roster and purpose.
struct Built {
  Circle c;
  std::vector<CircleMember> roster;
  CirclePurpose purpose;
};

class Seeder {
 public:
  Seeder(sql::Connection& db, TimePoint now) : db_(db), now_(now) {
    for (auto& p : storage::all_active_people(db_)) people_.push_back(std::move(p));
    std::sort(people_.begin(), people_.end(), [](const Person& a, const Person& b) { return a.id < b.id; });
  }

  TimePoint now() const { return now_; }
  const std::vector<Person>& people() const { return people_; }
  const Person* by_email(const std::string& email) const {
    for (const auto& p : people_)
      if (p.email == email) return &p;
    return nullptr;
  }
  const Person& person(PersonId id) const {
    return *std::find_if(people_.begin(), people_.end(), [&](const Person& p) { return p.id == id; });
  }

  // `offset` days from today (UTC) at hh:mm UTC.
  TimePoint day(int offset, int hour = 0, int minute = 0) const {
    return TimePoint(std::chrono::floor<days>(now_)) + days(offset) + hours(hour) + minutes(minute);
  }
  // `offset` days from today at hh:mm on the wall clock of `tz`.
  TimePoint local_day(int offset, int hour, int minute, const std::string& tz) const {
    const TimePoint wall = day(offset, hour, minute);
    auto lookup = [&](TimePoint t) { return utc_offset_minutes(tz, t); };
    return parse_slot_start(format_local_minutes(wall, 0), lookup).value_or(wall);
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

  void nudge(PersonId to, const char* kind, std::string message, TimePoint at) {
    const auto id = storage::insert_nudge(db_, {0, to, std::nullopt, kind, std::move(message), at, std::nullopt});
    if (at < now_ - days(7)) storage::mark_nudge_read(db_, to, id, std::min(at + hours(5), now_));
  }

  // ------------------------------------------------------------------------------------------
  // Circles, step by step as the API takes them

  Result<Built> create(PersonId host, PersonId by, std::string topic, std::string description, int size,
                       int cadence, Medium medium, Membership membership, TimePoint at) {
    Built b;
    Circle& c = b.c;
    c.host_id = host;
    c.created_by = by;
    c.topic = std::move(topic);
    c.description = std::move(description);
    c.size_limit = size;
    c.cadence_days = cadence;
    c.medium = medium;
    c.membership = membership;
    c.created_at = c.updated_at = at;
    MH_CHECK(check_can_host(person(host)));
    MH_CHECK(validate_circle(c));
    c.id = storage::insert_circle(db_, c);
    event(c, std::nullopt, by, "", "active", at,
          by == host ? "created" : "created by an administrator on the host's behalf");
    if (by != host)
      nudge(host, "circle_created",
            person(by).name + " created the circle \"" + c.topic + "\" for you to host. Define its purpose with your members.",
            at);
    return b;
  }

  Status join(Built& b, PersonId who, TimePoint at, std::string message = {}) {
    MH_CHECK(check_can_join(b.c, who, b.roster));
    const MemberStatus to =
        b.c.membership == Membership::by_request ? MemberStatus::requested : admission(b.c, b.roster);
    CircleMember* existing = row(b, who);
    CircleMember m = existing ? *existing : CircleMember{};
    const std::string from = existing ? to_string(existing->status) : "";
    m.circle_id = b.c.id;
    m.person_id = who;
    m.status = to;
    m.queue = storage::next_queue_number(db_, b.c.id);
    m.message = std::move(message);
    m.requested_at = m.since = at;
    storage::save_member(db_, m);
    event(b.c, who, who, from, to_string(to), at,
          existing ? "rejoined" : (to == MemberStatus::requested ? "asked to join" : "joined"));
    if (existing) *existing = m;
    else b.roster.push_back(m);
    if (to == MemberStatus::requested)
      nudge(b.c.host_id, "circle_request",
            person(who).name + " asks to join your circle \"" + b.c.topic + "\"" +
                (m.message.empty() ? "." : ": " + m.message),
            at);
    return {};
  }

  Status approve(Built& b, PersonId who, TimePoint at) {
    CircleMember* r = row(b, who);
    MH_CHECK(check_can_answer_request(b.c, b.c.host_id, r));
    const MemberStatus to = admission(b.c, b.roster);
    r->queue = storage::next_queue_number(db_, b.c.id);
    set_status(b, *r, to, b.c.host_id, at, "request approved");
    nudge(who, "circle_approved",
          person(b.c.host_id).name + " welcomed you to the circle \"" + b.c.topic + "\"" +
              (to == MemberStatus::member ? "." : ". It is full for now: you are on the waitlist and will move up in order."),
          at);
    return {};
  }

  Status leave(Built& b, PersonId who, TimePoint at) {
    CircleMember* r = row(b, who);
    MH_CHECK(check_can_leave(b.c, who, r));
    const bool was_member = r->status == MemberStatus::member;
    set_status(b, *r, MemberStatus::left, who, at);
    if (was_member) {
      nudge(b.c.host_id, "circle_left", person(who).name + " left your circle \"" + b.c.topic + "\".", at);
      for (PersonId p : promotions(b.c, b.roster)) {
        set_status(b, *row(b, p), MemberStatus::member, std::nullopt, at, "a place freed up");
        nudge(p, "circle_place",
              "A place freed up in the circle \"" + b.c.topic + "\": you have moved up from the waitlist and are a "
              "member now.",
              at);
      }
    }
    return {};
  }

  Status draft(Built& b, PersonId by, std::vector<Objective> objectives, std::string outcome, TimePoint at) {
    MH_CHECK(redraft_circle_purpose(b.purpose, b.c, std::move(objectives), std::move(outcome)));
    storage::save_circle_purpose(db_, b.c.id, b.purpose);
    if (by != b.c.host_id)
      nudge(b.c.host_id, "purpose_to_agree",
            person(by).name + " drafted the purpose of \"" + b.c.topic + "\"; read it and agree, or change it.", at);
    return {};
  }

  Status agree(Built& b, TimePoint at) {
    MH_TRY(agreed, agree_circle_purpose(b.purpose, b.c, b.c.host_id, b.purpose.version, at));
    if (!agreed) return fail("the purpose was already agreed");
    storage::save_circle_purpose(db_, b.c.id, b.purpose);
    event(b.c, std::nullopt, b.c.host_id, "", "purpose_agreed", at,
          "purpose version " + std::to_string(b.purpose.version) + " agreed");
    for (const auto& m : b.roster)
      if (m.status == MemberStatus::member)
        nudge(m.person_id, "purpose_agreed",
              "The host agreed the purpose of \"" + b.c.topic + "\" (version " + std::to_string(b.purpose.version) + ").",
              at);
    return {};
  }

  Result<CircleSession> schedule(const Built& b, TimePoint created, TimePoint starts, int duration, std::string where) {
    CircleSession s;
    s.circle_id = b.c.id;
    s.starts_at = starts;
    s.duration_minutes = duration;
    s.medium = b.c.medium;
    s.where = std::move(where);
    s.created_at = created;
    MH_CHECK(validate_new_session(s, b.c, created));
    s.id = storage::insert_circle_session(db_, s);
    return s;
  }

  // Held, with notes and attendance (the members not named were present).
  Status hold(const Built& b, CircleSession& s, std::string notes, const std::vector<PersonId>& absent,
              const std::vector<PersonId>& excused) {
    const TimePoint at = s.starts_at + minutes(s.duration_minutes + 15);
    MH_CHECK(change_session_status(s, MeetingStatus::held, at));
    s.notes = std::move(notes);
    storage::update_circle_session(db_, s);
    for (const auto& m : b.roster) {
      if (m.status != MemberStatus::member || m.since > s.starts_at) continue;
      Attendance a = Attendance::present;
      if (std::count(absent.begin(), absent.end(), m.person_id)) a = Attendance::absent;
      if (std::count(excused.begin(), excused.end(), m.person_id)) a = Attendance::excused;
      MH_CHECK(check_attendance(s, a, b.c.host_id, b.c.host_id, m.person_id, at));
      storage::save_attendance(db_, {s.id, m.person_id, a, b.c.host_id, at});
    }
    return {};
  }

  Result<Story> story(const Built& b, const CircleSession& s, std::string text, std::string point) {
    const TimePoint at = s.starts_at + minutes(s.duration_minutes + 20);
    MH_CHECK(check_can_tell_story(s, b.c, b.c.host_id, at));
    Story st;
    st.meeting_id = s.id;
    st.teller_id = b.c.host_id;
    st.story = std::move(text);
    st.point = std::move(point);
    MH_CHECK(validate_story(st));
    st.id = storage::insert_circle_story(db_, b.c.id, st, at);
    return st;
  }

  Status reflect(const Built& b, const Story& st, PersonId who, std::string text, TimePoint at) {
    if (circle_role(b.c, who, b.roster) != CircleRole::member) return fail("a reflection by a non-member");
    MH_CHECK(validate_reflection(text));
    storage::save_circle_reflection(db_, {st.id, who, std::move(text), at});
    return {};
  }

  Status item(const Built& b, PersonId owner, TaskType type, std::string title, std::optional<ObjectiveId> objective,
              std::optional<TimePoint> due, TimePoint created, std::optional<TimePoint> done = std::nullopt) {
    ActionItem i;
    i.owner_id = owner;
    i.created_by = owner;
    i.task.relationship_id = b.c.id;
    i.task.type = type;
    i.task.title = std::move(title);
    i.task.objective_id = objective;
    i.task.due = due;
    i.task.created_at = created;
    if (done) MH_CHECK(set_task_status(i.task, TaskStatus::done, *done));
    MH_CHECK(validate_action_item(i, b.purpose, b.roster));
    storage::insert_action_item(db_, i);
    return {};
  }

  Status close(Built& b, TimePoint at) {
    MH_CHECK(check_circle_workable(b.c));
    b.c.accepting_members = false;
    b.c.updated_at = at;
    storage::update_circle(db_, b.c);
    event(b.c, std::nullopt, b.c.host_id, "open", "closed", at, "closed to new members");
    return {};
  }

  Status conclude(Built& b, TimePoint at) {
    MH_CHECK(check_can_start_circle_conclusion(b.c, b.c.host_id));
    b.c.state = CircleState::concluding;
    b.c.concluding_at = at;
    b.c.updated_at = at;
    storage::update_circle(db_, b.c);
    event(b.c, std::nullopt, b.c.host_id, "active", "concluding", at);
    return {};
  }

  Status debrief(Built& b, PersonId author, ObjectiveOutcome outcome, std::string achieved, std::string still,
                 std::string differently, int rating, TimePoint at) {
    Debrief d;
    d.author_id = author;
    for (const auto& o : b.purpose.objectives) d.outcomes.emplace_back(o.id, outcome);
    d.achieved = std::move(achieved);
    d.still_to_do = std::move(still);
    d.do_differently = std::move(differently);
    d.rating = rating;
    d.submitted_at = at;
    MH_CHECK(validate_circle_debrief(d, b.c, b.purpose, b.roster));
    storage::save_circle_debrief(db_, b.c.id, d);
    if (all_debriefed(b.c, b.roster, storage::circle_debriefs_of(db_, b.c.id))) {
      b.c.state = CircleState::concluded;
      b.c.concluded_at = at;
      b.c.accepting_members = false;
      b.c.updated_at = at;
      storage::update_circle(db_, b.c);
      event(b.c, std::nullopt, std::nullopt, "concluding", "concluded", at, "every debrief submitted");
    }
    return {};
  }

  // ------------------------------------------------------------------------------------------
  // Flash mentoring

  Result<FlashTopic> topic(PersonId mentor, std::string title, std::string description, TimePoint at) {
    FlashTopic t;
    t.mentor_id = mentor;
    t.title = std::move(title);
    t.description = std::move(description);
    t.created_at = t.updated_at = at;
    MH_CHECK(check_can_offer_flash(person(mentor)));
    MH_CHECK(validate_flash_topic(t));
    t.id = storage::insert_flash_topic(db_, t);
    return t;
  }

  // A slot on day `offset` at hh:mm of the mentor's wall clock, created at `created`.
  Result<FlashSlot> slot(const FlashTopic& t, int offset, int hour, int minute, int duration, TimePoint created) {
    FlashSlot s;
    s.topic_id = t.id;
    s.mentor_id = t.mentor_id;
    s.starts_at = local_day(offset, hour, minute, person(t.mentor_id).timezone);
    s.duration_minutes = duration;
    s.created_at = created;
    MH_CHECK(validate_new_slot(s, storage::live_slots_of_mentor(db_, t.mentor_id, created), created, ""));
    s.id = storage::insert_flash_slot(db_, s);
    return s;
  }

  // The bookings and their follow-up go through the same use cases as the API (services/flash).
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
  Result<FlashBooking> flash_step(TimePoint at, const std::function<Result<FlashBooking>(services::UseCase&)>& use_case) {
    const LifecycleSettings rules;
    services::UseCase uc(db_, at, rules);
    auto out = use_case(uc);
    if (!out) return out;
    mark_nudges_read(db_, uc.events(), at, now_);
    return out;
  }

  CircleMember* row(Built& b, PersonId who) {
    auto it = std::find_if(b.roster.begin(), b.roster.end(), [&](const CircleMember& m) { return m.person_id == who; });
    return it == b.roster.end() ? nullptr : &*it;
  }

  void event(const Circle& c, std::optional<PersonId> person, std::optional<PersonId> actor, std::string from,
             std::string to, TimePoint at, std::string note = {}) {
    storage::insert_circle_event(db_, {c.id, person, actor, std::move(from), std::move(to), at, std::move(note)});
  }

  void set_status(Built& b, CircleMember& m, MemberStatus to, std::optional<PersonId> actor, TimePoint at,
                  std::string note = {}) {
    const std::string from = to_string(m.status);
    m.status = to;
    m.since = at;
    storage::save_member(db_, m);
    event(b.c, m.person_id, actor, from, to_string(to), at, std::move(note));
  }

  sql::Connection& db_;
  TimePoint now_;
  std::vector<Person> people_;
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
  const Person* sofia = s.by_email(kSofiaEmail);
  const Person* helena = s.by_email(kHelenaEmail);
  const Person* admin = s.by_email(kAdminEmail);
  const Person* maya = s.by_email(kMayaEmail);
  const Person* daniel = s.by_email(kDanielEmail);
  const Person* marcus = s.by_email(kMarcusEmail);
  const Person* rohan = s.by_email(kRohanEmail);
  const Person* kwame = s.by_email(kKwameEmail);
  if (!sofia || !helena || !admin || !maya || !daniel || !marcus || !rohan || !kwame)
    return fail("a fixed person of the demo is missing");
  for (const Person* p : {sofia, helena, admin, maya, daniel, marcus, rohan, kwame}) s.reserve(p->id);
  SEED_CHECK("Sofia's circle", seed_presenting_circle(s, *sofia));
  SEED_CHECK("Helena's circle", seed_new_managers_circle(s, *helena));
  SEED_CHECK("the project circle", seed_project_circle(s, *admin));
  SEED_CHECK("the concluded circle", seed_concluded_circle(s));
  SEED_CHECK("flash mentoring", seed_flash(s, *marcus, *daniel, *rohan, *kwame, *maya));
  return {};
}

}  // namespace mh::cli

