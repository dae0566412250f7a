// Cohort files: the RFC 4180 details (quotes, CRLF, BOM, blank lines), every column's values and
// its refusals with line and column, the limits, and a small file matched end to end.
#include "matching/cohort_csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "matching/assignment.hpp"

namespace mh::matching {
namespace {

const TimePoint kNow = *parse_iso8601("2026-03-01T12:00:00Z");

const std::vector<std::string> kAllColumns = {
    "id", "name", "role", "department", "title", "organisation", "career_start_year", "external",
    "manager_id", "former_manager_ids", "skills", "wanted_skills", "aspired_roles",
    "aspired_departments", "timezone", "media", "capacity"};

std::string all_columns_header() {
  std::string out;
  for (const auto& c : kAllColumns) out += (out.empty() ? "" : ",") + c;
  return out;
}

// A row in the order of all_columns_header(), with `values` (already CSV-encoded) by column.
std::string row(const std::map<std::string, std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < kAllColumns.size(); ++i) {
    if (i > 0) out += ",";
    auto it = values.find(kAllColumns[i]);
    if (it != values.end()) out += it->second;
  }
  return out;
}

CsvCohort parse_ok(std::string_view text) {
  auto r = parse_cohort_csv(text, kNow);
  EXPECT_TRUE(r.has_value()) << r.error().message;
  if (!r) return {};
  return std::move(r).value();
}

std::string parse_error(std::string_view text, const CsvLimits& limits = {}) {
  auto r = parse_cohort_csv(text, kNow, limits);
  if (r) return "(parsed)";
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_EQ(r.error().field, "csv");
  return r.error().message;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

const MentorProfile* mentor(const CsvCohort& c, PersonId id) {
  for (const auto& m : c.cohort.mentors)
    if (m.id == id) return &m;
  return nullptr;
}
const MenteeProfile* mentee(const CsvCohort& c, PersonId id) {
  for (const auto& m : c.cohort.mentees)
    if (m.id == id) return &m;
  return nullptr;
}

TEST(CohortCsv, ValidFileRoundTripsIntoPeopleAndProfiles) {
  const std::string text = all_columns_header() + "\n" +
      row({{"id", "7"}, {"name", "Priya Raman"}, {"role", "mentor"}, {"department", "Finance"},
           {"title", "Head of Planning"}, {"career_start_year", "2006"}, {"external", "no"},
           {"manager_id", "9"}, {"former_manager_ids", "901; 902"},
           {"skills", "\"SQL:4; Pivot Tables:5\""}, {"timezone", "Europe/Paris"},
           {"media", "video;In person"}, {"capacity", "3"}}) + "\n" +
      row({{"id", "8"}, {"name", "Maya Patel"}, {"role", "MENTEE"}, {"department", "Sales"},
           {"career_start_year", "2023"}, {"external", "true"}, {"organisation", "Fernwood"},
           {"manager_id", "7"}, {"skills", "Excel:2"}, {"wanted_skills", "\"SQL; pivot tables;\""},
           {"aspired_roles", "Financial Analyst"}, {"aspired_departments", "Finance;Data"},
           {"media", "chat"}}) + "\n" +
      row({{"id", "9"}, {"name", "Kenji Watanabe"}, {"role", "both"}, {"skills", "Python:5"}}) + "\n";
  const CsvCohort c = parse_ok(text);
  ASSERT_EQ(c.people.size(), 3u);

  const CsvPerson& priya = c.people[0];
  EXPECT_EQ(priya.line, 2);
  EXPECT_TRUE(priya.mentor);
  EXPECT_FALSE(priya.mentee);
  EXPECT_EQ(priya.person.id, 7);
  EXPECT_EQ(priya.person.name, "Priya Raman");
  EXPECT_EQ(priya.person.department, "Finance");
  EXPECT_EQ(priya.person.title, "Head of Planning");
  EXPECT_EQ(priya.person.career_start_year, 2006);
  EXPECT_FALSE(priya.person.is_external);
  EXPECT_EQ(priya.person.manager_id, 9);
  EXPECT_EQ(priya.person.former_manager_ids, (std::vector<PersonId>{901, 902}));
  EXPECT_EQ(priya.person.skills, (std::vector<Skill>{{"SQL", 4}, {"Pivot Tables", 5}}));
  EXPECT_EQ(priya.person.timezone, "Europe/Paris");
  EXPECT_EQ(priya.person.media, (std::vector<Medium>{Medium::video, Medium::in_person}));
  EXPECT_EQ(priya.person.mentor_capacity, 3);

  const CsvPerson& maya = c.people[1];
  EXPECT_EQ(maya.line, 3);
  EXPECT_TRUE(maya.mentee);
  EXPECT_FALSE(maya.mentor);
  EXPECT_TRUE(maya.person.is_external);
  EXPECT_EQ(maya.person.organisation, "Fernwood");
  EXPECT_EQ(maya.person.aspirations.skills, (std::vector<std::string>{"SQL", "pivot tables"}));
  EXPECT_EQ(maya.person.aspirations.roles, (std::vector<std::string>{"Financial Analyst"}));
  EXPECT_EQ(maya.person.aspirations.departments, (std::vector<std::string>{"Finance", "Data"}));
  EXPECT_EQ(maya.person.timezone, "UTC");
  EXPECT_EQ(maya.person.mentor_capacity, 0);

  const CsvPerson& kenji = c.people[2];
  EXPECT_TRUE(kenji.mentee);
  EXPECT_TRUE(kenji.mentor);
  EXPECT_EQ(kenji.person.mentor_capacity, 1);  // the default for a mentor

  // Profiles, in file order, as profiles.hpp builds them.
  ASSERT_EQ(c.cohort.mentors.size(), 2u);
  ASSERT_EQ(c.cohort.mentees.size(), 2u);
  EXPECT_EQ(c.cohort.mentors[0].id, 7);
  EXPECT_EQ(c.cohort.mentors[1].id, 9);
  EXPECT_EQ(c.cohort.mentees[0].id, 8);
  EXPECT_EQ(c.cohort.mentees[1].id, 9);

  const MentorProfile& m = c.cohort.mentors[0];
  EXPECT_EQ(m.name, "Priya Raman");
  EXPECT_EQ(m.department_key, "finance");
  EXPECT_EQ(m.title_key, "head of planning");
  EXPECT_EQ(m.years, 20);
  EXPECT_EQ(m.skills, (std::vector<std::pair<std::string, int>>{{"pivot tables", 5}, {"sql", 4}}));
  EXPECT_EQ(m.skill_names, (std::vector<std::string>{"Pivot Tables", "SQL"}));
  EXPECT_EQ(m.media_mask, media_mask_of({Medium::video, Medium::in_person}));
  EXPECT_EQ(m.utc_offset_minutes, 60);  // Paris in winter
  EXPECT_EQ(m.capacity, 3);
  EXPECT_EQ(m.live_mentees, 0);
  EXPECT_EQ(m.manager_id, 9);

  const MenteeProfile& e = c.cohort.mentees[0];
  EXPECT_EQ(e.manager_id, 7);
  EXPECT_EQ(e.years, 3);
  EXPECT_EQ(e.department, "sales");
  EXPECT_EQ(e.wanted_skills, (std::vector<std::string>{"pivot tables", "sql"}));
  EXPECT_EQ(e.aspired_roles, (std::vector<std::string>{"financial analyst"}));
  EXPECT_EQ(e.aspired_departments, (std::vector<std::string>{"data", "finance"}));
  EXPECT_EQ(e.media_mask, media_mask_of({Medium::chat}));
  EXPECT_EQ(e.utc_offset_minutes, 0);

  EXPECT_EQ(c.cohort.mentees[1].id, 9);
  EXPECT_TRUE(c.cohort.pinned.empty());
  EXPECT_TRUE(c.cohort.forbidden.empty());
}

TEST(CohortCsv, ColumnsInAnyOrderAndCaseWithOptionalOnesLeftOut) {
  const CsvCohort c = parse_ok(" Role ,NAME,id\nmentee,Ann Lee,3\n");
  ASSERT_EQ(c.people.size(), 1u);
  EXPECT_EQ(c.people[0].person.id, 3);
  EXPECT_EQ(c.people[0].person.name, "Ann Lee");
  EXPECT_TRUE(c.people[0].mentee);
}

TEST(CohortCsv, ASpreadsheetsTitleAboveTheColumnNamesIsPassedOver) {
  const CsvCohort c = parse_ok("Autumn cohort;;\r\nprepared by HR;;\r\nid;name;role\r\n3;Ann Lee;mentee\r\n");
  ASSERT_EQ(c.people.size(), 1u);
  EXPECT_EQ(c.people[0].person.name, "Ann Lee");
  // No row names the columns: the problems of the row that came closest, on its line.
  const std::string error = parse_error("Autumn cohort\nid,name\n3,Ann Lee\n");
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;
  EXPECT_NE(error.find("role"), std::string::npos) << error;
}

TEST(CohortCsv, AWorkbookIsRefusedWithHowToSaveItAsCsv) {
  const std::string error = parse_error(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", 10));
  EXPECT_EQ(error.rfind("line 1: the file is an Excel 97-2003 workbook (.xls)", 0), 0u) << error;
}

TEST(CohortCsv, QuotedFields) {
  const CsvCohort c = parse_ok(
      "id,name,title,role,wanted_skills\n"
      "1,\"Chen, Wei\",\"Analyst, \"\"Pricing\"\"\",mentee,\"SQL\n"
      "pivot tables;Python\"\n"
      "\"2\",\"  Ana  \",,\"mentor\",\n"
      "3,Bo,,mentor,\n");
  ASSERT_EQ(c.people.size(), 3u);
  EXPECT_EQ(c.people[0].person.name, "Chen, Wei");
  EXPECT_EQ(c.people[0].person.title, "Analyst, \"Pricing\"");
  // A line break inside a list cell separates items, as in a spreadsheet cell of several lines.
  EXPECT_EQ(c.people[0].person.aspirations.skills, (std::vector<std::string>{"SQL", "pivot tables", "Python"}));
  EXPECT_EQ(c.people[1].person.name, "Ana");
  // Rows are counted by the line they start on, after a row of two lines.
  EXPECT_EQ(c.people[0].line, 2);
  EXPECT_EQ(c.people[1].line, 4);
  EXPECT_EQ(c.people[2].line, 5);

  // An empty quoted value is empty; the row's line counts the two lines of the row before it.
  EXPECT_EQ(parse_error("id,name,title,role,wanted_skills\n"
                        "1,\"Chen, Wei\",,mentee,\"SQL\n"
                        "Python\"\n"
                        "\"2\",\"\",\"\",\"mentor\",\"\"\n"),
            "line 4: name is required");
  // A line break where a single value is expected is refused with the row's first line.
  EXPECT_EQ(parse_error("id,name,role\n1,\"Ann\nLee\",mentee\n"), "line 2: name must be on one line");
}

TEST(CohortCsv, CrlfAndLoneCrEndLinesLikeLf) {
  const std::string lf =
      "id,name,role,skills\n1,Ann,mentor,\"SQL:5;\nExcel:3\"\n\n2,Bo,mentee,\n";
  std::string crlf, cr;
  for (char ch : lf) {
    crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    cr += ch == '\n' ? '\r' : ch;
  }
  const CsvCohort a = parse_ok(lf), b = parse_ok(crlf), d = parse_ok(cr);
  ASSERT_EQ(b.people.size(), 2u);
  ASSERT_EQ(d.people.size(), 2u);
  for (const CsvCohort* x : {&b, &d}) {
    EXPECT_EQ(x->people[0].person.skills, (std::vector<Skill>{{"SQL", 5}, {"Excel", 3}}));
    EXPECT_EQ(x->people[0].person.skills, a.people[0].person.skills);
    EXPECT_EQ(x->people[1].line, 5);
    EXPECT_EQ(x->people[1].person.name, "Bo");
  }
  // No final line break, with CRLF elsewhere.
  EXPECT_EQ(parse_ok("id,name,role\r\n1,Ann,mentee").people.size(), 1u);
}

TEST(CohortCsv, ByteOrderMarkIsIgnored) {
  const CsvCohort c = parse_ok("\xEF\xBB\xBFid,name,role\n1,Zoë Brandt,mentee\n");
  ASSERT_EQ(c.people.size(), 1u);
  EXPECT_EQ(c.people[0].person.id, 1);
  EXPECT_EQ(c.people[0].person.name, "Zoë Brandt");
}

TEST(CohortCsv, ExcelsSemicolonsAndWindows1252AreReadAsTheyAre) {
  const CsvCohort c = parse_ok("id;name;role;skills\r\n1;Zo\xEB Brandt;mentee;\"SQL:5; Excel:3\"\r\n2;\"Lima, In\xEA" "s\";mentor;\r\n");
  ASSERT_EQ(c.people.size(), 2u);
  EXPECT_EQ(c.people[0].person.name, "Zoë Brandt");
  EXPECT_EQ(c.people[0].person.skills, (std::vector<Skill>{{"SQL", 5}, {"Excel", 3}}));
  EXPECT_EQ(c.people[1].person.name, "Lima, Inês");
}

TEST(CohortCsv, BlankLinesAndEmptyRowsAreIgnoredButCounted) {
  const CsvCohort c = parse_ok("\n\nid,name,role\n\n1,Ann,mentee\n,,\n  ,\"\",\n2,Bo,mentor\n\n\n");
  ASSERT_EQ(c.people.size(), 2u);
  EXPECT_EQ(c.people[0].line, 5);
  EXPECT_EQ(c.people[1].line, 8);
  EXPECT_EQ(parse_error("\nid,name,role\n1,Ann,boss\n"), "line 3: role must be mentee, mentor, both or none, not \"boss\"");
}

struct BadValue {
  std::string column;
  std::string value;     // as written in the file
  std::string message;   // after "line 3: "
};

TEST(CohortCsv, EveryBadValueGivesTheLineAndTheColumn) {
  const std::string long_text(121, 'x');
  const std::vector<BadValue> cases = {
      {"id", "", "id is required"},
      {"id", "abc", "id must be a positive whole number, not \"abc\""},
      {"id", "0", "id must be a positive whole number, not \"0\""},
      {"id", "-4", "id must be a positive whole number, not \"-4\""},
      {"id", "4.0", "id must be a positive whole number"},
      {"id", "99999999999999999999", "id must be a positive whole number"},
      {"name", "", "name is required"},
      {"name", long_text, "name is too long (at most 120 bytes)"},
      {"name", "\"Ann\tLee\"", "name contains a control character"},
      {"role", "", "role is required (mentee, mentor, both or none)"},
      {"role", "coach", "role must be mentee, mentor, both or none, not \"coach\""},
      {"department", long_text, "department is too long"},
      {"title", long_text, "title is too long"},
      {"organisation", long_text, "organisation is too long"},
      {"career_start_year", "last year", "career_start_year must be a year between 1956 and 2026, not \"last year\""},
      {"career_start_year", "1900", "career_start_year must be a year between 1956 and 2026"},
      {"career_start_year", "2030", "career_start_year must be a year between 1956 and 2026"},
      {"external", "maybe", "external must be true, false, yes, no, 1 or 0, not \"maybe\""},
      {"manager_id", "boss", "manager_id must be a person's id (a positive whole number), not \"boss\""},
      {"manager_id", "2", "manager_id is the person's own id; nobody manages themselves"},
      {"former_manager_ids", "5;x", "former_manager_ids entry \"x\" is not a person's id"},
      {"former_manager_ids", "5; 6; 5", "former_manager_ids lists person 5 twice"},
      {"skills", "SQL", "skills entry \"SQL\" needs a level from 1 to 5, as in \"SQL:4\""},
      {"skills", "SQL:6", "skills level of \"SQL\" must be between 1 and 5, not \"6\""},
      {"skills", "SQL:0", "skills level of \"SQL\" must be between 1 and 5"},
      {"skills", "SQL:high", "skills level of \"SQL\" must be between 1 and 5, not \"high\""},
      {"skills", ":3", "skills entry \":3\" has no skill name before the colon"},
      {"skills", "SQL:3;sql:4", "skills lists \"sql\" twice"},
      {"wanted_skills", "SQL;" + long_text, "wanted_skills entry \"xxxx"},
      {"aspired_roles", long_text, "aspired_roles entry"},
      {"aspired_departments", long_text, "aspired_departments entry"},
      {"timezone", "Mars/Olympus", "timezone \"Mars/Olympus\" is not a known IANA timezone, such as Europe/Paris"},
      {"timezone", "Europe/Londn", "timezone \"Europe/Londn\" is not a known IANA timezone; did you mean Europe/London?"},
      {"timezone", "../../etc/passwd", "timezone \"../../etc/passwd\" is not a known IANA timezone"},
      {"media", "video;fax", "media \"fax\" is not one of video, in_person, phone, chat"},
      {"media", "video;Video", "media lists \"Video\" twice"},
      {"capacity", "21", "capacity must be between 0 and 20, not \"21\""},
      {"capacity", "-1", "capacity must be between 0 and 20"},
      {"capacity", "two", "capacity must be between 0 and 20"},
  };
  for (const BadValue& bad : cases) {
    std::map<std::string, std::string> values = {{"id", "2"}, {"name", "Bo"}, {"role", "both"}};
    values[bad.column] = bad.value;
    const std::string text = all_columns_header() + "\n" + row({{"id", "1"}, {"name", "Ann"}, {"role", "mentee"}}) +
                             "\n" + row(values) + "\n";
    const std::string message = parse_error(text);
    EXPECT_TRUE(starts_with(message, "line 3: " + bad.message))
        << bad.column << " = " << bad.value << ": " << message;
  }

  // Too many entries in a list.
  std::string many;
  for (int i = 0; i < 31; ++i) many += "skill " + std::to_string(i) + ";";
  EXPECT_EQ(parse_error("id,name,role,wanted_skills\n1,Ann,mentee," + many + "\n"),
            "line 2: wanted_skills has more than 30 entries");

  // Capacity belongs to mentors.
  EXPECT_EQ(parse_error("id,name,role,capacity\n1,Ann,mentee,2\n"),
            "line 2: capacity is for mentors, and this person's role is mentee");
}

TEST(CohortCsv, CapacityAndRolesDecideTheCohort) {
  const CsvCohort c = parse_ok(
      "id,name,role,capacity\n"
      "1,Ann,mentor,\n"     // default: one place
      "2,Bo,mentor,0\n"     // a mentor with no place stays a mentor
      "3,Cy,both,4\n"
      "4,Di,mentee,0\n"
      "5,Ed,mentee,\n");
  ASSERT_EQ(c.cohort.mentors.size(), 3u);
  EXPECT_EQ(mentor(c, 1)->capacity, 1);
  EXPECT_EQ(mentor(c, 2)->capacity, 0);
  EXPECT_EQ(mentor(c, 3)->capacity, 4);
  ASSERT_EQ(c.cohort.mentees.size(), 3u);
  EXPECT_NE(mentee(c, 3), nullptr);
  EXPECT_NE(mentee(c, 4), nullptr);
  EXPECT_NE(mentee(c, 5), nullptr);
  EXPECT_TRUE(c.people[1].mentor);
  EXPECT_EQ(c.people[3].person.mentor_capacity, 0);
}

TEST(CohortCsv, Issue16UnknownManagerIsRefused) {
  EXPECT_EQ(parse_error("id,name,role,manager_id\n1,Ann,mentee,4242\n2,Bo,mentor,\n"),
            "line 2: manager_id 4242 is not the id of anyone in the file; add the manager as a row (role none if "
            "they take no part) or leave manager_id empty");
}

TEST(CohortCsv, ManagerWhoTakesNoPartIsListedWithRoleNone) {
  const CsvCohort c = parse_ok("id,name,role,manager_id,former_manager_ids\n1,Ann,mentee,3,4243;4244\n"
                               "2,Bo,mentor,3,\n3,Cy,none,,\n");
  ASSERT_EQ(c.people.size(), 3u);
  EXPECT_FALSE(c.people[2].mentee);
  EXPECT_FALSE(c.people[2].mentor);
  EXPECT_EQ(c.people[2].person.mentor_capacity, 0);
  ASSERT_EQ(c.cohort.mentees.size(), 1u);
  ASSERT_EQ(c.cohort.mentors.size(), 1u);
  EXPECT_EQ(c.cohort.mentees[0].manager_id, 3);
  // Former managers may be people outside the file: they only add a factor when they mentor.
  EXPECT_EQ(c.cohort.mentees[0].former_manager_ids, (std::vector<PersonId>{4243, 4244}));
  EXPECT_EQ(parse_error("id,name,role,capacity\n1,Ann,none,2\n"),
            "line 2: capacity is for mentors, and this person's role is none");
}

TEST(CohortCsv, Issue16ManagerCycleIsRefusedNamingItsLines) {
  EXPECT_EQ(parse_error("id,name,role,manager_id\n1,Ann,mentee,2\n\n2,Bo,mentor,1\n3,Cy,mentee,1\n"),
            "line 2: manager_id makes a circle of managers: 1 (line 2) is managed by 2 (line 4), who is managed by "
            "1 (line 2)");
  // Named from its row earliest in the file, whichever row the walk met first.
  EXPECT_EQ(parse_error("id,name,role,manager_id\n9,Di,mentee,7\n7,Ed,mentor,8\n8,Flo,mentor,6\n6,Gus,both,7\n"),
            "line 3: manager_id makes a circle of managers: 7 (line 3) is managed by 8 (line 4), who is managed by "
            "6 (line 5), who is managed by 7 (line 3)");
}

TEST(CohortCsv, Issue16EveryBadRowIsReportedAtOnceInLineOrder) {
  const std::string text =
      "id,name,role,manager_id\n"
      "1,Ann,mentee,77\n"         // 2: unknown manager (found after the file is read)
      "2,,mentor,\n"              // 3: no name
      "3,Cy \"C\" Lee,mentee,\n"  // 4: a stray quote; reading goes on with the next line
      "4,Di,mentee\n"             // 5: a field short
      "5,Ed,boss,\n"              // 6: no such role
      "1,Flo,mentee,\n"           // 7: id 1 again
      "6,Gus,mentee,2\n"          // 8: fine: 2 is in the file even though its row is refused
      "7,\"Hal\nBerg\",mentee,\n"  // 9: a line break in a name
      "8,Ivy,mentor,9\n"          // 11: a circle with the next row
      "9,Jo,mentor,8\n";
  const CsvRead read = read_cohort_csv(text, kNow);
  EXPECT_TRUE(read.cohort.people.empty());
  EXPECT_TRUE(read.cohort.cohort.mentees.empty());
  EXPECT_EQ(read.more_problems, 0u);
  std::vector<std::string> lines;
  for (const csv::Problem& p : read.problems) lines.push_back(csv::to_string(p));
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "line 2: manager_id 77 is not the id of anyone in the file; add the manager as a row (role "
                       "none if they take no part) or leave manager_id empty",
                       "line 3: name is required",
                       "line 4: a quote inside the unquoted value of name; put the whole value in quotes and write "
                       "the quote twice (\"\")",
                       "line 5: the row has 3 fields, the header has 4 columns",
                       "line 6: role must be mentee, mentor, both or none, not \"boss\"",
                       "line 7: person 1 appears again (first on line 2)",
                       "line 9: name must be on one line",
                       "line 11: manager_id makes a circle of managers: 8 (line 11) is managed by 9 (line 12), who is "
                       "managed by 8 (line 11)",
                   }));

