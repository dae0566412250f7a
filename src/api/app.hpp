// The application behind the HTTP server: the route table, authentication (session cookie or
// bearer token), CSRF protection for cookie-authenticated writes, the mapping of failures to
// JSON errors, /healthz, /metrics and the web app's static files. Beast-free: the server hands
// it an http::Request and sends back the http::Response.
// Built once at start-up; handle() is then safe to call from many threads.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "domain/relationship.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "services/use_case.hpp"
#include "storage/store.hpp"

namespace mh::http {
class StaticFiles;
}
namespace mh::services {
class Directory;
class IdentityProviders;
class MatchingRunner;
}

namespace mh::api {

class PersonTexts;

struct Settings {
  Seconds session_ttl = std::chrono::hours(24 * 7);
  Seconds api_token_ttl = std::chrono::hours(24 * 365);
  // Sign-in throttling: failures allowed per account and per address within the window.
  int max_failures_per_account = 5;
  int max_failures_per_address = 30;
  Seconds failure_window = std::chrono::minutes(15);
  // Wrong current passwords when changing one, and API tokens made, per person per window.
  int max_password_failures = 5;
  int max_tokens_per_window = 10;
  // Single sign-on starts (each writes a sign-in state) per address per window.
  int max_sso_starts_per_address = 100;
  // "Forgot password" requests per address and per client within the window.
  int max_resets_per_account = 3;
  int max_resets_per_address = 20;
  bool secure_cookies = false;  // set behind TLS
  std::string organisation = "Mentorhub";  // named in authenticator apps (serve --organisation)
  std::filesystem::path web_root = "web/dist";
  LifecycleSettings lifecycle;
};

// Who is calling, once authenticated.
struct Caller {
  // Shared with the caller cache, which hands the same person to every request with the token
  // until their row version moves: a request does not copy the whole profile.
  std::shared_ptr<const Person> person;
  std::string token_hash;
  bool by_cookie = false;
  std::string csrf_token;  // of the session, for cookie-authenticated writes
  // The session may only set up a second factor (services/second_factor.hpp): routes other than
  // Access::person_setting_up ones answer 403 second_factor_setup_required.
  bool enrol_only = false;
};

// Who may call a route. person_setting_up: a person, also with a session that may only set up a
// second factor (reading oneself, setting one up, signing out).
enum class Access { anyone, person, admin, person_setting_up };

// What a handler gets: the request, the services, the caller and the time of the request.
struct Ctx {
  http::Request& req;
  Store& store;
  const Settings& settings;
  std::optional<Caller> caller;
  TimePoint now;
  services::Directory& directory;  // the people snapshot for recommendations and search
  services::MatchingRunner& matching;  // runs cohort matching jobs in the background
  services::IdentityProviders& identity_providers;  // cached discovery documents and key sets
  PersonTexts& person_texts;                        // people as written, by version (api/person_texts.hpp)

  const Person& me() const { return *caller->person; }
  bool is_admin() const { return caller && caller->person->is_admin; }

  // Runs `work` as one use case (services/use_case.hpp): in one write transaction (retried as
  // Store::write retries it, so `work` may run more than once and must not act outside it), at
  // the request's time and under the program's rules. Its value, or its error; T may be void.
  template <class T>
  Result<T> use_case(const std::function<Result<T>(services::UseCase&)>& work) {
    return run_use_case<T>(work, false);
  }
  // The same for a use case that locks the rows its rules read (Store::write_locking_rows).
  template <class T>
  Result<T> use_case_locking_rows(const std::function<Result<T>(services::UseCase&)>& work) {
    return run_use_case<T>(work, true);
  }

 private:
  template <class T>
  Result<T> run_use_case(const std::function<Result<T>(services::UseCase&)>& work, bool lock_rows) {
    const auto in_transaction = [&](sql::Connection& db) -> Result<T> {
      services::UseCase uc(db, now, settings.lifecycle);
      return work(uc);
    };
    if constexpr (std::is_void_v<T>)
      return lock_rows ? store.write_locking_rows(in_transaction) : store.write(in_transaction);
    else
      return lock_rows ? store.write_value_locking_rows<T>(in_transaction) : store.write_value<T>(in_transaction);
  }
};

using RouteHandler = std::function<http::Response(Ctx&)>;

// Resource files register their routes through this (see routes.hpp).
class Routes {
 public:
  virtual ~Routes() = default;
  virtual void add(const char* method, const char* pattern, Access access, RouteHandler handler) = 0;
};

class App {
 public:
  // `more_routes` adds routes beyond the product's own; only the test build passes any (the
  // route that moves its fake clock, api/test_hooks.hpp), so the product binary has none.
  using RouteAdder = std::function<void(Routes&)>;
  App(Store& store, const Clock& clock, Settings settings, const RouteAdder& more_routes = {});
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  http::Response handle(http::Request& req);
  // Whether the server may run `req`'s handler on its I/O thread (http::ServerOptions::
  // runs_inline): only /healthz on SQLite, whose one `SELECT 1` is a library call that costs
  // less than the two hand-offs to a worker and back. Every route that reads for a person costs
  // ten times more, and run there it held up the other connections of its thread (measured:
  // docs/benchmarks.md); PostgreSQL's statements wait for another process.
  bool runs_inline(const http::Request& req) const;
  // Builds the people snapshot that recommendations and the directory read (services/directory.hpp),
  // so that the first request after a start does not wait for it. `serve` calls it before it
  // listens; a failure is logged and left to the first request.
  void build_recommendation_snapshot();
  // Metrics and the access log line for a finished request (the server calls this, so its own
  // 400/413 answers are counted too).
  void observe(const http::Request& req, int status, std::chrono::microseconds latency);
  void set_open_connections(int n) { metrics_.set_open_connections(n); }
  const http::Router& router() const { return router_; }

 private:
  class RouteTable;
  http::Response dispatch(http::Request& req);
  std::optional<Caller> authenticate(const http::Request& req, TimePoint now);
  class CallerCache;

  Store& store_;
  const Clock& clock_;
  Settings settings_;
  http::Router router_;
  http::Metrics metrics_;
  std::unique_ptr<http::StaticFiles> static_files_;
  std::unique_ptr<services::Directory> directory_;
  std::unique_ptr<services::MatchingRunner> matching_;
  std::unique_ptr<services::IdentityProviders> identity_providers_;
  std::unique_ptr<CallerCache> callers_;
  std::unique_ptr<PersonTexts> person_texts_;
};

}  // namespace mh::api
