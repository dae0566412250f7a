// Answers that send a browser elsewhere: 303 See Other, never cached. Used where people arrive by
// following a link (a mail, a calendar entry, an identity provider) rather than from the web app.
#pragma once

#include <string>

#include "http/message.hpp"

namespace mh::api {

// 303 to `location` (a path on this server or another site's address), not stored by caches.
http::Response see_other(const std::string& location);

// Whether a browser navigated here (its Accept names HTML) rather than a script or the web app's
// fetch, which want JSON answers.
bool browser_navigation(const http::Request& req);

// A browser not signed in, following a link to `req` (a meeting's video room from a mail): to the
// sign-in page, which brings them back to the same address afterwards (`return_to`, checked by the
// web app and by single sign-on as a path on this server).
http::Response sign_in_then_return(const http::Request& req);

}  // namespace mh::api
