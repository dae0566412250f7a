// Days as HR exports and spreadsheets write them, and the order a file's own dates show.
#include "domain/written_date.hpp"

#include <gtest/gtest.h>

namespace mh {
namespace {

std::string iso(std::string_view s, bool day_first = true) {
  const auto d = read_written_date(s);
  if (!d) return "unread";
  return iso_day(*d, day_first).value_or("no day");
}

TEST(WrittenDate, YearFirstDatesSayWhichIsTheDay) {
  EXPECT_EQ(iso("2024-03-18"), "2024-03-18");
  EXPECT_EQ(iso("2024/3/8", false), "2024-03-08");
  EXPECT_EQ(iso("2024.03.18"), "2024-03-18");
  EXPECT_EQ(iso("2024-03-18T00:00:00Z"), "2024-03-18");
  EXPECT_EQ(iso("2024-03-18 9:30"), "2024-03-18");
  EXPECT_EQ(iso("2024-02-29"), "2024-02-29");
  EXPECT_EQ(iso("2023-02-29"), "no day");
  EXPECT_EQ(iso("2024-13-01"), "no day");
  EXPECT_EQ(iso("1899-12-31"), "no day");
}

TEST(WrittenDate, DottedDatesAreDayFirst) {
  EXPECT_EQ(iso("18.03.2024", false), "2024-03-18");
  EXPECT_EQ(iso("1.2.2024", false), "2024-02-01");
  EXPECT_EQ(read_written_date("1.2.2024")->order, WrittenDate::Order::day_month_year);
}

TEST(WrittenDate, SlashedOrDashedWithTheYearLastTakeTheFilesOrder) {
  EXPECT_EQ(read_written_date("04/09/2023")->order, WrittenDate::Order::ambiguous);
  EXPECT_EQ(iso("04/09/2023", true), "2023-09-04");
  EXPECT_EQ(iso("04/09/2023", false), "2023-04-09");
  EXPECT_EQ(iso("4-9-2023", true), "2023-09-04");
  EXPECT_EQ(iso("31/02/2024", true), "no day");
}

TEST(WrittenDate, WhatIsNoDateIsNotRead) {
  for (const char* s : {"", "2024", "2024-03", "04/09/23", "2024-03-18x", "2024-03-18T", "2024-03/18", "18 Mar 2024",
                        "March 18, 2024", "12345/1/2024", "1/2/12345", "2024-003-18", "-2024-03-18", "2024-03-18 late"})
    EXPECT_FALSE(read_written_date(s)) << s;
}

TEST(WrittenDate, TheFilesDatesShowTheOrderAndAContradictionIsSeen) {
  const auto order = [](std::vector<std::string_view> written) {
    std::vector<std::pair<int, WrittenDate>> dated;
    int line = 1;
    for (auto w : written) dated.emplace_back(++line, *read_written_date(w));
    return day_order_of(dated);
  };
  EXPECT_EQ(order({"04/09/2023", "18/03/2024"}).day_first, true);
  EXPECT_EQ(order({"04/09/2023", "03/18/2024"}).day_first, false);
  EXPECT_FALSE(order({"04/09/2023", "05/05/2023"}).day_first);
  EXPECT_FALSE(order({"2024-03-18", "18.03.2024"}).day_first);  // none is ambiguous
  const DayOrder both = order({"13/01/2024", "01/13/2024", "18/03/2024"});
  EXPECT_FALSE(both.day_first);
  EXPECT_EQ(both.day_first_line, 2);
  EXPECT_EQ(both.month_first_line, 3);
}

}  // namespace
}  // namespace mh
