// Shared by the route files: nudges written by the handlers that have not moved into the
// services layer yet (circles, flash, manager recommendations), and an empty answer.
#pragma once

#include <string>

#include "api/app.hpp"
#include "api/errors.hpp"
#include "domain/relationship.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::api {

// A nudge written directly; the one-to-one use cases record theirs through services::UseCase, and
// circles and flash sessions still call this until they move into the services layer.
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
