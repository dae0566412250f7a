// Finding a mentor: explained recommendations, the directory search, managers'
// recommendations to their direct reports, and the program settings that weigh the factors.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "services/directory.hpp"
#include "api/program_settings.hpp"
#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/routes.hpp"
#include "common/timezones.hpp"
#include "services/flash_views.hpp"
#include "services/programs.hpp"
#include "services/recommendations.hpp"
#include "storage/circles_repo.hpp"
#include "storage/finding_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/search_repo.hpp"

namespace mh::api {

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

// The skill as people write it, or 422 suggesting the nearest known one.
std::string known_skill(const services::DirectorySnapshot& snap, const std::string& wanted, const std::string& field) {
  const std::string key = matching::key_of(wanted);
  std::string nearest;
  std::size_t best = std::string::npos;
  for (const auto& name : snap.skill_names()) {
    const std::string k = matching::key_of(name);
    if (k == key) return name;
    const std::size_t d = edit_distance(k, key);
    if (d < best) best = d, nearest = name;
  }
  throw_invalid(field, "\"" + wanted + "\" is not a skill anyone in the directory has" +
                           (nearest.empty() ? std::string(".") : "; did you mean \"" + nearest + "\"?"));
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!matching::key_of(item).empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

json person_card(const Person& p, const matching::MentorProfile* m, int year) {
  json j{{"id", std::to_string(p.id)},
         {"name", p.name},
         {"title", p.title},
         {"department", p.department},
         {"organisation", p.organisation},
         {"is_external", p.is_external},
         {"timezone", p.timezone},
         {"years_of_experience", p.years_of_experience(year)},
         {"mentor_capacity", p.mentor_capacity}};
  if (m) {
    j["free_places"] = std::max(0, m->capacity - m->live_mentees);
    j["answer_rate"] = m->answer_rate ? json(*m->answer_rate) : json(nullptr);
  }
  return j;
}

double round1(double v) { return std::round(v * 10) / 10; }

json scored_json(const matching::Scored& s, const services::DirectorySnapshot& snap, const matching::MentorProfile& m, int year) {
  json factors = json::array();
  json labels = json::array();
  for (const auto& f : s.factors) {
    factors.push_back({{"name", f.name}, {"points", round1(f.points)}, {"reason", f.reason}});
    if (f.name == "former_manager" || f.name == "manager_recommendation" || f.name == "reverse_mentoring" ||
        f.name == "outside_perspective")
      labels.push_back(f.name);
  }
  const Person* p = snap.person(s.mentor_id);
  json j{{"mentor", p ? person_card(*p, &m, year) : json(nullptr)},
         {"score", round1(s.score)},
         {"factors", factors},
         {"labels", labels}};
  if (s.excluded) {
    j["excluded_because"] = matching::to_string(*s.excluded);
    j["reason"] = matching::explain(*s.excluded);
  }
  return j;
}

bool mentions_any(const std::string& text, const std::vector<std::string>& keys) {
  const std::string lower = matching::key_of(text);
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& k) { return lower.find(k) != std::string::npos; });
}

