// The matching settings document: a change is checked member by member and refused naming the
// member; a stored document is read over the defaults; one that no longer reads is an error that
// says which member, never a silent default.
#include "services/program_settings.hpp"

#include "services/testing.hpp"
#include "storage/finding_repo.hpp"

namespace mh::services {
namespace {

using nlohmann::json;
using namespace testing;

std::string field_refused(const json& doc) {
  ProgramSettings s;
  const Status applied = apply_settings(doc, s);
  if (applied) return "(accepted)";
  EXPECT_EQ(applied.error().code, ErrorCode::invalid);
  return applied.error().field;
}

TEST(ProgramSettingsChange, NamesTheMemberAtFault) {
  EXPECT_EQ(field_refused({{"colour", "blue"}}), "colour");
  EXPECT_EQ(field_refused({{"weights", 3}}), "weights");
  EXPECT_EQ(field_refused({{"weights", {{"skill", 101}}}}), "weights.skill");
  EXPECT_EQ(field_refused({{"weights", {{"skill", -1}}}}), "weights.skill");
  EXPECT_EQ(field_refused({{"weights", {{"charisma", 1}}}}), "weights.charisma");
  EXPECT_EQ(field_refused({{"weights", {{"seasoned_years", 61}}}}), "weights.seasoned_years");
  EXPECT_EQ(field_refused({{"weights", {{"seasoned_years", 2.5}}}}), "weights.seasoned_years");
  EXPECT_EQ(field_refused({{"emerging_skills", "AI"}}), "emerging_skills");
  EXPECT_EQ(field_refused({{"emerging_skills", {"AI", 3}}}), "emerging_skills[1]");
  EXPECT_EQ(field_refused({{"emerging_skills", {"A\x01I"}}}), "emerging_skills[0]");
  EXPECT_EQ(field_refused({{"emerging_skills", json::array_t(51, "AI")}}), "emerging_skills");
  EXPECT_EQ(field_refused({{"allow_external", "yes"}}), "allow_external");
}

TEST(ProgramSettingsChange, AppliesOnlyTheMembersGivenAndReadsBackTheSameDocument) {
  ProgramSettings s;
  const double responsiveness = s.weights.responsiveness;
  ASSERT_TRUE(apply_settings({{"weights", {{"skill", 42.5}, {"seasoned_years", 12}}}, {"allow_external", false}}, s));
  EXPECT_EQ(s.weights.skill, 42.5);
  EXPECT_EQ(s.weights.seasoned_years, 12);
  EXPECT_EQ(s.weights.responsiveness, responsiveness);
  EXPECT_FALSE(s.allow_external);
  ProgramSettings again;
  ASSERT_TRUE(apply_settings(settings_document(s), again));
  EXPECT_EQ(settings_document(again), settings_document(s));
}

class StoredProgramSettings : public ServicesTest {
 protected:
  Result<ProgramSettings> stored(const std::string& text) {
    return store_->write_value<ProgramSettings>([&](sql::Connection& db) -> Result<ProgramSettings> {
      storage::save_program_setting(db, "matching", text, kMonday);
      return load_settings(db);
    });
  }
};

TEST_F(StoredProgramSettings, NothingStoredIsTheDefaults) {
  auto s = store_->read_value<ProgramSettings>([](sql::Connection& db) { return load_settings(db); });
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(settings_document(*s), settings_document(ProgramSettings{}));
}

TEST_F(StoredProgramSettings, AStoredDocumentIsReadOverTheDefaults) {
  auto s = stored(R"({"emerging_skills": ["quantum computing"]})");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->emerging_skills, std::vector<std::string>{"quantum computing"});
  EXPECT_TRUE(s->allow_external);
}

TEST_F(StoredProgramSettings, ADocumentThatNoLongerReadsIsAnErrorNamingTheMember) {
  auto s = stored(R"({"weights": {"skill": "a lot"}})");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::internal);
  EXPECT_NE(s.error().message.find("weights.skill"), std::string::npos) << s.error().message;
  EXPECT_FALSE(stored("not json"));
}

}  // namespace
}  // namespace mh::services
