// The people import's reading and planning: every kind of bad row, the odd but valid files HR
// systems and spreadsheets write, and what a plan creates, updates and deactivates.
#include "domain/people_import.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include <string>
#include <vector>

namespace mh {
namespace {

// Zones the tests know, instead of the machine's tz files.
std::optional<std::string> zone_check(std::string_view tz) {
  if (tz == "Europe/Paris" || tz == "Europe/Oslo" || tz == "America/New_York" || tz == "UTC") return std::nullopt;
  return "\"" + std::string(tz) + "\" is not a known time zone";
}

HrFile read(std::string_view text) { return read_hr_file(text, zone_check); }

std::vector<std::string> problems_of(const HrFile& f) {
  std::vector<std::string> out;
  for (const auto& p : f.problems.kept()) out.push_back(csv::to_string(p));
  return out;
}
std::vector<std::string> problems_of(const ImportPlan& plan) {
  std::vector<std::string> out;
  for (const auto& p : plan.problems.kept()) out.push_back(csv::to_string(p));
  return out;
}

const char* kHeader = "employee_id,name,email,title,department,manager_employee_id,start_date,location,timezone,skills\n";

TEST(PeopleImportFile, ReadsEveryColumnOfAGoodFile) {
  const HrFile f = read(std::string(kHeader) +
                        "E1,Ana Silva,Ana@Example.com,Head of Finance,Finance,,2015-02-01,Lisbon,Europe/Paris,\"SQL:5; Excel\"\n"
                        "E2,Tom Berg,tom@example.com,Analyst,Finance,E1,2023-09-04,Oslo,Europe/Oslo,\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  ASSERT_EQ(f.rows.size(), 2u);
  const HrRow& ana = f.rows[0];
  EXPECT_EQ(ana.line, 2);
  EXPECT_EQ(ana.employee_id, "E1");
  EXPECT_EQ(ana.email, "ana@example.com");
  EXPECT_EQ(*ana.title, "Head of Finance");
  EXPECT_EQ(*ana.manager_employee_id, "");
  EXPECT_EQ(*ana.start_date, "2015-02-01");
  EXPECT_EQ(*ana.location, "Lisbon");
  EXPECT_EQ(*ana.timezone, "Europe/Paris");
  EXPECT_EQ(ana.skills, (std::vector<Skill>{{"SQL", 5}, {"Excel", kImportedSkillLevel}}));
  EXPECT_EQ(*f.rows[1].manager_employee_id, "E1");
  EXPECT_EQ(*f.rows[1].timezone, "Europe/Oslo");
  EXPECT_TRUE(f.rows[1].skills.empty());
}

TEST(PeopleImportFile, MatchesHeadersOfHrSystemsInAnyOrderAndCase) {
  const HrFile f = read(
      "Work Email,Job Title,Worker ID,Dept,Manager Employee ID,Hire Date,Full Name,Time Zone,Cost Center\n"
      "ana@example.com,CFO,W-1,Finance,,2015-02-01,Ana Silva,UTC,4711\n"
      "tom@example.com,Analyst,W-2,Finance,W-1,2023-09-04,Tom Berg,,4711\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.rows[1].employee_id, "W-2");
  EXPECT_EQ(f.rows[1].name, "Tom Berg");
  EXPECT_EQ(*f.rows[1].department, "Finance");
  EXPECT_EQ(*f.rows[1].manager_employee_id, "W-1");
  EXPECT_EQ(f.ignored_columns, std::vector<std::string>{"Cost Center"});
}

TEST(PeopleImportFile, AcceptsOtherCommonAliases) {
  const HrFile f = read("EMPLOYEE_NUMBER,Email Address,First Name,Last Name,Manager ID,Position\n"
                        "100,ana@example.com,Ana,Silva,,CFO\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  EXPECT_EQ(f.rows[0].employee_id, "100");
  EXPECT_EQ(f.rows[0].name, "Ana Silva");
  EXPECT_EQ(*f.rows[0].title, "CFO");
}

// Exports that run the words together (SAP SuccessFactors' user file) or punctuate them
// (Workday's "Email - Work").
TEST(PeopleImportFile, AcceptsNamesWrittenTogetherInCapitalsOrWithPunctuation) {
  const HrFile sf = read("STATUS,EMPID,FIRSTNAME,LASTNAME,EMAIL,MANAGER,DEPARTMENT,TITLE,HIREDATE,TIMEZONE\n"
                         "active,100,Ana,Silva,ana@example.com,,Finance,CFO,2015-02-01,UTC\n");
  ASSERT_TRUE(sf.problems.empty()) << problems_of(sf)[0];
  EXPECT_EQ(sf.rows[0].employee_id, "100");
  EXPECT_EQ(sf.rows[0].name, "Ana Silva");
  EXPECT_EQ(*sf.rows[0].start_date, "2015-02-01");
  EXPECT_TRUE(sf.ignored_columns.empty()) << "SuccessFactors' STATUS is the employment status";
  EXPECT_FALSE(sf.rows[0].left);
  const HrFile wd = read("Employee_ID,EmployeeName,Email - Work,JobTitle,Manager (ID)\n"
                         "W-1,Ana Silva,ana@example.com,CFO,\n");
  ASSERT_TRUE(wd.problems.empty()) << problems_of(wd)[0];
  EXPECT_EQ(wd.rows[0].email, "ana@example.com");
  EXPECT_EQ(*wd.rows[0].title, "CFO");
  EXPECT_EQ(*wd.rows[0].manager_employee_id, "");
}

TEST(PeopleImportFile, ReadsAByteOrderMarkCrlfAndQuotedCommasQuotesAndLineBreaks) {
  const HrFile f = read("\xEF\xBB\xBF" "employee_id,name,email,title,skills\r\n"
                        "E1,\"Silva, Ana\",ana@example.com,\"Head of \"\"Finance\"\"\",\"SQL:5\r\nExcel:2\"\r\n"
                        "E2,Tom Berg,tom@example.com,Analyst,\r\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.rows[0].name, "Silva, Ana");
  EXPECT_EQ(*f.rows[0].title, "Head of \"Finance\"");
  EXPECT_EQ(f.rows[0].skills, (std::vector<Skill>{{"SQL", 5}, {"Excel", 2}}));
  EXPECT_EQ(f.rows[1].line, 4);  // the quoted line break moved Tom's row down
}

// Excel on a French, German or Portuguese Windows: "CSV" in Windows-1252 with semicolons, since a
// comma is the decimal mark there.
TEST(PeopleImportFile, ReadsWhatExcelSavesWhereACommaIsTheDecimalMark) {
  const HrFile f = read("Employee ID;Name;Email Address;Job Title;Skills\r\n"
                        "E1;Jos\xE9 Fran\xE7" "a;jose@example.com;Directeur financier;\"SQL:5; Excel:4\"\r\n"
                        "E2;\"M\xFCller, J\xF6rg\";jorg@example.com;Analyst;\r\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  EXPECT_EQ(f.encoding, "Windows-1252");
  EXPECT_EQ(f.separator, ';');
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.rows[0].name, "José França");
  EXPECT_EQ(f.rows[0].skills, (std::vector<Skill>{{"SQL", 5}, {"Excel", 4}}));
  EXPECT_EQ(f.rows[1].name, "Müller, Jörg");
}

// Excel's "Unicode text": UTF-16 with tabs.
TEST(PeopleImportFile, ReadsExcelsUnicodeText) {
  std::string bytes = "\xFF\xFE";
  for (char c : std::string("employee_id\tname\temail\r\nE1\tAna\tana@example.com\r\n")) {
    bytes += c;
    bytes += '\0';
  }
  const HrFile f = read(bytes);
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  EXPECT_EQ(f.encoding, "UTF-16LE");
  EXPECT_EQ(f.separator, '\t');
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.rows[0].email, "ana@example.com");
}

TEST(PeopleImportFile, ReportsEveryBadRowWithItsLineAndReasonAtOnce) {
  const HrFile f = read(std::string(kHeader) +
                        "E1,Ana Silva,ana@example.com,,,,,,,\n"         // 2: fine
                        "E2,No Mail,,,,,,,,\n"                           // 3: missing e-mail
                        "E3,Bad Mail,not-an-address,,,,,,,\n"            // 4: invalid e-mail
                        "E4,Same Mail,ANA@example.com,,,,,,,\n"          // 5: duplicate e-mail
                        "E1,Same Id,other@example.com,,,,,,,\n"          // 6: duplicate employee id
                        "E5,Bad Date,e5@example.com,,,,2024-02-30,,,\n"  // 7: bad date
                        "E6,Bad Zone,e6@example.com,,,,,,Mars/Olympus,\n"  // 8: bad time zone
                        ",No Id,e7@example.com,,,,,,,\n"                   // 9: missing employee id
                        "E8,,e8@example.com,,,,,,,\n"                      // 10: missing name
                        "E9,Bad Skill,e9@example.com,,,,,,,SQL:9\n"       // 11: bad skill level
                        "E10,Short,e10@example.com\n");                   // 12: too few fields
  EXPECT_EQ(problems_of(f),
            (std::vector<std::string>{
                "line 3: email is required",
                "line 4: email \"not-an-address\" is not a valid e-mail address",
                "line 5: email \"ana@example.com\" appears again (first on line 2)",
                "line 6: employee_id \"E1\" appears again (first on line 2)",
                "line 7: start_date \"2024-02-30\" is not a real day",
                "line 8: timezone \"Mars/Olympus\" is not a known time zone",
                "line 9: employee_id is required",
                "line 10: name is required",
                "line 11: skills level of \"SQL\" must be between 1 and 5, not \"9\"",
                "line 12: the row has 3 fields, the header has 10 columns",
            }));
  EXPECT_EQ(f.rows.size(), 1u);
}

TEST(PeopleImportFile, ReadsTheCohortToJoinAndItsRole) {
  const HrFile f = read("Employee ID,Name,Email,Mentoring Cohort,Cohort Role\n"
                        "E1,Ana Silva,ana@example.com,Spring 2027,\n"           // a mentee by default
                        "E2,Tom Berg,tom@example.com, Spring 2027 ,MENTOR\n"    // trimmed, any case
                        "E3,Eva Dahl,eva@example.com,,\n"                      // no cohort
                        "E4,Ola Nord,ola@example.com,Spring 2027,coach\n"      // 5: not a role
                        "E5,Liv Aas,liv@example.com,,mentor\n");               // 6: a role without a cohort
  EXPECT_EQ(problems_of(f), (std::vector<std::string>{
                                "line 5: cohort_role \"coach\" is not mentee or mentor",
                                "line 6: cohort_role is given without a cohort",
                            }));
  ASSERT_EQ(f.rows.size(), 3u);
  ASSERT_TRUE(f.rows[0].cohort);
  EXPECT_EQ(f.rows[0].cohort->name, "Spring 2027");
  EXPECT_FALSE(f.rows[0].cohort->as_mentor);
  ASSERT_TRUE(f.rows[1].cohort);
  EXPECT_EQ(f.rows[1].cohort->name, "Spring 2027");
  EXPECT_TRUE(f.rows[1].cohort->as_mentor);
  EXPECT_FALSE(f.rows[2].cohort);
}

TEST(PeopleImportFile, RefusesAFileWithoutTheRequiredColumns) {
  const HrFile f = read("name,title\nAna,CFO\n");
  const auto p = problems_of(f);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], "line 1: the required column \"employee_id\" is missing");
  EXPECT_EQ(p[1], "line 1: the required column \"email\" is missing");
}

TEST(PeopleImportFile, RefusesAnEmptyFile) {
  EXPECT_EQ(problems_of(read("")).size(), 1u);
}

// Start dates as an HR system writes them, and as Excel writes them back after a save.
TEST(PeopleImportFile, ReadsStartDatesAsHrSystemsAndSpreadsheetsWriteThem) {
  const auto dates = [](const std::string& column) {
    std::string text = "employee_id,name,email,start_date\n";
    std::istringstream in(column);
    int n = 0;
    for (std::string d; std::getline(in, d, '|');) {
      const std::string k = std::to_string(++n);
      text += "E" + k + ",P" + k + ",p" + k + "@example.com," + d + "\n";
    }
    const HrFile f = read(text);
    std::string out;
    for (const auto& r : f.rows) out += (out.empty() ? "" : "|") + r.start_date.value_or("-");
    for (const auto& p : f.problems.kept()) out += " !" + csv::to_string(p);
    return out;
  };
  EXPECT_EQ(dates("2024-02-29|2024/3/18|2024.03.18|2024-03-18T00:00:00|2024-03-18 09:30"),
            "2024-02-29|2024-03-18|2024-03-18|2024-03-18|2024-03-18");
  EXPECT_EQ(dates("18.03.2024|1.2.2024"), "2024-03-18|2024-02-01");
  // Slashes with the year last: the file's own dates say day or month first.
  EXPECT_EQ(dates("04/09/2023|18/03/2024"), "2023-09-04|2024-03-18");
  EXPECT_EQ(dates("04/09/2023|03/18/2024"), "2023-04-09|2024-03-18");
  EXPECT_EQ(dates("4-9-2023|5/5/2023|13-1-2020"), "2023-09-04|2023-05-05|2020-01-13");
  EXPECT_EQ(dates("05/05/2023"), "2023-05-05");  // the same either way
  EXPECT_EQ(dates("04/09/2023|05/05/2023"),
            "2023-05-05 !line 2: start_date \"04/09/2023\" could be day first or month first, and no date in the "
            "file says which (none has a number above 12); write dates YYYY-MM-DD, such as 2024-03-18");
  EXPECT_EQ(dates("13/01/2024|01/13/2024|02/03/2024"),
            " !line 2: start_date \"13/01/2024\" is ambiguous: the file writes dates day first on line 2 and month "
            "first on line 3; write them YYYY-MM-DD"
            " !line 3: start_date \"01/13/2024\" is ambiguous: the file writes dates day first on line 2 and month "
            "first on line 3; write them YYYY-MM-DD"
            " !line 4: start_date \"02/03/2024\" is ambiguous: the file writes dates day first on line 2 and month "
            "first on line 3; write them YYYY-MM-DD");
  EXPECT_EQ(dates("31/02/2024|13/01/2024"),
            "2024-01-13 !line 2: start_date \"31/02/2024\" is not a real day (the file writes dates day first)");
  for (const char* bad : {"2023-02-29", "2024-13-01", "04/09/23", "\"March 18, 2024\"", "18 Mar 2024", "2024-03-18x",
                          "1899-12-31", "12345/1/2024"})
    EXPECT_NE(dates(bad).find("!line 2: start_date"), std::string::npos) << bad;
}

Person stored(PersonId id, std::string employee_id, std::string email, std::optional<PersonId> manager = {}) {
  Person p;
  p.id = id;
  p.employee_id = std::move(employee_id);
  p.email = std::move(email);
  p.name = "Person " + std::to_string(id);
  p.manager_id = manager;
  return p;
}

TEST(PeopleImportPlan, CreatesNewPeopleWithManagersBeforeTheirReports) {
  // Tom's row comes first, but his manager Ana must exist before him.
  const HrFile f = read("employee_id,name,email,manager_employee_id\n"
                        "E3,Eva Dahl,eva@example.com,E2\n"
                        "E2,Tom Berg,tom@example.com,E1\n"
                        "E1,Ana Silva,ana@example.com,\n");
  const ImportPlan plan = plan_import(f, {}, {});
  ASSERT_TRUE(plan.problems.empty()) << problems_of(plan)[0];
  ASSERT_EQ(plan.creates.size(), 3u);
  EXPECT_EQ(f.rows[plan.creates[0].row].employee_id, "E1");
  EXPECT_EQ(f.rows[plan.creates[1].row].employee_id, "E2");
  EXPECT_EQ(f.rows[plan.creates[2].row].employee_id, "E3");
  EXPECT_EQ(plan.creates[2].manager_row, std::optional<std::size_t>(1));
}

TEST(PeopleImportPlan, ChangesNothingWhenTheStoredPeopleAlreadyMatchTheFile) {
  const HrFile f = read("employee_id,name,email,manager_employee_id\n"
                        "E1,Person 1,p1@example.com,\n"
                        "E2,Person 2,p2@example.com,E1\n");
  const ImportPlan plan = plan_import(f, {stored(1, "E1", "p1@example.com"), stored(2, "E2", "p2@example.com", 1)}, {});
  EXPECT_TRUE(plan.creates.empty());
  EXPECT_TRUE(plan.updates.empty());
  EXPECT_EQ(plan.unchanged, 2u);
}

TEST(PeopleImportPlan, SaysWhatChangesForAnUpdate) {
  const HrFile f = read("employee_id,name,email,title\nE1,Person 1,p1@example.com,CFO\n");
  const ImportPlan plan = plan_import(f, {stored(1, "E1", "p1@example.com")}, {});
  ASSERT_EQ(plan.updates.size(), 1u);
  EXPECT_EQ(plan.updates[0].id, std::optional<PersonId>(1));
  EXPECT_EQ(plan.updates[0].changes, std::vector<std::string>{"title"});
}

TEST(PeopleImportPlan, MatchesSomeoneWithoutAnEmployeeIdByEmail) {
  const HrFile f = read("employee_id,name,email\nE1,Person 1,p1@example.com\n");
  const ImportPlan plan = plan_import(f, {stored(1, "", "p1@example.com")}, {});
  ASSERT_EQ(plan.updates.size(), 1u);
  EXPECT_EQ(plan.updates[0].changes, std::vector<std::string>{"employee_id"});
}

TEST(PeopleImportPlan, RefusesAnEmailAnotherEmployeeHas) {
  const HrFile f = read("employee_id,name,email\nE9,Person 9,p1@example.com\nE2,Person 2,p1b@example.com\n");
  const ImportPlan plan = plan_import(f, {stored(1, "E1", "p1@example.com"), stored(2, "E2", "p2@example.com"),
                                          stored(3, "E3", "p1b@example.com")},
                                      {});
  EXPECT_EQ(problems_of(plan),
            (std::vector<std::string>{
                "line 2: email \"p1@example.com\" belongs to employee \"E1\" (Person 1), who has another employee id",
                "line 3: email \"p1b@example.com\" already belongs to another person (Person 3, employee \"E3\")"}));
}

TEST(PeopleImportPlan, RefusesAManagerNobodyHas) {
  const HrFile f = read("employee_id,name,email,manager_employee_id\nE1,Ana,ana@example.com,E404\n");
  const ImportPlan plan = plan_import(f, {}, {});
  ASSERT_EQ(problems_of(plan).size(), 1u);
  EXPECT_EQ(problems_of(plan)[0],
            "line 2: manager_employee_id \"E404\" is nobody's employee id or name, in the file or in Mentorhub; add "
            "the manager's row or correct the id");
}

TEST(PeopleImportPlan, AcceptsAManagerAlreadyStoredButNotInAPartialFile) {
  const HrFile f = read("employee_id,name,email,manager_employee_id\nE2,Tom,tom@example.com,E1\n");
  const ImportPlan plan = plan_import(f, {stored(1, "E1", "ana@example.com")}, {});
  ASSERT_TRUE(plan.problems.empty());
  EXPECT_EQ(plan.creates.at(0).manager_id, std::optional<PersonId>(1));
}

// Exports that name the manager by e-mail, not by employee id.
TEST(PeopleImportPlan, FindsAManagerByEMailInTheFileOrStored) {
  const HrFile f = read("Employee ID,Name,Email,Manager Email\n"
                        "E3,Eva Dahl,eva@example.com,Tom@Example.com\n"
                        "E2,Tom Berg,tom@example.com,ana@example.com\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  const ImportPlan plan = plan_import(f, {stored(1, "E1", "ana@example.com")}, {});
  ASSERT_TRUE(plan.problems.empty()) << problems_of(plan)[0];
  ASSERT_EQ(plan.creates.size(), 2u);
  EXPECT_EQ(f.rows[plan.creates[0].row].employee_id, "E2");
  EXPECT_EQ(plan.creates[0].manager_id, std::optional<PersonId>(1));
  EXPECT_EQ(plan.creates[1].manager_row, std::optional<std::size_t>(1));
  // An id given wins; an empty one leaves the e-mail to say.
  const HrFile both = read("employee_id,name,email,manager_employee_id,manager_email\n"
                           "E2,Tom,tom@example.com,,ana@example.com\n"
                           "E3,Eva,eva@example.com,E2,ana@example.com\n");
  const ImportPlan p2 = plan_import(both, {stored(1, "E1", "ana@example.com")}, {});
  ASSERT_TRUE(p2.problems.empty()) << problems_of(p2)[0];
  EXPECT_EQ(p2.creates.at(0).manager_id, std::optional<PersonId>(1));
  EXPECT_EQ(p2.creates.at(1).manager_row, std::optional<std::size_t>(0));
}

TEST(PeopleImportPlan, RefusesAManagerEMailNobodyHasOrThatIsTheirOwn) {
  EXPECT_EQ(problems_of(read("employee_id,name,email,manager_email\nE1,Ana,ana@example.com,ANA@example.com\n")),
            std::vector<std::string>{"line 2: manager_email is the person's own e-mail; nobody manages themselves"});
  EXPECT_EQ(problems_of(read("employee_id,name,email,manager_email\nE1,Ana,ana@example.com,boss-at-example\n")),
            std::vector<std::string>{"line 2: manager_email \"boss-at-example\" is not a valid e-mail address"});
  const HrFile f = read("employee_id,name,email,manager_email\nE1,Ana,ana@example.com,boss@example.com\n");
  const ImportPlan plan = plan_import(f, {}, {});
  EXPECT_EQ(problems_of(plan), std::vector<std::string>{
                                   "line 2: manager_email \"boss@example.com\" is nobody's e-mail, in the file or "
                                   "among Mentorhub's employees; add the manager's row or correct the address"});
}

// BambooHR's export: the preferred name stands for the first name when given.
TEST(PeopleImportFile, APreferredNameStandsForTheFirstNameWhenGiven) {
  const HrFile f = read("Employee #,First Name,Last Name,Preferred Name,Work Email,Job Title,Department,Hire Date\n"
                        "1001,Charles,Abbott,Chuck,cabbott@example.com,Sales Lead,Sales,2019-05-06\n"
                        "1002,Ashley,Adams,,aadams@example.com,Account Executive,Sales,2021-01-11\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.rows[0].name, "Chuck Abbott");
  EXPECT_EQ(f.rows[1].name, "Ashley Adams");
  // A full name column wins; where it is empty, the first and last names make it.
  const HrFile both = read("employee_id,name,first_name,last_name,email\nE1,Ana Silva,A,S,ana@example.com\n"
                           "E2,,Tom,Berg,tom@example.com\n");
  ASSERT_TRUE(both.problems.empty()) << problems_of(both)[0];
  EXPECT_EQ(both.rows[0].name, "Ana Silva");
  EXPECT_EQ(both.rows[1].name, "Tom Berg");
}

// ADP Workforce Now's, Workday's and Indian HR systems' column names.
TEST(PeopleImportFile, ReadsTheColumnNamesOfMoreHrSystems) {
  const HrFile adp = read(
      "Associate ID,Legal First Name,Legal Last Name,Primary Work Email,Job Title Description,"
      "Home Department Description,Reports To Associate ID,Date of Joining,Location Description\n"
      "A1,Ana,Silva,ana@example.com,Controller,Finance,,18/03/2024,Lisbon\n");
  ASSERT_TRUE(adp.problems.empty()) << problems_of(adp)[0];
  ASSERT_TRUE(adp.ignored_columns.empty()) << adp.ignored_columns[0];
  const HrRow& a = adp.rows.at(0);
  EXPECT_EQ((std::vector<std::string>{a.employee_id, a.name, a.email, *a.title, *a.department, *a.start_date, *a.location}),
            (std::vector<std::string>{"A1", "Ana Silva", "ana@example.com", "Controller", "Finance", "2024-03-18", "Lisbon"}));
  const HrFile workday = read("Employee ID,Worker,Email - Work,Job Profile,Manager Name\nW1,Tom Berg,tom@example.com,Analyst,\n");
  ASSERT_TRUE(workday.problems.empty()) << problems_of(workday)[0];
  EXPECT_EQ(workday.rows.at(0).name, "Tom Berg");
  EXPECT_EQ(*workday.rows.at(0).title, "Analyst");
  EXPECT_EQ(*workday.rows.at(0).manager_name, "");
}

TEST(PeopleImportFile, AWorkbookIsRefusedWithHowToSaveItAsCsv) {
  const auto problems = problems_of(read(std::string_view("PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", 27)));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("line 1: the file is a workbook (.xlsx or .ods", 0), 0u) << problems[0];
}

// Files with two names of one column (ADP's legal and usual first names, Workday's Worker beside
// a Name): the better-known one is read, the other ignored, and the file imports.
TEST(PeopleImportFile, ReadsTheBetterKnownOfTwoNamesOfOneColumn) {
  const HrFile f = read("Employee ID,Legal First Name,First Name,Last Name,Email,Active,Status\n"
                        "E1,Anabela,Ana,Silva,ana@example.com,true,Terminated\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  EXPECT_EQ(f.rows.at(0).name, "Ana Silva");
  EXPECT_TRUE(f.rows.at(0).left) << "Status is read, Active ignored";
  EXPECT_EQ(f.ignored_columns, (std::vector<std::string>{"Legal First Name", "Active"}));
}

// A report's export: its title, the date it ran and a blank line above the column names.
TEST(PeopleImportFile, LooksPastAReportsTitleAndDateAboveTheColumnNames) {
  const HrFile f = read("Employee directory;;;\r\nRun on 01.12.2026 by HR;;;\r\n;;;\r\n"
                        "Employee ID;Name;Email;Department\r\nE1;Ana Silva;ana@example.com;Finance\r\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  EXPECT_EQ(f.separator, ';');
  EXPECT_EQ(f.header_line, 4);
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.rows[0].line, 5);
  EXPECT_EQ(*f.rows[0].department, "Finance");
  EXPECT_EQ(read("employee_id,name,email\nE1,Ana,ana@example.com\n").header_line, 1);
  // No row names the columns: the problems of the row that came closest.
  EXPECT_EQ(problems_of(read("Employee directory\nName,Email\nAna,ana@example.com\n")),
            std::vector<std::string>{"line 2: the required column \"employee_id\" is missing"});
  EXPECT_EQ(problems_of(read("Name,Email\nAna,ana@example.com\n")),
            std::vector<std::string>{"line 1: the required column \"employee_id\" is missing"});
}

// Exports that name the manager by name: BambooHR's "Reporting to", HiBob's "Reports To", some
// Workday reports' "Manager" ("Silva, Ana").
TEST(PeopleImportPlan, FindsAManagerByNameInTheFileOrStored) {
  const HrFile f = read("Employee #,First Name,Last Name,Work Email,Reporting to\n"
                        "E1,Ana,Silva,ana@example.com,\n"
                        "E2,Tom,Berg,tom@example.com,ana  SILVA\n"
                        "E3,Eva,Dahl,eva@example.com,\"Berg, Tom\"\n"
                        "E4,Ola,Nord,ola@example.com,Person 7\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  EXPECT_EQ(*f.rows[1].manager_name, "ana  SILVA");
  const ImportPlan plan = plan_import(f, {stored(7, "E7", "boss@example.com")}, {});
  ASSERT_TRUE(plan.problems.empty()) << problems_of(plan)[0];
  std::map<std::string, PlannedPerson> by_id;
  for (const PlannedPerson& p : plan.creates) by_id[f.rows[p.row].employee_id] = p;
  EXPECT_FALSE(by_id["E1"].manager_row || by_id["E1"].manager_id);
  EXPECT_TRUE(by_id["E1"].manager_set);
  EXPECT_EQ(by_id["E2"].manager_row, std::optional<std::size_t>(0));
  EXPECT_EQ(by_id["E3"].manager_row, std::optional<std::size_t>(1));
  EXPECT_EQ(by_id["E4"].manager_id, std::optional<PersonId>(7));
}

TEST(PeopleImportPlan, ReadsAManagerIdColumnThatHoldsNames) {
  const HrFile f = read("Employee ID,Name,Email,Reports To\n"
                        "E1,Ana Silva,ana@example.com,\n"
                        "E2,Tom Berg,tom@example.com,Ana Silva\n"
                        "E3,Eva Dahl,eva@example.com,E2\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  const ImportPlan plan = plan_import(f, {}, {});
  ASSERT_TRUE(plan.problems.empty()) << problems_of(plan)[0];
  ASSERT_EQ(plan.creates.size(), 3u);
  EXPECT_EQ(plan.creates[1].manager_row, std::optional<std::size_t>(0));
  EXPECT_EQ(plan.creates[2].manager_row, std::optional<std::size_t>(1));
}

TEST(PeopleImportPlan, RefusesAManagerNameThatIsNotExactlyOneOtherPerson) {
  Person gone = stored(8, "E8", "old@example.com");
  gone.name = "Kim Old";
  gone.active = false;
  const HrFile f = read("employee_id,name,email,manager_name\n"
                        "E1,Sam Lee,sam1@example.com,\n"
                        "E2,Sam Lee,sam2@example.com,\n"
                        "E3,Eva Dahl,eva@example.com,Sam Lee\n"
                        "E4,Ola Nord,ola@example.com,ola nord\n"
                        "E5,Per Vik,per@example.com,Nobody Here\n"
                        "E6,Liv Ek,liv@example.com,Kim Old\n"
                        "E7,Bo Ek,bo@example.com,\"Lee, Sam, Jr\"\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  EXPECT_EQ(problems_of(plan_import(f, {gone}, {})),
            (std::vector<std::string>{
                "line 4: manager_name \"Sam Lee\" names 2 people: Sam Lee (employee E1, line 2) and Sam Lee "
                "(employee E2, line 3); give the manager's employee id or e-mail instead",
                "line 5: manager_name \"ola nord\" is the person's own name; nobody manages themselves",
                "line 6: manager_name \"Nobody Here\" is nobody's name, in the file or among Mentorhub's employees; "
                "add the manager's row or give their employee id",
                "line 7: manager_name \"Kim Old\" is Kim Old, who is deactivated",
                "line 8: manager_name \"Lee, Sam, Jr\" is nobody's name, in the file or among Mentorhub's "
                "employees; add the manager's row or give their employee id"}));
  // A manager whose own row is bad is reported there only.
  const HrFile bad = read("employee_id,name,email,manager_name\nE1,Ana Silva,not-an-email,\nE2,Tom,tom@example.com,Ana Silva\n");
  EXPECT_EQ(problems_of(plan_import(bad, {}, {})),
            std::vector<std::string>{"line 2: email \"not-an-email\" is not a valid e-mail address"});
}

TEST(PeopleImportPlan, RefusesAManagerACompleteFileWouldDeactivate) {
  const HrFile f = read("employee_id,name,email,manager_employee_id\nE2,Tom,tom@example.com,E1\n");
  const ImportPlan plan = plan_import(f, {stored(1, "E1", "ana@example.com")}, {.complete = true, .actor = std::nullopt});
  ASSERT_EQ(problems_of(plan).size(), 1u);
  EXPECT_NE(problems_of(plan)[0].find("would be deactivated"), std::string::npos);
}

TEST(PeopleImportPlan, RefusesACircleOfManagersInTheFile) {
  const HrFile f = read("employee_id,name,email,manager_employee_id\n"
                        "E1,Ana,ana@example.com,E3\n"
                        "E2,Tom,tom@example.com,E1\n"
                        "E3,Eva,eva@example.com,E2\n"
                        "E4,Kim,kim@example.com,E1\n");
  const ImportPlan plan = plan_import(f, {}, {});
  EXPECT_EQ(problems_of(plan),
            std::vector<std::string>{"line 2: manager_employee_id makes a circle of managers: E1 (line 2) is managed "
                                     "by E3 (line 4), who is managed by E2 (line 3), who is managed by E1 (line 2)"});
}

TEST(PeopleImportPlan, RefusesACircleThroughAStoredReportingLine) {
  // E1 is stored as managed by E2 (not in the file); the file makes E2's manager... E1.
  const HrFile f = read("employee_id,name,email,manager_employee_id\nE2,Tom,tom@example.com,E1\n");
  const ImportPlan plan = plan_import(f, {stored(1, "E1", "ana@example.com", 2), stored(2, "E2", "tom@example.com")}, {});
  ASSERT_EQ(problems_of(plan).size(), 1u);
  EXPECT_NE(problems_of(plan)[0].find("circle of managers"), std::string::npos);
}

TEST(PeopleImportPlan, DeactivatesMissingEmployeesOnlyWhenTheFileIsComplete) {
  const HrFile f = read("employee_id,name,email\nE1,Person 1,p1@example.com\n");
  Person external = stored(4, "", "guest@partner.org");
  external.is_external = true;
  const std::vector<Person> people{stored(1, "E1", "p1@example.com"), stored(2, "E2", "p2@example.com"),
                                   stored(3, "", "admin@example.com"), external};
  EXPECT_TRUE(plan_import(f, people, {}).deactivations.empty());
  const ImportPlan complete = plan_import(f, people, {.complete = true, .actor = 3});
  EXPECT_EQ(complete.deactivations, std::vector<PersonId>{2});  // not the importing admin, nor the guest
}

// Exports that list leavers with their status (BambooHR's Status, Workday's Active Status).
TEST(PeopleImportPlan, ALeaverInTheFileIsDeactivatedWhenStoredAndNotCreatedWhenNew) {
  const HrFile f = read("Employee ID,Name,Email,Status\n"
                        "E1,Person 1,p1@example.com,Terminated\n"
                        "E2,Person 2,p2@example.com,Active\n"
                        "E5,Person 5,p5@example.com,inactive\n"
                        "E6,Person 6,p6@example.com, On Leave \n"
                        "E7,Person 7,p7@example.com,\n"
                        "E8,Person 8,p8@example.com,No\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  Person gone = stored(8, "E8", "p8@example.com");
  gone.active = false;
  const ImportPlan plan =
      plan_import(f, {stored(1, "E1", "p1@example.com"), stored(2, "E2", "p2@example.com"), gone}, {});
  ASSERT_TRUE(plan.problems.empty()) << problems_of(plan)[0];
  EXPECT_EQ(plan.deactivations, std::vector<PersonId>{1});
  EXPECT_EQ(plan.leavers_skipped, 1u);  // E5
  std::vector<std::string> created;
  for (const auto& c : plan.creates) created.push_back(f.rows[c.row].employee_id);
  EXPECT_EQ(created, (std::vector<std::string>{"E6", "E7"}));  // on leave and no status are employed
  EXPECT_EQ(plan.unchanged, 2u);  // E2, and E8 who had left already
}

// BambooHR: "Status" (Active, Inactive) beside "Employment Status" (the contract, or Terminated).
TEST(PeopleImportPlan, BambooHrsEmploymentStatusBesideItsStatusMarksOnlyLeavers) {
  const HrFile f = read("Employee #,First Name,Last Name,Work Email,Status,Employment Status\n"
                        "1,Ana,Silva,ana@example.com,Active,Full-Time\n"
                        "2,Tom,Berg,tom@example.com,Active,Contractor\n"
                        "3,Eva,Dahl,eva@example.com,Inactive,Terminated\n"
                        "4,Ola,Nord,ola@example.com,,Terminated\n"
                        "5,Liv,Ek,liv@example.com,,Seasonal worker\n");
  ASSERT_TRUE(f.problems.empty()) << problems_of(f)[0];
  std::vector<bool> left;
  for (const HrRow& r : f.rows) left.push_back(r.left);
  EXPECT_EQ(left, (std::vector<bool>{false, false, true, true, false}));
}

TEST(PeopleImportPlan, ALeaverIsNobodysManagerAndNotTheImporter) {
  const HrFile f = read("employee_id,name,email,manager_employee_id,status\n"
                        "E1,Ana,ana@example.com,,Terminated\n"
                        "E2,Tom,tom@example.com,E1,Active\n"
                        "E3,Eva,eva@example.com,,Terminated\n");
  EXPECT_EQ(problems_of(plan_import(f, {stored(3, "E3", "eva@example.com")}, {.complete = false, .actor = 3})),
            (std::vector<std::string>{
                "line 3: manager_employee_id \"E1\" is Ana, who has left (status on line 2)",
                "line 4: status says employee \"E3\" left, but that is you, who is importing; another "
                "administrator can deactivate you"}));
  EXPECT_EQ(problems_of(read("employee_id,name,email,status\nE1,Ana,ana@example.com,Pending\n")),
            std::vector<std::string>{"line 2: status \"Pending\" is not a status this import knows; write "
                                     "Active (or On leave) for someone employed, Terminated (or Inactive) for "
                                     "someone who left"});
}

TEST(PeopleImportPlan, ReactivatesSomeoneBackInTheFile) {
  const HrFile f = read("employee_id,name,email\nE1,Person 1,p1@example.com\n");
  Person gone = stored(1, "E1", "p1@example.com");
  gone.active = false;
  const ImportPlan plan = plan_import(f, {gone}, {});
  ASSERT_EQ(plan.updates.size(), 1u);
  EXPECT_EQ(plan.updates[0].changes, std::vector<std::string>{"reactivated"});
}

TEST(PeopleImportRow, KeepsAManagerWhoChangesAsAFormerManager) {
  const HrFile f = read("employee_id,name,email,manager_employee_id\nE3,Person 3,p3@example.com,E2\n");
  const Person before = stored(3, "E3", "p3@example.com", 1);
  const Person after = apply_hr_row(f.rows.at(0), &before, 2, true, TimePoint{});
  EXPECT_EQ(after.manager_id, std::optional<PersonId>(2));
  EXPECT_EQ(after.former_manager_ids, std::vector<PersonId>{1});
}

TEST(PeopleImportRow, AddsSkillsWithoutRemovingOrLoweringThePersonsOwn) {
  const HrFile f = read("employee_id,name,email,skills\nE1,Person 1,p1@example.com,\"sql:2; Excel:4\"\n");
  Person before = stored(1, "E1", "p1@example.com");
  before.skills = {{"SQL", 5}, {"Negotiation", 3}};
  const Person after = apply_hr_row(f.rows.at(0), &before, std::nullopt, false, TimePoint{});
  EXPECT_EQ(after.skills, (std::vector<Skill>{{"SQL", 5}, {"Negotiation", 3}, {"Excel", 4}}));
}

TEST(PeopleImportRow, LeavesFieldsTheFileDoesNotHave) {
  const HrFile f = read("employee_id,name,email\nE1,Person 1,p1@example.com\n");
  Person before = stored(1, "E1", "p1@example.com", 7);
  before.title = "CFO";
  before.timezone = "Europe/Oslo";
  const Person after = apply_hr_row(f.rows.at(0), &before, std::nullopt, false, TimePoint{});
  EXPECT_EQ(after.title, "CFO");
  EXPECT_EQ(after.timezone, "Europe/Oslo");
  EXPECT_EQ(after.manager_id, std::optional<PersonId>(7));
}

}  // namespace
}  // namespace mh