// Open circles and flash topics, for a search or recommendation that asks for those formats.
// `keys` (lower-case) must each appear in the topic or description when `all_keys`; at least
// one must when not (recommendations: any wanted skill); no keys: everything open.
json format_offers(sql::Connection& db, Format format, const std::vector<std::string>& keys, bool all_keys,
                   const services::DirectorySnapshot& snap, TimePoint now) {
  auto matches = [&](const std::string& text) {
    if (keys.empty()) return true;
    if (!all_keys) return mentions_any(text, keys);
    const std::string lower = matching::key_of(text);
    return std::all_of(keys.begin(), keys.end(), [&](const std::string& k) { return lower.find(k) != std::string::npos; });
  };
  auto host_json = [&](PersonId id) {
    const Person* p = snap.person(id);
    return json{{"id", std::to_string(id)},
                {"name", p ? p->name : ""},
                {"title", p ? p->title : ""},
                {"timezone", p ? p->timezone : ""},
                {"active", p != nullptr}};  // the snapshot holds the active people only
  };
  json items = json::array();
  if (format == Format::circle) {
    storage::CircleFilter f;
    f.accepting = true;
    f.limit = 200;
    for (const auto& c : storage::list_circles(db, f)) {
      if (!matches(c.topic + " " + c.description)) continue;
      items.push_back({{"id", std::to_string(c.id)},
                       {"topic", c.topic},
                       {"description", c.description},
                       {"host", host_json(c.host_id)},
                       {"size_limit", c.size_limit},
                       {"medium", to_string(c.medium)},
                       {"cadence_days", c.cadence_days}});
      if (items.size() == 20) break;
    }
  } else if (format == Format::flash) {
    const auto wanted = [&](const FlashTopic& t) { return matches(t.title + " " + t.description); };
    for (const auto& offer : services::flash_offers(db, now, wanted, 20)) {
      json slots = json::array();
      for (const auto& s : offer.next_free_slots) slots.push_back(format_iso8601(s.starts_at));
      items.push_back({{"id", std::to_string(offer.topic.id)},
                       {"title", offer.topic.title},
                       {"description", offer.topic.description},
                       {"mentor", host_json(offer.topic.mentor_id)},
                       {"next_free_slots", slots}});
    }
  }
  return items;
}