  // As one error: one problem per line of the message.
  std::string joined;
  for (const auto& l : lines) joined += (joined.empty() ? "" : "\n") + l;
  EXPECT_EQ(parse_error(text), joined);
}

TEST(CohortCsv, ProblemsAreListedUpToAHundredAndTheRestCounted) {
  std::string text = "id,name,role\n";
  for (int i = 1; i <= 150; ++i) text += std::to_string(i) + ",Ann,boss\n";
  const CsvRead read = read_cohort_csv(text, kNow);
  ASSERT_EQ(read.problems.size(), kMaxCsvProblems);
  EXPECT_EQ(read.problems.front().line, 2);
  EXPECT_EQ(read.problems.back().line, 101);
  EXPECT_EQ(read.more_problems, 50u);
  const std::string message = parse_error(text);
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 100);
  EXPECT_TRUE(message.ends_with("\nline 101: role must be mentee, mentor, both or none, not \"boss\"\nand 50 more problems"))
      << message.substr(message.size() - 200);
}

TEST(CohortCsv, Issue16QuotedLineBreaksCrlfAndByteOrderMarkInOneFile) {
  const CsvCohort c = parse_ok(
      "\xEF\xBB\xBFid,name,role,wanted_skills,skills\r\n"
      "1,\"Chen, Wei\",mentee,\"SQL\r\npivot tables\r\nPython\",\r\n"
      "2,Ann,mentor,,\"SQL:5\r\nPython:4\"\r\n");
  ASSERT_EQ(c.people.size(), 2u);
  EXPECT_EQ(c.people[0].person.name, "Chen, Wei");
  EXPECT_EQ(c.people[0].person.aspirations.skills, (std::vector<std::string>{"SQL", "pivot tables", "Python"}));
  EXPECT_EQ(c.people[1].line, 5);
  EXPECT_EQ(c.people[1].person.skills, (std::vector<Skill>{{"SQL", 5}, {"Python", 4}}));
}

