// Finding a mentor: explained recommendations, the directory search, managers'
// recommendations to their direct reports, and the program settings that weigh the factors.
#include <algorithm>
#include <cmath>

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/routes.hpp"
#include "services/directory.hpp"
#include "services/directory_search.hpp"
#include "services/mentor_ranking.hpp"
#include "services/program_settings.hpp"
#include "services/programs.hpp"
#include "services/recommendations.hpp"
#include "storage/finding_repo.hpp"

namespace mh::api {

namespace {

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

json ranked_json(const services::RankedMentor& r, int year) {
  const matching::Scored& s = r.scored;
  json factors = json::array();
  json labels = json::array();
  for (const auto& f : s.factors) {
    factors.push_back({{"name", f.name}, {"points", round1(f.points)}, {"reason", f.reason}});
    if (f.name == "former_manager" || f.name == "manager_recommendation" || f.name == "reverse_mentoring" ||
        f.name == "outside_perspective")
      labels.push_back(f.name);
  }
  json j{{"mentor", r.person ? person_card(*r.person, &r.mentor, year) : json(nullptr)},
         {"score", round1(s.score)},
         {"factors", factors},
         {"labels", labels}};
  if (s.excluded) {
    j["excluded_because"] = matching::to_string(*s.excluded);
    j["reason"] = matching::explain(*s.excluded);
  }
  return j;
}

json host_json(const services::OfferHost& h) {
  return json{{"id", std::to_string(h.id)},
              {"name", h.name},
              {"title", h.title},
              {"timezone", h.timezone},
              {"active", h.active}};
}

// The open circles or flash topics beside a search or recommendation, as `format` asked.
json offers_json(const services::FormatOffers& offers, Format format) {
  json items = json::array();
  if (format == Format::circle) {
    for (const auto& [c, host] : offers.circles)
      items.push_back({{"id", std::to_string(c.id)},
                       {"topic", c.topic},
                       {"description", c.description},
                       {"host", host_json(host)},
                       {"size_limit", c.size_limit},
                       {"medium", to_string(c.medium)},
                       {"cadence_days", c.cadence_days}});
  } else if (format == Format::flash) {
    for (const auto& [offer, mentor] : offers.flash_topics) {
      json slots = json::array();
      for (const auto& s : offer.next_free_slots) slots.push_back(format_iso8601(s.starts_at));
      items.push_back({{"id", std::to_string(offer.topic.id)},
                       {"title", offer.topic.title},
                       {"description", offer.topic.description},
                       {"mentor", host_json(mentor)},
                       {"next_free_slots", slots}});
    }
  }
  return items;
}

http::Response recommendations(Ctx& ctx) {
  services::RankingQuery q;
  q.limit = limit_param(ctx.req, 10, 100);
  if (const std::string* p = ctx.req.query_param("purpose")) {
    q.purpose = parse_objective_category(*p);
    if (!q.purpose) throw_invalid("purpose", "must be one of networking, career_options, skill_gaps, skill_coaching, other");
  }
  if (const std::string* f = ctx.req.query_param("format")) {
    q.format = parse_format(*f);
    if (!q.format) throw_invalid("format", "must be one of one_to_one, circle, flash");
  }
  if (const std::string* skills = ctx.req.query_param("skills")) q.skills = split_list(*skills);
  auto ranking = ctx.store.read_value<services::MentorRanking>([&](sql::Connection& db) {
    return services::rank_mentors_for(db, ctx.directory, ctx.me(), ctx.now, q);
  });
  if (!ranking) return error_response(ranking.error());
  const int year = year_of(ctx.now);
  json items = json::array(), excluded = json::array();
  for (const auto& r : ranking->ranked) items.push_back(ranked_json(r, year));
  for (const auto& r : ranking->excluded) excluded.push_back(ranked_json(r, year));
  json offers = ranking->offers ? offers_json(*ranking->offers, *q.format) : json(nullptr);
  return json_response(200, json{{"items", items},
                                 {"excluded", excluded},
                                 {"purpose", q.purpose ? json(to_string(*q.purpose)) : json(nullptr)},
                                 {"wanted_skills", ranking->wanted_skills},
                                 {"seasoned", ranking->seasoned},
                                 {"circles", q.format == Format::circle ? offers : json(nullptr)},
                                 {"flash_topics", q.format == Format::flash ? offers : json(nullptr)}});
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

std::optional<services::DirectoryCursor> directory_cursor(const http::Request& req) {
  const std::string* raw = req.query_param("cursor");
  if (!raw || raw->empty()) return std::nullopt;
  auto c = services::DirectoryCursor::decode(*raw);
  if (!c) throw_invalid("cursor", "is not a cursor returned by this list");
  return c;
}

json directory_card(const services::DirectoryRow& row, int year) {
  const Person& p = row.person;
  json card = person_card(p, nullptr, year);
  json skills = json::array();
  for (const auto& s : p.skills) skills.push_back({{"name", s.name}, {"level", s.level}});
  card["skills"] = skills;
  json formats = json::array();
  for (Format f : p.formats_offered) formats.push_back(to_string(f));
  card["formats_offered"] = formats;
  card["free_places"] = row.free_places;
  return card;
}

http::Response directory_search(Ctx& ctx) {
  const auto& req = ctx.req;
  services::DirectoryQuery q;
  q.limit = limit_param(req, 20, 100);
  q.after = directory_cursor(req);
  q.text = req.query_param("q") ? *req.query_param("q") : "";
  if (q.text.size() > 200) throw_invalid("q", "is longer than 200 characters");
  q.min_level = int_param(req, "min_level", 1, 5, 1);
  q.tz_overlap = int_param(req, "tz_overlap", 0, 8, 0);
  bool external = false, has_capacity = false;
  if (parse_bool_param(req, "external", external)) q.external = external;
  if (parse_bool_param(req, "has_capacity", has_capacity)) q.has_capacity = has_capacity;
  if (const std::string* m = req.query_param("medium")) {
    q.medium = parse_medium(*m);
    if (!q.medium) throw_invalid("medium", "must be one of video, in_person, phone, chat");
  }
  if (const std::string* f = req.query_param("format")) {
    q.format = parse_format(*f);
    if (!q.format) throw_invalid("format", "must be one of one_to_one, circle, flash");
  }
  if (const std::string* d = req.query_param("department")) q.department = *d;
  if (const std::string* s = req.query_param("skill")) q.skill = *s;
  auto out = ctx.store.read_value<services::DirectoryPage>([&](sql::Connection& db) {
    return services::search_directory(db, ctx.me(), ctx.directory, q, ctx.now);
  });
  if (!out) return error_response(out.error());
  const int year = year_of(ctx.now);
  json items = json::array();
  for (const auto& row : out->items) items.push_back(directory_card(row, year));
  json page{{"items", items}, {"next_cursor", out->next ? json(out->next->encode()) : json(nullptr)}};
  if (q.format == Format::circle) page["circles"] = offers_json(*out->offers, *q.format);
  if (q.format == Format::flash) page["flash_topics"] = offers_json(*out->offers, *q.format);
  return json_response(200, page);
}

http::Response recommend_mentor(Ctx& ctx) {
  const PersonId report_id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"mentor_id", "note"});
  if (!body.contains("mentor_id")) throw_invalid("mentor_id", "is required");
  const PersonId mentor_id = id_from_json(body["mentor_id"], "mentor_id");
  const std::string note = body.contains("note") ? string_field(body["note"], "note") : "";
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
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

json mentor_recommendation_json(const services::MentorRecommendationView& v) {
  const storage::MentorRecommendation& r = v.recommendation;
  return {{"id", std::to_string(r.id)},
          {"manager", {{"id", std::to_string(r.manager_id)}, {"name", v.manager_name}}},
          {"mentor", {{"id", std::to_string(r.mentor_id)}, {"name", v.mentor_name}, {"title", v.mentor_title}}},
          {"note", r.note},
          {"created_at", format_iso8601(r.created_at)}};
}

namespace {

http::Response my_mentor_recommendations(Ctx& ctx) {
  using Views = std::vector<services::MentorRecommendationView>;
  auto out = ctx.store.read_value<Views>(
      [&](sql::Connection& db) -> Result<Views> { return services::my_mentor_recommendations(db, ctx.me()); });
  if (!out) return error_response(out.error());
  json items = json::array();
  for (const auto& v : *out) items.push_back(mentor_recommendation_json(v));
  return json_response(200, json{{"items", items}});
}

http::Response get_settings(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(settings, services::load_settings(db));
    return services::settings_document(settings);
  });
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
    MH_TRY(s, services::load_settings(db));
    const json before = services::settings_document(s);
    MH_CHECK(services::apply_settings(body, s));
    const json j = services::settings_document(s);
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
