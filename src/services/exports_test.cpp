// The administrators' CSV exports on a real (in-memory) store: people as the import reads them
// back, relationships as metadata without any of their content, and administrators only.
#include "services/exports.hpp"

#include "common/csv.hpp"
#include "domain/people_import.hpp"
#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

class ExportsTest : public ServicesTest {
 protected:
  std::string people_csv() {
    return *store_->read_value<std::string>([&](sql::Connection& db) { return export_people_csv(db, nullptr); });
  }
  std::string relationships_csv() {
    return *store_->read_value<std::string>([&](sql::Connection& db) { return export_relationships_csv(db, nullptr); });
  }
};

TEST_F(ExportsTest, PeopleReadBackThroughTheImportsReader) {
  const HrFile file = read_hr_file(people_csv(), [](std::string_view) { return std::nullopt; });
  // Nobody here has an employee id yet, so each row says so, and nothing else is wrong.
  EXPECT_EQ(file.problems.total(), 4u);
  for (const auto& p : file.problems.kept()) EXPECT_EQ(p.message, "employee_id is required");
  // Its `active` column is read as the employment status, so a deactivated person stays so.
  EXPECT_EQ(file.ignored_columns, (std::vector<std::string>{"person_id", "manager_person_id", "external",
                                                            "organisation", "admin", "created_at"}));
}

TEST_F(ExportsTest, RelationshipsCarryStatesAndDatesButNoContent) {
  const Relationship r = accepted();
  const std::string text = relationships_csv();
  csv::Reader reader(text);
  ASSERT_EQ(reader.next(), csv::Reader::Step::record);
  EXPECT_EQ(reader.field(2), "state");
  ASSERT_EQ(reader.next(), csv::Reader::Step::record);
  EXPECT_EQ(reader.field(0), std::to_string(r.id));
  EXPECT_EQ(reader.field(2), "starting");
  EXPECT_EQ(reader.field(5), "mentee");
  EXPECT_EQ(text.find("product management"), std::string::npos);  // the request's message
}

TEST_F(ExportsTest, OnlyAdministratorsExport) {
  auto refused = store_->read_value<std::string>([&](sql::Connection& db) { return export_people_csv(db, &mentee_); });
  EXPECT_EQ(code_of(refused), "forbidden");
}

}  // namespace
}  // namespace mh::services
