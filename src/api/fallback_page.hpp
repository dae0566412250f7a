// The page served at / when the web app has not been built (web/dist missing): a small
// sign-in form that shows one's profile, so a fresh server is usable from a browser.
#pragma once

#include <string>

namespace mh::api {

const std::string& fallback_page();

}  // namespace mh::api
