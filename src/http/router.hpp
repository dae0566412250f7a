// Routes "METHOD /pattern/{param}" to handlers. Matching gives the handler and the path
// parameters, or tells "no such route" (404) from "route exists, method not allowed" (405,
// with the allowed methods for the Allow header). Beast-free. Built once at start-up, then
// only read, so matching is safe from many threads.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace mh::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  // pattern: "/api/v1/people/{id}". A segment in braces matches any one non-empty segment.
  // `name` is the label used in metrics and logs (defaults to the pattern).
  void add(std::string method, std::string pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;      // null when nothing matched
    bool path_known = false;               // a route has this path but not this method
    std::vector<std::string> allowed;      // methods for this path, when path_known
    std::string pattern;                   // the matched route's pattern (for metrics)
    std::map<std::string, std::string> params;
  };
  Match match(std::string_view method, std::string_view path) const;

  struct RouteInfo {
    std::string method;
    std::string pattern;
  };
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    std::vector<bool> is_param;  // for each segment: "{name}", which matches any one segment
    Handler handler;
  };
  std::vector<Route> routes_;
  // The routes by their number of segments, each list in the order they were added: a path is
  // compared only with the routes of its own length (for the API's paths, from a twelfth to a
  // third of them) instead of with every route.
  std::vector<std::vector<std::size_t>> by_length_;
};

}  // namespace mh::http
