#include "api/app.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <mutex>
#include <unordered_map>

#include "api/errors.hpp"
#include "api/fallback_page.hpp"
#include "api/json_io.hpp"
#include "api/person_texts.hpp"
#include "api/redirect.hpp"
#include "api/routes.hpp"
#include "common/crypto.hpp"
#include "http/static_files.hpp"
#include "services/directory.hpp"
#include "services/matching_runner.hpp"
#include "services/single_sign_on.hpp"
#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"

namespace mh::api {

// Wraps every handler: authentication, the admin check, CSRF, and turning thrown input errors
// into JSON answers.
class App::RouteTable final : public Routes {
 public:
  explicit RouteTable(App& app) : app_(app) {}

  void add(const char* method, const char* pattern, Access access, RouteHandler handler) override {
    // The table lives only while App's constructor runs; the route captures the App itself.
    app_.router_.add(method, pattern, [&app = app_, access, handler = std::move(handler)](http::Request& req) {
      return run(app, req, access, handler);
    });
  }

 private:
  static http::Response run(App& app, http::Request& req, Access access, const RouteHandler& handler) {
    const TimePoint now = app.clock_.now();
    try {
      Ctx ctx{req,
              app.store_,
              app.settings_,
              std::nullopt,
              now,
              *app.directory_,
              *app.matching_,
              *app.identity_providers_,
              *app.person_texts_};
      ctx.caller = app.authenticate(req, now);
      if (access != Access::anyone) {
        if (!ctx.caller) {
          // A link from a mail or a calendar (a video room, an invitation) followed by a browser
          // that is not signed in: the sign-in page, then back here. Scripts get the 401.
          if (req.method == "GET" && browser_navigation(req)) return sign_in_then_return(req);
          return error_response(unauthenticated("sign in first"));
        }
        if (ctx.caller->enrol_only && access != Access::person_setting_up)
          return error_response(Error{ErrorCode::second_factor_setup_required,
                                      "the organisation requires administrators to have a second factor: set one up "
                                      "first (POST /api/v1/me/second-factor/start, then /confirm with a code)",
                                      {}});
        if (access == Access::admin && !ctx.caller->person->is_admin)
          return error_response(forbidden("only a program administrator may do this"));
      }
      // Routes open to anyone (sign-in) need no CSRF token: they act on no session.
      if (access != Access::anyone && ctx.caller->by_cookie && req.method != "GET" && req.method != "HEAD") {
        const std::string& expected = ctx.caller->csrf_token;
        if (expected.empty() || !constant_time_equal(req.header("x-csrf-token"), expected))
          return error_response(forbidden("missing or wrong X-CSRF-Token header (send the csrf_token from sign-in)"));
      }
      return handler(ctx);
    } catch (const ApiError& e) {
      return error_response(e.error());
    }
  }

  App& app_;
};

// Signed-in callers remembered by their token's hash for a short while, so that a request
// with a known token checks it in one statement (the token still live, the person still active
// and at the same row version: storage::signed_in_version) instead of reading the token, the
// person, their skills and former managers. The check runs on every request, so a revoked token,
// a deactivation or an edit made through any server sharing the database is seen by the next
// request; the time limit only bounds how long an idle entry takes memory.
class App::CallerCache {
 public:
  struct Entry {
    std::shared_ptr<const Person> person;
    std::string csrf_token;
    std::int64_t row_version = 0;
    std::chrono::steady_clock::time_point until;
  };

  std::optional<Entry> find(const std::string& hash) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    auto it = entries_.find(hash);
    if (it == entries_.end()) return std::nullopt;
    if (it->second.until <= now) {
      entries_.erase(it);
      return std::nullopt;
    }
    return it->second;
  }