TEST(CohortCsv, ColumnNamesMayBeWrittenAsPeopleWriteThem) {
  const CsvCohort c = parse_ok(
      "ID,Name,Role,Career Start Year,Organization,Manager,Time Zone\n"
      "1,Ann,mentee,2020,Fernwood,2,Europe/Paris\n2,Bo,mentor,2001,,,\n");
  ASSERT_EQ(c.people.size(), 2u);
  EXPECT_EQ(c.people[0].person.career_start_year, 2020);
  EXPECT_EQ(c.people[0].person.organisation, "Fernwood");
  EXPECT_EQ(c.people[0].person.manager_id, 2);
  EXPECT_EQ(c.people[0].person.timezone, "Europe/Paris");
  EXPECT_EQ(parse_error("id,name,role,manager,manager_id\n"),
            "line 1: column \"manager_id\" and column \"manager\" both give manager_id");
}

TEST(CohortCsv, DuplicateIdsGiveBothLines) {
  EXPECT_EQ(parse_error("id,name,role\n7,Ann,mentee\n42,Bo,mentor\n\n8,Cy,mentee\n9,Di,mentee\n"
                        "10,Ed,mentee\n11,Flo,mentee\n042,Gus,mentee\n"),
            "line 9: person 42 appears again (first on line 3)");
}

