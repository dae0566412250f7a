// The resource files: each adds its routes to the table. Keeping the list here makes the
// whole API's surface visible in one place (and docs/openapi.yaml must describe each route).
#pragma once

#include "api/app.hpp"

namespace mh::api {

void add_auth_routes(Routes& routes);    // auth_routes.cpp: sign in/out, API tokens
void add_people_routes(Routes& routes);  // people_routes.cpp: me, people, admin people

}  // namespace mh::api
