// What each person reads of a relationship: its participants only, and never the other
// participant's private note.
#include "services/relationship_views.hpp"

#include "services/testing.hpp"
#include "services/workspace.hpp"

namespace mh::services {
namespace {

using namespace testing;

class RelationshipViewsTest : public ServicesTest {
 protected:
  template <class T>
  Result<T> read(const std::function<Result<T>(sql::Connection&)>& f) {
    return store_->read_value<T>(f);
  }

  // An accepted relationship with one meeting on which both participants wrote a private note.
  std::pair<Relationship, Meeting> with_noted_meeting() {
    const Relationship r = accepted();
    Meeting meeting;
    EXPECT_TRUE(on(mentor_, r.id, kMonday, [&](UseCase& uc, Relationship& rel) -> Status {
                  NewMeeting in;
                  in.starts_at = kMonday + days(3);
                  MH_TRY(m, schedule_meeting(uc, mentor_, rel, in));
                  meeting = m;
                  MH_CHECK(save_private_note(uc, mentee_, rel, m.id, "what I will ask"));
                  return save_private_note(uc, mentor_, rel, m.id, "the mentor's own");
                }).result);
    return {relationship(r.id), meeting};
  }

  // `p` leaves the organisation: deactivated, their rows kept.
  void deactivate(Person& p) {
    p.active = false;
    save(p);
  }
};

TEST_F(RelationshipViewsTest, TheWorkspaceIsForItsTwoParticipantsOnly) {
  const auto [r, meeting] = with_noted_meeting();
  Person admin = administrator();
  for (const Person* outsider : {&stranger_, &manager_, &admin}) {
    auto v = read<WorkspaceView>([&](sql::Connection& db) { return workspace_view(db, *outsider, r); });
    EXPECT_EQ(code_of(v), "forbidden") << outsider->name;
    auto card = read<RelationshipCard>([&](sql::Connection& db) { return relationship_card(db, *outsider, r); });
    EXPECT_EQ(code_of(card), "forbidden") << outsider->name;
  }
  auto card = read<RelationshipCard>([&](sql::Connection& db) { return relationship_card(db, mentor_, r); });
  ASSERT_TRUE(card) << card.error().message;
  ASSERT_TRUE(card->mentee.has_value());
  EXPECT_EQ(card->mentee->name, "Maya Mentee");
  auto v = read<WorkspaceView>([&](sql::Connection& db) { return workspace_view(db, mentee_, r); });
  ASSERT_TRUE(v) << v.error().message;
  ASSERT_TRUE(v->mentor.has_value());
  EXPECT_EQ(v->mentor->name, "Daniel Mentor");
  ASSERT_EQ(v->meetings.size(), 1u);
  EXPECT_EQ(v->meetings[0].meeting.id, meeting.id);
  EXPECT_TRUE(v->program.is_default);
}

TEST_F(RelationshipViewsTest, APrivateNoteIsReadByItsAuthorAlone) {
  const auto [r, meeting] = with_noted_meeting();
  auto as_mentee = read<MeetingView>([&](sql::Connection& db) { return meeting_view(db, mentee_, r, meeting); });
  auto as_mentor = read<MeetingView>([&](sql::Connection& db) { return meeting_view(db, mentor_, r, meeting); });
  ASSERT_TRUE(as_mentee && as_mentor);
  EXPECT_EQ(as_mentee->my_private_note, "what I will ask");
  EXPECT_EQ(as_mentor->my_private_note, "the mentor's own");
  auto notes = read<std::vector<PrivateNote>>([&](sql::Connection& db) { return my_private_notes(db, mentee_, r); });
  ASSERT_TRUE(notes);
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ((*notes)[0].text, "what I will ask");
  EXPECT_EQ(code_of(read<MeetingView>([&](sql::Connection& db) { return meeting_view(db, stranger_, r, meeting); })),
            "forbidden");
  EXPECT_EQ(code_of(read<std::vector<PrivateNote>>([&](sql::Connection& db) { return my_private_notes(db, stranger_, r); })),
            "forbidden");
}

TEST_F(RelationshipViewsTest, AMeetingOfAnotherRelationshipIsNotFound) {
  const auto [r, meeting] = with_noted_meeting();
  Relationship other = r;
  other.id = r.id + 1000;
  EXPECT_EQ(code_of(read<MeetingView>([&](sql::Connection& db) { return meeting_view(db, mentee_, other, meeting); })),
            "not_found");
}

// The views render without reading anything (api/relationship_json.cpp): each read gives them
// both participants as they are now, a deactivated one too.
TEST_F(RelationshipViewsTest, TheCardAndWorkspaceNameBothParticipantsADeactivatedOneAsInactive) {
  const Relationship r = accepted();
  deactivate(mentor_);  // left the organisation since: still named, as inactive
  auto card = read<RelationshipCard>([&](sql::Connection& db) { return relationship_card(db, mentee_, r); });
  ASSERT_TRUE(card) << card.error().message;
  ASSERT_TRUE(card->mentee.has_value());
  ASSERT_TRUE(card->mentor.has_value());
  EXPECT_EQ(card->mentee->name, "Maya Mentee");
  EXPECT_TRUE(card->mentee->active);
  EXPECT_EQ(card->mentor->name, "Daniel Mentor");
  EXPECT_FALSE(card->mentor->active);
  auto v = read<WorkspaceView>([&](sql::Connection& db) { return workspace_view(db, mentor_, r); });
  ASSERT_TRUE(v) << v.error().message;
  ASSERT_TRUE(v->mentee.has_value() && v->mentor.has_value());
  EXPECT_EQ(v->mentee->id, mentee_.id);
  EXPECT_EQ(v->mentor->id, mentor_.id);
  EXPECT_FALSE(v->mentor->active);
  const WorkspaceView shared = *store_->read_value<WorkspaceView>(
      [&](sql::Connection& db) -> Result<WorkspaceView> { return shared_workspace(db, r); });
  ASSERT_TRUE(shared.mentee.has_value() && shared.mentor.has_value());
  EXPECT_EQ(shared.mentee->name, "Maya Mentee");
}

TEST_F(RelationshipViewsTest, AParticipantWhoNoLongerExistsIsNobody) {
  Relationship r = accepted();
  r.mentor_id = 999999;  // a row the read cannot find: the view shows nobody there
  auto card = read<RelationshipCard>([&](sql::Connection& db) { return relationship_card(db, mentee_, r); });
  ASSERT_TRUE(card) << card.error().message;
  EXPECT_EQ(card->mentee->name, "Maya Mentee");
  EXPECT_FALSE(card->mentor.has_value());
}

}  // namespace
}  // namespace mh::services