http::Response recommendations(Ctx& ctx) {
  const int limit = limit_param(ctx.req, 10, 100);
  std::optional<ObjectiveCategory> purpose;
  if (const std::string* p = ctx.req.query_param("purpose")) {
    purpose = parse_objective_category(*p);
    if (!purpose) throw_invalid("purpose", "must be one of networking, career_options, skill_gaps, skill_coaching, other");
  }
  std::optional<Format> format;
  if (const std::string* f = ctx.req.query_param("format")) {
    format = parse_format(*f);
    if (!format) throw_invalid("format", "must be one of one_to_one, circle, flash");
  }
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    const auto snap = ctx.directory.current(db, ctx.now);
    ProgramSettings settings = load_settings(db);
    matching::MenteeProfile mentee = services::mentee_profile(db, *snap, ctx.me(), ctx.now);
    if (const std::string* skills = ctx.req.query_param("skills")) {
      std::vector<std::string> wanted;
      for (const auto& s : split_list(*skills)) wanted.push_back(matching::key_of(known_skill(*snap, s, "skills")));
      std::sort(wanted.begin(), wanted.end());
      mentee.wanted_skills = wanted;
    }
    // The purpose shifts what matters, as the article's examples do.
    matching::Weights& w = settings.weights;
    if (purpose == ObjectiveCategory::networking) w.outside_perspective *= 1.5, w.aspiration_department *= 1.5;
    if (purpose == ObjectiveCategory::career_options)
      w.aspiration_role *= 1.5, w.aspiration_department *= 1.5, w.experience_gap *= 1.3;
    if (purpose == ObjectiveCategory::skill_gaps || purpose == ObjectiveCategory::skill_coaching)
      w.skill *= 1.5, w.reverse_mentoring *= 1.2;
    // Circles and flash topics on the skills wanted, when asked for those formats.
    json offers = nullptr;
    if (format == Format::circle || format == Format::flash)
      offers = format_offers(db, *format, mentee.wanted_skills, false, *snap, ctx.now);
    const std::vector<std::string> emerging = settings.emerging_keys();
    const auto recs = matching::recommend(mentee, snap->mentors, w, emerging, limit, settings.allow_external);
    // Everyone listed came from the table, so the look-up always finds them.
    auto profile_of = [&](PersonId id) { return snap->mentors.profile(snap->mentors.index_of(id).value()); };
    const int year = year_of(ctx.now);
    json items = json::array(), excluded = json::array();
    for (const auto& s : recs.ranked) items.push_back(scored_json(s, *snap, profile_of(s.mentor_id), year));
    for (const auto& s : recs.excluded) excluded.push_back(scored_json(s, *snap, profile_of(s.mentor_id), year));
    json wanted = json::array();
    for (const auto& k : mentee.wanted_skills) wanted.push_back(k);
    return json{{"items", items},
                {"excluded", excluded},
                {"purpose", purpose ? json(to_string(*purpose)) : json(nullptr)},
                {"wanted_skills", wanted},
                {"seasoned", mentee.years >= settings.weights.seasoned_years},
                {"circles", format == Format::circle ? offers : json(nullptr)},
                {"flash_topics", format == Format::flash ? offers : json(nullptr)}};
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

bool parse_bool_param(const http::Request& req, const char* name, bool& out) {
  const std::string* v = req.query_param(name);
  if (!v) return false;
  if (*v != "true" && *v != "false") throw_invalid(name, "must be true or false");
  out = *v == "true";
  return true;
}

int int_param(const http::Request& req, const char* name, int lo, int hi, int def) {
  const std::string* v = req.query_param(name);
  if (!v) return def;
  try {
    std::size_t used = 0;
    const int n = std::stoi(*v, &used);
    if (used == v->size() && n >= lo && n <= hi) return n;
  } catch (const std::exception&) {
  }
  throw_invalid(name, "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
}

// Where a directory page ended: the sort key of its last entry (relevance, name, id). The next
// page starts after that key, so entries added or removed meanwhile neither repeat nor hide one.
struct DirectoryCursor {
  double rank = 0;
  std::string name;
  PersonId id = 0;

  // True when the entry (rank, name, id) sorts before this cursor, i.e. was already shown.
  bool before(double r, const std::string& n, PersonId i) const {
    if (r != rank) return r < rank;
    if (n != name) return n > name;
    return i > id;
  }
  std::string encode() const {
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
};

std::optional<DirectoryCursor> directory_cursor(const http::Request& req) {
  const std::string* raw = req.query_param("cursor");
  if (!raw || raw->empty()) return std::nullopt;
  std::string text;
  bool ok = raw->size() % 2 == 0 && raw->size() <= 1200;
  for (std::size_t i = 0; ok && i < raw->size(); i += 2) {
    auto nibble = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    const int hi = nibble((*raw)[i]), lo = nibble((*raw)[i + 1]);
    ok = hi >= 0 && lo >= 0;
    if (ok) text.push_back(static_cast<char>(hi * 16 + lo));
  }
  const std::size_t bar1 = text.find('|'), bar2 = bar1 == std::string::npos ? bar1 : text.find('|', bar1 + 1);
  if (!ok || bar2 == std::string::npos) throw_invalid("cursor", "is not a cursor returned by this list");
  DirectoryCursor c;
  try {
    c.rank = std::stod(text.substr(0, bar1));
    c.id = std::stoll(text.substr(bar1 + 1, bar2 - bar1 - 1));
  } catch (const std::exception&) {
    throw_invalid("cursor", "is not a cursor returned by this list");
  }
  c.name = text.substr(bar2 + 1);
  return c;
}

http::Response directory_search(Ctx& ctx) {
  const auto& req = ctx.req;
  const int limit = limit_param(req, 20, 100);
  const std::optional<DirectoryCursor> after = directory_cursor(req);
  const std::string query = req.query_param("q") ? *req.query_param("q") : "";
  if (query.size() > 200) throw_invalid("q", "is longer than 200 characters");
  const int min_level = int_param(req, "min_level", 1, 5, 1);
  const int tz_overlap = int_param(req, "tz_overlap", 0, 8, 0);
  bool external = false, has_capacity = false;
  const bool filter_external = parse_bool_param(req, "external", external);
  const bool filter_capacity = parse_bool_param(req, "has_capacity", has_capacity);
  std::optional<Medium> medium;
  if (const std::string* m = req.query_param("medium")) {
    medium = parse_medium(*m);
    if (!medium) throw_invalid("medium", "must be one of video, in_person, phone, chat");
  }
  std::optional<Format> format;
  if (const std::string* f = req.query_param("format")) {
    format = parse_format(*f);
    if (!format) throw_invalid("format", "must be one of one_to_one, circle, flash");
  }
  const std::string* department = req.query_param("department");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    const auto snap = ctx.directory.current(db, ctx.now);
    const ProgramSettings settings = load_settings(db);
    std::optional<std::string> skill;
    if (const std::string* s = req.query_param("skill")) skill = matching::key_of(known_skill(*snap, *s, "skill"));
    // Relevance first when there is a text query, then by name; otherwise by name.
    // Words of three letters or more go to the full-text index; short and symbolic terms ("AI",
    // "Go", "C#", "C++"), which it cannot find, must each be a word of a skill or the title.
    std::vector<std::pair<const Person*, double>> rows;
    const SearchTerms terms = split_search_terms(query);
    if (!terms.full_text.empty() && !storage::search_words(terms.full_text).empty()) {
      for (const auto& hit : storage::search_people(db, terms.full_text))
        if (const Person* p = snap->person(hit.id)) rows.emplace_back(p, hit.rank);
    } else if (!terms.exact.empty()) {
      for (const auto& p : snap->all_people()) rows.emplace_back(p.get(), 0.0);
    } else if (!query.empty()) {
      return invalid("q", "search for a name, a title or a skill");
    } else {
      for (const auto& p : snap->all_people()) rows.emplace_back(p.get(), 0.0);
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
    const auto my_offset = utc_offset_minutes(ctx.me().timezone, ctx.now);
    auto keep = [&](const Person& p) {
      if (p.is_external && !settings.allow_external) return false;
      if (filter_external && p.is_external != external) return false;
      if (department && matching::key_of(p.department) != matching::key_of(*department)) return false;
      if (medium && std::find(p.media.begin(), p.media.end(), *medium) == p.media.end()) return false;
      if (format && !p.offers(*format)) return false;
      if (skill && std::none_of(p.skills.begin(), p.skills.end(), [&](const Skill& s) {
            return matching::key_of(s.name) == *skill && s.level >= min_level;
          }))
        return false;
      if (filter_capacity) {
        const bool free = p.mentor_capacity > snap->live_mentees_of(p.id);
        if (free != has_capacity) return false;
      }
      if (tz_overlap > 0) {
        const auto theirs = utc_offset_minutes(p.timezone, ctx.now);
        if (!my_offset || !theirs || working_hours_overlap(*my_offset, *theirs) < tz_overlap) return false;
      }
      return true;
    };
    json items = json::array();
    bool more = false;
    const DirectoryCursor* last = nullptr;
    DirectoryCursor last_kept;
    const int year = year_of(ctx.now);
    for (const auto& [p, rank] : rows) {
      if (!keep(*p)) continue;
      if (after && !after->before(rank, p->name, p->id)) continue;
      if (static_cast<int>(items.size()) == limit) {
        more = true;
        break;
      }
      json card = person_card(*p, nullptr, year);
      json skills = json::array();
      for (const auto& s : p->skills) skills.push_back({{"name", s.name}, {"level", s.level}});
      card["skills"] = skills;
      json formats = json::array();
      for (Format f : p->formats_offered) formats.push_back(to_string(f));
      card["formats_offered"] = formats;
      card["free_places"] = std::max(0, p->mentor_capacity - snap->live_mentees_of(p->id));
      items.push_back(card);
      last_kept = {rank, p->name, p->id};
      last = &last_kept;
    }
    json page{{"items", items}, {"next_cursor", more && last ? json(last->encode()) : json(nullptr)}};
    // Asked for circles or flash: the open ones matching the words, beside the people.
    if (format == Format::circle) page["circles"] = format_offers(db, *format, storage::search_words(query), true, *snap, ctx.now);
    if (format == Format::flash)
      page["flash_topics"] = format_offers(db, *format, storage::search_words(query), true, *snap, ctx.now);
    return page;
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response recommend_mentor(Ctx& ctx) {
  const PersonId report_id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"mentor_id", "note"});
  if (!body.contains("mentor_id")) throw_invalid("mentor_id", "is required");
  const PersonId mentor_id = id_from_json(body["mentor_id"], "mentor_id");
  const std::string note = body.contains("note") ? string_field(body["note"], "note") : "";
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(r, services::recommend_mentor(uc, ctx.me(), report_id, mentor_id, note));
    // The manager learns nothing more: only what they sent comes back.
    return json{{"id", std::to_string(r.id)},
                {"report_id", std::to_string(r.report_id)},
                {"mentor_id", std::to_string(r.mentor_id)},
                {"note", note},
                {"created_at", format_iso8601(ctx.now)}};
  });
  if (!out) return error_response(out.error());
  return json_response(201, *out);
}

}  // namespace

