// The page served at / when the web app has not been built (web/dist missing): a small
// sign-in form that shows one's profile, so a fresh server is usable from a browser.
#pragma once

#include <string>

namespace mh::api {

const std::string& fallback_page();
// The page's stylesheet (/fallback.css) and script (/fallback.js).
const std::string& fallback_style();
const std::string& fallback_script();

}  // namespace mh::api