TEST(CohortCsv, HeaderProblemsAreNamed) {
  EXPECT_EQ(parse_error("id,name,role,skils\n"),
            "line 1: unknown column \"skils\" (the columns are id, name, role, department, title, organisation, "
            "career_start_year, external, manager_id, former_manager_ids, skills, wanted_skills, aspired_roles, "
            "aspired_departments, timezone, media, capacity)");
  EXPECT_EQ(parse_error("id,name,role,Name\n"), "line 1: column \"Name\" appears twice");
  EXPECT_EQ(parse_error("id,name,,role\n"), "line 1: column 3 of the header has no name");
  EXPECT_EQ(parse_error("\n\nid|name|role\n"), "line 3: unknown column \"id|name|role\" (the columns are id, name, role, "
                                               "department, title, organisation, career_start_year, external, "
                                               "manager_id, former_manager_ids, skills, wanted_skills, "
                                               "aspired_roles, aspired_departments, timezone, media, capacity)\n"
                                               "line 3: the required column \"id\" is missing\n"
                                               "line 3: the required column \"name\" is missing\n"
                                               "line 3: the required column \"role\" is missing");
}

TEST(CohortCsv, MissingRequiredColumn) {
  EXPECT_EQ(parse_error("name,role\nAnn,mentee\n"), "line 1: the required column \"id\" is missing");
  EXPECT_EQ(parse_error("id,role\n1,mentee\n"), "line 1: the required column \"name\" is missing");
  EXPECT_EQ(parse_error("id,name,department\n1,Ann,Sales\n"), "line 1: the required column \"role\" is missing");
}

