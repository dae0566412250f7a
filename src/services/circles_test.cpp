// Circles: who may create, join, answer, leave and remove; the waitlist served in order; the
// purpose, sessions, stories and action items open to the host and members only; and the
// debriefs that conclude the circle through its state machine. Each use case's events (the
// notifications and the circle's audit rows) are checked as well as its result.
#include "services/circles.hpp"

#include "services/circle_listing.hpp"
#include "services/circle_views.hpp"
#include "services/own_data.hpp"

#include "services/testing.hpp"
#include "storage/circles_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

// The circle changes among `events`, as (person or 0 for the circle, from, to).
std::vector<std::tuple<PersonId, std::string, std::string>> circle_changes_in(const std::vector<Event>& events) {
  std::vector<std::tuple<PersonId, std::string, std::string>> out;
  for (const auto& e : events)
    if (const auto* c = std::get_if<CircleChanged>(&e)) out.emplace_back(c->person.value_or(0), c->from, c->to);
  return out;
}

class CirclesTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    std::tie(host_, first_, second_, third_) = circle_people();
    admin_ = person("Ada Admin", "ada@example.com", 0);
  }

  static CircleSettings settings(int size_limit = 2, Membership membership = Membership::open) {
    return circle_settings("Women in leadership", size_limit, membership);
  }

  CircleId created(int size_limit = 2, Membership membership = Membership::open) {
    return circle_of(host_, settings(size_limit, membership));
  }

  // A circle of two that first_ and second_ have joined.
  CircleId full_circle() {
    const CircleId id = created(2);
    EXPECT_TRUE(join(first_, id).result);
    EXPECT_TRUE(join(second_, id).result);
    return id;
  }
  static TaskChanges stretch_project() {
    TaskChanges item;
    item.title = "Ask for a stretch project";
    return item;
  }

  // Runs a use case on circle `id` as `actor` stands in it.
  Ran<bool> on(const Person& actor, CircleId id, TimePoint now, const std::function<Status(UseCase&, CircleView&)>& step) {
    return run_status(now, [&](UseCase& uc) -> Status {
      MH_TRY(v, circle_for(uc.db(), actor, id));
      return step(uc, v);
    });
  }
  Ran<bool> join(const Person& who, CircleId id, const std::string& message = "") {
    return on(who, id, kMonday, [&](UseCase& uc, CircleView& v) { return join_circle(uc, who, v, message); });
  }

  // `who` adds `item` to circle `id` for `owner` (themself when absent).
  Ran<ActionItem> add_item(const Person& who, CircleId id, std::optional<PersonId> owner, const TaskChanges& item) {
    return run<ActionItem>(kMonday, [&](UseCase& uc) -> Result<ActionItem> {
      MH_TRY(v, circle_for(uc.db(), who, id));
      return add_action_item(uc, who, v, owner, item);
    });
  }

  CircleView view(const Person& as, CircleId id) {
    return *store_->read_value<CircleView>([&](sql::Connection& db) { return circle_for(db, as, id); });
  }
  // The host's session of circle `id`, by default three days after kMonday; a story told an hour
  // into that one.
  CircleSessionId scheduled_session(CircleId id, TimePoint at = kMonday + days(3)) {
    NewCircleSession in;
    in.starts_at = at;
    return circle_session(host_, id, in);
  }
  MeetingStatus session_status(CircleId id, CircleSessionId session) {
    return *store_->read_value<MeetingStatus>([&](sql::Connection& db) -> Result<MeetingStatus> {
      auto found = storage::find_circle_session(db, id, session);
      if (!found) return not_found("no such session");
      return found->status;
    });
  }
  // The kind and message of the newest notification `p` has, or "" for none.
  std::string latest_notice(const Person& p) {
    const auto told = notifications_of(p);
    return told.empty() ? std::string() : told.front().kind + ": " + told.front().message;
  }
  StoryId told_story(CircleId id, CircleSessionId session) {
    Story story;
    story.story = "My first promotion went to someone louder.";
    story.point = "Make your work visible";
    auto ran = run<std::pair<CircleSession, Story>>(
        kMonday + days(3) + hours(1), [&](UseCase& uc) -> Result<std::pair<CircleSession, Story>> {
          MH_TRY(v, circle_for(uc.db(), host_, id));
          return tell_circle_story(uc, host_, v, session, story);
        });
    EXPECT_TRUE(ran.result) << ran.result.error().message;
    return ran.result ? ran.result->second.id : 0;
  }
  void reflected(const Person& who, CircleId id, StoryId story) {
    auto ran = on(who, id, kMonday + days(3) + hours(2), [&](UseCase& uc, CircleView& v) {
      return reflect_on_circle_story(uc, who, v, story, who.name + " will write a weekly summary.");
    });
    EXPECT_TRUE(ran.result) << ran.result.error().message;
  }
  // `p` leaves the organisation: deactivated, their rows kept.
  void deactivate(Person& p) {
    p.active = false;
    save(p);
  }
  Result<CircleContent> content_of(const Person& as, CircleId id) {
    const CircleView v = view(as, id);
    return store_->read_value<CircleContent>(
        [&](sql::Connection& db) -> Result<CircleContent> { return circle_content(db, as, v); });
  }

  MemberStatus status_of_member(CircleId id, const Person& p) {
    const CircleView v = view(host_, id);
    const CircleMember* m = find_member(v.roster, p.id);
    EXPECT_NE(m, nullptr);
    return m ? m->status : MemberStatus::left;
  }

  Person host_, admin_, first_, second_, third_;
};

