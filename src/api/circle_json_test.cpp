// The circle views only render: the people they name come with what the services read
// (services::CirclePeople), so a view needs no database. A deactivated person is named as inactive;
// a person the view was not given is shown as one who no longer exists, as person_ref always has.
#include "api/circle_json.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace mh::api {
namespace {

using mh::testing::at;

Person someone(PersonId id, const std::string& name) {
  Person p;
  p.id = id;
  p.name = name;
  p.title = "Engineering manager";
  p.timezone = "Europe/Berlin";
  return p;
}

Circle circle_hosted_by(PersonId host) {
  Circle c;
  c.id = 7;
  c.host_id = host;
  c.topic = "Women in leadership";
  c.size_limit = 2;
  c.created_at = c.updated_at = at("2026-11-02T09:00:00Z");
  return c;
}

TEST(CircleJson, TheCardNamesItsHostFromThePeopleItIsGiven) {
  services::CirclePeople people;
  people.by_id.emplace(3, someone(3, "Hana Host"));
  const json card = card_json(circle_hosted_by(3), {}, people, 5);
  EXPECT_EQ(card["host"].dump(),
            R"({"active":true,"id":"3","name":"Hana Host","timezone":"Europe/Berlin","title":"Engineering manager"})");
  EXPECT_EQ(card["my_status"], nullptr);
  EXPECT_EQ(card["places_free"], 2);
}

TEST(CircleJson, ADeactivatedPersonIsNamedAsInactiveAndAMissingOneAsNobody) {
  Person gone = someone(4, "Fred First");
  gone.active = false;
  services::CirclePeople people;
  people.by_id.emplace(4, gone);
  people.by_id.emplace(9, std::nullopt);  // read, but no longer exists
  Story story;
  story.id = 11;
  story.meeting_id = 12;
  story.teller_id = 3;
  story.story = "My first promotion went to someone louder.";
  story.point = "Make your work visible";
  const std::vector<storage::CircleReflection> reflections{
      {11, 4, "I will write a weekly summary.", at("2026-11-05T10:00:00Z")},
      {11, 9, "Ask for feedback.", at("2026-11-05T11:00:00Z")},
      {11, 5, "Mine.", at("2026-11-05T12:00:00Z")},
      {99, 4, "Another story's.", at("2026-11-05T12:00:00Z")}};
  const json j = story_with_reflections(story, reflections, people, 5);
  ASSERT_EQ(j["reflections"].size(), 3u);
  EXPECT_EQ(j["reflections"][0]["person"].dump(),
            R"({"active":false,"id":"4","name":"Fred First","timezone":"Europe/Berlin","title":"Engineering manager"})");
  EXPECT_EQ(j["reflections"][1]["person"].dump(), R"({"active":false,"id":"9","name":null,"timezone":null,"title":null})");
  // Not among the people given (a caller's mistake) reads the same as someone who no longer exists.
  EXPECT_EQ(j["reflections"][2]["person"].dump(), R"({"active":false,"id":"5","name":null,"timezone":null,"title":null})");
  EXPECT_EQ(j["my_reflection"], "Mine.");
  EXPECT_EQ(card_json(circle_hosted_by(3), {}, people, 5)["host"]["name"], nullptr);
}

}  // namespace
}  // namespace mh::api
