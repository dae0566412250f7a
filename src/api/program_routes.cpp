// Programs, for program administrators (services/programs.hpp): list, create, read, change and
// close. A program shows its counts of cohorts and relationships by stage, never content. The
// default program's matching settings are the organisation's (`/api/v1/admin/program-settings`).
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "services/program_settings.hpp"
#include "services/programs.hpp"
#include "storage/finding_repo.hpp"

namespace mh::api {

namespace {

Result<json> program_json(sql::Connection& db, const services::ProgramView& v) {
  const storage::ProgramRecord& p = v.program;
  json formats = json::array();
  for (Format f : p.fields.formats) formats.push_back(to_string(f));
  MH_TRY(settings, services::load_program_settings(db, p));
  const json matching = services::settings_document(settings);
  return json{{"id", id_json(p.id)},
          {"name", p.fields.name},
          {"description", p.fields.description},
          {"is_default", p.is_default},
          {"starts_on", day_json(p.fields.starts_on)},
          {"ends_on", day_json(p.fields.ends_on)},
          {"formats", formats},
          {"request_expiry_days",
           p.fields.request_expiry_days ? json(*p.fields.request_expiry_days) : json(nullptr)},
          {"fade_after_cadences", p.fields.fade_after_cadences},
          {"matching", matching},
          {"state", p.closed() ? "closed" : "open"},
          {"closed_at", p.closed_at ? json(format_iso8601(*p.closed_at)) : json(nullptr)},
          {"created_at", format_iso8601(p.created_at)},
          {"cohorts", v.counts.cohorts},
          {"relationships",
           {{"requested", v.counts.requested}, {"open", v.counts.open}, {"concluded", v.counts.concluded}}}};
}

// Applies the members of `body` to `f` (422 naming a bad one). `matching` is left to the caller.
void apply_program_fields(const json& body, ProgramFields& f) {
  reject_unknown_fields(body, {"name", "description", "starts_on", "ends_on", "formats", "request_expiry_days",
                               "fade_after_cadences", "matching"});
  if (body.contains("name")) f.name = text_field(body, "name", 100);
  if (body.contains("description")) f.description = text_field(body, "description", 2000);
  if (body.contains("starts_on")) f.starts_on = day_or_null_field(body["starts_on"], "starts_on");
  if (body.contains("ends_on")) f.ends_on = day_or_null_field(body["ends_on"], "ends_on");
  if (body.contains("formats")) {
    const json& list = body["formats"];
    if (!list.is_array()) throw_invalid("formats", "must be a list of one_to_one, circle, flash");
    f.formats.clear();
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string field = "formats[" + std::to_string(i) + "]";
      auto format = parse_format(string_field(list[i], field));
      if (!format) throw_invalid(field, "must be one of one_to_one, circle, flash");
      f.formats.push_back(*format);
    }
  }
  if (body.contains("request_expiry_days"))
    f.request_expiry_days = body["request_expiry_days"].is_null()
                                ? std::nullopt
                                : std::optional(int_in_range(body["request_expiry_days"], "request_expiry_days", 1, 90));
  if (body.contains("fade_after_cadences"))
    f.fade_after_cadences = int_in_range(body["fade_after_cadences"], "fade_after_cadences", 1, 6);
}

// The matching document after the request: `base` with body.matching's members applied.
Result<json> matching_after(const json& body, Result<services::ProgramSettings> base) {
  if (!base) return base.error();
  if (body.contains("matching")) {
    const json& m = body["matching"];
    if (!m.is_object()) return invalid("matching", "must be an object like the program settings");
    if (Status applied = services::apply_settings(m, *base); !applied) {
      Error named = applied.error();
      named.field = named.field.empty() ? "matching" : "matching." + named.field;
      return named;
    }
  }
  return services::settings_document(*base);
}

// The program `id` as the caller may see it, read again after a change.
Result<json> program_json_of(sql::Connection& db, Ctx& ctx, storage::ProgramId id) {
  MH_TRY(view, services::find_program(db, ctx.me(), id));
  return program_json(db, view);
}

http::Response list(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(programs, services::list_programs(db, ctx.me()));
    json items = json::array();
    for (const auto& p : programs) {
      MH_TRY(j, program_json(db, p));
      items.push_back(std::move(j));
    }
    return json{{"items", items}};
  });
  return respond(out, 200);
}

http::Response get(Ctx& ctx) {
  const auto id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    return program_json_of(db, ctx, id);
  });
  return respond(out, 200);
}

http::Response create(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  if (!body.contains("name")) throw_invalid("name", "is required");
  ProgramFields fields;
  apply_program_fields(body, fields);
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    // A new program starts from the organisation's matching settings.
    MH_TRY(matching, matching_after(body, services::load_settings(db)));
    MH_TRY(id, services::create_program(db, ctx.me(), fields, matching.dump(), ctx.now));
    return program_json_of(db, ctx, id);
  });
  return respond(out, 201);
}

http::Response patch(Ctx& ctx) {
  const auto id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(before, services::find_program(db, ctx.me(), id));
    ProgramFields fields = before.program.fields;
    apply_program_fields(body, fields);
    std::optional<std::string> matching;
    if (body.contains("matching")) {
      MH_TRY(after, matching_after(body, services::load_program_settings(db, before.program)));
      matching = after.dump();
    }
    MH_CHECK(services::update_program(db, ctx.me(), before.program, fields, matching, ctx.now));
    return program_json_of(db, ctx, id);
  });
  return respond(out, 200);
}

http::Response close(Ctx& ctx) {
  const auto id = id_param(ctx.req, "id");
  const json body = optional_object_body(ctx.req);
  reject_unknown_fields(body, {});
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(closed, services::close_program(uc, ctx.me(), id));
    MH_TRY(program, program_json_of(uc.db(), ctx, id));
    return json{{"program", program}, {"asked_to_conclude", closed.asked_to_conclude}};
  });
  return respond(out, 200);
}

}  // namespace

void add_program_routes(Routes& routes) {
  routes.add("GET", "/api/v1/admin/programs", Access::admin, list);
  routes.add("POST", "/api/v1/admin/programs", Access::admin, create);
  routes.add("GET", "/api/v1/admin/programs/{id}", Access::admin, get);
  routes.add("PATCH", "/api/v1/admin/programs/{id}", Access::admin, patch);
  routes.add("POST", "/api/v1/admin/programs/{id}/close", Access::admin, close);
}

}  // namespace mh::api
