// POST /api/v1/admin/relationships/nudge (services/program_nudges.hpp): an administrator asks
// the fading pairs, or the pairs not started, to take their next step, from the overview of
// states and dates, without seeing any content.
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "common/csv.hpp"
#include "services/program_nudges.hpp"

namespace mh::api {

namespace {

constexpr std::size_t kMaxListed = 1000;

// {"which": "fading" | "not_started", "relationship_ids": ["1", ...] (optional), "note": "..." (optional)}
services::NudgeInput nudge_input(const json& body) {
  reject_unknown_fields(body, {"which", "relationship_ids", "note"});
  services::NudgeInput in;
  const std::string which = text_field(body, "which", 20);
  if (which == "fading") in.which = services::Stalled::fading;
  else if (which == "not_started") in.which = services::Stalled::not_started;
  else throw_invalid("which", "must be fading or not_started");
  if (auto ids = body.find("relationship_ids"); ids != body.end() && !ids->is_null()) {
    if (!ids->is_array()) throw_invalid("relationship_ids", "must be a list of relationship ids");
    if (ids->size() > kMaxListed) throw_invalid("relationship_ids", "at most 1000 relationships at a time");
    if (ids->empty()) throw_invalid("relationship_ids", "name at least one relationship, or leave it out for all");
    for (std::size_t i = 0; i < ids->size(); ++i)
      in.only.push_back(id_from_json((*ids)[i], "relationship_ids[" + std::to_string(i) + "]"));
  }
  if (auto note = body.find("note"); note != body.end() && !note->is_null())
    in.note = std::string(csv::trim(string_field(*note, "note")));
  return in;
}

http::Response nudge(Ctx& ctx) {
  const services::NudgeInput in = nudge_input(parse_object_body(ctx.req));
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(r, services::nudge_stalled_pairs(uc, ctx.me(), in));
    return json{{"pairs", r.pairs}, {"people", r.people}, {"already_today", r.already_today},
                {"not_stalled", r.not_stalled}};
  });
  return respond(out, 200);
}

}  // namespace

void add_admin_nudge_routes(Routes& routes) {
  routes.add("POST", "/api/v1/admin/relationships/nudge", Access::admin, nudge);
}

}  // namespace mh::api
