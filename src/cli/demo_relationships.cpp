#include "cli/demo_relationships.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

// The purpose snapshot kept at the first agreement is the API's own purpose_json, so the
// debrief's "purpose agreed at the start" has exactly the shape the API writes.
#include "cli/demo_seeding.hpp"
#include "domain/conclusion.hpp"
#include "domain/logistics.hpp"
#include "domain/meetings.hpp"
#include "domain/plan.hpp"
#include "domain/purpose.hpp"
#include "domain/relationship.hpp"
#include "services/conclusion.hpp"
#include "services/requests.hpp"
#include "services/workspace.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::cli {

namespace {

using namespace seeding;

Error wrap(const std::string& what, const Error& e) { return step_error("relationships", what, e); }
Error fail(const std::string& what) { return step_failure("relationships", what); }

std::string first_name(const Person& p) { return p.name.substr(0, p.name.find(' ')); }

std::string a_or_an(const std::string& word) {
  return !word.empty() && std::string("AEIOaeio").find(word.front()) != std::string::npos ? "an" : "a";
}

bool prefers(const Person& p, Medium m) { return std::find(p.media.begin(), p.media.end(), m) != p.media.end(); }

std::string region_of(const std::string& tz) { return tz.substr(0, tz.find('/')); }
std::string city_of(const std::string& tz) {
  std::string city = tz.substr(tz.find('/') + 1);
  std::replace(city.begin(), city.end(), '_', ' ');
  return city;
}

// A civil hour (UTC) for a mentoring conversation in the mentee's timezone.
int meeting_hour(const std::string& tz) {
  if (tz == "America/Los_Angeles") return 17;
  if (tz == "America/Sao_Paulo") return 14;
  if (region_of(tz) == "America") return 15;
  if (tz == "Asia/Kolkata") return 9;
  if (tz == "Asia/Singapore") return 7;
  if (tz == "Australia/Sydney") return 22;
  return 13;
}

// ----------------------------------------------------------------------------------------
// The steps a pair takes, each through the same use case as the API (src/services), at the time
// it happened: the services check the rules, record the state changes with their audit trail and
// notify the other person, so the demo cannot drift from what the product does. The seeder only
// adds what a history needs: notifications older than a week have been read, and a task finished later
// is finished at its time, so the agendas of the meetings planned before then list it as open.

class Seeder : public Roster {
 public:
  Seeder(sql::Connection& db, TimePoint now) : Roster(now), db_(db) {}

  void load_people() {
    std::vector<Person> all;
    std::optional<PersonId> after;
    do {
      auto page = storage::list_people(db_, after, 100, false);
      for (auto& p : page.people) all.push_back(std::move(p));
      after = page.next_cursor;
    } while (after);
    set_people(std::move(all));
  }

  sql::Connection& db() { return db_; }
  const std::string& name(PersonId id) const { return person(id).name; }
  const std::vector<RelationshipId>& relationships() const { return rels_; }

  Result<Relationship> request(PersonId initiator, PersonId mentee, PersonId mentor, TimePoint at, std::string message,
                               std::string draft_purpose) {
    services::RequestInput in;
    in.mentee = mentee;
    in.mentor = mentor;
    in.by_mentee = initiator == mentee;
    in.message = std::move(message);
    in.draft_purpose = std::move(draft_purpose);
    auto r = step<Relationship>(at, [&](services::UseCase& uc) { return services::send_request(uc, person(initiator), in); });
    if (r) rels_.push_back(r->id);
    return r;
  }

  Status accept(Relationship& r, TimePoint at) {
    return update(r, step<Relationship>(at, [&](services::UseCase& uc) {
                    return services::accept_request(uc, person(r.recipient()), r.id);
                  }));
  }

  Status decline(Relationship& r, TimePoint at, const std::string& reason) {
    return update(r, step<Relationship>(at, [&](services::UseCase& uc) {
                    return services::decline_request(uc, person(r.recipient()), r.id, reason);
                  }));
  }

  Status withdraw(Relationship& r, TimePoint at) {
    return update(r, step<Relationship>(at, [&](services::UseCase& uc) {
                    return services::withdraw_request(uc, person(r.initiator_id), r.id);
                  }));
  }

  // As the scheduled check does it, a few minutes after the expiry time.
  Status expire(Relationship& r) {
    const TimePoint at = r.expires_at + minutes(4);
    if (at >= now_) return fail("the expired request is not old enough");
    return scheduled_check(r, at, services::LifecycleStep::expired, std::nullopt);
  }

  Status ask_and_answer(const Relationship& r, const std::string& question, TimePoint asked,
                        const std::string& answer, TimePoint answered) {
    MH_CHECK(status_of(step<Relationship>(
        asked, [&](services::UseCase& uc) { return services::ask_question(uc, person(r.recipient()), r.id, question); },
        true)));
    const auto questions = storage::info_requests_of(db_, r.id);
    if (questions.empty()) return fail("the question was not recorded");
    return status_of(step<Relationship>(answered, [&](services::UseCase& uc) {
      return services::answer_question(uc, person(r.initiator_id), r.id, questions.back().id, answer);
    }));
  }

  // Drafts (or redrafts) the purpose, and the drafter agrees to what they wrote.
  Status draft(Relationship& r, Purpose& p, PersonId by, std::vector<Objective> objectives, std::string outcome,
               TimePoint at) {
    MH_CHECK(step_status(at, [&](services::UseCase& uc) {
      return services::draft_purpose(uc, person(by), r, std::move(objectives), std::move(outcome));
    }));
    p = storage::load_purpose(db_, r.id);
    return agree(r, p, by, at);
  }

  Status agree(Relationship& r, Purpose& p, PersonId by, TimePoint at) {
    MH_CHECK(step_status(at, [&](services::UseCase& uc) { return services::agree_to_purpose(uc, person(by), r, p.version); }));
    p = storage::load_purpose(db_, r.id);
    return {};
  }

  Status set_logistics(Relationship& r, const Logistics& l, TimePoint at) {
    return step_status(at, [&](services::UseCase& uc) { return services::set_logistics(uc, person(r.mentee_id), r, l); });
  }

  // Adds `t` (open) when it was created; a done or dropped task is finished at `finished`.
  Result<Task> add_task(Relationship& r, const Task& t, TimePoint finished) {
    services::TaskChanges c;
    c.objective_id = t.objective_id;
    c.type = t.type;
    c.title = t.title;
    c.notes = t.notes;
    c.owner = t.owner;
    c.due = t.due;
    auto added = step<Task>(t.created_at, [&](services::UseCase& uc) {
      return services::add_task(uc, person(t.owner == Role::mentor ? r.mentor_id : r.mentee_id), r, c);
    });
    if (!added) return added;
    if (t.status != TaskStatus::open)
      finish_later_.push_back({r.id, added->id, t.status, finished});
    return added;
  }

  // A meeting scheduled by `by` at `created` (its agenda is the plan as it stands then). Where it
  // happens comes from the pair's logistics, else `where`, else a video call.
  Result<Meeting> new_meeting(Relationship& r, PersonId by, TimePoint created, TimePoint starts, int duration,
                              const std::optional<Logistics>& l, std::string where = {}) {
    services::NewMeeting in;
    in.starts_at = starts;
    in.duration_minutes = duration;
    in.where = !where.empty() ? std::move(where) : l ? std::string() : "Video call (link in the calendar invite)";
    // The steps are not written in time order (a reflection the day after a meeting comes before
    // the next meeting is planned), so tasks are finished only here, where the plan as it stood
    // at `created` matters, and before concluding.
    MH_CHECK(finish_tasks(created));
    return step<Meeting>(created, [&](services::UseCase& uc) { return services::schedule_meeting(uc, person(by), r, in); });
  }

  // Held, with its shared notes written when it ended.
  Status hold(Meeting& m, std::string shared_notes) {
    if (m.starts_at >= now_) return fail("a held meeting in the future");
    services::MeetingChanges c;
    c.status = MeetingStatus::held;
    c.shared_notes = std::move(shared_notes);
    return change_meeting(m, m.starts_at + minutes(m.duration_minutes), c);
  }

  Status cancel(Meeting& m, TimePoint at) {
    services::MeetingChanges c;
    c.status = MeetingStatus::cancelled;
    return change_meeting(m, at, c);
  }

  Status private_note(const Meeting& m, PersonId author, const std::string& text, TimePoint at) {
    Relationship r = relationship_of(m);
    return step_status(at, [&](services::UseCase& uc) { return services::save_private_note(uc, person(author), r, m.id, text); });
  }

