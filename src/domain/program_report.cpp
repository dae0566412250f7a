#include "domain/program_report.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <set>

namespace mh::report {

namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month;
using std::chrono::year_month_day;

std::optional<year_month> parse_month(const std::string& s) {
  int y = 0, m = 0;
  char rest = 0;
  if (s.size() != 7 || s[4] != '-' || std::sscanf(s.c_str(), "%4d-%2d%c", &y, &m, &rest) != 2) return std::nullopt;
  if (y < 1970 || y > 9999 || m < 1 || m > 12) return std::nullopt;
  return year(y) / month(static_cast<unsigned>(m));
}

std::string name_of(year_month ym) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
  return buf;
}

TimePoint start_of(year_month ym) { return TimePoint(sys_days(ym / 1)); }

bool ends(RelState s) {
  return s == RelState::declined || s == RelState::withdrawn || s == RelState::expired || s == RelState::concluded;
}

// The relationship's state at `t`, or nullopt before it was requested.
std::optional<RelState> state_at(const RelationshipFacts& f, TimePoint t) {
  if (f.requested_at >= t) return std::nullopt;
  RelState s = RelState::requested;
  for (const auto& [at, to] : f.changes) {
    if (at >= t) break;
    s = to;
  }
  return s;
}

// The index of the month holding `t`, which lies in [months.front().starts, end).
std::size_t month_index(const std::vector<Month>& months, TimePoint t) {
  const auto it = std::upper_bound(months.begin(), months.end(), t, [](TimePoint v, const Month& m) { return v < m.starts; });
  return static_cast<std::size_t>(it - months.begin()) - 1;
}

std::optional<double> median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

Figures figures_of(const std::vector<const RelationshipFacts*>& rels, const std::vector<Month>& months, TimePoint end) {
  Figures g;
  const TimePoint begin = months.front().starts;
  std::set<PersonId> people;
  std::vector<double> days_to_meet;
  int rating_sum = 0;
  g.by_month.resize(months.size());
  g.meetings_by_month.assign(months.size(), 0);
  for (const RelationshipFacts* f : rels) {
    people.insert(f->mentee_id);
    people.insert(f->mentor_id);
    ++g.relationships;
    if (auto s = state_at(*f, end)) ++g.by_state[to_string(*s)];
    for (std::size_t i = 0; i < months.size(); ++i) {
      const TimePoint month_end = i + 1 < months.size() ? months[i + 1].starts : end;
      if (auto s = state_at(*f, month_end)) ++g.by_month[i][to_string(*s)];
    }
    for (TimePoint met : f->meetings_held)
      if (met >= begin && met < end) ++g.meetings_by_month[month_index(months, met)];
    std::optional<TimePoint> accepted;
    RelState previous = RelState::requested;
    for (const auto& [at, to] : f->changes) {
      const bool in_period = at >= begin && at < end;
      if (to == RelState::accepted && !accepted) accepted = at;
      if (in_period && to == RelState::fading) ++g.faded;
      if (in_period && previous == RelState::fading && to == RelState::active) ++g.recovered;
      if (in_period && to == RelState::concluded) {
        ++g.concluded;
        g.objectives_rated += f->objectives_rated;
        g.objectives_achieved += f->objectives_achieved;
        for (int r : f->ratings) {
          ++g.ratings;
          rating_sum += r;
        }
      }
      previous = to;
    }
    if (accepted && *accepted >= begin && *accepted < end) {
      ++g.accepted;
      if (f->purpose_agreed) ++g.purpose_agreed;
      std::optional<TimePoint> first;
      for (TimePoint met : f->meetings_held)
        if (met >= *accepted && (!first || met < *first)) first = met;
      if (first) {
        ++g.first_meetings;
        days_to_meet.push_back(static_cast<double>((*first - *accepted).count()) / 86400.0);
      }
    }
    g.tasks += f->tasks;
    g.tasks_done += f->tasks_done;
  }
  g.people = static_cast<int>(people.size());
  g.median_days_to_first_meeting = median(std::move(days_to_meet));
  if (g.ratings > 0) g.average_rating = static_cast<double>(rating_sum) / g.ratings;
  return g;
}