TEST(CohortCsv, EmptyFileIsRefused) {
  for (std::string_view text : {std::string_view(""), std::string_view("\xEF\xBB\xBF"), std::string_view("\n\r\n\n"),
                                std::string_view(",,,\n")}) {
    const std::string message = parse_error(text);
    EXPECT_TRUE(starts_with(message, "line 1: the file is empty; its first row must name the columns")) << message;
  }
}

TEST(CohortCsv, HeaderOnlyIsACohortOfNobody) {
  for (std::string_view text : {std::string_view("id,name,role"), std::string_view("id,name,role\r\n\r\n")}) {
    auto r = parse_cohort_csv(text, kNow);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_TRUE(r->people.empty());
    EXPECT_TRUE(r->cohort.mentees.empty());
    EXPECT_TRUE(r->cohort.mentors.empty());
  }
}

TEST(CohortCsv, MalformedCsvIsRefusedWithTheLine) {
  EXPECT_EQ(parse_error("id,name,role\n1,Ann,mentee\n2,\"Bo,mentor\n3,Cy,mentee\n"),
            "line 3: the quoted value of name that starts on this line is never closed");
  EXPECT_EQ(parse_error("id,name,role\n1,\"Ann\" Lee,mentee\n"),
            "line 2: unexpected text after the closing quote of name; a quote inside a quoted value is written "
            "twice (\"\")");
  EXPECT_EQ(parse_error("id,name,role\n1,Ann \"Annie\" Lee,mentee\n"),
            "line 2: a quote inside the unquoted value of name; put the whole value in quotes and write the quote "
            "twice (\"\")");
  EXPECT_EQ(parse_error("id,name,role\n1,Lee, Ann,mentee\n"),
            "line 2: the row has 4 fields, the header has 3 columns (a value holding a comma must be in quotes)");
  EXPECT_EQ(parse_error("id,name,role\n1,Ann\n"), "line 2: the row has 2 fields, the header has 3 columns");
}