  void remember(const std::string& hash, Entry entry) {
    const auto now = std::chrono::steady_clock::now();
    entry.until = now + kLifetime;
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMostEntries) {
      std::erase_if(entries_, [&](const auto& kv) { return kv.second.until <= now; });
      if (entries_.size() >= kMostEntries) entries_.clear();
    }
    entries_.insert_or_assign(hash, std::move(entry));
  }

  void forget(const std::string& hash) {
    std::lock_guard lock(mutex_);
    entries_.erase(hash);
  }

 private:
  static constexpr auto kLifetime = std::chrono::seconds(60);
  static constexpr std::size_t kMostEntries = 20'000;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

App::App(Store& store, const Clock& clock, Settings settings, const RouteAdder& more_routes)
    : store_(store),
      clock_(clock),
      settings_(std::move(settings)),
      static_files_(std::make_unique<http::StaticFiles>(settings_.web_root)),
      directory_(std::make_unique<services::Directory>()),
      matching_(std::make_unique<services::MatchingRunner>(store, clock)),
      identity_providers_(std::make_unique<services::IdentityProviders>(provider_http())),
      callers_(std::make_unique<CallerCache>()),
      person_texts_(std::make_unique<PersonTexts>()) {
  RouteTable table(*this);
  add_auth_routes(table);
  add_sso_routes(table);
  add_access_routes(table);
  add_second_factor_routes(table);
  add_people_routes(table);
  add_relationship_routes(table);
  add_workspace_routes(table);
  add_conclusion_routes(table);
  add_notification_routes(table);
  add_finding_routes(table);
  add_circle_routes(table);
  add_flash_routes(table);
  add_calendar_routes(table);
  add_video_routes(table);
  add_scim_routes(table);
  add_availability_routes(table);
  add_break_glass_routes(table);
  add_admin_audit_routes(table);
  add_admin_nudge_routes(table);
  add_mail_routes(table);
  add_cohort_routes(table);
  add_cohort_membership_routes(table);
  add_program_routes(table);
  add_csv_matching_routes(table);
  add_people_import_routes(table);
  add_report_routes(table);
  add_own_data_routes(table);
  if (more_routes) more_routes(table);
  router_.add("GET", "/healthz", [this](http::Request&) {
    const Store::ReadsOnly reads_only;  // it may run on an I/O thread (runs_inline)
    const Status ok = store_.read_statement([](sql::Connection& db) -> Status {
      db.execute("SELECT 1");
      return {};
    });
    // Says why, for whoever is paged: unreachable (down, restarting) or busy.
    if (!ok) return error_response(Error{ErrorCode::unavailable, "the database is not answering: " + ok.error().message, {}});
    return json_response(200, {{"status", "ok"}});
  });
  router_.add("GET", "/metrics", [this](http::Request&) {
    http::Response r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = metrics_.render(store_.failures(), store_.engine_heap_bytes());
    return r;
  });
}

App::~App() = default;

void App::build_recommendation_snapshot() {
  const auto started = std::chrono::steady_clock::now();
  const Status built = store_.read([&](sql::Connection& db) -> Status {
    directory_->current(db, clock_.now());
    return {};
  });
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  if (!built) {
    // Not fatal: the first request that needs it builds it.
    spdlog::warn("recommendations: the people snapshot could not be built at start: {}", built.error().message);
    return;
  }
  spdlog::info("recommendations: the people snapshot built in {} ms", ms.count());
}

