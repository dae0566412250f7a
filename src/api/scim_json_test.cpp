// SCIM's JSON as Microsoft Entra ID and Okta send it: users, PATCH operations on the user as this
// server shows it, and list filters. The shapes follow the providers' documented requests.
#include "api/scim_json.hpp"

#include <gtest/gtest.h>

namespace mh::api::scim {
namespace {

// A user as GET /scim/v2/Users/{id} shows one.
json shown_user() {
  return {{"schemas", {kUserSchema, kEnterprise}},
          {"id", "12"},
          {"userName", "ines@example.com"},
          {"name", {{"formatted", "Inês Reis"}}},
          {"displayName", "Inês Reis"},
          {"active", true},
          {"title", "Analyst"},
          {"emails", {{{"value", "ines@example.com"}, {"type", "work"}, {"primary", true}}}},
          {kEnterprise,
           {{"employeeNumber", "E777"},
            {"department", "Finance"},
            {"manager", {{"value", "3"}, {"$ref", "https://x/scim/v2/Users/3"}, {"displayName", "Ana"}}}}},
          {"meta", {{"resourceType", "User"}, {"version", "W/\"4\""}}}};
}

json patch_of(json operations) {
  return {{"schemas", {kPatchSchema}}, {"Operations", std::move(operations)}};
}

// The user `operations` leave, as the services get it; fails the test on a refusal.
services::ScimUser patched(json operations) {
  auto user = patched_user(shown_user(), patch_of(std::move(operations)));
  if (auto* e = std::get_if<Error>(&user)) {
    ADD_FAILURE() << e->scim_type << ": " << e->detail;
    return {};
  }
  auto u = user_from(std::get<json>(user));
  if (auto* e = std::get_if<Error>(&u)) {
    ADD_FAILURE() << e->scim_type << ": " << e->detail;
    return {};
  }
  return std::get<services::ScimUser>(u);
}

// The refusal `operations` get, as "status scimType".
std::string refusal(json operations) {
  auto user = patched_user(shown_user(), patch_of(std::move(operations)));
  if (auto* e = std::get_if<Error>(&user)) return std::to_string(e->status) + " " + e->scim_type;
  auto u = user_from(std::get<json>(user));
  if (auto* e = std::get_if<Error>(&u)) return std::to_string(e->status) + " " + e->scim_type;
  return "accepted";
}

TEST(ScimPatch, NothingPatchedLeavesTheUserAsItWas) {
  const auto u = patched({{{"op", "replace"}, {"path", "title"}, {"value", "Analyst"}}});
  EXPECT_EQ(u.user_name, "ines@example.com");
  EXPECT_EQ(u.name, "Inês Reis");
  EXPECT_EQ(u.title, "Analyst");
  EXPECT_EQ(u.department, "Finance");
  EXPECT_EQ(u.employee_number, "E777");
  EXPECT_EQ(u.manager, PersonId{3});
  EXPECT_TRUE(u.active);
}

// Entra ID's default attribute mappings: capitalised ops, the work address and phone numbers
// through value filters, the manager as a bare id, the enterprise attributes by their URN, and
// booleans as strings.
TEST(ScimPatch, EntraIdsDefaultMappingsApplyWhatIsKeptAndIgnoreTheRest) {
  const auto u = patched({
      {{"op", "Replace"}, {"path", "emails[type eq \"work\"].value"}, {"value", "ines.reis@example.com"}},
      {{"op", "Replace"}, {"path", "name.givenName"}, {"value", "Inês"}},
      {{"op", "Replace"}, {"path", "name.familyName"}, {"value", "Costa Reis"}},
      {{"op", "Add"}, {"path", "phoneNumbers[type eq \"work\"].value"}, {"value", "+351 21 000 0000"}},
      {{"op", "Add"}, {"path", "phoneNumbers[type eq \"mobile\"].value"}, {"value", "+351 91 000 0000"}},
      {{"op", "Add"}, {"path", "addresses[type eq \"work\"].locality"}, {"value", "Porto"}},
      {{"op", "Add"}, {"path", "preferredLanguage"}, {"value", "pt-PT"}},
      {{"op", "Add"}, {"path", std::string(kEnterprise) + ":manager"}, {"value", "5"}},
      {{"op", "Replace"}, {"path", std::string(kEnterprise) + ":department"}, {"value", "Treasury"}},
      {{"op", "Replace"}, {"path", "active"}, {"value", "False"}},
  });
  EXPECT_EQ(u.user_name, "ines.reis@example.com");
  EXPECT_EQ(u.name, "Inês Costa Reis");
  EXPECT_EQ(u.manager, PersonId{5});
  EXPECT_EQ(u.department, "Treasury");
  EXPECT_EQ(u.employee_number, "E777");
  EXPECT_FALSE(u.active);
}

TEST(ScimPatch, OktasPatchWithoutAPathSetsTheValuesMembers) {
  const auto u = patched({{{"op", "replace"},
                           {"value",
                            {{"active", false},
                             {"title", "Lead Analyst"},
                             {kEnterprise, {{"department", "Operations"}, {"manager", {{"value", "9"}}}}}}}}});
  EXPECT_FALSE(u.active);
  EXPECT_EQ(u.title, "Lead Analyst");
  EXPECT_EQ(u.department, "Operations");
  EXPECT_EQ(u.manager, PersonId{9});
}

TEST(ScimPatch, NamesAndSchemaPrefixesAreReadWithoutRegardToCase) {
  const auto u = patched({
      {{"op", "REPLACE"}, {"path", "NAME.GIVENNAME"}, {"value", "Ana"}},
      {{"op", "replace"}, {"path", "name.familyname"}, {"value", "Lima"}},
      {{"op", "replace"}, {"path", std::string(kUserSchema) + ":title"}, {"value", "Partner"}},
      {{"op", "replace"},
       {"path", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:EmployeeNumber"},
       {"value", "E900"}},
  });
  EXPECT_EQ(u.name, "Ana Lima");
  EXPECT_EQ(u.title, "Partner");
  EXPECT_EQ(u.employee_number, "E900");
}

TEST(ScimPatch, TheEnterpriseExtensionAsAWholeIsSetOrRemoved) {
  const auto set = patched({{{"op", "add"}, {"path", kEnterprise}, {"value", {{"department", "Audit"}}}}});
  EXPECT_EQ(set.department, "Audit");
  EXPECT_EQ(set.manager, PersonId{3});  // the members it does not name stay
  const auto removed = patched({{{"op", "remove"}, {"path", kEnterprise}}});
  EXPECT_FALSE(removed.department);
  EXPECT_FALSE(removed.manager);
  EXPECT_FALSE(removed.employee_number);
}

TEST(ScimPatch, RemovingAnAttributeClearsIt) {
  const auto u = patched({{{"op", "remove"}, {"path", "title"}},
                          {{"op", "remove"}, {"path", std::string(kEnterprise) + ":manager"}},
                          {{"op", "Remove"}, {"path", "phoneNumbers[type eq \"work\"]"}}});
  EXPECT_FALSE(u.title);
  EXPECT_FALSE(u.manager);
  EXPECT_EQ(u.department, "Finance");
}

TEST(ScimPatch, TheWorkAddressMayComeAsAnObjectOrThroughThePrimaryFilter) {
  EXPECT_EQ(patched({{{"op", "replace"}, {"path", "emails[type eq \"work\"]"}, {"value", {{"value", "a@example.com"}}}}})
                .user_name,
            "a@example.com");
  EXPECT_EQ(patched({{{"op", "replace"}, {"path", "emails[primary eq true].value"}, {"value", "b@example.com"}}})
                .user_name,
            "b@example.com");
  // Another address is not the one Mentorhub keeps.
  EXPECT_EQ(patched({{{"op", "add"}, {"path", "emails[type eq \"home\"].value"}, {"value", "c@example.com"}}})
                .user_name,
            "ines@example.com");
}

TEST(ScimPatch, MalformedDocumentsAndOperationsAreRefusedInScimsTerms) {
  EXPECT_EQ(refusal({{{"op", "move"}, {"path", "title"}}}), "400 invalidSyntax");
  EXPECT_EQ(refusal({{{"op", 5}, {"path", "title"}}}), "400 invalidSyntax");
  EXPECT_EQ(refusal({"replace"}), "400 invalidSyntax");
  EXPECT_EQ(refusal({{{"op", "remove"}}}), "400 noTarget");
  EXPECT_EQ(refusal({{{"op", "replace"}, {"value", "x"}}}), "400 invalidValue");
  EXPECT_EQ(refusal({{{"op", "replace"}, {"path", 7}, {"value", "x"}}}), "400 invalidPath");
  EXPECT_EQ(refusal({{{"op", "replace"}, {"path", "name[givenName eq \"x\"]"}, {"value", "y"}}}), "400 invalidPath");
  EXPECT_EQ(refusal({{{"op", "remove"}, {"path", "emails[type eq \"work\"].value"}}}), "400 mutability");
  EXPECT_EQ(refusal({{{"op", "remove"}, {"path", "userName"}}}), "400 invalidValue");
  EXPECT_EQ(refusal({{{"op", "replace"}, {"path", "active"}, {"value", "maybe"}}}), "400 invalidValue");
  EXPECT_EQ(refusal({{{"op", "replace"}, {"path", kEnterprise}, {"value", "Audit"}}}), "400 invalidValue");
  EXPECT_EQ(refusal({{{"op", "add"}, {"path", std::string(kEnterprise) + ":manager"}, {"value", "me"}}}),
            "400 invalidValue");

  const auto no_schema = patched_user(shown_user(), {{"Operations", {{{"op", "remove"}, {"path", "title"}}}}});
  ASSERT_TRUE(std::holds_alternative<Error>(no_schema));
  EXPECT_EQ(std::get<Error>(no_schema).scim_type, "invalidSyntax");
  for (const json& ops : {json::array(), json("remove"), json()}) {
    const auto refused = patched_user(shown_user(), {{"schemas", {kPatchSchema}}, {"Operations", ops}});
    ASSERT_TRUE(std::holds_alternative<Error>(refused)) << ops.dump();
    EXPECT_EQ(std::get<Error>(refused).scim_type, "invalidSyntax");
  }
}

TEST(ScimUser, TheNameShownComesFromTheFirstOfDisplayNameFormattedGivenAndFamilyUserName) {
  const auto name_of = [](json body) {
    body["userName"] = "x@example.com";
    auto u = user_from(body);
    return std::holds_alternative<services::ScimUser>(u) ? std::get<services::ScimUser>(u).name : "refused";
  };
  EXPECT_EQ(name_of({{"displayName", "D"}, {"name", {{"formatted", "F"}}}}), "D");
  EXPECT_EQ(name_of({{"name", {{"formatted", "F"}, {"givenName", "G"}}}}), "F");
  EXPECT_EQ(name_of({{"name", {{"givenName", "G"}, {"familyName", "H"}}}}), "G H");
  EXPECT_EQ(name_of({{"name", {{"familyName", "H"}}}}), "H");
  EXPECT_EQ(name_of(json::object()), "x@example.com");
  EXPECT_EQ(name_of({{"displayName", 3}}), "refused");
}

TEST(ScimUser, ARequiredUserNameAndTypedValues) {
  const auto scim_type = [](const json& body) {
    auto u = user_from(body);
    return std::holds_alternative<Error>(u) ? std::get<Error>(u).scim_type : "accepted";
  };
  EXPECT_EQ(scim_type(json::array()), "invalidSyntax");
  EXPECT_EQ(scim_type({{"userName", ""}}), "invalidValue");
  EXPECT_EQ(scim_type({{"userName", 1}}), "invalidValue");
  EXPECT_EQ(scim_type({{"userName", "a@b.c"}, {"active", "yes"}}), "invalidValue");
  EXPECT_EQ(scim_type({{"userName", "a@b.c"}, {kEnterprise, "x"}}), "invalidValue");
  EXPECT_EQ(scim_type({{"userName", "a@b.c"}, {kEnterprise, {{"manager", {{"value", "0"}}}}}}), "invalidValue");
  // An empty manager is none; unknown attributes are dropped.
  EXPECT_EQ(scim_type({{"userName", "a@b.c"},
                       {kEnterprise, {{"manager", {{"value", ""}}}}},
                       {"phoneNumbers", {{{"value", "+1 555"}}}}}),
            "accepted");
}

TEST(ScimFilter, TheFiltersProvidersSendBeforeCreatingAUser) {
  const auto read = [](const std::string& text) -> std::string {
    auto f = filter_from(text);
    if (auto* e = std::get_if<Error>(&f)) return e->scim_type;
    const auto& filter = std::get<services::ScimFilter>(f);
    const char* attribute = filter.attribute == services::ScimFilter::Attribute::user_name     ? "userName"
                            : filter.attribute == services::ScimFilter::Attribute::external_id ? "externalId"
                                                                                               : "none";
    return std::string(attribute) + "=" + filter.value;
  };
  EXPECT_EQ(read(""), "none=");
  EXPECT_EQ(read("userName eq \"ines@example.com\""), "userName=ines@example.com");
  EXPECT_EQ(read("USERNAME EQ \"Ines@Example.com\""), "userName=Ines@Example.com");
  EXPECT_EQ(read("externalId eq \"00u1abc\""), "externalId=00u1abc");
  EXPECT_EQ(read("emails.value eq \"a@b.c\""), "userName=a@b.c");
  EXPECT_EQ(read("emails[type eq \"work\"].value eq \"a@b.c\""), "userName=a@b.c");
  EXPECT_EQ(read("userName eq \"quote\\\"d@b.c\""), "userName=quote\"d@b.c");
  EXPECT_EQ(read("userName sw \"a\""), "invalidFilter");
  EXPECT_EQ(read("userName eq a@b.c"), "invalidFilter");
  EXPECT_EQ(read("userName"), "invalidFilter");
  EXPECT_EQ(read(" eq \"a\""), "invalidFilter");
  EXPECT_EQ(read("title eq \"Analyst\""), "invalidFilter");
}

TEST(ScimIds, AUserIdIsAPositiveDecimalNumber) {
  EXPECT_EQ(person_id("12"), PersonId{12});
  for (const char* bad : {"", "0", "-1", "12a", " 12", "99999999999999999999"}) EXPECT_FALSE(person_id(bad)) << bad;
}

}  // namespace
}  // namespace mh::api::scim