  Result<StoryId> story(Relationship& r, const Meeting& m, const std::string& text, const std::string& point,
                        TimePoint at, std::optional<bool> read = std::nullopt) {
    Story s;
    s.story = text;
    s.point = point;
    auto told = step<Story>(
        at, [&](services::UseCase& uc) { return services::add_story(uc, person(r.mentor_id), r, m.id, s); }, read);
    if (!told) return told.error();
    return told->id;
  }

  Status reflect(Relationship& r, StoryId id, const std::string& reflection, TimePoint at) {
    return step_status(at, [&](services::UseCase& uc) {
      return services::reflect_on_story(uc, person(r.mentee_id), r, id, reflection);
    });
  }

  // As the scheduled check saw it at `at`; the fading notifications are still unread.
  Status fade(Relationship& r, TimePoint at) {
    if (at >= now_) return fail("the fading relationship would not fade yet");
    return scheduled_check(r, at, services::LifecycleStep::faded, false);
  }

  Status conclude(Relationship& r, PersonId by, TimePoint at) {
    MH_CHECK(finish_tasks(at));
    return step_status(at, [&](services::UseCase& uc) { return services::start_concluding(uc, person(by), r); });
  }

  Status debrief(Relationship& r, const Debrief& d) {
    if (d.submitted_at >= now_) return fail("a debrief in the future");
    return step_status(d.submitted_at,
                       [&](services::UseCase& uc) { return services::submit_debrief(uc, person(d.author_id), r, d); });
  }

  // Finishes the tasks still waiting for their completion time; called when a relationship's
  // history is written, so none is left behind.
  Status finish_tasks(TimePoint upto) {
    std::stable_sort(finish_later_.begin(), finish_later_.end(),
                     [](const Finish& a, const Finish& b) { return a.at < b.at; });
    std::vector<Finish> later;
    for (const Finish& f : finish_later_) {
      if (f.at > upto) {
        later.push_back(f);
        continue;
      }
      auto r = storage::find_relationship(db_, f.relationship);
      if (!r) return fail("a task's relationship disappeared");
      services::TaskChanges c;
      c.status = f.status;
      services::UseCase uc(db_, f.at, settings_);
      MH_CHECK(status_of(services::change_task(uc, person(r->mentee_id), *r, f.task, c)));
    }
    finish_later_ = std::move(later);
    return {};
  }

 private:
  struct Finish {
    RelationshipId relationship = 0;
    TaskId task = 0;
    TaskStatus status = TaskStatus::done;
    TimePoint at{};
  };

  // One use case at `at`; the notifications it writes are marked read a few hours later when they are
  // older than a week (or as `read` says).
  template <class T>
  Result<T> step(TimePoint at, const std::function<Result<T>(services::UseCase&)>& use_case,
                 std::optional<bool> read = std::nullopt) {
    services::UseCase uc(db_, at, settings_);
    auto out = use_case(uc);
    if (!out) return out;
    mark_notifications_read(db_, uc.events(), at, now_, read);
    return out;
  }
  Status step_status(TimePoint at, const std::function<Status(services::UseCase&)>& use_case) {
    return status_of(step<bool>(at, [&](services::UseCase& uc) -> Result<bool> {
      MH_CHECK(use_case(uc));
      return true;
    }));
  }

  static Status update(Relationship& r, const Result<Relationship>& changed) {
    if (!changed) return changed.error();
    r = *changed;
    return {};
  }

  Relationship relationship_of(const Meeting& m) { return *storage::find_relationship(db_, m.relationship_id); }

  Status change_meeting(Meeting& m, TimePoint at, const services::MeetingChanges& c) {
    Relationship r = relationship_of(m);
    auto changed = step<Meeting>(at, [&](services::UseCase& uc) {
      return services::change_meeting(uc, person(r.mentor_id), r, m.id, c);
    });
    if (!changed) return changed.error();
    m = *changed;
    return {};
  }

  Status scheduled_check(Relationship& r, TimePoint at, services::LifecycleStep expected, std::optional<bool> read) {
    auto did = step<services::LifecycleStep>(
        at, [&](services::UseCase& uc) { return services::check_lifecycle(uc, r.id); }, read);
    if (!did) return did.error();
    if (*did != expected) return fail("the scheduled check did not do what the history says");
    r = *storage::find_relationship(db_, r.id);
    return {};
  }