TEST_F(CirclesTest, AMentorCreatesACircleAndAnAdministratorMayCreateOneForThem) {
  auto own = run<Circle>(kMonday, [&](UseCase& uc) { return create_circle(uc, host_, false, host_.id, settings()); });
  ASSERT_TRUE(own.result) << own.result.error().message;
  EXPECT_EQ(circle_changes_in(own.events), (std::vector<std::tuple<PersonId, std::string, std::string>>{{0, "", "active"}}));
  EXPECT_TRUE(notifications_in(own.events).empty());

  auto for_host = run<Circle>(kMonday, [&](UseCase& uc) { return create_circle(uc, admin_, true, host_.id, settings()); });
  ASSERT_TRUE(for_host.result);
  EXPECT_EQ(notifications_in(for_host.events), (Pairs{{host_.id, "circle_created"}}));

  auto not_admin = run<Circle>(kMonday, [&](UseCase& uc) { return create_circle(uc, first_, false, host_.id, settings()); });
  EXPECT_EQ(code_of(not_admin.result), "forbidden");
  EXPECT_EQ(field_of(not_admin.result), "host_id");
  auto cannot_host = run<Circle>(kMonday, [&](UseCase& uc) { return create_circle(uc, first_, false, first_.id, settings()); });
  EXPECT_EQ(code_of(cannot_host.result), "invalid");
  auto no_one = run<Circle>(kMonday, [&](UseCase& uc) { return create_circle(uc, admin_, true, 9999, settings()); });
  EXPECT_EQ(field_of(no_one.result), "host_id");
  CircleSettings untitled = settings();
  untitled.topic.reset();
  EXPECT_EQ(field_of(run<Circle>(kMonday, [&](UseCase& uc) { return create_circle(uc, host_, false, host_.id, untitled); })
                         .result),
            "topic");
}

TEST_F(CirclesTest, TheWaitlistIsServedInOrderWhenAMemberLeaves) {
  const CircleId id = full_circle();
  auto waiting = join(third_, id);
  ASSERT_TRUE(waiting.result);
  EXPECT_EQ(notifications_in(waiting.events), (Pairs{{host_.id, "circle_joined"}}));
  EXPECT_EQ(status_of_member(id, third_), MemberStatus::waitlisted);

  auto left = on(first_, id, kMonday + days(1), [&](UseCase& uc, CircleView& v) { return leave_circle(uc, first_, v); });
  ASSERT_TRUE(left.result) << left.result.error().message;
  EXPECT_EQ(notifications_in(left.events), (Pairs{{host_.id, "circle_left"}, {third_.id, "circle_place"}}));
  EXPECT_EQ(circle_changes_in(left.events),
            (std::vector<std::tuple<PersonId, std::string, std::string>>{{first_.id, "member", "left"},
                                                                         {third_.id, "waitlisted", "member"}}));
  EXPECT_EQ(status_of_member(id, third_), MemberStatus::member);
}

TEST_F(CirclesTest, TheHostAnswersRequestsAndNobodyElseMay) {
  const CircleId id = created(2, Membership::by_request);
  auto asked = join(first_, id, "I lead a team of five");
  ASSERT_TRUE(asked.result);
  EXPECT_EQ(notifications_in(asked.events), (Pairs{{host_.id, "circle_request"}}));
  ASSERT_TRUE(join(second_, id).result);

  auto by_member = on(third_, id, kMonday, [&](UseCase& uc, CircleView& v) { return approve_member(uc, third_, v, first_.id); });
  EXPECT_EQ(code_of(by_member.result), "forbidden");
  auto approved = on(host_, id, kMonday, [&](UseCase& uc, CircleView& v) { return approve_member(uc, host_, v, first_.id); });
  ASSERT_TRUE(approved.result);
  EXPECT_EQ(notifications_in(approved.events), (Pairs{{first_.id, "circle_approved"}}));
  auto blank = on(host_, id, kMonday, [&](UseCase& uc, CircleView& v) { return decline_member(uc, host_, v, second_.id, " "); });
  EXPECT_EQ(field_of(blank.result), "reason");
  auto declined = on(host_, id, kMonday, [&](UseCase& uc, CircleView& v) {
    return decline_member(uc, host_, v, second_.id, "The circle is for team leads");
  });
  ASSERT_TRUE(declined.result);
  EXPECT_EQ(status_of_member(id, second_), MemberStatus::declined);
  EXPECT_EQ(code_of(join(second_, id).result), "conflict");  // a declined request is not asked again
}

