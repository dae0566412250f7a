#include "api/people_json.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace mh::api {
namespace {

std::set<std::string> keys_of(const json& j) {
  std::set<std::string> out;
  for (const auto& [key, value] : j.items()) out.insert(key);
  return out;
}

Person someone() {
  Person p;
  p.id = 42;
  p.name = "Ada Lovelace";
  p.email = "ada@example.com";
  p.department = "Engines";
  p.manager_id = 7;
  p.former_manager_ids = {3, 5};
  p.skills = {{"analysis", 4}, {"poetry", 2}};
  p.languages = {"en", "fr"};
  p.career_start_year = 2010;
  p.aspirations.roles = {"lead"};
  p.employee_id = "E-1";
  return p;
}

const std::set<std::string> kOutsider = {"id", "name", "title", "organisation", "is_external", "years_of_experience",
                                         "skills", "timezone", "languages", "media", "mentor_capacity",
                                         "formats_offered", "bio"};

std::set<std::string> plus(std::set<std::string> base, std::initializer_list<const char*> more) {
  for (const char* k : more) base.insert(k);
  return base;
}

TEST(PersonJson, EachViewShowsItsFieldsAndNoMore) {
  const Person p = someone();
  const auto colleague = plus(kOutsider, {"email", "department", "manager_id"});
  const auto self = plus(colleague, {"former_manager_ids", "career_start_year", "aspirations",
                                     "monthly_availability_hours", "formats_sought", "is_admin", "employee_id",
                                     "start_date", "location"});
  const auto admin = plus(self, {"active", "created_at", "updated_at"});
  EXPECT_EQ(keys_of(person_json(p, PersonView::outsider, 2026)), kOutsider);
  EXPECT_EQ(keys_of(person_json(p, PersonView::colleague, 2026)), colleague);
  EXPECT_EQ(keys_of(person_json(p, PersonView::self, 2026)), self);
  EXPECT_EQ(keys_of(person_json(p, PersonView::admin, 2026)), admin);
}

TEST(PersonJson, ValuesAreRenderedAsTheApiDescribesThem) {
  const json j = person_json(someone(), PersonView::admin, 2026);
  EXPECT_EQ(j["id"], "42");
  EXPECT_EQ(j["manager_id"], "7");
  EXPECT_EQ(j["former_manager_ids"], json({"3", "5"}));
  EXPECT_EQ(j["skills"], json::parse(R"([{"level":4,"name":"analysis"},{"level":2,"name":"poetry"}])"));
  EXPECT_EQ(j["years_of_experience"], 16);
  EXPECT_EQ(j["aspirations"], json::parse(R"({"departments":[],"roles":["lead"],"skills":[]})"));
  EXPECT_EQ(j["employee_id"], "E-1");
  EXPECT_TRUE(j["start_date"].is_null());
  Person no_manager = someone();
  no_manager.manager_id.reset();
  EXPECT_TRUE(person_json(no_manager, PersonView::colleague, 2026)["manager_id"].is_null());
}

// A page of people is written member by member (write_person_members); its text must be what a
// document of the same person would dump: the same members in the same order, escaped alike.
TEST(PersonJson, TheWrittenTextIsTheDocumentsOwnText) {
  Person p = someone();
  p.bio = "Says \"hello\"\tand \\o/ in caf\xc3\xa9s \xf0\x9f\x99\x82, and a stray \xff byte";
  p.title = "R&D <lead>";
  p.aspirations = {{"CTO"}, {"Research", "Labs"}, {"C++", "Rust"}};
  p.media = {Medium::video, Medium::phone};
  p.formats_offered = {Format::one_to_one};
  p.formats_sought = {Format::circle, Format::flash};
  p.start_date = "2020-01-31";
  p.location = "Lisbon";
  for (PersonView view : {PersonView::outsider, PersonView::colleague, PersonView::self, PersonView::admin}) {
    JsonWriter w;
    w.begin_object();
    write_person_members(w, p, view, 2026);
    w.end_object();
    EXPECT_EQ(w.text(), json::parse(w.text()).dump(-1, ' ', false, json::error_handler_t::replace))
        << static_cast<int>(view);
  }
}

}  // namespace
}  // namespace mh::api
