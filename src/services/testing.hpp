// Shared by the services' unit tests (test-only; never included by production code): an
// in-memory SQLite store with a small organisation, and a way to run one use case in one write
// transaction at a chosen time and see what it did.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "domain/testing.hpp"
#include "services/circles.hpp"
#include "services/requests.hpp"
#include "services/use_case.hpp"
#include "services/workspace.hpp"
#include "storage/break_glass_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/flash_repo.hpp"
#include "storage/notifications_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/store.hpp"

namespace mh::services::testing {

// The domain tests' fixed times, units and ways to read a Result.
using namespace mh::testing;

inline const TimePoint kMonday = at("2026-11-02T09:00:00Z");

// Notifications or other things said to people, as (person, kind).
using Pairs = std::vector<std::pair<PersonId, std::string>>;

// The outcome of one use case: its result and the events it recorded (empty when it failed,
// since its transaction was rolled back).
template <class T>
struct Ran {
  Result<T> result;
  std::vector<Event> events;
};

// A person written to `store` at `created`: a mentor offering one-to-one mentoring when
// `capacity` is above 0.
inline Person new_person(Store& store, const std::string& name, const std::string& email, int capacity,
                         TimePoint created, std::optional<PersonId> manager = std::nullopt) {
  Person p;
  p.name = name;
  p.email = email;
  p.mentor_capacity = capacity;
  p.manager_id = manager;
  if (capacity > 0) p.formats_offered = {Format::one_to_one};
  p.created_at = p.updated_at = created;
  auto id = store.write_value<PersonId>(
      [&](sql::Connection& db) -> Result<PersonId> { return storage::insert_person(db, p, ""); });
  EXPECT_TRUE(id) << id.error().message;
  p.id = *id;
  return p;
}

class ServicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(":memory:", 1);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->migrate(0));
    manager_ = person("Morgan Manager", "morgan@example.com", 0);
    mentee_ = person("Maya Mentee", "maya@example.com", 0, manager_.id);
    mentor_ = person("Daniel Mentor", "daniel@example.com", 2);
    stranger_ = person("Sam Stranger", "sam@example.com", 1);
  }

  Person person(const std::string& name, const std::string& email, int capacity,
                std::optional<PersonId> manager = std::nullopt) {
    return new_person(*store_, name, email, capacity, kMonday, manager);
  }

  // Writes `p`'s record as it now stands.
  void save(const Person& p) {
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      storage::update_person(db, p);
      return {};
    }));
  }

  // An administrator, Ada, who takes part in no mentoring.
  Person administrator() {
    Person a = person("Ada Admin", "ada@example.com", 0);
    a.is_admin = true;
    save(a);
    return a;
  }

  // What `query` reads from the store; the read must succeed.
  template <class T>
  T read(const std::function<Result<T>(sql::Connection&)>& query) {
    return *store_->read_value<T>(query);
  }

  // The administrators' audit trail, newest first, at most `limit` entries.
  std::vector<storage::AdminAuditEntry> audit(int limit = 100) {
    return read<std::vector<storage::AdminAuditEntry>>(
        [&](sql::Connection& db) { return storage::admin_audit(db, limit, std::nullopt); });
  }

  // Runs `use_case` in one write transaction at `now`.
  template <class T>
  Ran<T> run(TimePoint now, const std::function<Result<T>(UseCase&)>& use_case) {
    std::vector<Event> events;
    auto result = store_->write_value<T>([&](sql::Connection& db) -> Result<T> {
      UseCase uc(db, now, rules_);
      auto r = use_case(uc);
      if (r) events = uc.events();
      return r;
    });
    if (!result) events.clear();
    return {std::move(result), std::move(events)};
  }
  Ran<bool> run_status(TimePoint now, const std::function<Status(UseCase&)>& use_case) {
    return run<bool>(now, [&](UseCase& uc) -> Result<bool> {
      Status s = use_case(uc);
      if (!s) return s.error();
      return true;
    });
  }

  // A request from `mentee` to `mentor`, saying what the mentee hopes for.
  static RequestInput ask(const Person& mentee, const Person& mentor) {
    RequestInput in;
    in.mentee = mentee.id;
    in.mentor = mentor.id;
    in.message = "I want to move into product management";
    return in;
  }
  // `sender`'s request `in`, sent on kMonday.
  Ran<Relationship> request_from(const Person& sender, const RequestInput& in) {
    return run<Relationship>(kMonday, [&](UseCase& uc) { return send_request(uc, sender, in); });
  }
  // The mentee's request to the mentor, sent on kMonday.
  Relationship requested() {
    auto ran = request_from(mentee_, ask(mentee_, mentor_));
    EXPECT_TRUE(ran.result) << ran.result.error().message;
    return ran.result ? *ran.result : Relationship{};
  }
  // ... and accepted by the mentor at once: starting.
  Relationship accepted() {
    const Relationship r = requested();
    auto ran = run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, mentor_, r.id); });
    EXPECT_TRUE(ran.result) << ran.result.error().message;
    return ran.result ? *ran.result : r;
  }
  // A flash slot offered by `mentor` at `starts` on a topic of their own, written straight to the
  // store (what a mentor offering it does is flash_test's concern).
  struct OfferedSlot {
    FlashTopicId topic = 0;
    FlashSlotId slot = 0;
  };
  OfferedSlot offered_flash_slot(const Person& mentor, TimePoint starts, const std::string& title = "Pivot tables") {
    auto made = store_->write_value<OfferedSlot>([&](sql::Connection& db) -> Result<OfferedSlot> {
      FlashTopic t;
      t.mentor_id = mentor.id;
      t.title = title;
      t.created_at = t.updated_at = kMonday;
      FlashSlot s;
      s.topic_id = storage::insert_flash_topic(db, t);
      s.mentor_id = mentor.id;
      s.starts_at = starts;
      s.created_at = kMonday;
      return OfferedSlot{s.topic_id, storage::insert_flash_slot(db, s)};
    });
    EXPECT_TRUE(made) << made.error().message;
    return made ? *made : OfferedSlot{};
  }

  static Objective skill_gap() {
    return {0, ObjectiveCategory::skill_gaps, "Learn to write a product brief", "A brief my manager accepts"};
  }
  static Objective career_move() {
    return {0, ObjectiveCategory::career_options, "Understand what a product manager does all day",
            "Three informational interviews held"};
  }

  // The fixture's pair, accepted, with its purpose (one objective, by default a skill gap) drafted
  // by the mentee and agreed by both on kMonday: active.
  Relationship with_agreed_purpose(const Objective& o = skill_gap(), const std::string& desired_outcome = "A first brief") {
    const Relationship r = accepted();
    EXPECT_TRUE(on(mentee_, r.id, kMonday, [&](UseCase& uc, Relationship& x) {
                  return draft_purpose(uc, mentee_, x, {o}, desired_outcome);
                }).result);
    for (const Person* p : {&mentee_, &mentor_})
      EXPECT_TRUE(on(*p, r.id, kMonday, [&](UseCase& uc, Relationship& x) { return agree_to_purpose(uc, *p, x, 1); })
                      .result);
    return relationship(r.id);
  }

  // Runs a use case on relationship `id` as `actor` loads it.
  Ran<bool> on(const Person& actor, RelationshipId id, TimePoint now,
               const std::function<Status(UseCase&, Relationship&)>& use_case) {
    return run_status(now, [&](UseCase& uc) -> Status {
      MH_TRY(r, participant_relationship(uc.db(), actor, id));
      return use_case(uc, r);
    });
  }

  // Meeting `in` on relationship `id`, scheduled by the mentor on kMonday.
  Meeting scheduled(RelationshipId id, const NewMeeting& in) {
    Meeting made;
    auto ran = on(mentor_, id, kMonday, [&](UseCase& uc, Relationship& r) -> Status {
      MH_TRY(m, schedule_meeting(uc, mentor_, r, in));
      made = m;
      return {};
    });
    EXPECT_TRUE(ran.result) << ran.result.error().message;
    return made;
  }

  // That `reach(who, relationship, meeting)` refuses meeting `m` of `r` to the manager, the
  // stranger and the administrator `admin`, and finds it through no other relationship or id.
  template <class Reach>
  void expect_meeting_kept_from_others(const Relationship& r, MeetingId m, const Person& admin, Reach reach) {
    for (const Person* who : std::vector<const Person*>{&manager_, &stranger_, &admin})
      EXPECT_EQ(code_of(reach(*who, r.id, m)), "forbidden") << who->name;
    EXPECT_EQ(code_of(reach(mentee_, r.id + 1000, m)), "not_found");
    EXPECT_EQ(code_of(reach(mentee_, r.id, m + 1000)), "not_found");
  }

  // Hana, who hosts circles as well as mentoring one to one.
  Person circle_host() {
    Person h = person("Hana Host", "hana@example.com", 3);
    h.formats_offered = {Format::one_to_one, Format::circle};
    save(h);
    return h;
  }
  // Hana, who hosts circles, then Fred, Sara and Theo, who join them (made in this order).
  std::tuple<Person, Person, Person, Person> circle_people() {
    return {circle_host(), person("Fred First", "fred@example.com", 0), person("Sara Second", "sara@example.com", 0),
            person("Theo Third", "theo@example.com", 0)};
  }
  static CircleSettings circle_settings(const std::string& topic, int size_limit = 2,
                                        Membership membership = Membership::open) {
    CircleSettings s;
    s.topic = topic;
    s.size_limit = size_limit;
    s.membership = membership;
    return s;
  }
  // Circle `s`, made by `host` on kMonday.
  CircleId circle_of(const Person& host, const CircleSettings& s) {
    auto ran = run<Circle>(kMonday, [&](UseCase& uc) { return create_circle(uc, host, false, host.id, s); });
    EXPECT_TRUE(ran.result) << ran.result.error().message;
    return ran.result ? ran.result->id : 0;
  }
  // `who` asks to join circle `id` on kMonday.
  Ran<bool> ask_to_join(const Person& who, CircleId id, const std::string& message = "") {
    return run_status(kMonday, [&](UseCase& uc) -> Status {
      MH_TRY(v, circle_for(uc.db(), who, id));
      return join_circle(uc, who, v, message);
    });
  }
  // Session `in` of circle `id`, scheduled by its host on kMonday.
  CircleSessionId circle_session(const Person& host, CircleId id, const NewCircleSession& in) {
    auto ran = run<CircleSession>(kMonday, [&](UseCase& uc) -> Result<CircleSession> {
      MH_TRY(v, circle_for(uc.db(), host, id));
      return schedule_circle_session(uc, host, v, in);
    });
    EXPECT_TRUE(ran.result) << ran.result.error().message;
    return ran.result ? ran.result->id : 0;
  }

  Relationship relationship(RelationshipId id) {
    return *store_->read_value<Relationship>([&](sql::Connection& db) -> Result<Relationship> {
      auto r = storage::find_relationship(db, id);
      if (!r) return not_found("gone");
      return *r;
    });
  }

  std::vector<storage::Notification> notifications_of(const Person& p) {
    return *store_->read_value<std::vector<storage::Notification>>(
        [&](sql::Connection& db) -> Result<std::vector<storage::Notification>> {
          return storage::notifications_of(db, p.id, false, 100);
        });
  }

  LifecycleSettings rules_;
  std::unique_ptr<Store> store_;
  Person manager_, mentee_, mentor_, stranger_;
};

