#include "services/directory_search.hpp"

#include <algorithm>
#include <cstdio>


#include "common/timezones.hpp"
#include "matching/scoring.hpp"
#include "services/program_settings.hpp"
#include "storage/circles_repo.hpp"
#include "storage/finding_repo.hpp"
#include "storage/search_repo.hpp"

namespace mh::services {

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

bool mentions_any(const std::string& text, const std::vector<std::string>& keys) {
  const std::string lower = matching::key_of(text);
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& k) { return lower.find(k) != std::string::npos; });
}

OfferHost offer_host(const DirectorySnapshot& snap, PersonId id) {
  const Person* p = snap.person(id);  // the snapshot holds the active people only
  return {id, p ? p->name : "", p ? p->title : "", p ? p->timezone : "", p != nullptr};
}

}  // namespace

bool DirectoryCursor::before(double r, const std::string& n, PersonId i) const {
  if (r != rank) return r < rank;
  if (n != name) return n > name;
  return i > id;
}

std::string DirectoryCursor::encode() const {
  char head[64];
  std::snprintf(head, sizeof head, "%.17g|%lld|", rank, static_cast<long long>(id));
  std::string text = head + name, hex;
  for (unsigned char c : text) {
    static const char* digits = "0123456789abcdef";
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return hex;
}

std::optional<DirectoryCursor> DirectoryCursor::decode(const std::string& raw) {
  std::string text;
  bool ok = raw.size() % 2 == 0 && raw.size() <= 1200;
  for (std::size_t i = 0; ok && i < raw.size(); i += 2) {
    auto nibble = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    const int hi = nibble(raw[i]), lo = nibble(raw[i + 1]);
    ok = hi >= 0 && lo >= 0;
    if (ok) text.push_back(static_cast<char>(hi * 16 + lo));
  }
  const std::size_t bar1 = text.find('|'), bar2 = bar1 == std::string::npos ? bar1 : text.find('|', bar1 + 1);
  if (!ok || bar2 == std::string::npos) return std::nullopt;
  DirectoryCursor c;
  try {
    c.rank = std::stod(text.substr(0, bar1));
    c.id = std::stoll(text.substr(bar1 + 1, bar2 - bar1 - 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  c.name = text.substr(bar2 + 1);
  return c;
}

Result<std::string> known_skill(const DirectorySnapshot& snap, const std::string& wanted, const std::string& field) {
  const std::string key = matching::key_of(wanted);
  std::string nearest;
  std::size_t best = std::string::npos;
  for (const auto& name : snap.skill_names()) {
    const std::string k = matching::key_of(name);
    if (k == key) return name;
    const std::size_t d = edit_distance(k, key);
    if (d < best) best = d, nearest = name;
  }
  return invalid(field, "\"" + wanted + "\" is not a skill anyone in the directory has" +
                            (nearest.empty() ? std::string(".") : "; did you mean \"" + nearest + "\"?"));
}

FormatOffers format_offers(sql::Connection& db, Format format, const std::vector<std::string>& keys, bool all_keys,
                           const DirectorySnapshot& snap, TimePoint now) {
  auto matches = [&](const std::string& text) {
    if (keys.empty()) return true;
    if (!all_keys) return mentions_any(text, keys);
    const std::string lower = matching::key_of(text);
    return std::all_of(keys.begin(), keys.end(), [&](const std::string& k) { return lower.find(k) != std::string::npos; });
  };
  FormatOffers out;
  if (format == Format::circle) {
    storage::CircleFilter f;
    f.accepting = true;
    f.limit = 200;
    for (auto& c : storage::list_circles(db, f)) {
      if (!matches(c.topic + " " + c.description)) continue;
      const PersonId host = c.host_id;
      out.circles.push_back({std::move(c), offer_host(snap, host)});
      if (out.circles.size() == 20) break;
    }
  } else if (format == Format::flash) {
    const auto wanted = [&](const FlashTopic& t) { return matches(t.title + " " + t.description); };
    for (auto& offer : flash_offers(db, now, wanted, 20)) {
      const PersonId mentor = offer.topic.mentor_id;
      out.flash_topics.push_back({std::move(offer), offer_host(snap, mentor)});
    }
  }
  return out;
}

Result<DirectoryPage> search_directory(sql::Connection& db, const Person& viewer, Directory& directory,
                                       const DirectoryQuery& q, TimePoint now) {
  const auto snap = directory.current(db, now);
  MH_TRY(settings, load_settings(db));
  const bool allow_external = settings.allow_external;
  std::optional<std::string> skill;
  if (q.skill) {
    MH_TRY(name, known_skill(*snap, *q.skill, "skill"));
    skill = matching::key_of(name);
  }
  // Relevance first when there is a text query, then by name; otherwise by name.
  std::vector<std::pair<const Person*, double>> rows;
  const SearchTerms terms = split_search_terms(q.text);
  if (!terms.full_text.empty() && !storage::search_words(terms.full_text).empty()) {
    for (const auto& hit : storage::search_people(db, terms.full_text))
      if (const Person* p = snap->person(hit.id)) rows.emplace_back(p, hit.rank);
  } else if (!terms.exact.empty() || q.text.empty()) {
    snap->people->for_each([&](const DirectoryPeople::PersonPtr& p) { rows.emplace_back(p.get(), 0.0); });
  } else {
    return invalid("q", "search for a name, a title or a skill");
  }
  std::erase_if(rows, [&](const auto& row) {
    return std::any_of(terms.exact.begin(), terms.exact.end(),
                       [&](const std::string& t) { return !mentions_term(*row.first, t); });
  });
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    if (a.first->name != b.first->name) return a.first->name < b.first->name;
    return a.first->id < b.first->id;
  });
  const auto my_offset = utc_offset_minutes(viewer.timezone, now);
  auto keep = [&](const Person& p) {
    if (p.is_external && !allow_external) return false;
    if (q.external && p.is_external != *q.external) return false;
    if (q.department && matching::key_of(p.department) != matching::key_of(*q.department)) return false;
    if (q.medium && std::find(p.media.begin(), p.media.end(), *q.medium) == p.media.end()) return false;
    if (q.format && !p.offers(*q.format)) return false;
    if (skill && std::none_of(p.skills.begin(), p.skills.end(), [&](const Skill& s) {
          return matching::key_of(s.name) == *skill && s.level >= q.min_level;
        }))
      return false;
    if (q.has_capacity) {
      const bool free = p.mentor_capacity > snap->live_mentees_of(p.id);
      if (free != *q.has_capacity) return false;
    }
    if (q.tz_overlap > 0) {
      const auto theirs = utc_offset_minutes(p.timezone, now);
      if (!my_offset || !theirs || working_hours_overlap(*my_offset, *theirs) < q.tz_overlap) return false;
    }
    return true;
  };
  DirectoryPage page;
  bool more = false;
  for (const auto& [p, rank] : rows) {
    if (!keep(*p)) continue;
    if (q.after && !q.after->before(rank, p->name, p->id)) continue;
    if (static_cast<int>(page.items.size()) == q.limit) {
      more = true;
      break;
    }
    page.items.push_back({*p, std::max(0, p->mentor_capacity - snap->live_mentees_of(p->id)), rank});
  }
  if (more && !page.items.empty()) {
    const DirectoryRow& last = page.items.back();
    page.next = DirectoryCursor{last.rank, last.person.name, last.person.id};
  }
  // Asked for circles or flash: the open ones matching the words, beside the people.
  if (q.format == Format::circle || q.format == Format::flash)
    page.offers = format_offers(db, *q.format, storage::search_words(q.text), true, *snap, now);
  return page;
}

}  // namespace mh::services