json mentor_recommendation_json(sql::Connection& db, const storage::MentorRecommendation& r) {
  auto manager = storage::find_person(db, r.manager_id);
  auto mentor = storage::find_person(db, r.mentor_id);
  return {{"id", std::to_string(r.id)},
          {"manager", {{"id", std::to_string(r.manager_id)}, {"name", manager ? manager->name : ""}}},
          {"mentor", {{"id", std::to_string(r.mentor_id)},
                      {"name", mentor ? mentor->name : ""},
                      {"title", mentor ? mentor->title : ""}}},
          {"note", r.note},
          {"created_at", format_iso8601(r.created_at)}};
}

namespace {

http::Response my_mentor_recommendations(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    json items = json::array();
    for (const auto& r : storage::mentor_recommendations_for(db, ctx.me().id))
      items.push_back(mentor_recommendation_json(db, r));
    return json{{"items", items}};
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response get_settings(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> { return settings_json(load_settings(db)); });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

// What a change of the settings says in the audit trail: each setting that changed, with its old
// and new value when it is one value ("weights.skills 0.4 -> 0.5"), else its name.
void settings_changes(const json& before, const json& after, const std::string& prefix, std::string& out) {
  for (const auto& [key, value] : after.items()) {
    const json* old = before.contains(key) ? &before[key] : nullptr;
    if (old && *old == value) continue;
    if (old && old->is_object() && value.is_object()) {
      settings_changes(*old, value, prefix + key + ".", out);
      continue;
    }
    out += (out.empty() ? "" : ", ") + prefix + key;
    if (old && old->is_primitive() && value.is_primitive()) out += " " + old->dump() + " -> " + value.dump();
  }
}

std::string settings_changes(const json& before, const json& after) {
  std::string out;
  settings_changes(before, after, "", out);
  return out.empty() ? "nothing changed" : out;
}

http::Response put_settings(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    ProgramSettings s = load_settings(db);
    const json before = settings_json(s);
    apply_settings(body, s);
    const json j = settings_json(s);
    MH_CHECK(services::change_organisation_matching(db, ctx.me(), j.dump(), settings_changes(before, j), ctx.now));
    return j;
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

}  // namespace

void add_finding_routes(Routes& routes) {
  routes.add("GET", "/api/v1/me/recommendations", Access::person, recommendations);
  routes.add("GET", "/api/v1/directory", Access::person, directory_search);
  routes.add("POST", "/api/v1/people/{id}/mentor-recommendations", Access::person, recommend_mentor);
  routes.add("GET", "/api/v1/me/mentor-recommendations", Access::person, my_mentor_recommendations);
  routes.add("GET", "/api/v1/admin/program-settings", Access::admin, get_settings);
  routes.add("PUT", "/api/v1/admin/program-settings", Access::admin, put_settings);
}

}  // namespace mh::api
