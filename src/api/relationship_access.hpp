// Shared by the lifecycle's route files: loading a relationship for one of its two
// participants (content is theirs alone), sending nudges, and answering with a Status.
#pragma once

#include <string>

#include "api/app.hpp"
#include "api/errors.hpp"
#include "domain/relationship.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::api {

// The relationship `id` if the caller takes part in it: 404 if there is none, 403 for anyone
// else, administrators included (they see states and counts in the overview, never content).
inline Result<Relationship> participant_relationship(sql::Connection& db, const Ctx& ctx, RelationshipId id) {
  auto r = storage::find_relationship(db, id);
  if (!r) return not_found("no such relationship");
  if (!r->is_participant(ctx.me().id))
    return forbidden("only the mentee and the mentor of a relationship can see or change its content");
  return std::move(*r);
}

inline void nudge(sql::Connection& db, PersonId person, std::optional<RelationshipId> rel, const char* kind,
                  std::string message,
                  TimePoint now) {
  storage::insert_nudge(db, {0, person, rel, kind, std::move(message), now, std::nullopt});
}

inline http::Response no_content() {
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace mh::api
