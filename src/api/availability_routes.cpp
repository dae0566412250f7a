// Availability over HTTP: a person's own weekly hours and exceptions (GET and PUT
// /api/v1/me/availability) and a relationship's suggested meeting times, each in UTC and in both
// participants' local times. Times of day travel as "HH:MM" in the person's zone, dates as
// "YYYY-MM-DD" of their own calendar. The rules live in services/availability.hpp.
#include <charconv>
#include <string>

#include "api/availability_json.hpp"
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "common/timezones.hpp"
#include "domain/availability.hpp"
#include "services/availability.hpp"

namespace mh::api {

namespace {

int minute_field(const json& obj, const std::string& prefix, const char* name) {
  const std::string field = prefix + "." + name;
  if (!obj.contains(name)) throw_invalid(field, "is required: a time of day, HH:MM");
  const auto m = parse_minute(string_field(obj[name], field));
  if (!m) throw_invalid(field, "must be a time of day, HH:MM from 00:00 to 24:00");
  return *m;
}

std::chrono::sys_days day_field(const json& obj, const std::string& prefix, const char* name) {
  const std::string field = prefix + "." + name;
  if (!obj.contains(name)) throw_invalid(field, "is required: a date, YYYY-MM-DD");
  const auto d = parse_day(string_field(obj[name], field));
  if (!d) throw_invalid(field, "must be a date, YYYY-MM-DD");
  return *d;
}

const json& list_member(const json& body, const char* name) {
  if (!body.contains(name)) throw_invalid(name, "is required (an empty list for none)");
  const json& v = body[name];
  if (!v.is_array()) throw_invalid(name, "must be a list");
  return v;
}

Availability availability_from_json(const json& body) {
  reject_unknown_fields(body, {"timezone", "windows", "exceptions"});
  Availability a;
  if (!body.contains("timezone")) throw_invalid("timezone", "is required: an IANA name such as Europe/Berlin");
  a.timezone = string_field(body["timezone"], "timezone");
  const json& windows = list_member(body, "windows");
  // Limits first, so an absurd body is refused before it is read through.
  if (windows.size() > kMaxWeeklyWindows)
    throw_invalid("windows", "at most " + std::to_string(kMaxWeeklyWindows) + " weekly windows");
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const std::string f = "windows[" + std::to_string(i) + "]";
    const json& w = windows[i];
    if (!w.is_object()) throw_invalid(f, "must be an object {day, start, end}");
    reject_unknown_fields(w, {"day", "start", "end"}, f);
    if (!w.contains("day")) throw_invalid(f + ".day", "is required: monday to sunday");
    const auto day = parse_weekday(string_field(w["day"], f + ".day"));
    if (!day) throw_invalid(f + ".day", "must be monday, tuesday, wednesday, thursday, friday, saturday or sunday");
    a.windows.push_back({*day, minute_field(w, f, "start"), minute_field(w, f, "end")});
  }
  const json& exceptions = list_member(body, "exceptions");
  if (exceptions.size() > kMaxAvailabilityExceptions)
    throw_invalid("exceptions", "at most " + std::to_string(kMaxAvailabilityExceptions) + " exceptions");
  for (std::size_t i = 0; i < exceptions.size(); ++i) {
    const std::string f = "exceptions[" + std::to_string(i) + "]";
    const json& x = exceptions[i];
    if (!x.is_object()) throw_invalid(f, "must be an object {kind, from, to, start, end, note}");
    reject_unknown_fields(x, {"kind", "from", "to", "start", "end", "note"}, f);
    if (!x.contains("kind")) throw_invalid(f + ".kind", "is required: off or extra");
    const auto kind = parse_exception_kind(string_field(x["kind"], f + ".kind"));
    if (!kind) throw_invalid(f + ".kind", "must be off (days off) or extra (extra hours on a date)");
    AvailabilityException e;
    e.kind = *kind;
    e.from = day_field(x, f, "from");
    e.to = x.contains("to") && !x["to"].is_null() ? day_field(x, f, "to") : e.from;
    const bool has_start = x.contains("start") && !x["start"].is_null();
    const bool has_end = x.contains("end") && !x["end"].is_null();
    if (e.kind == ExceptionKind::extra) {
      e.start_minute = minute_field(x, f, "start");
      e.end_minute = minute_field(x, f, "end");
    } else if (has_start || has_end) {
      throw_invalid(f + (has_start ? ".start" : ".end"), "days off are whole days: give no times");
    }
    if (x.contains("note") && !x["note"].is_null()) e.note = string_field(x["note"], f + ".note");
    a.exceptions.push_back(std::move(e));
  }
  return a;
}

http::Response get_availability(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    return availability_json(services::my_availability(db, ctx.me()));
  });
  return respond(out, 200);
}

