// Reading people as the privacy rules allow, on a real (in-memory) store: an external expert sees
// an employee's details only once they work together, deactivated people only for
// administrators, and one's own profile says whether one has a password.
#include "services/profiles.hpp"

#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

class ProfilesTest : public ServicesTest {
 protected:
  Person external_mentor() {
    Person eve = person("Eve External", "eve@example.org", 1);
    eve.is_external = true;
    save(eve);
    return eve;
  }
  Result<PersonProfile> profile(const Person& reader, PersonId id) {
    return store_->read_value<PersonProfile>([&](sql::Connection& db) { return person_profile(db, reader, id); });
  }
  Result<PeopleListing> listing(const Person& reader, bool include_inactive) {
    return store_->read_value<PeopleListing>(
        [&](sql::Connection& db) { return list_people(db, reader, std::nullopt, 50, include_inactive); });
  }
  void deactivate(Person p) {
    p.active = false;
    save(p);
  }
};

TEST_F(ProfilesTest, AnExternalExpertSeesAnEmployeeInFullOnlyOnceTheyWorkTogether) {
  const Person eve = external_mentor();
  EXPECT_EQ(profile(eve, mentee_.id)->seen.view, PersonView::outsider);
  EXPECT_EQ(profile(mentee_, eve.id)->seen.view, PersonView::colleague);
  auto asked = request_from(mentee_, ask(mentee_, eve));
  ASSERT_TRUE(asked.result) << asked.result.error().message;
  // A request is not working together yet.
  EXPECT_EQ(profile(eve, mentee_.id)->seen.view, PersonView::outsider);
  auto accepted = run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, eve, asked.result->id); });
  ASSERT_TRUE(accepted.result) << accepted.result.error().message;
  EXPECT_EQ(profile(eve, mentee_.id)->seen.view, PersonView::colleague);
  // In the list too, and only for her partner.
  const auto list = listing(eve, false);  // held: a range-for would not keep the Result alive
  ASSERT_TRUE(list);
  for (const auto& seen : list->people) {
    if (seen.id == mentee_.id) EXPECT_EQ(seen.view, PersonView::colleague);
    if (seen.id == mentor_.id) EXPECT_EQ(seen.view, PersonView::outsider);
    if (seen.id == eve.id) EXPECT_EQ(seen.view, PersonView::self);
  }
}

TEST_F(ProfilesTest, DeactivatedPeopleAreForAdministratorsOnly) {
  const Person admin = administrator();
  deactivate(stranger_);
  EXPECT_EQ(code_of(profile(mentee_, stranger_.id)), "not_found");
  ASSERT_TRUE(profile(admin, stranger_.id));
  EXPECT_EQ(profile(admin, stranger_.id)->seen.view, PersonView::admin);
  EXPECT_EQ(field_of(listing(mentee_, true)), "include_inactive");
  EXPECT_EQ(code_of(listing(mentee_, true)), "forbidden");
  auto all = listing(admin, true);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->people.size(), 5u);
  EXPECT_EQ(listing(admin, false)->people.size(), 4u);
  EXPECT_EQ(code_of(profile(admin, 999999)), "not_found");
}

// A server that keeps people's rendered text says which it holds: those are listed with their
// version and view but not read; everyone else is read in full, and an edit raises the version,
// so a text of the old one no longer matches.
TEST_F(ProfilesTest, APageReadsOnlyThePeopleTheCallerHoldsNoRenderingOf) {
  const auto list = [&](const HoldsRendering& held) {
    return store_->read_value<PeopleListing>(
        [&](sql::Connection& db) { return list_people(db, mentee_, std::nullopt, 50, false, held); });
  };
  const auto everyone = list(nullptr);
  ASSERT_TRUE(everyone);
  ASSERT_EQ(everyone->people.size(), 4u);
  for (const auto& l : everyone->people) {
    ASSERT_TRUE(l.person) << l.id;
    EXPECT_EQ(l.person->id, l.id);
    EXPECT_EQ(l.person->row_version, l.row_version);
  }
  // The caller holds the mentor at the version just listed.
  const auto mentor_listed = std::find_if(everyone->people.begin(), everyone->people.end(),
                                          [&](const ListedPerson& l) { return l.id == mentor_.id; });
  ASSERT_NE(mentor_listed, everyone->people.end());
  const std::int64_t held_version = mentor_listed->row_version;
  const HoldsRendering holds_mentor = [&](const ListedPerson& l) {
    return l.id == mentor_.id && l.row_version == held_version && l.view == PersonView::colleague;
  };
  const auto page = list(holds_mentor);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->people.size(), 4u);
  for (const auto& l : page->people) EXPECT_EQ(l.person.has_value(), l.id != mentor_.id) << l.id;

  Person edited = mentor_;
  edited.bio = "Now mentoring on staff engineering.";
  save(edited);
  const auto after_edit = list(holds_mentor);
  ASSERT_TRUE(after_edit);
  for (const auto& l : after_edit->people) {
    ASSERT_TRUE(l.person) << l.id;
    if (l.id == mentor_.id) {
      EXPECT_GT(l.row_version, held_version);
      EXPECT_EQ(l.person->bio, "Now mentoring on staff engineering.");
    }
  }
}

// One profile the same way: held at its version and view, the person is not read; once edited,
// or for another reader's view, they are.
TEST_F(ProfilesTest, AProfileReadsThePersonOnlyWhenTheCallerHoldsNoRenderingOfThem) {
  const auto read = [&](const Person& reader, PersonId id, const HoldsRendering& held) {
    return store_->read_value<PersonProfile>([&](sql::Connection& db) { return person_profile(db, reader, id, held); });
  };
  const auto first = read(mentee_, mentor_.id, nullptr);
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->seen.person);
  EXPECT_EQ(first->seen.person->name, mentor_.name);
  const std::int64_t version = first->seen.row_version;
  const HoldsRendering holds = [&](const ListedPerson& l) {
    return l.id == mentor_.id && l.row_version == version && l.view == PersonView::colleague;
  };
  const auto held = read(mentee_, mentor_.id, holds);
  ASSERT_TRUE(held);
  EXPECT_FALSE(held->seen.person);
  EXPECT_EQ(held->seen.row_version, version);
  const auto as_admin = read(administrator(), mentor_.id, holds);
  ASSERT_TRUE(as_admin);
  EXPECT_EQ(as_admin->seen.view, PersonView::admin);
  EXPECT_TRUE(as_admin->seen.person);
  EXPECT_EQ(code_of(read(mentee_, 999999, holds)), "not_found");

  Person edited = mentor_;
  edited.title = "Principal Engineer";
  save(edited);
  const auto after_edit = read(mentee_, mentor_.id, holds);
  ASSERT_TRUE(after_edit);
  ASSERT_TRUE(after_edit->seen.person);
  EXPECT_GT(after_edit->seen.row_version, version);
  EXPECT_EQ(after_edit->seen.person->title, "Principal Engineer");
}

TEST_F(ProfilesTest, OnesOwnProfileSaysWhetherThereIsAPassword) {
  const PersonProfile mine = *store_->read_value<PersonProfile>(
      [&](sql::Connection& db) -> Result<PersonProfile> { return own_profile(db, mentee_); });
  EXPECT_EQ(mine.seen.view, PersonView::self);
  EXPECT_FALSE(mine.has_password);
  EXPECT_EQ(mine.responsiveness.requests_received, 0);
  // Someone else's profile never says.
  EXPECT_FALSE(profile(mentor_, mentee_.id)->has_password);
}

}  // namespace
}  // namespace mh::services