bool alive_in(const RelationshipFacts& f, TimePoint begin, TimePoint end) {
  if (f.requested_at >= end) return false;
  for (const auto& [at, to] : f.changes)
    if (ends(to) && at < begin) return false;
  return true;
}

}  // namespace

std::optional<std::pair<std::vector<Month>, TimePoint>> months_between(const std::string& from, const std::string& to) {
  const auto a = parse_month(from), b = parse_month(to);
  if (!a || !b || *b < *a) return std::nullopt;
  std::vector<Month> months;
  for (year_month m = *a; m <= *b; m += std::chrono::months(1)) {
    if (months.size() == 120) return std::nullopt;
    months.push_back({name_of(m), start_of(m)});
  }
  return std::pair{std::move(months), start_of(*b + std::chrono::months(1))};
}

std::string month_of(TimePoint t) {
  const year_month_day d(floor<days>(t));
  return name_of(d.year() / d.month());
}

Report build_report(const std::vector<RelationshipFacts>& facts, const std::vector<Month>& months, TimePoint end) {
  Report r;
  r.months = months;
  if (months.empty()) return r;
  std::vector<const RelationshipFacts*> all;
  std::map<std::string, std::vector<const RelationshipFacts*>> by_group;
  for (const auto& f : facts) {
    if (!alive_in(f, months.front().starts, end)) continue;
    all.push_back(&f);
    by_group[f.group].push_back(&f);
  }
  r.total = {"All", false, "", figures_of(all, months, end)};
  if (r.total.figures.people < kMinimumGroupPeople) {
    r.total = {"All", true, "fewer than 5 people", Figures{}};
  }
  for (const auto& [name, rels] : by_group) r.groups.push_back({name, false, "", figures_of(rels, months, end)});

  // Hide every small group; then, while the hidden ones together are still small (the total minus
  // the shown groups would reveal them), hide the smallest shown group as well.
  int hidden_people = 0, hidden = 0;
  for (auto& g : r.groups)
    if (g.figures.people < kMinimumGroupPeople) {
      g.suppressed = true;
      g.suppressed_because = "fewer than 5 people";
      hidden_people += g.figures.people;
      ++hidden;
    }
  while (hidden > 0 && hidden_people < kMinimumGroupPeople) {
    Group* smallest = nullptr;
    for (auto& g : r.groups)
      if (!g.suppressed && (!smallest || g.figures.people < smallest->figures.people)) smallest = &g;
    if (!smallest) break;
    smallest->suppressed = true;
    smallest->suppressed_because = "hidden so that a smaller group cannot be worked out from the total";
    hidden_people += smallest->figures.people;
    ++hidden;
  }
  for (auto& g : r.groups)
    if (g.suppressed) g.figures = Figures{};
  return r;
}

FormatFigures format_figures(const std::vector<SessionFacts>& sessions, const std::vector<Month>& months, TimePoint end,
                             TimePoint now) {
  FormatFigures f;
  if (months.empty()) return f;
  f.held_by_month.assign(months.size(), 0);
  std::set<PersonId> people;
  int rating_sum = 0;
  for (const SessionFacts& s : sessions) {
    if (s.starts_at < months.front().starts || s.starts_at >= end) continue;
    people.insert(s.people.begin(), s.people.end());
    if (s.cancelled) ++f.cancelled;
    if (!s.held || s.starts_at >= now) continue;
    ++f.held;
    ++f.held_by_month[month_index(months, s.starts_at)];
    f.present += s.present;
    f.recorded += s.recorded;
    if (s.rating) {
      ++f.ratings;
      rating_sum += *s.rating;
    }
  }
  f.people = static_cast<int>(people.size());
  if (f.ratings > 0) f.average_rating = static_cast<double>(rating_sum) / f.ratings;
  if (f.people < kMinimumGroupPeople) {
    f = FormatFigures{};
    f.suppressed = true;
  }
  return f;
}

}  // namespace mh::report
