// The program report's figures on a small hand-worked fixture, and small groups kept hidden,
// also from subtraction.
#include "domain/program_report.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace mh::report {
namespace {

using mh::testing::at;

// A relationship of `mentee` and `mentor` requested at `requested`, moving through `changes`.
RelationshipFacts rel(RelationshipId id, PersonId mentee, PersonId mentor, std::string group, const char* requested,
                      std::vector<std::pair<const char*, RelState>> changes = {}) {
  RelationshipFacts f;
  f.id = id;
  f.mentee_id = mentee;
  f.mentor_id = mentor;
  f.group = std::move(group);
  f.requested_at = at(requested);
  for (const auto& [when, to] : changes) f.changes.emplace_back(at(when), to);
  return f;
}

std::vector<Month> months(const char* from, const char* to, TimePoint* end) {
  auto m = months_between(from, to);
  EXPECT_TRUE(m);
  *end = m->second;
  return m->first;
}

TEST(ProgramReport, MonthsAreCalendarMonthsInUtcAndBadRangesAreRefused) {
  auto m = months_between("2026-11", "2027-02");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->first.size(), 4u);
  EXPECT_EQ(m->first[1].name, "2026-12");
  EXPECT_EQ(m->first[2].starts, at("2027-01-01T00:00:00Z"));
  EXPECT_EQ(m->second, at("2027-03-01T00:00:00Z"));
  EXPECT_FALSE(months_between("2027-02", "2026-11"));
  EXPECT_FALSE(months_between("2026-13", "2027-01"));
  EXPECT_FALSE(months_between("2026-1", "2027-01"));
  EXPECT_FALSE(months_between("2026-01x", "2027-01"));
  EXPECT_FALSE(months_between("2000-01", "2020-01"));  // over ten years
  EXPECT_EQ(month_of(at("2026-02-28T23:59:59Z")), "2026-02");
}

TEST(ProgramReport, FiguresMatchAHandWorkedProgram) {
  // Three pairs in Sales (six people), in February and March 2026.
  std::vector<RelationshipFacts> facts;
  // 1: accepted 2 Feb, met 5 Feb and 19 Feb, faded 20 Mar, recovered 25 Mar; 4 tasks, 3 done.
  facts.push_back(rel(1, 10, 20, "Sales", "2026-02-01T10:00:00Z",
                      {{"2026-02-02T10:00:00Z", RelState::accepted},
                       {"2026-02-03T10:00:00Z", RelState::starting},
                       {"2026-02-10T10:00:00Z", RelState::active},
                       {"2026-03-20T10:00:00Z", RelState::fading},
                       {"2026-03-25T10:00:00Z", RelState::active}}));
  facts.back().purpose_agreed = true;
  facts.back().meetings_held = {at("2026-02-05T10:00:00Z"), at("2026-02-19T10:00:00Z")};
  facts.back().tasks = 4;
  facts.back().tasks_done = 3;
  // 2: accepted 10 Feb, first met 20 Feb, concluded 30 Mar: 3 objectives, 2 achieved; rated 4 and 5.
  facts.push_back(rel(2, 11, 21, "Sales", "2026-02-09T10:00:00Z",
                      {{"2026-02-10T10:00:00Z", RelState::accepted},
                       {"2026-02-11T10:00:00Z", RelState::active},
                       {"2026-03-29T10:00:00Z", RelState::concluding},
                       {"2026-03-30T10:00:00Z", RelState::concluded}}));
  facts.back().purpose_agreed = true;
  facts.back().meetings_held = {at("2026-03-01T10:00:00Z"), at("2026-02-20T10:00:00Z")};
  facts.back().objectives_rated = 3;
  facts.back().objectives_achieved = 2;
  facts.back().ratings = {4, 5};
  facts.back().tasks = 1;
  // 3: requested 1 Mar and still waiting.
  facts.push_back(rel(3, 12, 22, "Sales", "2026-03-01T10:00:00Z"));
  // Declined in January: before the period, so not counted.
  facts.push_back(rel(4, 13, 23, "Sales", "2026-01-05T10:00:00Z", {{"2026-01-06T10:00:00Z", RelState::declined}}));

  TimePoint end;
  const auto ms = months("2026-02", "2026-03", &end);
  const Report r = build_report(facts, ms, end);
  const Figures& f = r.total.figures;
  EXPECT_FALSE(r.total.suppressed);
  EXPECT_EQ(f.people, 6);
  EXPECT_EQ(f.relationships, 3);
  EXPECT_EQ(f.by_state, (std::map<std::string, int>{{"active", 1}, {"concluded", 1}, {"requested", 1}}));
  ASSERT_EQ(f.by_month.size(), 2u);
  EXPECT_EQ(f.by_month[0], (std::map<std::string, int>{{"active", 2}}));  // end of February
  EXPECT_EQ(f.by_month[1], (std::map<std::string, int>{{"active", 1}, {"concluded", 1}, {"requested", 1}}));
  EXPECT_EQ(f.meetings_by_month, (std::vector<int>{3, 1}));
  EXPECT_EQ(f.accepted, 2);
  EXPECT_EQ(f.purpose_agreed, 2);
  EXPECT_EQ(f.first_meetings, 2);
  ASSERT_TRUE(f.median_days_to_first_meeting);
  EXPECT_DOUBLE_EQ(*f.median_days_to_first_meeting, (3.0 + 10.0) / 2);  // 3 days and 10 days
  EXPECT_EQ(f.tasks, 5);
  EXPECT_EQ(f.tasks_done, 3);
  EXPECT_EQ(f.faded, 1);
  EXPECT_EQ(f.recovered, 1);
  EXPECT_EQ(f.concluded, 1);
  EXPECT_EQ(f.objectives_rated, 3);
  EXPECT_EQ(f.objectives_achieved, 2);
  EXPECT_EQ(f.ratings, 2);
  EXPECT_DOUBLE_EQ(*f.average_rating, 4.5);
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_EQ(r.groups[0].name, "Sales");
  EXPECT_EQ(r.groups[0].figures.people, 6);
}

