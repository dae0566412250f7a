// The program report (services/reports.hpp): administrators and the command line read it, no
// manager or participant does; a period must be months in order; the figures are counts and
// states, never names or content; a group of fewer than five people is hidden, with one more
// when the total would give it away; and the CSV says the same.
#include "services/reports.hpp"

#include <sstream>

#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

std::vector<std::vector<std::string>> rows_of(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream cols(line);
    while (std::getline(cols, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(std::move(cells));
  }
  return rows;
}

class ReportsTest : public AdminServicesTest {
 protected:
  static ReportQuery period(const std::string& from, const std::string& to,
                            storage::ReportGrouping grouping = storage::ReportGrouping::none) {
    ReportQuery q;
    q.from = from;
    q.to = to;
    q.grouping = grouping;
    return q;
  }
  Result<report::Report> report_for(const Person* who, const ReportQuery& q, TimePoint now = kMonday + days(1)) {
    return store_->read_value<report::Report>([&](sql::Connection& db) { return program_report(db, who, q, now); });
  }

  Person in_department(const std::string& name, const std::string& email, const std::string& department,
                       int capacity = 0) {
    Person p = person(name, email, capacity);
    p.department = department;
    save(p);
    return p;
  }
  void pair(const Person& mentee, const Person& mentor) {
    auto asked = request_from(mentee, ask(mentee, mentor));
    ASSERT_TRUE(asked.result) << asked.result.error().message;
    ASSERT_TRUE(run<Relationship>(kMonday, [&](UseCase& uc) { return accept_request(uc, mentor, asked.result->id); })
                    .result);
  }
  // Three mentors; four mentees in Finance, three in Sales and one in Legal, each paired.
  void program() {
    const Person a = in_department("Alma Mentor", "alma@example.com", "Engineering", 3);
    const Person b = in_department("Ben Mentor", "ben@example.com", "Engineering", 3);
    const Person c = in_department("Cleo Mentor", "cleo@example.com", "Engineering", 3);
    pair(in_department("Fay One", "f1@example.com", "Finance"), a);
    pair(in_department("Fay Two", "f2@example.com", "Finance"), b);
    pair(in_department("Fay Three", "f3@example.com", "Finance"), c);
    pair(in_department("Fay Four", "f4@example.com", "Finance"), a);
    pair(in_department("Sol One", "s1@example.com", "Sales"), b);
    pair(in_department("Sol Two", "s2@example.com", "Sales"), c);
    pair(in_department("Sol Three", "s3@example.com", "Sales"), a);
    pair(in_department("Lee Legal", "l1@example.com", "Legal"), b);
  }
};

TEST_F(ReportsTest, OnlyAdministratorsAndTheCommandLineReadTheReport) {
  const ReportQuery q = period("2026-11", "2026-11");
  for (const Person* who : {&mentee_, &mentor_, &manager_, &stranger_})
    EXPECT_EQ(code_of(report_for(who, q)), "forbidden") << who->name;
  EXPECT_TRUE(report_for(&admin_, q));
  EXPECT_TRUE(report_for(nullptr, q)) << "the command line's operator";
}

TEST_F(ReportsTest, APeriodMustBeMonthsInOrderOverAtMostTenYears) {
  for (const std::string from : {"", "2026-13", "Nov 2026", "2026-11-01"}) {
    auto r = report_for(&admin_, period(from, "2026-11"));
    EXPECT_EQ(code_of(r), "invalid") << from;
    EXPECT_EQ(field_of(r), "from") << from;
  }
  EXPECT_EQ(field_of(report_for(&admin_, period("2026-11", "2026-00"))), "to");
  EXPECT_EQ(field_of(report_for(&admin_, period("2026-11", "2026-10"))), "to") << "backwards";
  EXPECT_EQ(field_of(report_for(&admin_, period("2016-11", "2026-11"))), "to") << "121 months";
  auto ten_years = report_for(&admin_, period("2016-12", "2026-11"));
  ASSERT_TRUE(ten_years) << ten_years.error().message;
  EXPECT_EQ(ten_years->months.size(), 120u);
}

TEST_F(ReportsTest, TheDefaultPeriodIsTheTwelveMonthsUpToNow) {
  const ReportQuery q = last_twelve_months(kMonday);
  EXPECT_EQ(q.from, "2025-12");
  EXPECT_EQ(q.to, "2026-11");
  EXPECT_EQ(last_twelve_months(at("2027-01-31T23:59:59Z")).from, "2026-02");
}

TEST_F(ReportsTest, ASmallProgramHidesEvenItsTotal) {
  (void)accepted();
  auto r = report_for(&admin_, period("2026-11", "2026-11"));
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->total.suppressed);
  EXPECT_EQ(r->total.suppressed_because, "fewer than 5 people");
  EXPECT_EQ(r->total.figures.relationships, 0) << "a hidden group's figures are empty";
  EXPECT_TRUE(r->circles.suppressed);
  EXPECT_TRUE(r->flash.suppressed);
}

