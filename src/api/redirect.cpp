#include "api/redirect.hpp"

#include <utility>
#include <vector>

#include "identity/oidc.hpp"

namespace mh::api {

http::Response see_other(const std::string& location) {
  http::Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.set_header("Location", location);
  r.set_header("Cache-Control", "no-store");
  return r;
}

bool browser_navigation(const http::Request& req) {
  return req.header("accept").find("text/html") != std::string_view::npos;
}

http::Response sign_in_then_return(const http::Request& req) {
  // The request's own address again: its decoded path, and its query encoded anew.
  std::string target = req.path;
  if (!req.query.empty()) {
    target += '?';
    target += identity::form_encode(std::vector<std::pair<std::string, std::string>>(req.query.begin(), req.query.end()));
  }
  return see_other("/sign-in?" + identity::form_encode({{"return_to", target}}));
}

}  // namespace mh::api