TEST(CohortCsv, EachProblemNamesItsColumnAndValueWhenOneValueIsAtFault) {
  const CsvRead read = read_cohort_csv(
      "id,name,role,manager_id\n1,Ann,boss,\n2,Bo,mentee,9\n3,\"Cy,mentee\n", kNow);
  ASSERT_EQ(read.problems.size(), 3u);
  EXPECT_EQ(read.problems[0].line, 2);
  EXPECT_EQ(read.problems[0].column, "role");
  EXPECT_EQ(read.problems[0].value, "boss");
  EXPECT_EQ(read.problems[0].reason, "must be mentee, mentor, both or none, not \"boss\"");
  EXPECT_EQ(read.problems[0].message, "role must be mentee, mentor, both or none, not \"boss\"");
  EXPECT_EQ(read.problems[1].column, "manager_id");
  EXPECT_EQ(read.problems[1].value, "9");
  EXPECT_EQ(read.problems[2].line, 4);
  EXPECT_EQ(read.problems[2].column, "name");
  EXPECT_EQ(read.problems[2].reason, "");  // the message is the reason
}

TEST(CohortCsv, AProblemOfTheWholeRowNamesNoColumn) {
  const CsvRead read = read_cohort_csv("id,name,role\n1,Ann\n", kNow);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].column, "");
  EXPECT_EQ(read.problems[0].value, "");
}

