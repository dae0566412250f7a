#include "common/timezone_names.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "common/timezones.hpp"

namespace mh {

namespace {

// The third column of every line of a tzdata table that is not a comment.
void read_zone_table(const char* path, std::vector<std::string>& out) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string code, coordinates, zone;
    if (fields >> code >> coordinates >> zone) out.push_back(zone);
  }
}

// Lower case with spaces as underscores: the shape a name is compared in.
std::string folded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c == ' ' ? '_' : c);
  }
  return out;
}

std::string_view city_of(std::string_view zone) {
  const auto slash = zone.rfind('/');
  return slash == std::string_view::npos ? zone : zone.substr(slash + 1);
}

// Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t best = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return row[b.size()];
}

}  // namespace

const std::vector<std::string>& timezone_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out{"UTC"};
    read_zone_table("/usr/share/zoneinfo/zone1970.tab", out);
    read_zone_table("/usr/share/zoneinfo/zone.tab", out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return names;
}

std::optional<std::string> suggest_timezone(std::string_view typed) {
  const std::string want = folded(typed);
  if (want.empty() || want.size() > 64) return std::nullopt;
  const auto& names = timezone_names();
  for (const auto& name : names)
    if (folded(name) == want) return name;
  for (const auto& name : names)
    if (folded(city_of(name)) == want) return name;
  // A slip or two: at most one per four letters typed, and never more than three.
  const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, want.size() / 4));
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  const bool has_area = want.find('/') != std::string::npos;
  for (const auto& name : names) {
    const std::string candidate = folded(has_area ? std::string_view(name) : city_of(name));
    const std::size_t d = edit_distance(want, candidate, limit);
    if (d < best_distance) best_distance = d, best = name;  // names are sorted: ties keep the first
  }
  return best;
}

std::optional<std::string> timezone_problem(std::string_view name) {
  if (is_valid_timezone(name)) return std::nullopt;
  return unknown_timezone_message(name);
}

std::string unknown_timezone_message(std::string_view typed) {
  std::string shown(typed.substr(0, 64));
  if (auto guess = suggest_timezone(typed)) return "\"" + shown + "\" is not a known IANA timezone; did you mean " + *guess + "?";
  return "\"" + shown + "\" is not a known IANA timezone, such as Europe/Paris or America/New_York";
}

}  // namespace mh