http::Response put_availability(Ctx& ctx) {
  const Availability a = availability_from_json(parse_object_body(ctx.req));
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(v, services::set_my_availability(uc, ctx.me(), a));
    return availability_json(v);
  });
  return respond(out, 200);
}

// A time as the person's clock reads it, with their zone's offset then.
json local_time(TimePoint t, const std::string& zone) {
  return format_local_iso8601(t, utc_offset_minutes(zone, t).value_or(0) * 60);
}

int int_query(const http::Request& req, const char* name, int def) {
  const std::string* raw = req.query_param(name);
  if (!raw) return def;
  int v = 0;
  auto [p, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (ec != std::errc() || p != raw->data() + raw->size()) throw_invalid(name, "must be a whole number");
  return v;
}

http::Response get_suggested_times(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const int duration = int_query(ctx.req, "duration_minutes", 60);
  const int limit = int_query(ctx.req, "limit", 10);
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(s, services::suggest_meeting_times(db, ctx.me(), id, duration, limit, ctx.now));
    json times = json::array();
    for (const auto& t : s.times)
      times.push_back({{"starts_at", format_iso8601(t.start)},
                       {"ends_at", format_iso8601(t.end)},
                       {"mentor_local_start", local_time(t.start, s.mentor_zone)},
                       {"mentor_local_end", local_time(t.end, s.mentor_zone)},
                       {"mentee_local_start", local_time(t.start, s.mentee_zone)},
                       {"mentee_local_end", local_time(t.end, s.mentee_zone)}});
    return json{{"relationship_id", id_json(s.relationship.id)},
                {"duration_minutes", duration},
                {"from", format_iso8601(s.from)},
                {"to", format_iso8601(s.to)},
                {"mentor", {{"person", person_ref(s.mentor, s.mentor.id)}, {"timezone", s.mentor_zone}}},
                {"mentee", {{"person", person_ref(s.mentee, s.mentee.id)}, {"timezone", s.mentee_zone}}},
                {"mentor_has_hours", s.mentor_has_hours},
                {"mentee_has_hours", s.mentee_has_hours},
                {"within", s.within_both_hours ? "both_hours" : "mentor_hours"},
                {"times", times}};
  });
  return respond(out, 200);
}

}  // namespace

json availability_json(const services::AvailabilityView& v) {
  json windows = json::array();
  for (const auto& w : v.availability.windows)
    windows.push_back({{"day", to_string(w.day)}, {"start", format_minute(w.start_minute)}, {"end", format_minute(w.end_minute)}});
  json exceptions = json::array();
  for (const auto& e : v.availability.exceptions) {
    const bool extra = e.kind == ExceptionKind::extra;
    exceptions.push_back({{"kind", to_string(e.kind)},
                          {"from", format_day(e.from)},
                          {"to", format_day(e.to)},
                          {"start", extra ? json(format_minute(e.start_minute)) : json(nullptr)},
                          {"end", extra ? json(format_minute(e.end_minute)) : json(nullptr)},
                          {"note", e.note}});
  }
  return {{"timezone", v.availability.timezone},
          {"windows", windows},
          {"exceptions", exceptions},
          {"updated_at", v.updated_at ? json(format_iso8601(*v.updated_at)) : json(nullptr)}};
}

void add_availability_routes(Routes& routes) {
  routes.add("GET", "/api/v1/me/availability", Access::person, get_availability);
  routes.add("PUT", "/api/v1/me/availability", Access::person, put_availability);
  routes.add("GET", "/api/v1/relationships/{id}/suggested-times", Access::person, get_suggested_times);
}

}  // namespace mh::api
