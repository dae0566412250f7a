// A day as HR exports and spreadsheets write it. An HR system exports 2023-09-04; the same file
// opened and saved by Excel comes back as 04/09/2023 (day first, most of the world), 9/4/2023
// (month first, the United States), 04.09.2023 (Germany, Central Europe), or with a time of day
// after it. Year-first and dotted dates say which number is the day; for a slashed or dashed
// date with the year last, the file as a whole does (resolve_day_order). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mh {

struct WrittenDate {
  enum class Order { year_month_day, day_month_year, ambiguous };  // ambiguous: D/M or M/D
  Order order = Order::year_month_day;
  int year = 0, first = 0, second = 0;  // for year_month_day: month, day; else as written
};

// The shape of `s`: YYYY-MM-DD (also with '/' or '.', one-digit month or day, and a time of day
// after a 'T' or a space, which is dropped); D.M.YYYY; A/B/YYYY or A-B-YYYY. nullopt for anything
// else (two-digit years included: 04/09/23 could be 1923). Whether it is a real day is iso_day's.
std::optional<WrittenDate> read_written_date(std::string_view s);

// "YYYY-MM-DD" for `d`, `day_first` deciding an ambiguous one; nullopt when it is no real day
// (2023-02-30) or the year is before 1900.
std::optional<std::string> iso_day(const WrittenDate& d, bool day_first);

// How a file writes its ambiguous dates, from the dates themselves: a first number above 12 can
// only be a day, a second above 12 only a day too. `evidence` names the first line of each.
struct DayOrder {
  std::optional<bool> day_first;  // nullopt: nothing in the file tells (every number 12 or less)
  int day_first_line = 0, month_first_line = 0;  // 0: no such date; both set: the file contradicts itself
};
DayOrder day_order_of(const std::vector<std::pair<int, WrittenDate>>& dated_lines);

}  // namespace mh