TEST(CohortCsv, LimitsOnFieldsAndRows) {
  // A field of exactly the limit is fine (spaces around a value are dropped), one byte more is not.
  const std::string at_limit = "SQL:3" + std::string(10'000 - 5, ' ');
  EXPECT_EQ(parse_ok("id,name,role,skills\n1,Ann,mentor," + at_limit + "\n").people.at(0).person.skills.size(), 1u);
  EXPECT_EQ(parse_error("id,name,role,skills\n1,Ann,mentor," + at_limit + " \n"),
            "line 2: skills is longer than 10000 bytes");
  EXPECT_EQ(parse_error("id,name,role,skills\n1,Ann,mentor,\"" + at_limit + " \"\n"),
            "line 2: skills is longer than 10000 bytes");
  EXPECT_EQ(parse_error("id,name,role,skills\n1,Ann,mentor,\"" + at_limit + "\n\"\n"),
            "line 2: skills is longer than 10000 bytes");
  EXPECT_EQ(parse_error(std::string(10'001, 'x') + "\n"), "line 1: column 1 is longer than 10000 bytes");

  const std::string three = "id,name,role\n1,Ann,mentee\n\n2,Bo,mentee\n3,Cy,mentee\n";
  EXPECT_EQ(parse_cohort_csv(three, kNow, CsvLimits{3, 100})->people.size(), 3u);
  EXPECT_EQ(parse_error(three + "4,Di,mentee\n", CsvLimits{3, 100}),
            "line 6: the file has more than 3 rows of people; split it into smaller cohorts");
  EXPECT_EQ(parse_error("id,name,role\n1,Ann,mentee\n2,Bob Bobson,mentee\n", CsvLimits{10, 6}),
            "line 3: name is longer than 6 bytes");

  // A header of endless commas is refused without reading it all into memory.
  EXPECT_EQ(parse_error("id" + std::string(5000, ',')),
            "line 1: the header has 5001 columns, more than the 1000 a file may have");
}

TEST(CohortCsv, SmallFileMatchedEndToEnd) {
  const CsvCohort c = parse_ok(
      "id,name,role,department,skills,wanted_skills,manager_id,capacity\n"
      "1,Sam Ortiz,mentor,Finance,\"SQL:5; Excel:4\",,,1\n"
      "2,Pia Lund,mentor,Engineering,Python:5,,,1\n"
      "3,Rui Costa,mentor,Data,SQL:5,,,0\n"  // the other SQL expert, with no place
      "10,Maya Patel,mentee,Sales,,SQL,,\n"
      "11,Lucas Fernandes,mentee,Sales,,Python,,\n"
      "12,Wei Chen,mentee,Finance,,SQL,1,\n");  // managed by the SQL expert
  auto r = match_cohort(c.cohort);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  const CohortMatch& m = *r;
  ASSERT_EQ(m.pairs.size(), 2u);
  EXPECT_EQ(m.pairs[0].mentee_id, 10);
  EXPECT_EQ(m.pairs[0].mentor_id, 1);  // wants SQL: the SQL expert with a place
  EXPECT_EQ(m.pairs[1].mentee_id, 11);
  EXPECT_EQ(m.pairs[1].mentor_id, 2);  // wants Python: the Python expert
  const auto& factors = m.pairs[0].explanation.factors;
  EXPECT_TRUE(std::any_of(factors.begin(), factors.end(), [](const Factor& f) { return f.name == "skill_match"; }));
  ASSERT_EQ(m.unmatched.size(), 1u);
  EXPECT_EQ(m.unmatched[0].mentee_id, 12);  // never the current manager; the one free place goes further
  EXPECT_EQ(m.unmatched[0].reason, Unmatched::mentors_full);
}

TEST(CohortCsv, ExampleFileParses) {
  const auto path = std::filesystem::path(__FILE__).parent_path() / "../../docs/examples/cohort.csv";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path;
  std::stringstream text;
  text << in.rdbuf();
  const CsvCohort c = parse_ok(text.str());
  EXPECT_EQ(c.people.size(), 19u);  // 12 in the cohort and 7 of their managers
  EXPECT_FALSE(c.cohort.mentors.empty());
  EXPECT_FALSE(c.cohort.mentees.empty());
  auto r = match_cohort(c.cohort);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_FALSE(r->pairs.empty());
}

TEST(CohortCsv, ArbitraryBytesGiveACohortOrProblemsNeverACrash) {
  std::mt19937 random(16);
  static constexpr char kBytes[] = "\",;:\r\n 0123abc\xC3\xA9\xFF";
  const std::string alphabet(kBytes, sizeof kBytes - 1);
  for (int round = 0; round < 500; ++round) {
    std::string text = "id,name,role,manager_id,skills,capacity\n";
    for (std::size_t n = random() % 80; n > 0; --n) text += alphabet[random() % alphabet.size()];
    const CsvRead read = read_cohort_csv(text, kNow, CsvLimits{20, 16});
    EXPECT_LE(read.problems.size(), kMaxCsvProblems);
    if (!read.problems.empty()) {
      EXPECT_TRUE(read.cohort.people.empty());
    }
  }
}

TEST(CohortCsv, FormatDescribesEveryColumn) {
  const std::string format = cohort_csv_format();
  for (const auto& column : kAllColumns) EXPECT_NE(format.find(column), std::string::npos) << column;
}

}  // namespace
}  // namespace mh::matching