TEST_F(CirclesTest, OnlyTheHostAndMembersTouchTheContentAndOnlyTheHostSchedules) {
  const CircleId id = created(2);
  ASSERT_TRUE(join(first_, id).result);
  NewCircleSession in;
  in.starts_at = kMonday + days(3);
  for (const Person* outsider : {&second_, &admin_}) {
    auto r = run<CircleSession>(kMonday, [&](UseCase& uc) -> Result<CircleSession> {
      MH_TRY(v, circle_for(uc.db(), *outsider, id));
      return schedule_circle_session(uc, *outsider, v, in);
    });
    EXPECT_EQ(code_of(r.result), "forbidden");
    EXPECT_EQ(code_of(store_->read_value<CircleView>([&](sql::Connection& db) {
                return circle_content_for(db, *outsider, id);
              })),
              "forbidden");
  }
  auto by_member = run<CircleSession>(kMonday, [&](UseCase& uc) -> Result<CircleSession> {
    MH_TRY(v, circle_for(uc.db(), first_, id));
    return schedule_circle_session(uc, first_, v, in);
  });
  EXPECT_EQ(code_of(by_member.result), "forbidden");
  auto by_host = run<CircleSession>(kMonday, [&](UseCase& uc) -> Result<CircleSession> {
    MH_TRY(v, circle_for(uc.db(), host_, id));
    return schedule_circle_session(uc, host_, v, in);
  });
  ASSERT_TRUE(by_host.result) << by_host.result.error().message;
  EXPECT_EQ(notifications_in(by_host.events), (Pairs{{first_.id, "circle_session_scheduled"}}));
  in.starts_at = kMonday - days(1);
  auto past = run<CircleSession>(kMonday, [&](UseCase& uc) -> Result<CircleSession> {
    MH_TRY(v, circle_for(uc.db(), host_, id));
    return schedule_circle_session(uc, host_, v, in);
  });
  EXPECT_EQ(field_of(past.result), "starts_at");
}

TEST_F(CirclesTest, AMemberAddsTheirOwnActionItemsAndTheHostAddsOneForAMember) {
  const CircleId id = full_circle();
  const TaskChanges item = stretch_project();
  auto add = [&](const Person& who, std::optional<PersonId> owner) { return add_item(who, id, owner, item); };
  auto own = add(first_, std::nullopt);
  ASSERT_TRUE(own.result) << own.result.error().message;
  EXPECT_EQ(own.result->owner_id, first_.id);
  EXPECT_TRUE(notifications_in(own.events).empty());
  EXPECT_EQ(code_of(add(first_, second_.id).result), "forbidden");
  EXPECT_EQ(field_of(add(host_, std::nullopt).result), "owner_id");
  auto for_member = add(host_, second_.id);
  ASSERT_TRUE(for_member.result);
  EXPECT_EQ(notifications_in(for_member.events), (Pairs{{second_.id, "circle_action_item"}}));

  // Another member sees neither the item nor can change it.
  auto seen = store_->read_value<std::vector<ActionItem>>([&](sql::Connection& db) -> Result<std::vector<ActionItem>> {
    UseCase uc(db, kMonday, rules_);
    MH_TRY(v, circle_for(db, second_, id));
    return action_items_for(uc, second_, v, std::nullopt);
  });
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].owner_id, second_.id);
  TaskChanges done;
  done.status = TaskStatus::done;
  auto changed = run<ActionItem>(kMonday, [&](UseCase& uc) -> Result<ActionItem> {
    MH_TRY(v, circle_for(uc.db(), second_, id));
    return change_action_item(uc, second_, v, own.result->task.id, done);
  });
  EXPECT_EQ(code_of(changed.result), "forbidden");
}

TEST_F(CirclesTest, OnlyTheHostChangesTheSettingsAndALargerCircleMovesTheWaitlistUp) {
  const CircleId id = full_circle();
  ASSERT_TRUE(join(third_, id).result);
  ASSERT_EQ(status_of_member(id, third_), MemberStatus::waitlisted);
  auto change = [&](const Person& who, CircleSettings s) {
    return on(who, id, kMonday, [&](UseCase& uc, CircleView& v) { return change_circle_settings(uc, who, v, s); });
  };
  CircleSettings larger;
  larger.size_limit = 3;
  EXPECT_EQ(code_of(change(first_, larger).result), "forbidden");
  EXPECT_EQ(code_of(change(admin_, larger).result), "forbidden");
  CircleSettings tiny;
  tiny.size_limit = 1;
  EXPECT_EQ(field_of(change(host_, tiny).result), "size_limit");
  auto grown = change(host_, larger);
  ASSERT_TRUE(grown.result) << grown.result.error().message;
  EXPECT_EQ(notifications_in(grown.events), (Pairs{{third_.id, "circle_place"}}));
  EXPECT_EQ(status_of_member(id, third_), MemberStatus::member);
  CircleSettings below;
  below.size_limit = 2;
  auto refused = change(host_, below);
  EXPECT_EQ(code_of(refused.result), "conflict");
  EXPECT_EQ(field_of(refused.result), "size_limit");
  EXPECT_EQ(view(host_, id).circle.size_limit, 3);
}

TEST_F(CirclesTest, AClosedCircleTakesNobodyAndReopeningFillsItsFreePlacesInOrder) {
  const CircleId id = created(2, Membership::by_request);
  ASSERT_TRUE(join(first_, id).result);
  auto accepting = [&](const Person& who, bool open) {
    return on(who, id, kMonday, [&](UseCase& uc, CircleView& v) { return set_accepting_members(uc, who, v, open); });
  };
  EXPECT_EQ(code_of(accepting(first_, false).result), "forbidden");
  auto closed = accepting(host_, false);
  ASSERT_TRUE(closed.result);
  EXPECT_EQ(circle_changes_in(closed.events),
            (std::vector<std::tuple<PersonId, std::string, std::string>>{{0, "open", "closed"}}));
  auto approve = on(host_, id, kMonday, [&](UseCase& uc, CircleView& v) { return approve_member(uc, host_, v, first_.id); });
  EXPECT_EQ(code_of(approve.result), "conflict");
  EXPECT_TRUE(accepting(host_, false).events.empty()) << "closing a closed circle changes nothing";
  ASSERT_TRUE(accepting(host_, true).result);
  ASSERT_TRUE(on(host_, id, kMonday, [&](UseCase& uc, CircleView& v) { return approve_member(uc, host_, v, first_.id); })
                  .result);
  EXPECT_EQ(status_of_member(id, first_), MemberStatus::member);
}

