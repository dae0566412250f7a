// The directory search as a read: short and symbolic terms found as words of a skill or title,
// longer words through the full-text index, each filter, the unknown skill named with a
// suggestion, cursor paging that shows everyone once, and people from outside the organisation
// hidden when the program does not allow them.
#include "services/directory_search.hpp"

#include <set>

#include "services/circles.hpp"
#include "services/testing.hpp"
#include "storage/finding_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class DirectorySearchTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    gina_ = add("Gina Gopher", "Senior Go developer", "Platform", {{"Go", 4}, {"Kubernetes", 3}}, 2,
                [](Person& p) {
                  p.media = {Medium::video};
                  p.timezone = "Europe/Berlin";
                });
    carl_ = add("Carl Compiler", "Engineer", "Platform", {{"C++17", 5}}, 1, [](Person& p) {
      p.media = {Medium::in_person};
      p.timezone = "America/Los_Angeles";
    });
    greta_ = add("Greta Growth", "Marketing lead", "Marketing", {{"Google Analytics", 2}, {"Pivot tables", 3}}, 0,
                 [](Person& p) { p.media = {Medium::video, Medium::phone}; });
    erin_ = add("Erin External", "Coach", "Advisory", {{"Go", 2}}, 1, [](Person& p) {
      p.is_external = true;
      p.organisation = "Elsewhere Ltd";
    });
  }

  Person add(const std::string& name, const std::string& title, const std::string& department,
             std::vector<Skill> skills, int capacity, const std::function<void(Person&)>& more = {}) {
    Person p;
    p.name = name;
    p.email = name.substr(0, name.find(' ')) + "@example.com";
    p.title = title;
    p.department = department;
    p.skills = std::move(skills);
    p.mentor_capacity = capacity;
    if (capacity > 0) p.formats_offered = {Format::one_to_one};
    p.created_at = p.updated_at = kMonday;
    if (more) more(p);
    auto id = store_->write_value<PersonId>(
        [&](sql::Connection& db) -> Result<PersonId> { return storage::insert_person(db, p, ""); });
    EXPECT_TRUE(id) << id.error().message;
    p.id = *id;
    return p;
  }

  Result<DirectoryPage> search(const DirectoryQuery& q, const Person* viewer = nullptr) {
    return store_->read_value<DirectoryPage>([&](sql::Connection& db) {
      return search_directory(db, viewer ? *viewer : mentee_, directory_, q, kMonday);
    });
  }
  // The names found by `q`, in order.
  std::vector<std::string> names(const DirectoryQuery& q) {
    auto page = search(q);
    EXPECT_TRUE(page) << page.error().message;
    std::vector<std::string> out;
    if (page)
      for (const auto& row : page->items) out.push_back(row.person.name);
    return out;
  }
  static DirectoryQuery text(const std::string& words) {
    DirectoryQuery q;
    q.text = words;
    return q;
  }

  Directory directory_;
  Person gina_, carl_, greta_, erin_;
};

using Names = std::vector<std::string>;

TEST_F(DirectorySearchTest, ShortAndSymbolicTermsAreWordsOfASkillOrTheTitle) {
  // "Go" is not the "Go" in "Google Analytics"; "C++" finds "C++17".
  EXPECT_EQ(names(text("Go")), (Names{"Erin External", "Gina Gopher"}));
  EXPECT_EQ(names(text("C++")), (Names{"Carl Compiler"}));
  EXPECT_EQ(names(text("go senior")), (Names{"Gina Gopher"}));  // both: a word and the full text
}

TEST_F(DirectorySearchTest, LongerWordsGoThroughTheFullTextIndexWithARank) {
  auto page = search(text("pivot"));
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].person.id, greta_.id);
  EXPECT_GT(page->items[0].rank, 0);
  EXPECT_EQ(names(text("Compiler")), (Names{"Carl Compiler"}));
}

TEST_F(DirectorySearchTest, AQueryWithNothingToSearchForIsInvalid) {
  auto page = search(text(" , "));
  expect_invalid(page, "q");
  EXPECT_EQ(page.error().message, "search for a name, a title or a skill");
}