std::optional<Caller> App::authenticate(const http::Request& req, TimePoint now) {
  std::string token;
  bool by_cookie = false;
  const std::string_view auth = req.header("authorization");
  if (auth.starts_with("Bearer ")) {
    token = std::string(auth.substr(7));
  } else {
    token = req.cookie("mh_session");
    by_cookie = true;
  }
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string hash = token_hash(token);
  if (auto known = callers_->find(hash)) {
    std::optional<storage::SignedInState> state;
    const Status checked = store_.read_statement([&](sql::Connection& db) -> Status {
      state = storage::signed_in_version(db, hash, now);
      return {};
    });
    if (!checked) throw ApiError(checked.error());
    if (!state) {
      callers_->forget(hash);
      return std::nullopt;
    }
    // enrol_only is the token's, read fresh each time: confirming a second factor or lifting the
    // requirement clears it without touching the person's row.
    if (state->row_version == known->row_version)
      return Caller{std::move(known->person), hash, by_cookie, std::move(known->csrf_token), state->enrol_only};
  }
  auto found = store_.read_value<std::optional<storage::SignedIn>>(
      [&](sql::Connection& db) -> Result<std::optional<storage::SignedIn>> {
        return storage::find_signed_in(db, hash, now);
      });
  if (!found) throw ApiError(found.error());
  if (!*found) {
    callers_->forget(hash);
    return std::nullopt;
  }
  storage::SignedIn& in = **found;
  auto person = std::make_shared<const Person>(std::move(in.person));
  callers_->remember(hash, CallerCache::Entry{person, in.csrf_token, in.row_version, {}});
  return Caller{std::move(person), hash, by_cookie, std::move(in.csrf_token), in.enrol_only};
}

http::Response App::handle(http::Request& req) {
  http::Response r = dispatch(req);
  if (req.method == "HEAD") r.body.clear();
  return r;
}

namespace {

// A HEAD is answered by its GET route.
http::Router::Match match_route(const http::Router& router, const http::Request& req) {
  return router.match(req.method == "HEAD" ? std::string_view("GET") : std::string_view(req.method), req.path);
}

// What metrics and the access log call a request no route answered.
std::string unrouted_name(const http::Request& req) { return req.path.starts_with("/api/") ? "unmatched" : "static"; }

}  // namespace

bool App::runs_inline(const http::Request& req) const {
  return store_.dialect() == sql::Dialect::sqlite && req.method == "GET" && req.path == "/healthz";
}

http::Response App::dispatch(http::Request& req) {
  const bool is_api = req.path.starts_with("/api/") || req.path == "/api";
  auto match = match_route(router_, req);
  if (match.handler) {
    req.params = std::move(match.params);
    req.route = std::move(match.pattern);
    return (*match.handler)(req);
  }
  req.route = unrouted_name(req);
  if (match.path_known) {
    http::Response r = error_response(Error{ErrorCode::method_not_allowed, req.method + " is not allowed on " + req.path, {}});
    std::string allow;
    for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    r.set_header("Allow", allow);
    return r;
  }
  if (!is_api && (req.method == "GET" || req.method == "HEAD")) {
    if (auto file = static_files_->serve(req)) return *file;
    if (req.path == "/fallback.css" || req.path == "/fallback.js") {
      http::Response asset;
      const bool css = req.path == "/fallback.css";
      asset.content_type = css ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
      asset.body = css ? fallback_style() : fallback_script();
      return asset;
    }
    if (req.path == "/" || req.path == "/index.html" || req.path.find('.') == std::string::npos) {
      http::Response page;
      page.content_type = "text/html; charset=utf-8";
      page.body = fallback_page();
      return page;
    }
  }
  return error_response(not_found("no route for " + req.method + " " + req.path));
}

void App::observe(const http::Request& req, int status, std::chrono::microseconds latency) {
  // dispatch named the route; only a request the server answered itself (a 400, 413 or 431)
  // is matched here, so that its path is still logged as its route when that carries a secret.
  std::string matched;
  if (req.route.empty()) {
    auto match = match_route(router_, req);
    matched = match.handler ? std::move(match.pattern) : unrouted_name(req);
  }
  const std::string& route = req.route.empty() ? matched : req.route;
  metrics_.observe(route, req.method, status, latency);
  // A path that carries a secret (a calendar feed's, an unsubscribe token) is logged as its
  // route, so the log opens nothing. "unmatched" and "static" are neither.
  const bool secret_in_path = route.find("{token}") != std::string::npos || route.starts_with("/calendar/");
  spdlog::info("{} {} {} {} {:.1f}ms {}", req.remote_address, req.method, secret_in_path ? route : req.path, status,
               static_cast<double>(latency.count()) / 1000.0, req.request_id);
}

}  // namespace mh::api