// That `r` was refused as invalid, naming `field`.
template <class R>
void expect_invalid(const R& r, const std::string& field) {
  EXPECT_EQ(code_of(r), "invalid");
  EXPECT_EQ(field_of(r), field);
}

// Who did what to which subject, and how, as an audit entry says: to compare in one go.
struct Audited {
  std::string action;
  std::string subject;
  std::string detail;
  std::optional<PersonId> actor;
  bool operator==(const Audited&) const = default;
  friend void PrintTo(const Audited& a, std::ostream* os) {
    *os << a.action << " " << a.subject << " \"" << a.detail << "\" by "
        << (a.actor ? std::to_string(*a.actor) : std::string("nobody"));
  }
};
inline Audited audited(const storage::AdminAuditEntry& e) { return {e.action, e.subject, e.detail, e.actor}; }

// The fixture with an administrator, Ada, for the use cases only administrators may run.
class AdminServicesTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    admin_ = administrator();
  }

  Person admin_;
};

// The notifications among `events`, as (person, kind).
inline Pairs notifications_in(const std::vector<Event>& events) {
  Pairs out;
  for (const auto& e : events)
    if (const auto* n = std::get_if<Notified>(&e)) out.emplace_back(n->person_id, n->kind);
  return out;
}

// The state changes among `events`, as (from, to).
inline std::vector<std::pair<RelState, RelState>> changes_in(const std::vector<Event>& events) {
  std::vector<std::pair<RelState, RelState>> out;
  for (const auto& e : events)
    if (const auto* c = std::get_if<StateChanged>(&e)) out.emplace_back(c->from, c->to);
  return out;
}

}  // namespace mh::services::testing