TEST_F(DirectorySearchTest, EachFilterKeepsOnlyWhoMatches) {
  DirectoryQuery q;
  q.skill = "go";  // as people write it or not
  EXPECT_EQ(names(q), (Names{"Erin External", "Gina Gopher"}));
  q.min_level = 3;
  EXPECT_EQ(names(q), (Names{"Gina Gopher"}));

  q = {};
  q.department = "platform";
  EXPECT_EQ(names(q), (Names{"Carl Compiler", "Gina Gopher"}));

  q = {};
  q.medium = Medium::phone;
  EXPECT_EQ(names(q), (Names{"Greta Growth"}));

  q = {};
  q.format = Format::one_to_one;  // the fixture's mentor and stranger offer it too
  EXPECT_EQ(names(q), (Names{"Carl Compiler", "Daniel Mentor", "Erin External", "Gina Gopher", "Sam Stranger"}));

  q = {};
  q.external = true;
  EXPECT_EQ(names(q), (Names{"Erin External"}));
  q.external = false;
  EXPECT_EQ(names(q).size(), 7u);  // the fixture's four and three of ours

  q = {};
  q.has_capacity = false;  // nobody mentors yet: only those offering no place
  EXPECT_EQ(names(q), (Names{"Greta Growth", "Maya Mentee", "Morgan Manager"}));
  accepted();  // Daniel's first of two places
  q.has_capacity = true;
  auto page = search(q);
  ASSERT_TRUE(page) << page.error().message;
  bool saw_daniel = false;
  for (const auto& row : page->items)
    if (row.person.id == mentor_.id) {
      saw_daniel = true;
      EXPECT_EQ(row.free_places, 1);
    }
  EXPECT_TRUE(saw_daniel);

  // Berlin is an hour from the UTC searcher, Los Angeles eight.
  q = {};
  q.tz_overlap = 6;
  const Names near = names(q);
  EXPECT_NE(std::find(near.begin(), near.end(), "Gina Gopher"), near.end());
  EXPECT_EQ(std::find(near.begin(), near.end(), "Carl Compiler"), near.end());
}

TEST_F(DirectorySearchTest, AnUnknownSkillNamesTheFieldAndTheNearestKnownOne) {
  DirectoryQuery q;
  q.skill = "Kubernetis";
  auto page = search(q);
  expect_invalid(page, "skill");
  EXPECT_EQ(page.error().message,
            "\"Kubernetis\" is not a skill anyone in the directory has; did you mean \"Kubernetes\"?");
}

TEST_F(DirectorySearchTest, CursorPagingShowsEveryoneOnce) {
  const std::size_t everyone = names(DirectoryQuery{}).size();
  EXPECT_EQ(everyone, 8u);
  DirectoryQuery q;
  q.limit = 3;
  std::vector<PersonId> seen;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = search(q);
    ASSERT_TRUE(page) << page.error().message;
    for (const auto& row : page->items) seen.push_back(row.person.id);
    if (!page->next) break;
    // The cursor survives its round trip through the list's text form.
    q.after = DirectoryCursor::decode(page->next->encode());
    ASSERT_TRUE(q.after);
  }
  EXPECT_EQ(seen.size(), everyone);
  EXPECT_EQ(std::set<PersonId>(seen.begin(), seen.end()).size(), everyone);
  EXPECT_FALSE(DirectoryCursor::decode("not a cursor"));
}

TEST_F(DirectorySearchTest, PeopleFromOutsideAreHiddenWhenTheProgramDoesNotAllowThem) {
  EXPECT_EQ(names(text("Go")), (Names{"Erin External", "Gina Gopher"}));
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::save_program_setting(db, "matching", R"({"allow_external": false})", kMonday);
    return {};
  }));
  EXPECT_EQ(names(text("Go")), (Names{"Gina Gopher"}));
  DirectoryQuery q;
  q.external = true;
  EXPECT_TRUE(names(q).empty());
}

TEST_F(DirectorySearchTest, AskingForCirclesListsTheOpenOnesOnTheWords) {
  gina_.formats_offered = {Format::one_to_one, Format::circle};
  save(gina_);
  for (const char* topic : {"Go in production", "Leadership"}) {
    auto ran = run<Circle>(kMonday, [&](UseCase& uc) {
      CircleSettings s;
      s.topic = topic;
      s.size_limit = 4;
      return create_circle(uc, gina_, false, gina_.id, s);
    });
    ASSERT_TRUE(ran.result) << ran.result.error().message;
  }
  DirectoryQuery q = text("production");
  q.format = Format::circle;
  auto page = search(q);
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_TRUE(page->offers);
  ASSERT_EQ(page->offers->circles.size(), 1u);
  EXPECT_EQ(page->offers->circles[0].circle.topic, "Go in production");
  EXPECT_EQ(page->offers->circles[0].host.name, "Gina Gopher");
  EXPECT_TRUE(page->offers->circles[0].host.active);
  EXPECT_FALSE(search(text("Go"))->offers);  // no format asked: no offers
}

}  // namespace
}  // namespace mh::services