  sql::Connection& db_;
  LifecycleSettings settings_;
  std::vector<RelationshipId> rels_;
  std::vector<Finish> finish_later_;
};

// ----------------------------------------------------------------------------------------
// A relationship that ran for a while, described as data: what was written, and a timeline.

struct TaskPlan {
  TaskType type = TaskType::other;
  std::string title;
  std::string notes;
  Role owner = Role::mentee;
  int objective = -1;   // index into the objectives; -1 for none
  int due_after = 21;   // days after the first meeting
  bool slips = false;   // still open when due
};

struct StoryPlan {
  std::size_t meeting = 0;  // the k-th held meeting
  std::string story, point, reflection;
};

struct NotePlan {
  std::size_t meeting = 0;
  Role author = Role::mentor;
  std::string text;
};

struct DebriefPlan {
  std::vector<ObjectiveOutcome> outcomes;  // one per objective, in order
  std::string achieved, still_to_do, do_differently;
  int rating = 4;
};

// A changed success measure, agreed again by both, after the k-th held meeting.
struct Revision {
  std::size_t meeting = 0;
  std::size_t objective = 0;
  std::string success_measure;
};

enum class Ending {
  upcoming,    // active, with the next meeting scheduled
  recent,      // active, the last meeting within the cadence and none scheduled yet
  fading,      // no meeting for more than twice the cadence; the last planned one cancelled
  concluding,  // one debrief in
  concluded,   // both debriefs in
};

struct Plan {
  PersonId mentee = 0, mentor = 0;
  bool offered = false;  // the mentor initiated
  std::string message, draft;
  bool mentor_drafts = false;
  std::vector<Objective> objectives;
  std::string outcome;
  Logistics logistics;  // a review date 90 days after the first meeting unless given
  std::vector<TaskPlan> tasks;
  std::vector<std::string> notes;  // shared notes of the k-th held meeting; the last repeats
  std::string review_note;         // the last meeting before concluding
  std::vector<StoryPlan> stories;
  std::vector<NotePlan> private_notes;
  std::optional<Revision> revision;
  Role concluder = Role::mentee;
  DebriefPlan mentee_debrief, mentor_debrief;
  int hour = 13;  // meetings start at this hour, UTC
  int duration = 60;
};

struct Timeline {
  int request = -40;  // day of the request, relative to today
  int stop = 0;       // meetings are held on days before this one
  Ending ending = Ending::upcoming;
  int conclude = 0;   // the day concluding starts; 0: the day after the last meeting
};

Debrief make_debrief(PersonId author, const Purpose& p, const DebriefPlan& plan, TimePoint at) {
  Debrief d;
  d.author_id = author;
  for (std::size_t i = 0; i < p.objectives.size(); ++i)
    d.outcomes.emplace_back(p.objectives[i].id,
                            i < plan.outcomes.size() ? plan.outcomes[i] : ObjectiveOutcome::partly);
  d.achieved = plan.achieved;
  d.still_to_do = plan.still_to_do;
  d.do_differently = plan.do_differently;
  d.rating = plan.rating;
  d.submitted_at = at;
  return d;
}

Status run(Seeder& s, const Plan& plan, const Timeline& tl) {
  const std::string what = s.name(plan.mentee) + " with " + s.name(plan.mentor);
  const PersonId initiator = plan.offered ? plan.mentor : plan.mentee;
  auto made = s.request(initiator, plan.mentee, plan.mentor, s.day(tl.request, 9, 10), plan.message, plan.draft);
  if (!made) return wrap(what + ", request", made.error());
  Relationship r = *made;
  SEED_CHECK(what + ", accept", s.accept(r, s.day(tl.request + 1, 8, 45)));

  const PersonId drafter = plan.mentor_drafts ? plan.mentor : plan.mentee;
  const PersonId other = r.other_than(drafter);
  Purpose p;
  SEED_CHECK(what + ", purpose", s.draft(r, p, drafter, plan.objectives, plan.outcome, s.day(tl.request + 2, 12, 30)));

  // Meetings every `cadence` days from the first one (a week after the request) until `stop`.
  const int cadence = plan.logistics.cadence_days;
  const TimePoint first = s.day(tl.request + 7, plan.hour);
  const TimePoint stop = s.day(tl.stop);
  std::size_t count = 0;
  while (first + days(static_cast<int>(count) * cadence) < stop) ++count;
  if (count == 0) return fail(what + ": no meeting before the stop day");
  const TimePoint last_start = first + days(static_cast<int>(count - 1) * cadence);
  const int conclude_day =
      tl.conclude != 0
          ? tl.conclude
          : static_cast<int>((std::chrono::floor<days>(last_start) - std::chrono::floor<days>(s.now())).count()) + 1;

  // When the work stopped: tasks due before then were done, the rest stayed open (or were
  // dropped at the conclusion).
  TimePoint work_end = s.day(-1);
  if (tl.ending == Ending::fading) work_end = last_start;
  if (tl.ending == Ending::concluding || tl.ending == Ending::concluded) work_end = s.day(conclude_day, 10, 15);

  std::optional<Logistics> logistics;
  TimePoint created = s.day(tl.request + 2, 15, 5);
  PersonId scheduler = plan.mentor;
  std::optional<Meeting> last;
  for (std::size_t k = 0; k < count; ++k) {
    const TimePoint starts = first + days(static_cast<int>(k) * cadence);
    auto m = s.new_meeting(r, scheduler, created, starts, plan.duration, logistics);
    if (!m) return wrap(what + ", meeting " + std::to_string(k + 1), m.error());
    const bool final_review =
        k + 1 == count && (tl.ending == Ending::concluding || tl.ending == Ending::concluded) && !plan.review_note.empty();
    std::string notes = final_review ? plan.review_note
                                     : plan.notes.empty() ? "" : plan.notes[std::min(k, plan.notes.size() - 1)];
    SEED_CHECK(what + ", holding meeting " + std::to_string(k + 1), s.hold(*m, std::move(notes)));
    const TimePoint end = starts + minutes(plan.duration);

    if (k == 0) {
      // The first meeting: the other agrees the purpose, they decide the logistics and make a plan.
      SEED_CHECK(what + ", agreeing the purpose", s.agree(r, p, other, end + minutes(20)));
      Logistics l = plan.logistics;
      if (!l.review_date) l.review_date = TimePoint(std::chrono::floor<days>(starts)) + days(90);
      SEED_CHECK(what + ", logistics", s.set_logistics(r, l, end + minutes(40)));
      logistics = l;
      for (const TaskPlan& tp : plan.tasks) {
        Task t;
        t.type = tp.type;
        t.title = tp.title;
        t.notes = tp.notes;
        t.owner = tp.owner;
        if (tp.objective >= 0 && static_cast<std::size_t>(tp.objective) < p.objectives.size())
          t.objective_id = p.objectives[static_cast<std::size_t>(tp.objective)].id;
        t.due = TimePoint(std::chrono::floor<days>(starts)) + days(tp.due_after);
        t.created_at = end + hours(1);
        const TimePoint done_at = *t.due - days(1) + hours(17);
        TimePoint finished = done_at;
        if (!tp.slips && done_at < work_end) {
          t.status = TaskStatus::done;
        } else if (tl.ending == Ending::concluded) {
          t.status = TaskStatus::dropped;
          finished = work_end;
        }
        auto added = s.add_task(r, t, finished);
        if (!added) return wrap(what + ", task \"" + tp.title + "\"", added.error());
      }
    }
    for (const StoryPlan& sp : plan.stories) {
      if (sp.meeting != k) continue;
      auto id = s.story(r, *m, sp.story, sp.point, end - minutes(10));
      if (!id) return wrap(what + ", story", id.error());
      const TimePoint reflected = end + days(1) + hours(3);
      if (!sp.reflection.empty() && reflected < s.now() && reflected < work_end)
        SEED_CHECK(what + ", reflection", s.reflect(r, *id, sp.reflection, reflected));
    }
    for (const NotePlan& np : plan.private_notes)
      if (np.meeting == k)
        SEED_CHECK(what + ", private note",
                   s.private_note(*m, np.author == Role::mentor ? plan.mentor : plan.mentee, np.text, end + minutes(25)));
    if (plan.revision && plan.revision->meeting == k && k > 0) {
      std::vector<Objective> revised = p.objectives;
      if (plan.revision->objective < revised.size())
        revised[plan.revision->objective].success_measure = plan.revision->success_measure;
      SEED_CHECK(what + ", revising the purpose", s.draft(r, p, plan.mentor, revised, p.desired_outcome, end + hours(2)));
      SEED_CHECK(what + ", agreeing the revision", s.agree(r, p, plan.mentee, end + days(1) + hours(1)));
    }
    created = end + hours(1);
    scheduler = scheduler == plan.mentor ? plan.mentee : plan.mentor;
    last = *m;
  }

  switch (tl.ending) {
    case Ending::upcoming: {
      TimePoint next = last->starts_at + days(cadence);
      if (next < s.now() + hours(2)) next = s.day(2, plan.hour);  // moved: calendars got busy
      auto m = s.new_meeting(r, scheduler, created, next, plan.duration, logistics);
      if (!m) return wrap(what + ", the next meeting", m.error());
      break;
    }
    case Ending::recent: break;
    case Ending::fading: {
      // The next meeting was planned, then cancelled, and nobody planned another.
      auto m = s.new_meeting(r, scheduler, created, last->starts_at + days(cadence), plan.duration, logistics);
      if (!m) return wrap(what + ", the cancelled meeting", m.error());
      SEED_CHECK(what + ", cancelling", s.cancel(*m, last->starts_at + days(cadence) - days(1)));
      // The scheduled check runs every few minutes; it saw the pair fade early one morning.
      const TimePoint fade_at =
          TimePoint(std::chrono::floor<days>(last->starts_at)) + days(2 * cadence + 1) + hours(2) + minutes(5);
      SEED_CHECK(what + ", fading", s.fade(r, fade_at));
      break;
    }
    case Ending::concluding:
    case Ending::concluded: {
      const PersonId concluder = plan.concluder == Role::mentor ? plan.mentor : plan.mentee;
      SEED_CHECK(what + ", concluding", s.conclude(r, concluder, s.day(conclude_day, 10, 15)));
      const DebriefPlan& first_plan = concluder == plan.mentee ? plan.mentee_debrief : plan.mentor_debrief;
      const DebriefPlan& second_plan = concluder == plan.mentee ? plan.mentor_debrief : plan.mentee_debrief;
      SEED_CHECK(what + ", first debrief",
                 s.debrief(r, make_debrief(concluder, p, first_plan, s.day(conclude_day + 1, 16, 40))));
      if (tl.ending == Ending::concluded)
        SEED_CHECK(what + ", second debrief",
                   s.debrief(r, make_debrief(r.other_than(concluder), p, second_plan,
                                                s.day(conclude_day + 3, 11, 5))));
      break;
    }
  }
  SEED_CHECK(what + ", finishing tasks", s.finish_tasks(s.now()));
  return {};
}

// ----------------------------------------------------------------------------------------
// Maya Patel and Daniel Okafor: the showcase, written step by step.

Status seed_maya_and_daniel(Seeder& s, const Person& maya, const Person& daniel) {
  const std::string what = "Maya with Daniel";
  auto made = s.request(
      maya.id, maya.id, daniel.id, s.day(-38, 10, 5),
      "Hi Daniel, I'm a junior analyst on Sofia Marquez's team. I'd like to move into data science within the next "
      "18 months, and your work on the ML platform is exactly where I want to grow: Python, machine learning and "
      "shipping models people actually use. Would you mentor me? Sofia thinks it's a great idea.",
      "Move from analyst to data scientist within 18 months: close my Python and machine-learning gaps and meet the "
      "people already doing the job.");
  if (!made) return wrap(what + ", request", made.error());
  Relationship r = *made;
  SEED_CHECK(what + ", accept", s.accept(r, s.day(-37, 8, 50)));

  // Maya's first draft, before they meet; success measures still vague.
  Purpose p;
  SEED_CHECK(what + ", first draft",
             s.draft(r, p, maya.id,
                     {{0, ObjectiveCategory::career_options, "Move from analyst to data scientist within 18 months",
                       "A plan for the move"},
                      {0, ObjectiveCategory::skill_gaps, "Close my Python and machine-learning gap", ""},
                      {0, ObjectiveCategory::networking, "Get to know the data scientists at Northwind", ""}},
                     "Know what stands between me and a data science role, and be working on it.",
                     s.day(-36, 12, 30)));

  // Meeting 1: get to know one another, then define the purpose.
  auto m1 = s.new_meeting(r, daniel.id, s.day(-36, 16, 0), s.day(-28, 13, 0), 60, std::nullopt,
                          "Google Meet (Daniel's link)");
  if (!m1) return wrap(what + ", meeting 1", m1.error());
  SEED_CHECK(what + ", holding meeting 1",
             s.hold(*m1,
                    "Got to know each other: Maya came into the sales analytics team from a maths degree two years "
                    "ago; Daniel moved from QA into backend engineering and then onto the ML platform.\n"
                    "Worked through the purpose together and made each success measure concrete (version 2).\n"
                    "Logistics: every two weeks on video, feedback in writing straight after each meeting.\n"
                    "Next: Maya books an informational interview with a data scientist on the Risk team; Daniel "
                    "asks whether Maya can sit in on a model review."));
  SEED_CHECK(what + ", private note", s.private_note(*m1, daniel.id,
                 "Maya undersells herself: her pivot-table forecast for Sales is already half a model. Push her to "
                 "show it. Watch that I don't turn every meeting into a Python lecture.",
                 s.day(-28, 14, 20)));
  SEED_CHECK(what + ", private note", s.private_note(*m1, maya.id,
                 "Nervous beforehand, but Daniel was easy to talk to. Next time ask how he decided which ML courses "
                 "were worth the time.",
                 s.day(-28, 14, 35)));
  auto story1 = s.story(
      r, *m1,
      "Eight years ago I was a QA engineer who wrote more test tooling than anyone asked for. I never applied for a "
      "developer job: I fixed one flaky service end to end, showed it to the team lead, and six months later I was "
      "moved onto the backend team.",
      "A career move is easier through a piece of work people can see than through a job application",
      s.day(-28, 13, 50));
  if (!story1) return wrap(what + ", story 1", story1.error());

  // Daniel turns the discussion into version 2; Maya agrees the next morning.
  std::vector<Objective> v2 = p.objectives;
  v2[0].success_measure =
      "By month 6, a written plan for the move agreed with Sofia; by month 18, in a Junior Data Scientist role or "
      "shortlisted for one";
  v2[1].description = "Close the Python and machine-learning gap";
  v2[1].success_measure =
      "Finish an intermediate Python course, and ship one forecasting model in a notebook that the sales team "
      "actually uses";
  v2[2].description = "Build a network among Northwind's data scientists";
  v2[2].success_measure =
      "One-to-ones held with three data scientists, and a standing invitation to the ML platform's model reviews";
  SEED_CHECK(what + ", second draft",
             s.draft(r, p, daniel.id, v2,
                     "In six months Maya knows what a data scientist at Northwind does day to day, has shipped her "
                     "first model, and has a dated plan for the move that Sofia supports.",
                     s.day(-28, 15, 20)));
  SEED_CHECK(what + ", agreeing", s.agree(r, p, maya.id, s.day(-27, 9, 5)));
  SEED_CHECK(what + ", reflection",
             s.reflect(r, *story1,
                       "I shouldn't wait for a data scientist opening to prove myself. I'll rebuild the weekly sales "
                       "forecast as a small Python model and show it to Sofia and the Risk team first.",
                       s.day(-27, 19, 10)));

  Logistics l;
  l.cadence_days = 14;
  l.medium = Medium::video;
  l.where = "Google Meet (link in the calendar invite); cameras on";
  l.feedback_preference =
      "In writing straight after each meeting, and direct: tell me what to do differently, not only what went well.";
  l.mentee_learning =
      "Python for data work, how machine-learning models are reviewed and shipped, and how to present technical "
      "work to managers.";
  l.mentor_learning =
      "How the sales team really uses our data, and how Maya uses generative AI in her analysis (she is ahead of me "
      "there). Practice at mentoring before I go for Staff Engineer.";
  l.review_date = s.day(91);
  SEED_CHECK(what + ", logistics", s.set_logistics(r, l, s.day(-27, 9, 20)));

  // The action plan: one done, one overdue, the rest ahead.
  const TimePoint planned = s.day(-27, 9, 40);
  struct Item {
    TaskType type;
    const char* title;
    const char* notes;
    Role owner;
    std::size_t objective;
    int due;
    std::optional<int> done;  // day it was done
  };
  const std::vector<Item> items = {
      {TaskType::informational_interview, "Informational interview with a data scientist on the Risk team",
       "Ask about their first year in the role and which skills they use most.", Role::mentee, 0, -16, -17},
      {TaskType::formal_learning, "Finish modules 1-4 of the 'Python for Data Analysis' course",
       "pandas, groupby and plotting; bring questions to the meeting.", Role::mentee, 1, -3, std::nullopt},
      {TaskType::shadowing, "Shadow a model review on the ML platform team",
       "Daniel asks the review chair whether Maya can sit in on a Thursday review.", Role::mentor, 2, 5, std::nullopt},
      {TaskType::networking, "Introduce Maya to two data scientists from the ML guild", "", Role::mentor, 2, 8,
       std::nullopt},
      {TaskType::project, "Rebuild the weekly sales forecast as a Python notebook and walk Daniel through it",
       "Start from the pivot table the sales team already trusts; compare the two forecasts for a month.",
       Role::mentee, 1, 12, std::nullopt},
      {TaskType::assessment, "Take the data science skills self-assessment and share the results with Sofia", "",
       Role::mentee, 0, 20, std::nullopt},
  };
  for (const Item& it : items) {
    Task t;
    t.type = it.type;
    t.title = it.title;
    t.notes = it.notes;
    t.owner = it.owner;
    t.objective_id = p.objectives[it.objective].id;
    t.due = s.day(it.due);
    t.created_at = planned;
    if (it.done) t.status = TaskStatus::done;
    auto added = s.add_task(r, t, it.done ? s.day(*it.done, 15, 30) : planned);
    if (!added) return wrap(what + ", task", added.error());
  }

  // Meeting 2, scheduled by Maya.
  auto m2 = s.new_meeting(r, maya.id, s.day(-26, 10, 0), s.day(-12, 13, 0), 60, l);
  if (!m2) return wrap(what + ", meeting 2", m2.error());
  SEED_CHECK(what + ", holding meeting 2",
             s.hold(*m2,
                    "Maya's informational interview with the Risk team went well: their data scientist started as "
                    "an analyst too, and suggested learning scikit-learn on a real problem rather than through "
                    "another course.\n"
                    "Python course: modules 1-2 done; 3-4 slipped because of the quarter-end dashboards. Maya aims "
                    "to finish them by the end of next week.\n"
                    "Daniel is still waiting to hear from the model review chair.\n"
                    "Maya showed her prompts for cleaning CRM exports with a language model; Daniel will try them "
                    "on the platform's logs."));
  SEED_CHECK(what + ", private note", s.private_note(*m2, maya.id,
                 "Ask Sofia for two hours a week of protected learning time before quarter-end eats it again.",
                 s.day(-12, 14, 15)));
  SEED_CHECK(what + ", private note", s.private_note(*m2, daniel.id,
                 "She takes feedback well. Next time let her drive the agenda; I talked too much in the first half.",
                 s.day(-12, 14, 25)));
  auto story2 = s.story(
      r, *m2,
      "The first churn model I shipped looked great for three weeks, then fell apart. A field in the CRM export had "
      "changed meaning, and nobody had looked at the raw data since launch.",
      "Check the data before you trust the model; an analyst's instinct for data quality is a strength in data "
      "science",
      s.day(-12, 13, 45), false);
  if (!story2) return wrap(what + ", story 2", story2.error());

  // Meeting 3, ahead, scheduled by Daniel.
  auto m3 = s.new_meeting(r, daniel.id, s.day(-11, 9, 30), s.day(3, 13, 0), 60, l);
  if (!m3) return wrap(what + ", meeting 3", m3.error());
  SEED_CHECK(what + ", finishing tasks", s.finish_tasks(s.now()));
  return {};
}

// ----------------------------------------------------------------------------------------
// The other pairs: chosen from the organisation by a skill the mentee wants and the mentor has.

struct Match {
  const Person* mentee = nullptr;
  const Person* mentor = nullptr;
  std::string skill;
};

std::vector<Match> match_pairs(const Seeder& s, const std::set<PersonId>& reserved, std::size_t wanted) {
  std::set<PersonId> managers;
  for (const Person& p : s.people())
    if (p.manager_id) managers.insert(*p.manager_id);
  const auto surname = [](const Person& p) { return p.name.substr(p.name.rfind(' ') + 1); };
  std::vector<const Person*> mentees;
  for (const Person& p : s.people()) {
    if (p.is_external || p.is_admin || reserved.count(p.id) || !p.manager_id || !p.career_start_year) continue;
    const Person* boss = s.find(*p.manager_id);
    if (!boss || !boss->manager_id) continue;  // department heads mentor rather than seek here
    if (!seeks(p, Format::one_to_one) || p.aspirations.skills.empty()) continue;
    mentees.push_back(&p);
  }
  // Every stride-th candidate first, so the pairs spread over the departments.
  const std::size_t stride = std::max<std::size_t>(1, mentees.size() / (wanted + 4));
  std::set<PersonId> used;
  std::vector<Match> out;
  for (std::size_t offset = 0; offset < stride && out.size() < wanted; ++offset)
    for (std::size_t i = offset; i < mentees.size() && out.size() < wanted; i += stride) {
      const Person& e = *mentees[i];
      if (used.count(e.id)) continue;
      const Person* best = nullptr;
      std::string skill;
      int best_score = 0;
      for (const std::string& wish : e.aspirations.skills) {
        for (const Person& m : s.people()) {
          if (m.id == e.id || used.count(m.id) || reserved.count(m.id) || m.is_admin || m.mentor_capacity <= 0 ||
              !m.offers(Format::one_to_one) || !m.career_start_year)
            continue;
          // The hard rule (never the current manager), and nobody mentors their own manager here.
          if (e.manager_id == m.id || m.manager_id == e.id) continue;
          if (level_of(m, wish) < 4 || *m.career_start_year > *e.career_start_year - 3) continue;
          if (surname(m) == surname(e)) continue;  // reads like family
          int score = 10 + level_of(m, wish);
          // Someone already in the department the mentee wants to move to.
          if (std::find(e.aspirations.departments.begin(), e.aspirations.departments.end(), m.department) !=
              e.aspirations.departments.end())
            score += 8;
          // Leading people is best learned from someone who does.
          if ((wish == "leadership" || wish == "people management") && managers.count(m.id)) score += 3;
          if (m.department == e.department) score += 2;
          if (m.timezone == e.timezone) score += 3;
          else if (region_of(m.timezone) == region_of(e.timezone)) score += 1;
          if (m.is_external) score -= 3;
          if (!best || score > best_score) {
            best = &m;
            best_score = score;
          }
        }
        if (best) {
          skill = wish;
          break;
        }
      }
      if (!best) continue;
      used.insert(e.id);
      used.insert(best->id);
      out.push_back({&e, best, skill});
    }
  return out;
}

// The words a generic pair's texts are made of.
struct Words {
  std::string ef, mf;   // first names of the mentee and the mentor
  std::string skill;
  std::string role;     // the mentee's next role, "" if they have none in mind
  std::string title, dept;
  std::string manager;  // the mentee's manager's name
  bool external = false;  // the mentor is from outside
};

Words words_for(const Seeder& s, const Match& m) {
  Words w;
  w.ef = first_name(*m.mentee);
  w.mf = first_name(*m.mentor);
  w.skill = m.skill;
  if (!m.mentee->aspirations.roles.empty()) w.role = m.mentee->aspirations.roles.front();
  w.title = m.mentee->title;
  w.dept = m.mentee->department;
  if (m.mentee->manager_id) w.manager = s.name(*m.mentee->manager_id);
  w.external = m.mentor->is_external;
  return w;
}

std::string goal(const Words& w) {
  return w.role.empty() ? "grow in my current role" : "move towards " + a_or_an(w.role) + " " + w.role + " role";
}

std::string request_message(const Words& w, int i) {
  switch (i % 3) {
    case 0:
      return "Hi " + w.mf + ", I'm " + a_or_an(w.title) + " " + w.title + " in " + w.dept + " and I'd like to " +
             goal(w) + "." +
             (w.external ? " Your experience with " + w.skill + " outside Northwind would give me a broader view"
                         : " You know " + w.skill + " better than almost anyone here") +
             "; would you mentor me for a few months?";
    case 1:
      return "Hello " + w.mf + ", " + w.manager + " suggested I talk to you. I want to get much better at " + w.skill +
             ", and I'd value someone outside my own " + (w.external ? "company" : "team") +
             " to learn from. Could we try a mentoring relationship?";
    default:
      return "Hi " + w.mf + ", I read your profile and your experience with " + w.skill +
             " is exactly what I'm missing. I'm trying to " + goal(w) + ". Would you have a place for me as a mentee?";
  }
}

std::string offer_message(const Words& w) {
  return "Hi " + w.ef + ", I noticed on your profile that you'd like to get better at " + w.skill +
         ". It has been a big part of my job for years and I have a free mentoring place this quarter; would you like "
         "me to mentor you?";
}

std::string draft_purpose(const Words& w) {
  return "Get confident with " + w.skill +
         (w.role.empty() ? "." : " and work out what the step to " + w.role + " really involves.");
}

std::vector<Objective> objectives_for(const Words& w, int i) {
  std::vector<Objective> out = {{0, ObjectiveCategory::skill_gaps, "Close my gap in " + w.skill,
                                 "Use " + w.skill + " on a real piece of work without help, and have " + w.mf +
                                     " review it"}};
  if (!w.role.empty())
    out.push_back({0, ObjectiveCategory::career_options,
                   "Understand what " + a_or_an(w.role) + " " + w.role + " does day to day",
                   "Two informational interviews held, and a one-page note on whether the role is right for me"});
  else
    out.push_back({0, ObjectiveCategory::skill_coaching, "Get regular, direct feedback on how I work",
                   "Feedback after every meeting, and one habit changed each month"});
  if (i % 2 == 0)
    out.push_back({0, ObjectiveCategory::networking, "Meet people outside my team who use " + w.skill + " every day",
                   "Three new contacts, each met at least once"});
  return out;
}

Plan generic_plan(const Seeder& s, const Match& m, int i) {
  const Words w = words_for(s, m);
  Plan plan;
  plan.mentee = m.mentee->id;
  plan.mentor = m.mentor->id;
  plan.message = request_message(w, i);
  plan.draft = draft_purpose(w);
  plan.objectives = objectives_for(w, i);
  plan.outcome = w.role.empty() ? "Real confidence in " + w.skill + ", and a clear idea of what to work on next."
                                : "Real confidence in " + w.skill + ", and a dated plan for the step towards " +
                                      w.role + ".";
  plan.hour = meeting_hour(m.mentee->timezone);

  Logistics& l = plan.logistics;
  l.cadence_days = i % 3 == 0 ? 21 : 14;
  if (m.mentee->timezone == m.mentor->timezone && prefers(*m.mentee, Medium::in_person) &&
      prefers(*m.mentor, Medium::in_person) && !m.mentor->is_external) {
    l.medium = Medium::in_person;
    l.where = city_of(m.mentee->timezone) + " office: a quiet room, or the cafe downstairs";
  } else if (!prefers(*m.mentee, Medium::video) && prefers(*m.mentee, Medium::phone)) {
    l.medium = Medium::phone;
    l.where = "Phone; " + w.mf + " calls";
  } else {
    l.medium = Medium::video;
    l.where = "Video call (link in the calendar invite)";
  }
  static const std::vector<std::string> feedback = {
      "Direct and specific, straight after each meeting.",
      "Written notes after each meeting, so I can come back to them.",
      "In the moment: stop me when I am going off track.",
  };
  l.feedback_preference = feedback[static_cast<std::size_t>(i) % feedback.size()];
  l.mentee_learning = w.skill + (w.role.empty() ? ", and how to ask for feedback that helps."
                                                : ", and what the step to " + w.role + " involves.");
  const std::vector<std::string> mentor_learning = {
      "How people earlier in their career use generative AI at work.",
      "How " + w.dept + " works from the inside.",
      "To coach rather than tell: asking more questions and telling fewer stories.",
  };
  l.mentor_learning = mentor_learning[static_cast<std::size_t>(i) % mentor_learning.size()];

  const int networking = plan.objectives.size() > 2 ? 2 : 0;
  plan.tasks.push_back({TaskType::formal_learning, "Work through an intermediate course on " + w.skill,
                        "Bring one question from each module to our meetings.", Role::mentee, 0, 21});
  if (!w.role.empty())
    plan.tasks.push_back({TaskType::informational_interview, "Informational interview with " + a_or_an(w.role) + " " +
                                                                 w.role,
                          "Ask what their first year in the role was like and which skills they use most.",
                          Role::mentee, 1, 35});
  else
    plan.tasks.push_back({TaskType::outside_forum, "Join a " + w.skill + " meetup or community call",
                          "Bring back one idea to try.", Role::mentee, -1, 35});
  plan.tasks.push_back({TaskType::networking, "Introduce " + w.ef + " to two people who use " + w.skill + " every day",
                        "", Role::mentor, networking, 28});
  plan.tasks.push_back({TaskType::project, "Use " + w.skill + " on a real piece of work and review it together",
                        "Pick something the team needs anyway, so it gets used.", Role::mentee, 0, 49, i % 3 == 1});

  const std::string about_role =
      w.role.empty() ? "the next step in " + w.ef + "'s career" : "what the " + w.role + " role looks like day to day";
  plan.notes = {
      "Got to know each other: " + w.ef + "'s path so far and how " + w.mf + " learned " + w.skill +
          ". Agreed the purpose together and turned it into a first action plan.",
      "Went through the " + w.skill +
          " course so far; the practical exercises are the useful part. Agreed what a good first piece of real work "
          "would be.",
      w.ef + " talked through the first draft of the project. " + w.mf +
          "'s feedback: start from the question you are answering, not from the tool.",
      "Talked about " + about_role + " and who to ask for an informational interview. " + w.mf +
          " offered two names.",
      "Checked progress against the objectives: " + w.skill + " is going well, the rest is behind. " + w.mf +
          " promised two introductions.",
      w.ef + " presented the project to the team this week and it landed well. Spent most of the hour on what to "
             "take on next.",
      "Talked about feedback: " + w.ef + " wants it more direct. Agreed " + w.mf +
          " says what to do differently, not only what went well.",
      "Short check-in: tasks reviewed, nothing blocking. Kept the next date.",
  };
  plan.review_note =
      "Review meeting: went through every objective against the purpose agreed at the start and decided together "
      "that this is a good moment to conclude.";

  struct Tale {
    std::string story, point, reflection;
  };
  const std::vector<Tale> tales = {
      {"Early in my career I spent a month polishing an analysis nobody had asked for. My manager was polite about "
       "it, but it answered the wrong question.",
       "Check you are solving the problem people actually have before you polish the solution",
       "I'll write down the question and who asked it before I start the project, and check it with them."},
      {"The first time I presented to the leadership team I read my slides for twenty minutes. The only question at "
       "the end was: so what do you recommend?",
       "Lead with the recommendation; the detail is there for when people ask",
       "My next team update starts with what I recommend, and the charts go in the appendix."},
      {"I only really learned " + w.skill + " when I volunteered for a project that needed it and had a deadline.",
       "A real project with a deadline teaches faster than a course on its own",
       "I'll stop waiting until I finish the course and pick the project now."},
  };
  const Tale& tale = tales[static_cast<std::size_t>(i) % tales.size()];
  plan.stories.push_back({1, tale.story, tale.point, tale.reflection});
  if (i % 2 == 1) {
    const Tale& later = tales[static_cast<std::size_t>(i + 1) % tales.size()];
    plan.stories.push_back({3, later.story, later.point, later.reflection});
  }
  if (i % 2 == 0)
    plan.private_notes.push_back(
        {0, Role::mentor, "First impressions: " + w.ef + " is keen and well prepared. Keep my stories short."});
  plan.private_notes.push_back({1, Role::mentee, "Ask " + w.mf + " how they would structure the project task."});

  const bool three = plan.objectives.size() > 2;
  plan.concluder = i % 2 == 0 ? Role::mentee : Role::mentor;
  plan.mentee_debrief = {
      {ObjectiveOutcome::achieved, i % 2 == 0 ? ObjectiveOutcome::achieved : ObjectiveOutcome::partly,
       ObjectiveOutcome::partly},
      "I use " + w.skill + " in real work now without asking for help" +
          (w.role.empty() ? "." : ", and I know what the " + w.role + " role involves day to day."),
      "Keep practising " + w.skill + " on bigger pieces of work" +
          (w.role.empty() ? "." : ", and agree a path to " + w.role + " with " + w.manager + "."),
      i % 2 == 0 ? "Agree the review date at the start and keep to the cadence; we lost a month in the middle."
                 : "Bring a written agenda every time; the best meetings were the ones I had prepared for.",
      i % 2 == 0 ? 5 : 4};
  plan.mentor_debrief = {
      {ObjectiveOutcome::achieved, ObjectiveOutcome::partly,
       three ? ObjectiveOutcome::not_achieved : ObjectiveOutcome::partly},
      w.ef + " grew quickly in " + w.skill + "; the project we reviewed together is used by their team now.",
      three ? "Meeting people outside the team: we never got to the networking objective properly."
            : "Keep the momentum without a mentor, for example with a monthly check-in with their manager.",
      i % 2 == 0 ? "Tell fewer stories in the first meetings and ask more questions."
                 : "Set smaller tasks with closer dates at the start.",
      4};
  return plan;
}

enum class Kind { requested, offered, declined, withdrawn, expired, starting, active, fading, concluding, concluded };

Status seed_generic(Seeder& s, const Match& m, Kind kind, int i, int j) {
  const Plan plan = generic_plan(s, m, i);
  const Words w = words_for(s, m);
  const std::string what = m.mentee->name + " with " + m.mentor->name;
  auto ask = [&](int day, bool offered) {
    return s.request(offered ? m.mentor->id : m.mentee->id, m.mentee->id, m.mentor->id, s.day(day, 9 + i % 8, (i * 13) % 60),
                     offered ? offer_message(w) : plan.message, plan.draft);
  };
  switch (kind) {
    case Kind::requested:
    case Kind::offered: {
      auto r = ask(-(2 + 4 * j), kind == Kind::offered);
      if (!r) return wrap(what + ", request", r.error());
      return {};
    }
    case Kind::declined: {
      auto r = ask(-(24 + 9 * j), false);
      if (!r) return wrap(what + ", request", r.error());
      return s.decline(*r, s.day(-(22 + 9 * j), 17, 20),
                       "Thank you for asking, " + w.ef +
                           ", and I'm glad my profile was useful. I have to say no for now: I'm leading a launch until "
                           "the end of the quarter and wouldn't give you the time you deserve. Please ask again after "
                           "that, or try someone else who lists " + w.skill + ".");
    }
    case Kind::withdrawn: {
      auto r = ask(-(19 + 5 * j), false);
      if (!r) return wrap(what + ", request", r.error());
      return s.withdraw(*r, s.day(-(15 + 5 * j), 11, 40));
    }
    case Kind::expired: {
      auto r = ask(-(33 + 6 * j), false);
      if (!r) return wrap(what + ", request", r.error());
      return s.expire(*r);
    }
    case Kind::starting: {
      const int asked = -(6 + 3 * j);
      auto r = ask(asked, false);
      if (!r) return wrap(what + ", request", r.error());
      SEED_CHECK(what + ", accept", s.accept(*r, s.day(asked + 1, 16, 5)));
      if (j % 3 == 0) {
        // The mentee drafted the purpose; the mentor has not agreed yet.
        Purpose p;
        SEED_CHECK(what + ", purpose", s.draft(*r, p, m.mentee->id, plan.objectives, plan.outcome, s.day(-2, 11, 30)));
      } else if (j % 3 == 1) {
        // The first meeting is in the diary.
        auto meeting = s.new_meeting(*r, m.mentor->id, s.day(-1, 10, 0), s.day(3, plan.hour), 45, std::nullopt);
        if (!meeting) return wrap(what + ", first meeting", meeting.error());
      }
      return {};
    }
    case Kind::active: {
      Timeline tl;
      tl.request = -(30 + 9 * j);
      tl.stop = 0;
      tl.ending = j % 3 == 2 ? Ending::recent : Ending::upcoming;
      return run(s, plan, tl);
    }
    case Kind::fading: {
      Timeline tl;
      tl.request = -(110 + 10 * j);
      tl.stop = -(2 * plan.logistics.cadence_days + 9 + 4 * j);
      tl.ending = Ending::fading;
      return run(s, plan, tl);
    }
    case Kind::concluding: {
      Timeline tl;
      tl.request = -100;
      tl.stop = -3;
      tl.ending = Ending::concluding;
      return run(s, plan, tl);
    }
    case Kind::concluded: {
      Timeline tl;
      tl.request = -(170 + 20 * j);
      tl.stop = -(40 + 25 * j);
      tl.ending = Ending::concluded;
      return run(s, plan, tl);
    }
  }
  return {};
}

// ----------------------------------------------------------------------------------------
// Daniel's earlier mentee, concluded; Grace Whitaker and a new team lead, concluding.

Plan daniel_concluded_plan(const Person& mentee, const Person& daniel) {
  Plan plan;
  plan.mentee = mentee.id;
  plan.mentor = daniel.id;
  const std::string ef = first_name(mentee);
  plan.message =
      "Hi Daniel, I joined Engineering last year and I'd love a mentor who isn't on my team. People say your code "
      "reviews are the ones they learn most from. Would you mentor me?";
  plan.draft = "Get comfortable with code review, ship something end to end, and choose between backend and SRE.";
  plan.objectives = {
      {0, ObjectiveCategory::skill_coaching, "Get comfortable giving and receiving code review",
       "Reviewing at least three pull requests a week with comments the author finds useful; no longer dreading "
       "reviews of my own code"},
      {0, ObjectiveCategory::skill_gaps, "Design and ship a small service end to end",
       "One service in production, with a design document reviewed by a senior engineer"},
      {0, ObjectiveCategory::career_options, "Decide between backend engineering and site reliability",
       "A decision, made after shadowing the SRE on-call for a week"},
  };
  plan.outcome = "A confident engineer with one service of my own in production and a direction for the next years.";
  plan.hour = meeting_hour(mentee.timezone);
  plan.logistics.cadence_days = 28;
  plan.logistics.medium = Medium::video;
  plan.logistics.where = "Video call, or the 4th-floor kitchen when we are both in the office";
  plan.logistics.feedback_preference = "Written comments, like a code review, then talk them through.";
  plan.logistics.mentee_learning = "Code review, service design, and what SRE work is really like.";
  plan.logistics.mentor_learning = "How to explain design decisions to someone new, without the jargon.";
  plan.tasks = {
      {TaskType::formal_learning, "Read 'Designing Data-Intensive Applications', chapters 1-4",
       "Discuss one chapter per meeting.", Role::mentee, 1, 30},
      {TaskType::project, "Write the design document for the invoice-export service", "", Role::mentee, 1, 60},
      {TaskType::shadowing, "Shadow the SRE on-call for a week", "Daniel arranges it with the SRE manager.",
       Role::mentor, 2, 90},
      {TaskType::networking, "Coffee with two SRE leads about their career paths", "", Role::mentee, 2, 110},
      {TaskType::outside_forum, "Give a lightning talk at the internal engineering meetup",
       "About what the invoice-export service taught " + ef + ".", Role::mentee, 0, 150, true},
  };
  plan.notes = {
      "Got to know each other and agreed the purpose. " + ef +
          " is worried about being 'found out' in code review; Daniel shared how he reviews: questions first, "
          "verdicts last.",
      "Went through chapters 1-2. " + ef + " reviewed three pull requests this fortnight; we read the comments "
                                          "together.",
      "Design document for the invoice-export service: first draft. Daniel's main point: write down the failure "
      "modes before the happy path.",
      "Design approved by the team. " + ef + " is building it; talked about how to split it into small pull "
                                             "requests.",
      "The SRE on-call week is booked. Service is in production behind a flag.",
      ef + " enjoyed the on-call week more than expected. Two coffees with SRE leads done; still undecided.",
  };
  plan.review_note =
      "Review meeting: went through every objective against the purpose we agreed at the start. Two achieved, the "
      "career decision partly; agreed to conclude and keep in touch informally.";
  plan.stories = {
      {1,
       "My first big pull request got forty comments. I took it personally and rewrote everything overnight; the "
       "reviewer had only wanted two changes and was asking questions about the rest.",
       "A review comment is a question about the code, not a verdict on you",
       "I now answer each comment before changing anything, and ask which ones are blocking."},
      {4,
       "The worst outage I was part of started with an alert everyone had learned to ignore.",
       "Noisy alerts are a reliability problem in themselves",
       "On my on-call week I'll keep a list of alerts nobody acts on and bring it to the SRE retro."},
  };
  plan.private_notes = {{0, Role::mentor, "Very bright, very hard on themselves. Praise specifics, not effort."}};
  plan.revision = Revision{3, 2,
                           "A decision, made after shadowing the SRE on-call for a week and talking to two SRE leads "
                           "about their paths"};
  plan.concluder = Role::mentee;
  plan.mentee_debrief = {
      {ObjectiveOutcome::achieved, ObjectiveOutcome::achieved, ObjectiveOutcome::partly},
      "I review code every day now and my comments get 'thanks' rather than silence. I shipped the invoice-export "
      "service with a design document the team approved.",
      "Make the backend or SRE decision for real: I liked the on-call week more than I expected, so I want a "
      "rotation on the SRE team before I choose.",
      "Bring a written agenda to every meeting from the start; the first two months were too loose.",
      5};
  plan.mentor_debrief = {
      {ObjectiveOutcome::achieved, ObjectiveOutcome::achieved, ObjectiveOutcome::partly},
      ef + " went from dreading reviews to being one of the most careful reviewers on the team, and shipped a "
           "service end to end.",
      "The career decision, and the lightning talk we never got to.",
      "Set the review date earlier and talk about ending sooner: we kept meeting for a month after the objectives "
      "were mostly done.",
      4};
  return plan;
}

Plan grace_concluding_plan(const Person& lead, const Person& grace) {
  Plan plan;
  plan.mentee = lead.id;
  plan.mentor = grace.id;
  const std::string ef = first_name(lead);
  plan.message =
      "Hello Grace, I became a team lead last year and the step from doing the work to leading people is harder "
      "than I expected. Your profile mentions helping first-time managers find their feet; would you mentor me?";
  plan.draft = "Become a confident first-time manager: difficult conversations, delegation, and my own direction.";
  plan.mentor_drafts = true;
  plan.objectives = {
      {0, ObjectiveCategory::skill_coaching, "Hold difficult performance conversations without putting them off",
       "The two overdue conversations held within two months, and new ones within a week of noticing the problem"},
      {0, ObjectiveCategory::skill_gaps, "Delegate instead of doing the work myself",
       "No more than one day a week on individual work by month four, measured from my calendar"},
      {0, ObjectiveCategory::career_options, "Decide whether I want to grow towards head of department",
       "A written answer, discussed with my manager"},
  };
  plan.outcome = "A lead who is comfortable leading, and knows whether to aim higher.";
  plan.hour = meeting_hour(lead.timezone);
  plan.duration = 75;
  plan.logistics.cadence_days = 28;
  plan.logistics.medium = Medium::video;
  plan.logistics.where = "Zoom (Grace sends the link)";
  plan.logistics.feedback_preference = "Honest and in the moment: Grace may interrupt when I am making excuses.";
  plan.logistics.mentee_learning = "Difficult conversations, delegation, and how to think about my own career.";
  plan.logistics.mentor_learning =
      "How a fast-growing software company runs its teams today, to keep my coaching practice current.";
  plan.tasks = {
      {TaskType::project, "Hold the overdue performance conversation", "Prepare with the SBI model first.",
       Role::mentee, 0, 21},
      {TaskType::assessment, "Two-week calendar audit: how much time goes on individual work", "", Role::mentee, 1,
       14},
      {TaskType::formal_learning, "Read 'The Making of a Manager'", "", Role::mentee, 1, 45},
      {TaskType::informational_interview, "Informational interview with two heads of department",
       "Grace suggests questions; " + ef + " asks their manager for introductions.", Role::mentee, 2, 75},
      {TaskType::other, "Write a one-page answer: do I want to lead a department?", "", Role::mentee, 2, 110},
  };
  plan.notes = {
      "Got to know each other. " + ef +
          " has two performance conversations overdue and spends three days a week on their own tickets. Agreed the "
          "purpose; Grace drafted it from our conversation.",
      "The first conversation happened and went better than feared. Calendar audit: 2.5 days a week on individual "
      "work.",
      "Delegation: picked two pieces of work to hand over and who to. Rehearsed the second difficult conversation.",
      "Down to one day a week on individual work. Talked about what a head of department actually does; " + ef +
          " will ask for two informational interviews.",
  };
  plan.review_note =
      "Review meeting, on the date we set at the start. Both informational interviews done; " + ef +
      " is leaning towards staying a team lead for two more years. Went through every objective and agreed " + ef +
      " is ready to continue alone: we conclude properly, with a debrief each.";
  plan.stories = {
      {1,
       "My first difficult conversation as a manager, I rehearsed for a week and then talked for ten minutes "
       "without letting the other person say a word.",
       "Prepare the opening sentence, then listen; the conversation is not a speech",
       "In the second conversation I stopped after the first two sentences and asked what they thought. It changed "
       "everything."},
  };
  plan.private_notes = {{1, Role::mentee, "Grace was right: I was avoiding it because I like them. Still uncomfortable."}};
  plan.concluder = Role::mentee;
  plan.mentee_debrief = {
      {ObjectiveOutcome::achieved, ObjectiveOutcome::partly, ObjectiveOutcome::achieved},
      "Both overdue conversations held, and I now have them within days. Individual work is down to about one day "
      "a week, most weeks. I decided to stay a team lead for now, and my manager agrees.",
      "Delegation still slips in busy weeks; I want to keep the calendar audit going monthly.",
      "Start the conversation about ending earlier; and bring my manager in once, halfway through.",
      5};
  return plan;
}

// ----------------------------------------------------------------------------------------

Status check_consistent(Seeder& s) {
  const LifecycleSettings settings;
  std::set<RelState> seen;
  for (RelationshipId id : s.relationships()) {
    auto r = storage::find_relationship(s.db(), id);
    if (!r) return fail("a relationship disappeared");
    seen.insert(r->state);
    const Person& mentee = s.person(r->mentee_id);
    const Person& mentor = s.person(r->mentor_id);
    const std::string who = mentee.name + " with " + mentor.name;
    if (mentee.manager_id == mentor.id) return fail(who + ": the mentor is the mentee's manager");
    if (r->state == RelState::requested && has_expired(*r, s.now())) return fail(who + ": the request has expired");
    const Activity a = storage::load_activity(s.db(), *r, settings.default_cadence_days, s.now());
    if (r->state == RelState::active && should_fade(a, s.now())) return fail(who + ": active but would fade");
    if (r->state == RelState::fading) {
      Activity as_active = a;
      as_active.state = RelState::active;
      if (!should_fade(as_active, s.now()) || should_revive(a, s.now())) return fail(who + ": fading but should not be");
    }
    if (is_live(r->state) && storage::live_mentees_of(s.db(), mentor.id) > mentor.mentor_capacity)
      return fail(who + ": the mentor has more mentees than places");
  }
  for (RelState st : {RelState::requested, RelState::declined, RelState::withdrawn, RelState::expired,
                      RelState::starting, RelState::active, RelState::fading, RelState::concluding,
                      RelState::concluded})
    if (!seen.count(st)) return fail(std::string("no relationship is ") + to_string(st));
  return {};
}

}  // namespace