TEST(ProgramReport, ASmallGroupIsHiddenAndSoIsTheNextSmallestSoNoSubtractionRevealsIt) {
  std::vector<RelationshipFacts> facts;
  RelationshipId id = 0;
  PersonId person = 100;
  auto pairs = [&](const std::string& group, int n) {
    for (int i = 0; i < n; ++i) {
      facts.push_back(rel(++id, person, person + 1, group, "2026-02-01T10:00:00Z"));
      person += 2;
    }
  };
  pairs("Engineering", 5);  // 10 people
  pairs("Finance", 3);      // 6 people
  pairs("Legal", 1);        // 2 people: hidden, so Finance is hidden too
  TimePoint end;
  const auto ms = months("2026-02", "2026-02", &end);
  Report r = build_report(facts, ms, end);
  ASSERT_EQ(r.groups.size(), 3u);
  EXPECT_EQ(r.total.figures.people, 18);
  EXPECT_FALSE(r.groups[0].suppressed);
  EXPECT_TRUE(r.groups[1].suppressed);
  EXPECT_NE(r.groups[1].suppressed_because.find("worked out"), std::string::npos);
  EXPECT_EQ(r.groups[1].figures.relationships, 0);
  EXPECT_TRUE(r.groups[2].suppressed);
  EXPECT_EQ(r.groups[2].suppressed_because, "fewer than 5 people");

  // Two small groups that are 5 people together hide nothing else.
  facts.clear();
  pairs("Engineering", 5);
  facts.push_back(rel(++id, 900, 901, "Legal", "2026-02-01T10:00:00Z"));
  facts.push_back(rel(++id, 902, 903, "Tax", "2026-02-01T10:00:00Z"));
  facts.push_back(rel(++id, 904, 903, "Tax", "2026-02-01T10:00:00Z"));
  r = build_report(facts, ms, end);
  EXPECT_FALSE(r.groups[0].suppressed);
  EXPECT_TRUE(r.groups[1].suppressed && r.groups[2].suppressed);

  // Fewer than 5 people in all: the total is hidden too.
  facts.clear();
  pairs("Engineering", 2);
  r = build_report(facts, ms, end);
  EXPECT_TRUE(r.total.suppressed);
  EXPECT_EQ(r.total.figures.relationships, 0);
  EXPECT_TRUE(r.groups[0].suppressed);
}

TEST(ProgramReport, CircleAndFlashSessionsAreCountedInTheirMonthsAndHiddenWhenFewTookPart) {
  TimePoint end;
  const auto ms = months("2026-02", "2026-03", &end);
  std::vector<SessionFacts> circle;
  // A circle of a host and four members: three sessions in the period, one before it.
  auto session = [&](const char* when, bool held, int present, int recorded) {
    SessionFacts s;
    s.starts_at = at(when);
    s.people = {1, 2, 3, 4, 5};
    s.held = held;
    s.cancelled = !held;
    s.present = present;
    s.recorded = recorded;
    circle.push_back(s);
  };
  session("2026-01-20T10:00:00Z", true, 4, 4);  // before the period
  session("2026-02-03T10:00:00Z", true, 3, 4);
  session("2026-03-03T10:00:00Z", true, 4, 4);
  session("2026-03-17T10:00:00Z", false, 0, 0);
  FormatFigures f = format_figures(circle, ms, end, end);
  EXPECT_FALSE(f.suppressed);
  EXPECT_EQ(f.people, 5);
  EXPECT_EQ(f.held_by_month, (std::vector<int>{1, 1}));
  EXPECT_EQ(f.held, 2);
  EXPECT_EQ(f.cancelled, 1);
  EXPECT_EQ(f.present, 7);
  EXPECT_EQ(f.recorded, 8);

  // Two flash sessions of three people: rated 5 and 3, but too few people to show.
  std::vector<SessionFacts> flash(2);
  flash[0].starts_at = at("2026-02-10T10:00:00Z");
  flash[0].people = {7, 8};
  flash[0].held = true;
  flash[0].rating = 5;
  flash[1] = flash[0];
  flash[1].people = {7, 9};
  flash[1].rating = 3;
  f = format_figures(flash, ms, end, end);
  EXPECT_TRUE(f.suppressed);
  EXPECT_EQ(f.held, 0);
  EXPECT_FALSE(f.average_rating);
  flash.push_back(flash[0]);
  flash.back().people = {10, 11};
  flash.back().rating = std::nullopt;
  f = format_figures(flash, ms, end, end);
  EXPECT_FALSE(f.suppressed);
  EXPECT_EQ(f.held_by_month, (std::vector<int>{3, 0}));
  EXPECT_EQ(f.ratings, 2);
  EXPECT_DOUBLE_EQ(*f.average_rating, 4.0);
  // Seen on 10 February at 09:00, the sessions at 10:00 are still to come.
  f = format_figures(flash, ms, end, at("2026-02-10T09:00:00Z"));
  EXPECT_EQ(f.held, 0);
  EXPECT_EQ(f.people, 5);
}

}  // namespace
}  // namespace mh::report