TEST_F(CirclesTest, TheHostRemovesAMemberWhoseFreedPlaceGoesToTheNextInLine) {
  const CircleId id = full_circle();
  ASSERT_TRUE(join(third_, id).result);
  auto remove = [&](const Person& who, PersonId whom) {
    return on(who, id, kMonday + days(1), [&](UseCase& uc, CircleView& v) { return remove_member(uc, who, v, whom); });
  };
  EXPECT_EQ(code_of(remove(second_, first_.id).result), "forbidden");
  EXPECT_EQ(code_of(remove(host_, admin_.id).result), "not_found");
  auto removed = remove(host_, first_.id);
  ASSERT_TRUE(removed.result) << removed.result.error().message;
  EXPECT_EQ(notifications_in(removed.events), (Pairs{{first_.id, "circle_removed"}, {third_.id, "circle_place"}}));
  EXPECT_EQ(status_of_member(id, first_), MemberStatus::removed);
  EXPECT_EQ(status_of_member(id, third_), MemberStatus::member);
  EXPECT_EQ(code_of(remove(host_, first_.id).result), "conflict") << "removed once";
  EXPECT_EQ(code_of(join(first_, id).result), "conflict") << "a removed person cannot join again";
}

TEST_F(CirclesTest, AMembersDraftAsksTheHostWhoseAgreementEveryMemberHears) {
  const CircleId id = full_circle();
  const std::vector<Objective> objectives{{0, ObjectiveCategory::other, "Negotiate a raise", "A raise asked for"}};
  auto draft = [&](const Person& who, std::vector<Objective> o) {
    return on(who, id, kMonday, [&](UseCase& uc, CircleView& v) {
      return draft_circle_purpose(uc, who, v, std::move(o), "Each of us asks for what they are worth");
    });
  };
  auto agree = [&](const Person& who, int version) {
    return on(who, id, kMonday, [&](UseCase& uc, CircleView& v) { return agree_to_circle_purpose(uc, who, v, version); });
  };
  EXPECT_EQ(code_of(draft(third_, objectives).result), "forbidden");
  EXPECT_EQ(code_of(agree(host_, 1).result), "conflict") << "nothing drafted yet";
  std::vector<Objective> unknown = objectives;
  unknown[0].id = 999;
  EXPECT_EQ(field_of(draft(first_, unknown).result), "objectives[0].id");
  auto drafted = draft(first_, objectives);
  ASSERT_TRUE(drafted.result) << drafted.result.error().message;
  EXPECT_EQ(notifications_in(drafted.events), (Pairs{{host_.id, "purpose_to_agree"}}));
  EXPECT_EQ(code_of(agree(first_, 1).result), "forbidden");
  auto stale = agree(host_, 2);
  EXPECT_EQ(code_of(stale.result), "conflict");
  EXPECT_EQ(field_of(stale.result), "version");
  auto agreed = agree(host_, 1);
  ASSERT_TRUE(agreed.result) << agreed.result.error().message;
  EXPECT_EQ(notifications_in(agreed.events), (Pairs{{first_.id, "purpose_agreed"}, {second_.id, "purpose_agreed"}}));
  EXPECT_EQ(circle_changes_in(agreed.events),
            (std::vector<std::tuple<PersonId, std::string, std::string>>{{0, "", "purpose_agreed"}}));
  EXPECT_TRUE(agree(host_, 1).events.empty()) << "agreeing again changes nothing";
}

TEST_F(CirclesTest, OnlyTheHostMovesOrCancelsASessionAndMembersEditItsNotes) {
  const CircleId id = created(2);
  ASSERT_TRUE(join(first_, id).result);
  const CircleSessionId session = scheduled_session(id);
  auto change = [&](const Person& who, CircleSessionId which, CircleSessionChanges c) {
    return run<CircleSession>(kMonday, [&](UseCase& uc) -> Result<CircleSession> {
      MH_TRY(v, circle_for(uc.db(), who, id));
      return change_circle_session(uc, who, v, which, c);
    });
  };
  CircleSessionChanges move;
  move.starts_at = kMonday + days(4);
  EXPECT_EQ(code_of(change(first_, session, move).result), "forbidden");
  EXPECT_EQ(code_of(change(third_, session, move).result), "forbidden");
  EXPECT_EQ(code_of(change(host_, session + 100, move).result), "not_found");
  CircleSessionChanges into_the_past;
  into_the_past.starts_at = kMonday - days(1);
  EXPECT_EQ(code_of(change(host_, session, into_the_past).result), "invalid");
  CircleSessionChanges notes;
  notes.notes = "Bring one example of work nobody saw";
  auto noted = change(first_, session, notes);
  ASSERT_TRUE(noted.result) << noted.result.error().message;
  EXPECT_EQ(noted.result->notes, *notes.notes);
  auto moved = change(host_, session, move);
  ASSERT_TRUE(moved.result) << moved.result.error().message;
  EXPECT_EQ(moved.result->starts_at, *move.starts_at);
  CircleSessionChanges cancel;
  cancel.status = MeetingStatus::cancelled;
  ASSERT_TRUE(change(host_, session, cancel).result);
  EXPECT_EQ(session_status(id, session), MeetingStatus::cancelled);
  auto move_cancelled = change(host_, session, move);
  EXPECT_EQ(code_of(move_cancelled.result), "conflict");
  EXPECT_EQ(field_of(move_cancelled.result), "starts_at");
}