TEST_F(ReportsTest, TheTotalCountsPeopleRelationshipsAndTheirStates) {
  program();
  auto r = report_for(&admin_, period("2026-11", "2026-11"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->total.name, "All");
  EXPECT_FALSE(r->total.suppressed);
  const report::Figures& f = r->total.figures;
  EXPECT_EQ(f.people, 11);
  EXPECT_EQ(f.relationships, 8);
  EXPECT_EQ(f.accepted, 8);
  EXPECT_EQ(f.by_state.at("starting"), 8);
  EXPECT_EQ(f.purpose_agreed, 0);
  EXPECT_TRUE(r->groups.empty()) << "no grouping asked for";
}

TEST_F(ReportsTest, WithoutAGroupingTheCsvHasTheTotalAlone) {
  program();
  auto r = report_for(&admin_, period("2026-11", "2026-11"));
  ASSERT_TRUE(r);
  const auto rows = rows_of(report_csv(*r));
  ASSERT_EQ(rows.size(), 2u) << "the header and All, no nameless copy of the total";
  EXPECT_EQ(rows[1][0], "All");
}

TEST_F(ReportsTest, APeriodBeforeAnyRelationshipCountsNone) {
  program();
  auto r = report_for(&admin_, period("2026-01", "2026-10"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->months.size(), 10u);
  EXPECT_TRUE(r->total.suppressed);
  EXPECT_EQ(r->total.figures.people, 0);
}

TEST_F(ReportsTest, SmallDepartmentsAreHiddenWithTheNextSmallestSoTheTotalGivesNothingAway) {
  program();
  auto r = report_for(&admin_, period("2026-11", "2026-11", storage::ReportGrouping::department));
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->groups.size(), 3u);
  const report::Group& finance = r->groups[0];
  const report::Group& legal = r->groups[1];
  const report::Group& sales = r->groups[2];
  EXPECT_EQ(finance.name, "Finance");
  EXPECT_EQ(legal.name, "Legal");
  EXPECT_EQ(sales.name, "Sales");

  EXPECT_FALSE(finance.suppressed);
  EXPECT_EQ(finance.figures.people, 7);
  EXPECT_EQ(finance.figures.relationships, 4);

  EXPECT_TRUE(legal.suppressed);
  EXPECT_EQ(legal.suppressed_because, "fewer than 5 people");
  EXPECT_EQ(legal.figures.relationships, 0);

  EXPECT_TRUE(sales.suppressed) << "Legal alone would be the total minus Finance and Sales";
  EXPECT_NE(sales.suppressed_because.find("cannot be worked out from the total"), std::string::npos);
  EXPECT_EQ(sales.figures.people, 0);
  EXPECT_EQ(r->total.figures.relationships, 8);
}

TEST_F(ReportsTest, TheCsvSaysWhatTheFiguresSayAndNamesNobody) {
  program();
  auto r = report_for(&admin_, period("2026-11", "2026-11", storage::ReportGrouping::department));
  ASSERT_TRUE(r);
  const std::string csv = report_csv(*r);
  const auto rows = rows_of(csv);
  ASSERT_EQ(rows.size(), 5u);  // the header, All, and the three departments
  const auto& header = rows[0];
  ASSERT_GE(header.size(), 4u);
  EXPECT_EQ(header[0], "group");
  EXPECT_EQ(header[1], "suppressed");
  EXPECT_EQ(header[2], "people");
  EXPECT_EQ(header[3], "relationships");
  EXPECT_EQ(header.back(), "flash_people");
  for (const auto& row : rows) EXPECT_EQ(row.size(), header.size());

  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  EXPECT_EQ(rows[1][0], "All");
  EXPECT_EQ(rows[1][column("people")], "11");
  EXPECT_EQ(rows[1][column("relationships")], "8");
  EXPECT_EQ(rows[1][column("now_starting")], "8");
  EXPECT_EQ(rows[1][column("accepted")], "8");
  EXPECT_EQ(rows[1][column("circle_sessions_held")], "hidden") << "fewer than 5 people in circles";
  EXPECT_EQ(rows[1][column("flash_sessions")], "hidden");

  EXPECT_EQ(rows[2][0], "Finance");
  EXPECT_EQ(rows[2][1], "false");
  EXPECT_EQ(rows[2][column("relationships")], "4");
  EXPECT_EQ(rows[2][column("circle_sessions_held")], "") << "the formats are counted on the All row alone";
  for (std::size_t i : {3u, 4u}) {
    EXPECT_EQ(rows[i][1], "true") << rows[i][0];
    EXPECT_EQ(rows[i][column("people")], "") << rows[i][0];
    EXPECT_EQ(rows[i][column("relationships")], "") << rows[i][0];
  }
  for (const char* personal : {"Fay", "Lee", "Alma", "@example.com", "product management"})
    EXPECT_EQ(csv.find(personal), std::string::npos) << personal;
}

}  // namespace
}  // namespace mh::services
