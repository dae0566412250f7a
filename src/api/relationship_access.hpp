// Shared by the route files: running a use case on the relationship of the path, and an empty
// answer.
#pragma once

#include <functional>
#include <string>

#include "api/app.hpp"
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "services/use_case.hpp"
#include "domain/relationship.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::api {

// In one write transaction: loads the path's relationship `{id}` for the caller (404, or 403 for
// anyone but its two participants), runs `step` (a use case and the rendering of its result), and
// answers `status` with what it rendered, or the error.
inline http::Response relationship_write(Ctx& ctx, int status,
                                         const std::function<Result<json>(services::UseCase&, Relationship&)>& step) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(r, services::participant_relationship(uc.db(), ctx.me(), id));
    return step(uc, r);
  });
  if (!out) return error_response(out.error());
  return json_response(status, *out);
}

inline http::Response no_content() {
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace mh::api