TEST_F(CirclesTest, TheHostRecordsAttendanceAndAMemberMayOnlyExcuseThemself) {
  const CircleId id = full_circle();
  const CircleSessionId session = scheduled_session(id);
  auto record = [&](const Person& who, TimePoint now, std::vector<std::pair<PersonId, Attendance>> entries) {
    return run<CircleSession>(now, [&](UseCase& uc) -> Result<CircleSession> {
      MH_TRY(v, circle_for(uc.db(), who, id));
      return record_attendance(uc, who, v, session, entries);
    });
  };
  const TimePoint before = kMonday + days(1), after = kMonday + days(3) + hours(2);
  EXPECT_EQ(field_of(record(host_, after, {}).result), "attendance");
  EXPECT_EQ(field_of(record(host_, after, {{third_.id, Attendance::present}}).result), "attendance[0].person_id");
  EXPECT_EQ(code_of(record(first_, after, {{second_.id, Attendance::excused}}).result), "forbidden");
  EXPECT_EQ(code_of(record(first_, after, {{first_.id, Attendance::present}}).result), "forbidden");
  EXPECT_EQ(code_of(record(host_, before, {{first_.id, Attendance::present}}).result), "conflict")
      << "nobody is present at a session that has not started";
  EXPECT_TRUE(record(first_, before, {{first_.id, Attendance::excused}}).result) << "excused ahead of time";
  EXPECT_TRUE(record(host_, after, {{first_.id, Attendance::present}, {second_.id, Attendance::absent}}).result);
}

TEST_F(CirclesTest, AnActionItemIsSeenByItsOwnerAndTheHostOnly) {
  const CircleId id = full_circle();
  const TaskChanges item = stretch_project();
  auto own = add_item(first_, id, std::nullopt, item);
  ASSERT_TRUE(own.result) << own.result.error().message;
  auto read = [&](const Person& who, ActionItemId which) {
    return store_->read_value<ActionItem>([&](sql::Connection& db) -> Result<ActionItem> {
      UseCase uc(db, kMonday, rules_);
      MH_TRY(v, circle_for(db, who, id));
      return action_item_for(uc, who, v, which);
    });
  };
  EXPECT_TRUE(read(first_, own.result->task.id));
  EXPECT_TRUE(read(host_, own.result->task.id));
  EXPECT_EQ(code_of(read(second_, own.result->task.id)), "forbidden");
  EXPECT_EQ(code_of(read(third_, own.result->task.id)), "forbidden");
  EXPECT_EQ(code_of(read(host_, own.result->task.id + 100)), "not_found");
}

TEST_F(CirclesTest, CallingOffCancelsOnlyTheScheduledSessionsStillToCome) {
  const CircleId id = created(2);
  ASSERT_TRUE(join(first_, id).result);
  const CircleSessionId past = scheduled_session(id, kMonday + days(3));
  const CircleSessionId to_come = scheduled_session(id, kMonday + days(6));
  const CircleSessionId also_to_come = scheduled_session(id, kMonday + days(8));
  CircleSessionChanges cancel;
  cancel.status = MeetingStatus::cancelled;
  ASSERT_TRUE(run<CircleSession>(kMonday, [&](UseCase& uc) -> Result<CircleSession> {
                MH_TRY(v, circle_for(uc.db(), host_, id));
                return change_circle_session(uc, host_, v, also_to_come, cancel);
              }).result);
  auto called = run<int>(kMonday + days(4), [&](UseCase& uc) -> Result<int> {
    MH_TRY(v, circle_for(uc.db(), host_, id));
    return call_off_circle_sessions_to_come(uc, v.circle);
  });
  ASSERT_TRUE(called.result);
  EXPECT_EQ(*called.result, 1);
  EXPECT_EQ(session_status(id, past), MeetingStatus::scheduled);
  EXPECT_EQ(session_status(id, to_come), MeetingStatus::cancelled);
  EXPECT_EQ(sessions_called_off(0), "");
  EXPECT_EQ(sessions_called_off(1), " Its session still to come is cancelled.");
  EXPECT_EQ(sessions_called_off(2), " Its 2 sessions still to come are cancelled.");
}

