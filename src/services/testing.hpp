// Shared by the services' unit tests (test-only; never included by production code): an
// in-memory SQLite store with a small organisation, and a way to run one use case in one write
// transaction at a chosen time and see what it did.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/testing.hpp"
#include "services/requests.hpp"
#include "services/use_case.hpp"
#include "services/workspace.hpp"
#include "storage/people_repo.hpp"
#include "storage/flash_repo.hpp"
#include "storage/notifications_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/store.hpp"

namespace mh::services::testing {

using mh::testing::at;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using mh::testing::code_of;
using mh::testing::field_of;

inline const TimePoint kMonday = at("2026-11-02T09:00:00Z");

// The outcome of one use case: its result and the events it recorded (empty when it failed,
// since its transaction was rolled back).
template <class T>
struct Ran {
  Result<T> result;
  std::vector<Event> events;
};

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
    Person p;
    p.name = name;
    p.email = email;
    p.mentor_capacity = capacity;
    p.manager_id = manager;
    if (capacity > 0) p.formats_offered = {Format::one_to_one};
    p.created_at = p.updated_at = kMonday;
    auto id = store_->write_value<PersonId>(
        [&](sql::Connection& db) -> Result<PersonId> { return storage::insert_person(db, p, ""); });
    EXPECT_TRUE(id) << id.error().message;
    p.id = *id;
    return p;
  }

  // An administrator, Ada, who takes part in no mentoring.
  Person administrator() {
    Person a = person("Ada Admin", "ada@example.com", 0);
    a.is_admin = true;
    EXPECT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      storage::update_person(db, a);
      return {};
    }));
    return a;
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
  // The mentee's request to the mentor, sent on kMonday.
  Relationship requested() {
    auto ran = run<Relationship>(kMonday, [&](UseCase& uc) { return send_request(uc, mentee_, ask(mentee_, mentor_)); });
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

  // The fixture's pair, accepted, with its purpose (one objective: a skill gap) drafted by the
  // mentee and agreed by both on kMonday: active.
  Relationship with_agreed_purpose() {
    const Relationship r = accepted();
    Objective o;
    o.category = ObjectiveCategory::skill_gaps;
    o.description = "Learn to write a product brief";
    o.success_measure = "A brief my manager accepts";
    EXPECT_TRUE(on(mentee_, r.id, kMonday, [&](UseCase& uc, Relationship& x) {
                  return draft_purpose(uc, mentee_, x, {o}, "A first brief");
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

// The notifications among `events`, as (person, kind).
inline std::vector<std::pair<PersonId, std::string>> notifications_in(const std::vector<Event>& events) {
  std::vector<std::pair<PersonId, std::string>> out;
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
