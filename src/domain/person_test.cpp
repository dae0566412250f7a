#include "domain/person.hpp"

#include <gtest/gtest.h>

#include <map>

namespace mh {
namespace {

std::optional<std::string> any_zone(std::string_view tz) {
  if (tz == "UTC" || tz == "Europe/Paris") return std::nullopt;
  return "is not a zone here";
}

Person valid_person() {
  Person p;
  p.id = 1;
  p.email = "ada@example.com";
  p.name = "Ada Lovelace";
  p.skills = {{"analysis", 5}, {"pivot tables", 3}};
  p.timezone = "Europe/Paris";
  p.career_start_year = 2010;
  return p;
}

std::string field_of(const Status& s) { return s ? std::string("<ok>") : s.error().field; }

TEST(PersonValidation, AcceptsACompleteProfile) { EXPECT_TRUE(validate_person(valid_person(), 2026, any_zone)); }

TEST(PersonValidation, RejectsASkillLevelAboveFive) {
  Person p = valid_person();
  p.skills[1].level = 7;
  EXPECT_EQ(field_of(validate_person(p, 2026, any_zone)), "skills[1].level");
}

TEST(PersonValidation, RejectsAnUnknownTimezone) {
  Person p = valid_person();
  p.timezone = "Mars/Olympus";
  const Status s = validate_person(p, 2026, any_zone);
  EXPECT_EQ(field_of(s), "timezone");
  EXPECT_EQ(s.error().message, "is not a zone here");
}

TEST(PersonValidation, RejectsANegativeCapacity) {
  Person p = valid_person();
  p.mentor_capacity = -1;
  EXPECT_EQ(field_of(validate_person(p, 2026, any_zone)), "mentor_capacity");
}

TEST(PersonValidation, RejectsAnInvalidEmail) {
  for (const char* e : {"", "ada", "ada@", "@example.com", "ada@example", "a da@example.com", "a@b@example.com"}) {
    Person p = valid_person();
    p.email = e;
    EXPECT_EQ(field_of(validate_person(p, 2026, any_zone)), "email") << e;
  }
}

TEST(PersonValidation, RejectsTheSameSkillTwiceWhateverTheCase) {
  Person p = valid_person();
  p.skills.push_back({"Analysis", 2});
  EXPECT_EQ(field_of(validate_person(p, 2026, any_zone)), "skills[2].name");
}

TEST(PersonValidation, RejectsACareerStartInTheFuture) {
  Person p = valid_person();
  p.career_start_year = 2030;
  EXPECT_EQ(field_of(validate_person(p, 2026, any_zone)), "career_start_year");
}

TEST(PersonValidation, AnExternalPersonNeedsAnOrganisation) {
  Person p = valid_person();
  p.is_external = true;
  EXPECT_EQ(field_of(validate_person(p, 2026, any_zone)), "organisation");
}

TEST(ManagerCycle, RefusesAManagingBManagingA) {
  std::map<PersonId, PersonId> managers{{2, 1}};  // B(2) is managed by A(1)
  auto manager_of = [&](PersonId id) -> std::optional<PersonId> {
    auto it = managers.find(id);
    return it == managers.end() ? std::nullopt : std::optional<PersonId>(it->second);
  };
  EXPECT_EQ(field_of(check_no_manager_cycle(1, 2, manager_of)), "manager_id");
}

TEST(ManagerCycle, AllowsALongChainWithoutLoops) {
  std::map<PersonId, PersonId> managers{{2, 3}, {3, 4}, {4, 5}};
  auto manager_of = [&](PersonId id) -> std::optional<PersonId> {
    auto it = managers.find(id);
    return it == managers.end() ? std::nullopt : std::optional<PersonId>(it->second);
  };
  EXPECT_TRUE(check_no_manager_cycle(1, 2, manager_of));
}

TEST(Experience, CountsYearsSinceTheCareerStarted) {
  Person p = valid_person();
  EXPECT_EQ(p.years_of_experience(2026), 16);
  p.career_start_year.reset();
  EXPECT_EQ(p.years_of_experience(2026), 0);
}

TEST(Email, IsNormalisedToLowerCaseWithoutSpaces) { EXPECT_EQ(normalize_email("  Ada@Example.COM "), "ada@example.com"); }

}  // namespace
}  // namespace mh

namespace mh {
namespace {

Person with_skills(std::vector<std::string> names, std::string title = {}) {
  Person p;
  for (auto& n : names) p.skills.push_back({std::move(n), 3});
  p.title = std::move(title);
  return p;
}

TEST(SearchTerms, LongWordsGoToTheIndexAndShortOrSymbolicOnesAreExact) {
  const SearchTerms t = split_search_terms("pivot AI, C++  data-science c# R go ux-research");
  EXPECT_EQ(t.full_text, "pivot data-science");
  EXPECT_EQ(t.exact, (std::vector<std::string>{"ai", "c++", "c#", "r", "go", "ux-research"}));
  EXPECT_TRUE(split_search_terms("  , ").exact.empty());
}

TEST(SearchTerms, AShortTermMatchesAWholeWordOfASkillOrTheTitle) {
  EXPECT_TRUE(mentions_term(with_skills({"Applied AI"}), "ai"));
  EXPECT_TRUE(mentions_term(with_skills({"R"}), "r"));
  EXPECT_TRUE(mentions_term(with_skills({}, "Senior Go developer"), "go"));
  EXPECT_TRUE(mentions_term(with_skills({"C++17"}), "c++"));
  EXPECT_TRUE(mentions_term(with_skills({"C#"}), "c#"));
  EXPECT_FALSE(mentions_term(with_skills({"Google Analytics"}), "go"));
  EXPECT_FALSE(mentions_term(with_skills({"React"}), "r"));
  EXPECT_FALSE(mentions_term(with_skills({"C"}), "c#"));
  EXPECT_FALSE(mentions_term(with_skills({"Maintenance"}), "ai"));
}

}  // namespace
}  // namespace mh