TEST_F(CirclesTest, ACircleSaysWhatEachPersonIsInItAndListsOnlyTheirOwn) {
  const CircleId id = created(2);
  ASSERT_TRUE(join(first_, id).result);
  const CircleId other =
      run<Circle>(kMonday, [&](UseCase& uc) { return create_circle(uc, admin_, true, host_.id, settings()); }).result->id;
  auto role_of = [&](const Person& who) {
    return *store_->read_value<CircleRole>([&](sql::Connection& db) -> Result<CircleRole> {
      auto c = storage::find_circle(db, id);
      if (!c) return not_found("gone");
      return circle_view_of(db, who, std::move(*c)).role;
    });
  };
  EXPECT_EQ(role_of(host_), CircleRole::host);
  EXPECT_EQ(role_of(first_), CircleRole::member);
  EXPECT_EQ(role_of(second_), CircleRole::none);
  auto involving = [&](const Person& who) {
    std::vector<CircleId> ids;
    const auto views = store_->read_value<std::vector<CircleView>>(
        [&](sql::Connection& db) -> Result<std::vector<CircleView>> { return circles_involving(db, who); });
    for (const CircleView& v : *views) ids.push_back(v.circle.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(involving(host_), (std::vector<CircleId>{id, other}));
  EXPECT_EQ(involving(first_), std::vector<CircleId>{id});
  EXPECT_TRUE(involving(second_).empty());
}

TEST_F(CirclesTest, TheLastDebriefConcludesTheCircleThroughItsStates) {
  const CircleId id = created(2);
  ASSERT_TRUE(join(first_, id).result);
  auto early = on(host_, id, kMonday, [&](UseCase& uc, CircleView& v) {
    Debrief d;
    d.achieved = "A lot";
    return submit_circle_debrief(uc, host_, v, d);
  });
  EXPECT_EQ(code_of(early.result), "conflict");  // only while concluding

  EXPECT_EQ(code_of(on(first_, id, kMonday, [&](UseCase& uc, CircleView& v) {
                      return start_circle_conclusion(uc, first_, v);
                    }).result),
            "forbidden");
  auto started = on(host_, id, kMonday + days(30), [&](UseCase& uc, CircleView& v) {
    return start_circle_conclusion(uc, host_, v);
  });
  ASSERT_TRUE(started.result) << started.result.error().message;
  EXPECT_EQ(circle_changes_in(started.events),
            (std::vector<std::tuple<PersonId, std::string, std::string>>{{0, "active", "concluding"}}));
  EXPECT_EQ(notifications_in(started.events), (Pairs{{first_.id, "concluding"}}));

  auto debrief = [&](const Person& who) {
    return on(who, id, kMonday + days(31), [&](UseCase& uc, CircleView& v) {
      Debrief d;
      d.achieved = "We each found a sponsor.";
      d.do_differently = "Meet monthly, not fortnightly.";
      return submit_circle_debrief(uc, who, v, d);
    });
  };
  auto by_host = debrief(host_);
  ASSERT_TRUE(by_host.result) << by_host.result.error().message;
  EXPECT_TRUE(circle_changes_in(by_host.events).empty());
  auto last = debrief(first_);
  ASSERT_TRUE(last.result) << last.result.error().message;
  EXPECT_EQ(circle_changes_in(last.events),
            (std::vector<std::tuple<PersonId, std::string, std::string>>{{0, "concluding", "concluded"}}));
  EXPECT_EQ(notifications_in(last.events), (Pairs{{host_.id, "concluded"}, {first_.id, "concluded"}}));
  const CircleView after = view(host_, id);
  EXPECT_EQ(after.circle.state, CircleState::concluded);
  EXPECT_FALSE(after.circle.accepting_members);
  EXPECT_EQ(code_of(join(second_, id).result), "conflict");
}

// A concluded circle meets no more: a session still ahead is cancelled (so calendars drop it) and
// the members are told; one already past keeps its state for the host to record.
TEST_F(CirclesTest, ConcludingCallsOffTheSessionsStillToComeAndKeepsThoseAlreadyPast) {
  const CircleId id = created(2);
  ASSERT_TRUE(join(first_, id).result);
  const CircleSessionId past = scheduled_session(id, kMonday + days(3));
  const CircleSessionId ahead = scheduled_session(id, kMonday + days(45));
  ASSERT_TRUE(on(host_, id, kMonday + days(30), [&](UseCase& uc, CircleView& v) {
                return start_circle_conclusion(uc, host_, v);
              }).result);
  EXPECT_EQ(session_status(id, ahead), MeetingStatus::scheduled);  // concluding is not yet the end

  for (const Person* who : {&host_, &first_}) {
    auto ran = on(*who, id, kMonday + days(31), [&](UseCase& uc, CircleView& v) {
      Debrief d;
      d.achieved = "We each found a sponsor.";
      return submit_circle_debrief(uc, *who, v, d);
    });
    ASSERT_TRUE(ran.result) << ran.result.error().message;
  }
  EXPECT_EQ(session_status(id, ahead), MeetingStatus::cancelled);
  EXPECT_EQ(session_status(id, past), MeetingStatus::scheduled);
  EXPECT_EQ(latest_notice(first_), "concluded: The circle \"Women in leadership\" is concluded: read everyone's "
                                    "debriefs side by side. Its session still to come is cancelled.");
}

TEST_F(CirclesTest, AHostWhoDeletesTheirAccountEndsTheCircleAndCallsOffItsSessionsToCome) {
  const CircleId id = created(2);
  ASSERT_TRUE(join(first_, id).result);
  const CircleSessionId ahead = scheduled_session(id, kMonday + days(10));
  const CircleSessionId later = scheduled_session(id, kMonday + days(24));
  auto ran = run_status(kMonday + days(1), [&](UseCase& uc) { return delete_own_account(uc, host_); });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  const CircleView after = view(first_, id);
  EXPECT_EQ(after.circle.state, CircleState::concluded);
  EXPECT_EQ(session_status(id, ahead), MeetingStatus::cancelled);
  EXPECT_EQ(session_status(id, later), MeetingStatus::cancelled);
  EXPECT_EQ(latest_notice(first_), "account_deleted: The host of the circle \"Women in leadership\" deleted their "
                                    "account, so the circle has ended. Its record stays with you. Its 2 sessions "
                                    "still to come are cancelled.");
}

TEST_F(CirclesTest, AFailedUseCaseLeavesNoEventAndNoRow) {
  const CircleId id = created(2);
  ASSERT_TRUE(join(first_, id).result);
  auto twice = join(first_, id);
  EXPECT_EQ(code_of(twice.result), "conflict");
  EXPECT_TRUE(twice.events.empty());
  EXPECT_EQ(view(host_, id).roster.size(), 1u);
}

TEST_F(CirclesTest, ThePageListsEveryonesCardsAndMineOnlyTheActorsCircles) {
  const CircleId joined = created();
  const CircleId other = created();
  const CircleId third = created();
  ASSERT_TRUE(join(first_, joined).result);
  const auto page = [&](const Person& as, CircleListing listing) {
    return *store_->read_value<CirclePage>([&](sql::Connection& db) -> Result<CirclePage> { return circle_page(db, as, listing); });
  };
  CircleListing mine;
  mine.mine = true;
  const CirclePage first_mine = page(first_, mine);
  ASSERT_EQ(first_mine.items.size(), 1u);
  EXPECT_EQ(first_mine.items[0].circle.id, joined);
  EXPECT_EQ(first_mine.items[0].role, CircleRole::member);
  EXPECT_TRUE(page(second_, mine).items.empty());

  CircleListing two;
  two.limit = 2;
  const CirclePage start = page(second_, two);
  ASSERT_EQ(start.items.size(), 2u);
  ASSERT_TRUE(start.next.has_value());
  two.after = start.next;
  const CirclePage rest = page(second_, two);
  ASSERT_EQ(rest.items.size(), 1u);
  EXPECT_EQ(rest.items[0].circle.id, third);
  EXPECT_FALSE(rest.next.has_value());
  EXPECT_NE(other, third);
}

TEST_F(CirclesTest, OnlyAdministratorsSeeTheOverviewAndItHoldsCountsByState) {
  const CircleId id = created();
  ASSERT_TRUE(join(first_, id).result);
  const auto overview = [&](const Person& as) {
    return store_->read_value<CircleOverview>(
        [&](sql::Connection& db) -> Result<CircleOverview> { return circle_overview(db, as, std::nullopt); });
  };
  EXPECT_EQ(code_of(overview(host_)), "forbidden");
  admin_.is_admin = true;
  auto seen = overview(admin_);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->counts.at(CircleState::active), 1);
  EXPECT_EQ(seen->counts.at(CircleState::concluded), 0);
  ASSERT_EQ(seen->items.size(), 1u);
  EXPECT_EQ(seen->items[0].counts.members, 1);
}

TEST_F(CirclesTest, AMemberReadsTheirOwnActionItemsTheHostEveryonesAndAnOutsiderNothing) {
  const CircleId id = full_circle();
  const TaskChanges item = stretch_project();
  for (const Person* who : {&first_, &second_}) ASSERT_TRUE(add_item(*who, id, std::nullopt, item).result);
  const auto content = [&](const Person& as) {
    const CircleView v = view(as, id);
    return store_->read_value<CircleContent>(
        [&](sql::Connection& db) -> Result<CircleContent> { return circle_content(db, as, v); });
  };
  auto first_reads = content(first_);
  ASSERT_TRUE(first_reads) << first_reads.error().message;
  ASSERT_EQ(first_reads->action_items.size(), 1u);
  EXPECT_EQ(first_reads->action_items[0].owner_id, first_.id);
  EXPECT_EQ(content(host_)->action_items.size(), 2u);
  EXPECT_EQ(code_of(content(third_)), "forbidden");
  const CircleView outsider = view(third_, id);
  EXPECT_EQ(code_of(store_->read_value<CircleDebriefs>(
                [&](sql::Connection& db) -> Result<CircleDebriefs> { return circle_debriefs(db, third_, outsider); })),
            "forbidden");
}

TEST_F(CirclesTest, ADebriefStaysItsAuthorsUntilTheCircleIsConcluded) {
  const CircleId id = created(2);
  ASSERT_TRUE(join(first_, id).result);
  ASSERT_TRUE(on(host_, id, kMonday + days(30), [&](UseCase& uc, CircleView& v) { return start_circle_conclusion(uc, host_, v); }).result);
  auto debrief = [&](const Person& who) {
    return on(who, id, kMonday + days(31), [&](UseCase& uc, CircleView& v) {
      Debrief d;
      d.achieved = who.name + " found a sponsor.";
      return submit_circle_debrief(uc, who, v, d);
    });
  };
  const auto debriefs = [&](const Person& as) {
    const CircleView v = view(as, id);
    return read<CircleDebriefs>([&](sql::Connection& db) { return circle_debriefs(db, as, v); });
  };
  ASSERT_TRUE(debrief(host_).result);
  const CircleDebriefs member_sees = debriefs(first_);
  EXPECT_EQ(member_sees.submitted, 1);
  EXPECT_FALSE(member_sees.submitted_by_me);
  EXPECT_TRUE(member_sees.debriefs.empty());  // not swayed before writing theirs
  ASSERT_EQ(debriefs(host_).debriefs.size(), 1u);
  ASSERT_TRUE(debrief(first_).result);  // the last one concludes the circle
  EXPECT_EQ(debriefs(first_).debriefs.size(), 2u);
}

// The views render without reading anything (api/circle_json.cpp): each read gives them the people
// they name, as they are now (a deactivated person too), and nobody else.
TEST_F(CirclesTest, AWorkspaceNamesItsHostMembersWaitingLineAndReflectionAuthors) {
  const CircleId id = full_circle();
  ASSERT_TRUE(join(third_, id).result);  // the circle is full: waiting
  const StoryId story = told_story(id, scheduled_session(id));
  reflected(first_, id, story);
  reflected(second_, id, story);
  const TaskChanges item = stretch_project();
  ASSERT_TRUE(add_item(host_, id, first_.id, item).result);
  deactivate(second_);  // left the organisation since: still named, as inactive

  auto host_reads = content_of(host_, id);
  ASSERT_TRUE(host_reads) << host_reads.error().message;
  const CirclePeople& people = host_reads->people;
  const auto name_of = [&](const CirclePeople& named, const Person& p) {
    return named.of(p.id) ? named.of(p.id)->name : std::string("(not named)");
  };
  EXPECT_EQ(name_of(people, host_), "Hana Host");
  EXPECT_EQ(name_of(people, first_), "Fred First");
  EXPECT_EQ(name_of(people, third_), "Theo Third");  // the waiting line is the host's to see
  ASSERT_TRUE(people.of(second_.id).has_value());
  EXPECT_EQ(people.of(second_.id)->name, "Sara Second");
  EXPECT_FALSE(people.of(second_.id)->active);
  EXPECT_TRUE(people.of(host_.id)->active);
  ASSERT_EQ(host_reads->reflections.size(), 2u);
  for (const auto& r : host_reads->reflections) EXPECT_TRUE(people.of(r.person_id).has_value()) << r.person_id;
  ASSERT_EQ(host_reads->action_items.size(), 1u);
  EXPECT_TRUE(people.of(host_reads->action_items[0].owner_id).has_value());
  EXPECT_FALSE(people.of(stranger_.id).has_value());  // named nowhere in the circle

  // A member's view names the host, the members and the authors, never the waiting line.
  auto member_reads = content_of(first_, id);
  ASSERT_TRUE(member_reads) << member_reads.error().message;
  EXPECT_EQ(name_of(member_reads->people, host_), "Hana Host");
  EXPECT_EQ(name_of(member_reads->people, second_), "Sara Second");
  EXPECT_FALSE(member_reads->people.of(third_.id).has_value());
}

TEST_F(CirclesTest, ASessionNamesItsMembersAndAuthorsEvenOneWhoHasLeftAndDebriefsTheirAuthors) {
  const CircleId id = full_circle();
  ASSERT_TRUE(join(third_, id).result);
  const CircleSessionId session = scheduled_session(id);
  const StoryId story = told_story(id, session);
  reflected(first_, id, story);
  // First leaves; third moves up from the waiting line. First's reflection stays, and names them.
  ASSERT_TRUE(on(first_, id, kMonday + days(4), [&](UseCase& uc, CircleView& v) { return leave_circle(uc, first_, v); })
                  .result);
  deactivate(first_);

  const auto session_view = [&](const Person& as) {
    const CircleView v = view(as, id);
    return store_->read_value<CircleSessionView>([&](sql::Connection& db) -> Result<CircleSessionView> {
      UseCase uc(db, kMonday + days(4), rules_);
      MH_TRY(s, circle_session_of(uc, v, session));
      return circle_session_view(db, v, s);
    });
  };
  auto seen = session_view(second_);
  ASSERT_TRUE(seen) << seen.error().message;
  ASSERT_EQ(seen->reflections.size(), 1u);
  ASSERT_TRUE(seen->people.of(first_.id).has_value());
  EXPECT_EQ(seen->people.of(first_.id)->name, "Fred First");
  EXPECT_FALSE(seen->people.of(first_.id)->active);
  EXPECT_EQ(seen->people.of(second_.id)->name, "Sara Second");
  EXPECT_EQ(seen->people.of(third_.id)->name, "Theo Third");  // a member now

  ASSERT_TRUE(on(host_, id, kMonday + days(30), [&](UseCase& uc, CircleView& v) { return start_circle_conclusion(uc, host_, v); }).result);
  ASSERT_TRUE(on(host_, id, kMonday + days(31), [&](UseCase& uc, CircleView& v) {
                Debrief d;
                d.achieved = "Two of us found a sponsor.";
                return submit_circle_debrief(uc, host_, v, d);
              }).result);
  const auto debriefs = [&](const Person& as) {
    const CircleView v = view(as, id);
    return read<CircleDebriefs>([&](sql::Connection& db) { return circle_debriefs(db, as, v); });
  };
  EXPECT_EQ(debriefs(host_).people.of(host_.id)->name, "Hana Host");
  EXPECT_FALSE(debriefs(second_).people.of(host_.id).has_value());  // not shown to them yet
}

TEST_F(CirclesTest, CardsNameTheirHostsAndSomeoneWhoNoLongerExistsIsNobody) {
  const CircleId id = created();
  const auto page = *store_->read_value<CirclePage>(
      [&](sql::Connection& db) -> Result<CirclePage> { return circle_page(db, first_, CircleListing{}); });
  ASSERT_EQ(page.items.size(), 1u);
  ASSERT_TRUE(page.people.of(host_.id).has_value());
  EXPECT_EQ(page.people.of(host_.id)->name, "Hana Host");
  EXPECT_EQ(page.people.by_id.size(), 1u);  // the hosts alone

  const Circle circle = view(first_, id).circle;
  const auto named = *store_->read_value<CirclePeople>([&](sql::Connection& db) -> Result<CirclePeople> {
    CirclePeople people = card_people(db, circle);
    EXPECT_EQ(people.of(host_.id)->name, "Hana Host");
    return read_named_people(db, {first_.id, 9999, first_.id});
  });
  EXPECT_EQ(named.of(first_.id)->name, "Fred First");
  EXPECT_FALSE(named.of(9999).has_value());   // no such person: shown as one who no longer exists
  EXPECT_FALSE(named.of(host_.id).has_value());  // not asked for
}

}  // namespace
}  // namespace mh::services
