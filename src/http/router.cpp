#include "http/router.hpp"

#include <algorithm>

namespace mh::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const size_t end = path.find('/', i);
    out.push_back(path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    if (end == std::string_view::npos) break;
    i = end;
  }
  return out;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  Route r{std::move(method), std::move(pattern), {}, {}, std::move(handler)};
  for (auto s : split_path(r.pattern)) {
    r.segments.emplace_back(s);
    r.is_param.push_back(is_param(s));
  }
  if (by_length_.size() <= r.segments.size()) by_length_.resize(r.segments.size() + 1);
  by_length_[r.segments.size()].push_back(routes_.size());
  routes_.push_back(std::move(r));
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  const auto parts = split_path(path);
  // A literal segment beats a parameter at the same place, so "/people/me" wins over
  // "/people/{id}" whatever the order the routes were added in.
  int best_score = -1;
  if (parts.size() >= by_length_.size()) return m;
  for (const std::size_t index : by_length_[parts.size()]) {
    const Route& r = routes_[index];
    int score = 0;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      if (r.is_param[i]) continue;
      if (r.segments[i] != parts[i]) ok = false;
      else score += 1 << (parts.size() - i);
    }
    if (!ok) continue;
    if (r.method != method) {
      if (score >= best_score || !m.handler) {
        m.path_known = true;
        if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) m.allowed.push_back(r.method);
      }
      continue;
    }
    if (score <= best_score) continue;
    best_score = score;
    m.handler = &r.handler;
    m.pattern = r.pattern;
    m.params.clear();
    for (size_t i = 0; i < parts.size(); ++i)
      if (r.is_param[i]) m.params[r.segments[i].substr(1, r.segments[i].size() - 2)] = std::string(parts[i]);
  }
  if (m.handler) {
    m.path_known = false;
    m.allowed.clear();
  }
  return m;
}

std::vector<Router::RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  for (const Route& r : routes_) out.push_back({r.method, r.pattern});
  return out;
}

}  // namespace mh::http