Status seed_demo_relationships(sql::Connection& db, TimePoint now) {
  Seeder s(db, now);
  s.load_people();
  const auto fixed = s.fixed_people();
  if (!fixed) return fail(fixed.error().message);
  const auto& [admin, maya, daniel, sofia, helena, grace, rohan, aisha, marcus, kwame] = *fixed;

  // Maya's colleague on Sofia's team, who would like Daniel as a mentor too.
  const Person* colleague = nullptr;
  for (PersonId id : storage::direct_reports(db, sofia->id)) {
    if (id == maya->id) continue;
    const Person& p = s.person(id);
    const auto rank = [](const Person& x) {
      return (seeks(x, Format::one_to_one) ? 10000 : 0) + x.career_start_year.value_or(0);
    };
    if (!colleague || rank(p) > rank(*colleague)) colleague = &p;
  }
  // Daniel's earlier mentee: a junior engineer, preferably in his timezone.
  const Person* junior = nullptr;
  // A team lead (manages people; their manager has a manager) for Grace, preferably in Europe.
  const Person* lead = nullptr;
  std::set<PersonId> managers;
  for (const Person& p : s.people())
    if (p.manager_id) managers.insert(*p.manager_id);
  for (const Person& p : s.people()) {
    if (p.is_external || p.is_admin || p.id == maya->id || (colleague && p.id == colleague->id)) continue;
    if (p.department == "Engineering" && p.title.rfind("Junior ", 0) == 0 && p.manager_id)
      if (!junior || (p.timezone == daniel->timezone && junior->timezone != daniel->timezone)) junior = &p;
    const Person* boss = p.manager_id ? s.find(*p.manager_id) : nullptr;
    if (managers.count(p.id) && boss && boss->manager_id && p.id != sofia->id) {
      const auto score = [&](const Person& x) {
        return (seeks(x, Format::one_to_one) ? 2 : 0) + (region_of(x.timezone) == "Europe" ? 1 : 0);
      };
      if (!lead || score(p) > score(*lead)) lead = &p;
    }
  }
  if (!colleague || !junior || !lead) return fail("the organisation lacks a colleague, a junior engineer or a lead");

  // History first, so the checks at each step see the places as they were.
  {
    Timeline tl;
    tl.request = -230;
    tl.stop = -44;
    tl.ending = Ending::concluded;
    SEED_CHECK("Daniel's earlier mentee", run(s, daniel_concluded_plan(*junior, *daniel), tl));
  }
  {
    // Maya asked an outside expert first, and was kindly pointed elsewhere.
    auto r = s.request(
        maya->id, maya->id, aisha->id, s.day(-58, 8, 40),
        "Hello Aisha, I'm a junior data analyst at Northwind Labs. I read how you grew Tidewater's analytics team "
        "from three people to sixty, and I'd love your advice on moving from analytics into data science. Would you "
        "consider mentoring me for a few months?",
        "Plan my move from analyst to data scientist: which skills to build first and how to prove them.");
    if (!r) return wrap("Maya's request to Aisha", r.error());
    SEED_CHECK("Aisha's answer",
               s.decline(*r, s.day(-56, 22, 30),
                         "Thank you for such a thoughtful request, Maya. I have to say no for now: I am travelling "
                         "most of this quarter and wouldn't give you the time you deserve. For the Python and "
                         "machine-learning side, someone who does it every day will help you more than I could; "
                         "Daniel Okafor on your ML platform team, or Rohan Mehta at the Lumen Institute, would be "
                         "excellent. Good luck, and do tell me how it goes."));
  }
  SEED_CHECK("Maya and Daniel", seed_maya_and_daniel(s, *maya, *daniel));
  {
    Timeline tl;
    tl.request = -125;
    tl.stop = -4;
    tl.ending = Ending::concluding;
    Plan plan = grace_concluding_plan(*lead, *grace);
    plan.logistics.review_date = s.day(-6);  // the fifth meeting: the review
    SEED_CHECK("Grace and a new lead", run(s, plan, tl));
  }
  {
    // Maya's second request, to an outside statistician, with a question asked and answered.
    auto r = s.request(
        maya->id, maya->id, rohan->id, s.day(-4, 11, 20),
        "Dear Professor Mehta, I'm a junior data analyst at Northwind Labs working towards a data scientist role. A "
        "colleague mentors me on Python; I'd value an outside view on statistics and experiment design, which your "
        "profile says you enjoy helping analysts with. Would you mentor me?",
        "Learn to design and analyse a proper A/B test, and build the statistics a data scientist needs.");
    if (!r) return wrap("Maya's request to Rohan", r.error());
    SEED_CHECK("Rohan's question",
               s.ask_and_answer(*r,
                                "Happy to consider it. Before I answer: do you have a real experiment at work we "
                                "could design together, and can you set aside about two hours a week for reading "
                                "between our calls?",
                                s.day(-3, 5, 45),
                                "Yes to both. Our sales team wants to test a new discount e-mail next quarter and "
                                "Sofia, my manager, has agreed I can design the test. I've blocked Tuesday and "
                                "Thursday mornings for study.",
                                s.day(-2, 8, 15)));
  }
  {
    auto r = s.request(
        colleague->id, colleague->id, daniel->id, s.day(-1, 15, 40),
        "Hi Daniel, I work with Maya on Sofia's analytics team and she says your mentoring has been great. I'm "
        "trying to get better at Python and at building data pipelines that don't break. Would you have room for one "
        "more mentee?",
        "Get confident with Python for automating our reporting, and learn how engineers review code.");
    if (!r) return wrap("the colleague's request to Daniel", r.error());
  }

  // Pairs across the organisation, in a fixed order of what became of them.
  const std::vector<Kind> kinds = {
      Kind::starting, Kind::fading,   Kind::withdrawn, Kind::expired,    Kind::active,    Kind::requested,
      Kind::active,   Kind::starting, Kind::concluded, Kind::declined,   Kind::active,    Kind::offered,
      Kind::fading,   Kind::active,   Kind::starting,  Kind::concluding, Kind::active,    Kind::concluded,
      Kind::requested, Kind::active,  Kind::starting,  Kind::active,
  };
  const std::set<PersonId> reserved = {maya->id,  daniel->id, sofia->id,  grace->id,    rohan->id,
                                       aisha->id, admin->id,  junior->id, colleague->id, lead->id};
  const std::vector<Match> matches = match_pairs(s, reserved, kinds.size());
  std::map<Kind, int> per_kind;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const Kind kind = kinds[i];
    const int j = per_kind[kind == Kind::offered ? Kind::requested : kind]++;
    SEED_CHECK("pair " + std::to_string(i + 1), seed_generic(s, matches[i], kind, static_cast<int>(i), j));
  }
  return check_consistent(s);
}

}  // namespace mh::cli

