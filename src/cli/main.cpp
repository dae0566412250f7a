// mentorhub: the server and its command line. main() parses the command, builds the object
// graph (store, clock, app, server) and nothing else.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "api/app.hpp"
#include "cli/command_line.hpp"
#include "cli/demo.hpp"
#include "cli/export_command.hpp"
#include "cli/import_command.hpp"
#include "cli/match_command.hpp"
#include "cli/second_factor_command.hpp"
#include "cli/sso_command.hpp"
#include "cli/video_command.hpp"
#include "cli/scim_command.hpp"
#include "domain/people_import.hpp"
#include "matching/cohort_csv.hpp"
#include "common/timezone_names.hpp"
#include "common/crypto.hpp"
#include "common/timezones.hpp"
#include "http/server.hpp"
#include "jobs/lifecycle_pass.hpp"
#include "jobs/ticker.hpp"
#include "notify/composer.hpp"
#include "notify/sender.hpp"
#include "services/access.hpp"
#include "services/admin_audit.hpp"
#include "services/account_recovery.hpp"
#include "services/people.hpp"
#include "storage/copy.hpp"
#include "storage/people_repo.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sqlite/backup.hpp"
#include "storage/store.hpp"
#ifdef MH_TEST_HOOKS
#include "api/test_hooks.hpp"
#endif

namespace {

using namespace mh;
using cli::fail;  // one line on stderr and exit code 1: the contract for every failing command

Result<std::unique_ptr<Store>> open_migrated(const std::string& url, int connections) {
  auto store = Store::open(url, connections);
  if (!store) return store.error();
  auto applied = (*store)->migrate(SystemClock().now().time_since_epoch().count());
  if (!applied) return applied.error();
  return std::move(*store);
}

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 0;
  std::string web_root = "web/dist";
  bool secure_cookies = false;
  std::string test_clock;  // only the test build (MH_TEST_HOOKS) has the option
  // E-mail: off unless a mail server is given.
  std::string smtp;
  std::string smtp_user;
  std::string smtp_password_file;
  bool smtp_starttls = false;
  std::string mail_from;
  std::string organisation = "Mentorhub";
  std::string public_url;
  std::string mail_templates = "templates/mail";
};

// The outbox's sender and what it needs, when a mail server is configured.
struct Mail {
  std::unique_ptr<notify::Composer> composer;
  std::unique_ptr<notify::OutboxSender> sender;
};

Result<Mail> make_mail(const ServeOptions& o, Store& store, const Clock& clock, int port) {
  if (o.mail_from.find('@') == std::string::npos) return invalid("--mail-from", "--smtp needs --mail-from ADDRESS");
  auto templates = notify::MailTemplates::load(o.mail_templates);
  if (!templates) return templates.error();
  notify::SmtpSettings smtp;
  smtp.url = o.smtp;
  smtp.user = o.smtp_user;
  smtp.starttls = o.smtp_starttls;
  smtp.from = o.mail_from;
  if (!o.smtp_password_file.empty()) {
    // The password is read from a file so it never shows in the process list.
    std::ifstream in(o.smtp_password_file);
    if (!in) return invalid("--smtp-password-file", "cannot read " + o.smtp_password_file);
    std::getline(in, smtp.password);
  }
  notify::MailConfig config;
  config.from = {o.organisation, o.mail_from};
  config.organisation = o.organisation;
  config.public_url = o.public_url.empty() ? "http://" + o.bind + ":" + std::to_string(port) : o.public_url;
  if (o.public_url.empty())
    spdlog::warn("mail: links in mails point to {}; give --public-url with the address people use", config.public_url);
  Mail mail;
  mail.composer = std::make_unique<notify::Composer>(std::move(config), std::move(*templates));
  mail.sender = std::make_unique<notify::OutboxSender>(store, clock, *mail.composer, std::move(smtp), notify::SenderOptions{});
  return mail;
}

// Standard output through stdio's buffer: one write(2) for many lines rather than one a line
// (the console sink flushes each line). Flushed at warnings, every second and at the end.
class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  void flush_() override { std::fflush(stdout); }
};

// While the server runs and its standard output is a file or a pipe, its log (every request's
// access line above all) goes through stdio's buffer: a request's thread formats its line and
// copies it into the buffer under the sink's lock, and one request in some tens writes the
// buffer out. Nothing wakes another thread for a line: an asynchronous logger did, one wake per
// request, which cost the server more than the writes it saved. The buffer is flushed at every
// warning, every second and when serve returns (SIGINT and SIGTERM included); a crash or
// SIGKILL loses up to a second of lines. On a terminal, the default logger is left as it is.
class BufferedLog {
 public:
  BufferedLog() : previous_(spdlog::default_logger()) {
    if (::isatty(STDOUT_FILENO) != 0) return;
    auto buffered = std::make_shared<spdlog::logger>(previous_->name(), std::make_shared<BufferedStdoutSink>());
    buffered->set_level(previous_->level());
    buffered->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(buffered);
    spdlog::flush_every(std::chrono::seconds(1));  // the finest period this spdlog takes
    active_ = true;
  }
  ~BufferedLog() {
    if (!active_) return;
    spdlog::flush_every(std::chrono::seconds(0));  // stops the periodic flush
    spdlog::set_default_logger(previous_);
    std::fflush(stdout);
  }
  BufferedLog(const BufferedLog&) = delete;
  BufferedLog& operator=(const BufferedLog&) = delete;

 private:
  std::shared_ptr<spdlog::logger> previous_;
  bool active_ = false;
};

int serve(const std::string& database, const ServeOptions& o) {
  const BufferedLog log;
  const int io_threads = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  http::ServerOptions options;
  options.bind = o.bind;
  options.port = static_cast<std::uint16_t>(o.port);
  options.io_threads = io_threads;
  options.worker_threads = std::max(4, io_threads * 2);
  // An HR export of 100,000 people is some 15 MB as JSON; every other body stays small.
  options.is_upload = [](std::string_view method, std::string_view path) {
    return method == "POST" && path == "/api/v1/admin/people/import";
  };
  // A connection for every thread that may run a handler (/healthz runs on the I/O threads),
  // and two for the scheduler and the mail sender.
  auto store = open_migrated(database, options.worker_threads + io_threads + 2);
  if (!store) return fail(store.error().message);

  api::Settings settings;
  settings.web_root = o.web_root;
  settings.secure_cookies = o.secure_cookies;
  settings.organisation = o.organisation;
  std::unique_ptr<Clock> clock = std::make_unique<SystemClock>();
  api::App::RouteAdder test_routes;
#ifdef MH_TEST_HOOKS
  FakeClock* fake_clock = nullptr;
  if (!o.test_clock.empty()) {
    auto start = parse_iso8601(o.test_clock);
    if (!start) return fail("--test-clock needs an ISO 8601 time such as 2026-01-05T09:00:00Z");
    auto fake = std::make_unique<FakeClock>(*start);
    fake_clock = fake.get();
    clock = std::move(fake);
    spdlog::warn("running on a test clock starting at {}", o.test_clock);
  }
  test_routes = [fake_clock](api::Routes& routes) {
    if (fake_clock != nullptr) api::add_test_clock_route_for_test(routes, *fake_clock);
    api::add_commit_stall_route_for_test(routes);
    api::add_matching_hold_route_for_test(routes);
  };
#endif

  Mail mail;
  if (!o.smtp.empty()) {
    auto made = make_mail(o, **store, *clock, o.port);
    if (!made) return fail(made.error().message);
    mail = std::move(*made);
    settings.lifecycle.send_mail = true;
#ifdef MH_TEST_HOOKS
    test_routes = [clock_routes = test_routes, &sender = *mail.sender](api::Routes& routes) {
      if (clock_routes) clock_routes(routes);
      api::add_test_mail_route_for_test(routes, sender);
    };
#endif
  }

  api::App app(**store, *clock, settings, test_routes);
  app.build_recommendation_snapshot();
  jobs::Ticker ticker(**store, *clock, settings.lifecycle, std::chrono::minutes(5));
  http::ServerObserver observer;
  observer.on_connections = [&app](int n) { app.set_open_connections(n); };
  observer.on_response = [&app](const http::Request& req, int status, std::chrono::microseconds latency) {
    app.observe(req, status, latency);
  };
  options.runs_inline = [&app](const http::Request& req) { return app.runs_inline(req); };
  http::Server server(options, [&app](http::Request& req) { return app.handle(req); }, observer);
  try {
    server.listen();
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  spdlog::info("Mentorhub is serving on http://{}:{} ({} I/O threads, database {})", o.bind, server.port(),
               io_threads, (*store)->dialect() == sql::Dialect::sqlite ? database : "PostgreSQL");
  if (mail.sender) {
    mail.sender->start();
    spdlog::info("mail: sending through {} from {}", o.smtp, o.mail_from);
  }
  std::fflush(stdout);
  server.run();
  if (mail.sender) mail.sender->stop();
  spdlog::info("stopped");
  return 0;
}

int tick(const std::string& database) {
  // Two connections: one holds the pass's database-wide lock while the other does its work.
  auto store = open_migrated(database, 2);
  if (!store) return fail(store.error().message);
  auto pass = jobs::run_lifecycle_pass(**store, SystemClock().now(), LifecycleSettings{},
                                       jobs::IfRunningElsewhere::wait);
  if (!pass) return fail(pass.error().message);
  const jobs::TickReport* report = &**pass;
  std::printf("lifecycle check: %d request(s) expired, %d relationship(s) fading, %d active again, %d reminded to "
              "agree a purpose, %d reminder(s) written\n",
              report->expired, report->faded, report->revived, report->reminded, report->notified);
  return 0;
}

int backup(const std::string& database, const std::string& file) {
  // PostgreSQL has its own tools for a consistent copy of a live database.
  if (sql::is_postgres_url(database))
    return fail("backup copies SQLite databases; back PostgreSQL up with pg_dump");
  auto done = sql::backup_sqlite(database, file);
  if (!done) return fail(done.error().message);
  std::printf("backed up %s to %s\n", database.c_str(), file.c_str());
  return 0;
}

int migrate(const std::string& database) {
  auto store = Store::open(database, 1);
  if (!store) return fail(store.error().message);
  auto applied = (*store)->migrate(SystemClock().now().time_since_epoch().count());
  if (!applied) return fail(applied.error().message);
  auto version = (*store)->schema_version();
  std::printf("applied %d migration(s); schema version %d\n", *applied, version ? *version : 0);
  return 0;
}

int demo(const std::string& database, bool only_print) {
  Result<std::vector<cli::DemoSignIn>> sign_ins = cli::demo_sign_ins(SystemClock().now());
  if (!only_print) {
    auto store = open_migrated(database, 2);
    if (!store) return fail(store.error().message);
    sign_ins = cli::seed_demo(**store, SystemClock().now());
  }
  if (!sign_ins) return fail(sign_ins.error().message);
  std::printf("%s Sign in with password \"%s\" as:\n",
              only_print ? "The demo organisation." : "Seeded the demo organisation.", cli::kDemoPassword);
  for (const auto& s : *sign_ins) std::printf("  %-28s %s\n", s.role.c_str(), s.email.c_str());
  return 0;
}

struct UserOptions {
  std::string email, name, password, department, title, timezone = "UTC";
  bool admin = false;
};

int user_create(const std::string& database, const UserOptions& u) {
  auto store = open_migrated(database, 1);
  if (!store) return fail(store.error().message);
  Person p;
  p.email = normalize_email(u.email);
  p.name = u.name;
  p.department = u.department;
  p.title = u.title;
  p.timezone = u.timezone;
  p.is_admin = u.admin;
  p.created_at = p.updated_at = SystemClock().now();
  if (auto ok = validate_person(p, year_of(p.created_at), timezone_problem); !ok)
    return fail(ok.error().field + " " + ok.error().message);
  if (u.password.size() < 10) return fail("--password must be at least 10 characters");
  const std::string hash = hash_password(u.password);
  auto id = (*store)->write_value<PersonId>([&](sql::Connection& db) -> Result<PersonId> {
    services::UseCase uc(db, p.created_at, LifecycleSettings{});
    MH_TRY(added, services::add_person(uc, cli::operator_actor(), p, hash));
    return added.id;
  });
  if (!id) return fail(id.error().message);
  std::printf("created %s (id %lld)%s\n", p.email.c_str(), static_cast<long long>(*id), u.admin ? " as administrator" : "");
  return 0;
}

// Invites one person (by address) or everyone who has not signed in, through the same use case
// as the administrators' page: the mail waits in the outbox for a server with --smtp. The link
// is printed only when asked, for an operator who hands it over another way.
int user_invite(const std::string& database, const std::string& email, bool everyone, bool print_link) {
  if (email.empty() == !everyone) return fail("give --email ADDRESS or --everyone-not-signed-in");
  auto store = open_migrated(database, 1);
  if (!store) return fail(store.error().message);
  const TimePoint now = SystemClock().now();
  auto made = (*store)->write_value<std::vector<services::Invitation>>(
      [&](sql::Connection& db) -> Result<std::vector<services::Invitation>> {
        services::UseCase uc(db, now, LifecycleSettings{});
        if (everyone) return services::invite_everyone_not_signed_in(uc, nullptr);
        auto p = storage::find_person_by_email(db, normalize_email(email));
        if (!p) return not_found("no person with e-mail " + email);
        MH_TRY(one, services::invite_person(uc, nullptr, p->id));
        return std::vector<services::Invitation>{std::move(one)};
      });
  if (!made) return fail(made.error().message);
  for (const auto& inv : *made) {
    if (print_link)
      std::printf("%s\t%s#%s\n", inv.person.email.c_str(), services::kSetPasswordPage, inv.token.c_str());
    else
      std::printf("invited %s (the link works until %s)\n", inv.person.email.c_str(),
                  format_iso8601(inv.link.expires_at).c_str());
  }
  std::printf("%zu invitation(s); their mail is sent by a server started with --smtp\n", made->size());
  return 0;
}

int user_update(const std::string& database, const std::string& email, const std::string& password, bool make_admin) {
  auto store = open_migrated(database, 1);
  if (!store) return fail(store.error().message);
  if (!make_admin && password.size() < 10) return fail("--password must be at least 10 characters");
  const std::string hash = make_admin ? std::string() : hash_password(password);
  auto done = (*store)->write([&](sql::Connection& db) -> Status {
    services::UseCase uc(db, SystemClock().now(), LifecycleSettings{});
    auto changed = make_admin ? services::grant_administrator_rights(uc, cli::operator_actor(), email)
                              : services::set_password_for(uc, cli::operator_actor(), email, hash);
    if (!changed) return changed.error();
    return {};
  });
  if (!done) return fail(done.error().message);
  std::printf(make_admin ? "%s is now an administrator\n" : "password of %s reset\n", email.c_str());
  return 0;
}

// Moves a whole installation between databases (either dialect); see storage/copy.hpp.
int copy(const std::string& from, const std::string& to, bool force) {
  storage::CopyOptions options;
  options.force = force;
  options.now_unix = SystemClock().now().time_since_epoch().count();
  auto report = storage::copy_database(from, to, options);
  if (!report) return fail(report.error().message);
  std::fputs(storage::format_copy_report(*report).c_str(), stdout);
  return 0;
}

int print_routes() {
  // The route table needs no database: an in-memory one satisfies the constructor.
  auto store = open_migrated(":memory:", 1);
  if (!store) return fail(store.error().message);
  SystemClock clock;
  api::App app(**store, clock, api::Settings{});
  for (const auto& r : app.router().routes()) std::printf("%s %s\n", r.method.c_str(), r.pattern.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    mh::init_crypto();
  } catch (const std::exception& e) {
    return fail(e.what());
  }
#ifdef MH_TEST_HOOKS
  mh::use_cheapest_password_hashing_for_test();
#endif
  CLI::App cli{"Mentorhub: find a mentor or become one. A mentoring-program server and its tools."};
  cli.require_subcommand(1);
  std::string database = "./mentorhub.db";
  cli.add_option("--database", database, "SQLite file path or postgresql://user@host:port/db URL")
      ->capture_default_str();

  ServeOptions so;
  auto* serve_cmd = cli.add_subcommand("serve", "Run the HTTP server (web app and JSON API)");
  serve_cmd->add_option("--bind", so.bind, "Address to listen on")->capture_default_str();
  serve_cmd->add_option("--port", so.port, "TCP port (0 picks a free one)")->check(CLI::Range(0, 65535))->capture_default_str();
  serve_cmd->add_option("--threads", so.threads, "I/O threads (0: one per core)")->check(CLI::Range(0, 256));
  serve_cmd->add_option("--web-root", so.web_root, "Folder of the built web app")->capture_default_str();
  serve_cmd->add_flag("--secure-cookies", so.secure_cookies,
                      "Mark cookies Secure (browsers then send them over HTTPS only): set it behind TLS");
  serve_cmd->add_option("--smtp", so.smtp, "Send e-mail through this mail server: smtp://host:port or smtps://host:port "
                                          "(no mail is sent without it)");
  serve_cmd->add_option("--smtp-user", so.smtp_user, "User name at the mail server");
  serve_cmd->add_option("--smtp-password-file", so.smtp_password_file, "File whose first line is the mail server's password");
  serve_cmd->add_flag("--smtp-starttls", so.smtp_starttls, "Require STARTTLS: never send over an unencrypted connection");
  serve_cmd->add_option("--mail-from", so.mail_from, "The address mail comes from (needed with --smtp)");
  serve_cmd->add_option("--organisation", so.organisation, "The organisation's name, in every mail and authenticator app")->capture_default_str();
  serve_cmd->add_option("--public-url", so.public_url,
                        "The address people open Mentorhub at (https://...), for the links in mails");
  serve_cmd->add_option("--mail-templates", so.mail_templates, "Folder of the mail templates")->capture_default_str();
#ifdef MH_TEST_HOOKS
  serve_cmd->add_option("--test-clock", so.test_clock, "Run on a fake clock starting at this UTC time (tests only)")
      ->group("");
#endif

  auto* migrate_cmd = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  auto* demo_cmd = cli.add_subcommand("demo", "Seed an empty database with the demo organisation");
  bool only_print = false;
  demo_cmd->add_flag("--sign-ins", only_print, "Only print the demo sign-ins");
  auto* routes_cmd = cli.add_subcommand("routes", "List every HTTP route (method and pattern)");
  auto* tick_cmd = cli.add_subcommand("tick", "Run the lifecycle checks now: expire old requests, mark fading relationships");

  std::string backup_file;
  auto* backup_cmd = cli.add_subcommand(
      "backup", "Copy the SQLite database to a new file, consistent while servers run (restore: README)");
  backup_cmd->add_option("file", backup_file, "The new file (never overwritten)")->required();

  std::string copy_from, copy_to;
  bool copy_force = false;
  auto* copy_cmd = cli.add_subcommand("copy", "Copy a whole installation into another database (either dialect)");
  copy_cmd->add_option("--from", copy_from, "Source: SQLite file path or postgresql:// URL")->required();
  copy_cmd->add_option("--to", copy_to, "Target: SQLite file path or postgresql:// URL (migrated, must be empty)")
      ->required();
  copy_cmd->add_flag("--force", copy_force, "Empty a target that holds rows instead of refusing");

  auto* user_cmd = cli.add_subcommand("user", "Manage accounts");
  user_cmd->require_subcommand(1);
  UserOptions uo;
  auto* create_cmd = user_cmd->add_subcommand("create", "Create a person who can sign in");
  create_cmd->add_option("--email", uo.email, "E-mail address (the sign-in name)")->required();
  create_cmd->add_option("--name", uo.name, "Full name")->required();
  create_cmd->add_option("--password", uo.password, "Password, at least 10 characters")->required();
  create_cmd->add_option("--department", uo.department, "Department");
  create_cmd->add_option("--title", uo.title, "Job title");
  create_cmd->add_option("--timezone", uo.timezone, "IANA timezone")->capture_default_str();
  create_cmd->add_flag("--admin", uo.admin, "Make them a program administrator");
  std::string email, password;
  auto* reset_cmd = user_cmd->add_subcommand("reset-password", "Set a new password for a person");
  reset_cmd->add_option("--email", email, "E-mail address")->required();
  reset_cmd->add_option("--password", password, "New password, at least 10 characters")->required();
  auto* admin_cmd = user_cmd->add_subcommand("make-admin", "Make a person a program administrator");
  admin_cmd->add_option("--email", email, "E-mail address")->required();
  auto* remove_factor_cmd = user_cmd->add_subcommand(
      "remove-second-factor", "Remove a person's second factor (lost app and recovery codes) and end their sessions");
  remove_factor_cmd->add_option("--email", email, "E-mail address")->required();
  bool invite_everyone = false, print_link = false;
  auto* invite_cmd = user_cmd->add_subcommand("invite", "Mail a person a link to choose their password (7 days, once)");
  invite_cmd->add_option("--email", email, "E-mail address of the person to invite");
  invite_cmd->add_flag("--everyone-not-signed-in", invite_everyone,
                       "Invite every active person who has never signed in and has no password");
  invite_cmd->add_flag("--print-link", print_link,
                       "Also print each link (its path after the server's address): it opens the account, keep it safe");

  cli::CohortCreateOptions co;
  auto* cohort_cmd = cli.add_subcommand("cohort", "Manage cohorts for bulk matching");
  cohort_cmd->require_subcommand(1);
  auto* cohort_create_cmd = cohort_cmd->add_subcommand("create", "Create a cohort from a list of people or a filter");
  cohort_create_cmd->add_option("name", co.name, "The cohort's name")->required();
  cohort_create_cmd->add_option("--description", co.description, "What the cohort is for");
  cohort_create_cmd->add_option("--department", co.department,
                                "Everyone in this department seeking (mentees) or offering (mentors) one-to-one mentoring");
  cohort_create_cmd->add_flag("--everyone", co.everyone, "Everyone seeking or offering one-to-one mentoring");
  cohort_create_cmd->add_option("--mentees", co.mentees, "Mentees by person id")->delimiter(',');
  cohort_create_cmd->add_option("--mentors", co.mentors, "Mentors by person id")->delimiter(',');
  auto* cohort_list_cmd = cohort_cmd->add_subcommand("list", "List the cohorts and their latest matching");

  cli::SsoConfigureOptions sso;
  std::string factor_action;
  auto* factor_cmd = cli.add_subcommand(
      "second-factor", "Whether administrators must have a second factor (TOTP) to sign in with a password");
  factor_cmd->add_option("action", factor_action, "require, allow or show")
      ->required()
      ->check(CLI::IsMember({"require", "allow", "show"}));
  auto* sso_cmd = cli.add_subcommand("sso", "Single sign-on with the organisation's OpenID Connect identity provider");
  sso_cmd->require_subcommand(1);
  auto* sso_configure_cmd = sso_cmd->add_subcommand(
      "configure", "Connect the identity provider (the client secret from --client-secret-file or MENTORHUB_SSO_CLIENT_SECRET)");
  sso_configure_cmd->add_option("--name", sso.name, "Shown as \"Sign in with NAME\"")->required();
  sso_configure_cmd->add_option("--issuer", sso.issuer, "The provider's issuer URL (discovery is read below it)")->required();
  sso_configure_cmd->add_option("--client-id", sso.client_id, "This server's client id at the provider")->required();
  sso_configure_cmd->add_option("--client-secret-file", sso.client_secret_file, "A file holding the client secret");
  sso_configure_cmd->add_option("--public-url", sso.public_url,
                                "Where browsers reach this server; the redirect URI is PUBLIC_URL/api/v1/auth/sso/callback")
      ->required();
  sso_configure_cmd->add_option("--scopes", sso.scopes, "Scopes asked for")->capture_default_str();
  sso_configure_cmd->add_option("--token-auth", sso.token_auth, "How the client authenticates at the token endpoint")
      ->check(CLI::IsMember({"client_secret_basic", "client_secret_post"}))
      ->capture_default_str();
  sso_configure_cmd->add_flag("--create-people", sso.create_people,
                              "Create a person at their first sign-in (just-in-time) instead of refusing");
  sso_configure_cmd->add_option("--password-sign-in", sso.password_sign_in, "on, or off for everyone but --break-glass")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  sso_configure_cmd->add_option("--break-glass", sso.break_glass,
                                "An administrator's e-mail that may still sign in with a password");
  sso_configure_cmd->add_option("--name-claim", sso.name_claim, "Claim holding the full name")->capture_default_str();
  sso_configure_cmd->add_option("--department-claim", sso.department_claim, "Claim holding the department")
      ->capture_default_str();
  sso_configure_cmd->add_option("--title-claim", sso.title_claim, "Claim holding the job title")->capture_default_str();
  sso_configure_cmd
      ->add_option("--email-claim", sso.email_claim,
                   "Claim holding the e-mail address (Microsoft Entra ID: preferred_username or upn)")
      ->capture_default_str();
  sso_configure_cmd->add_option("--trusted-email-domains", sso.trusted_email_domains,
                                "Domains the provider is the authority for, comma-separated: their addresses are "
                                "trusted without email_verified, which Entra ID does not send");
  sso_configure_cmd->add_option("--clock-skew", sso.clock_skew, "Seconds of clock difference allowed (0-300)")
      ->check(CLI::Range(0, 300))
      ->capture_default_str();
  auto* sso_show_cmd = sso_cmd->add_subcommand("show", "Show the identity provider's settings (never the secret)");
  auto* sso_check_cmd = sso_cmd->add_subcommand("check", "Fetch the provider's discovery document and keys");
  auto* sso_remove_cmd = sso_cmd->add_subcommand("remove", "Disconnect the identity provider");
  cli::VideoOptions vo;
  auto* scim_cmd = cli.add_subcommand("scim", "SCIM 2.0 provisioning: the tokens identity providers present to /scim/v2");
  scim_cmd->require_subcommand(1);
  auto* scim_token_cmd = scim_cmd->add_subcommand("token", "Make, list or revoke a provider's bearer token");
  scim_token_cmd->require_subcommand(1);
  std::string scim_name;
  std::int64_t scim_id = 0;
  auto* scim_create_cmd = scim_token_cmd->add_subcommand("create", "Make a token (printed once) for one identity provider");
  scim_create_cmd->add_option("--name", scim_name, "Which provider holds it, e.g. \"Entra ID\"")->required();
  auto* scim_list_cmd = scim_token_cmd->add_subcommand("list", "List the tokens (never the secrets)");
  auto* scim_revoke_cmd = scim_token_cmd->add_subcommand("revoke", "Revoke a token: its provider is refused at once");
  scim_revoke_cmd->add_option("id", scim_id, "The token's number, as `list` shows it")->required();
  auto* video_cmd = cli.add_subcommand("video", "Video rooms for meetings, circle sessions and flash sessions");
  video_cmd->require_subcommand(1);
  auto* video_set_cmd = video_cmd->add_subcommand(
      "configure", "Set the video service (a BigBlueButton secret from --secret-file or MENTORHUB_BBB_SECRET)");
  video_set_cmd->add_option("--provider", vo.provider, "none, jitsi or bigbluebutton")
      ->check(CLI::IsMember({"none", "jitsi", "bigbluebutton"}))
      ->required();
  video_set_cmd->add_option("--url", vo.url,
                            "The Jitsi base address (https://meet.example.org) or the BigBlueButton API address "
                            "(https://bbb.example.org/bigbluebutton/api)");
  video_set_cmd->add_option("--secret-file", vo.secret_file, "A file holding the BigBlueButton shared secret");
  video_set_cmd->add_option("--checksum", vo.checksum, "The BigBlueButton checksum algorithm")
      ->check(CLI::IsMember({"sha1", "sha256"}))
      ->capture_default_str();
  auto* video_show_cmd = video_cmd->add_subcommand("show", "Show the video service (never the secret)");
  cli::ImportOptions io;
  auto* import_cmd = cli.add_subcommand(
      "import", std::string("Import people from an HR export (CSV): check it, then create, update and (with "
                            "--complete) deactivate people in one transaction. ") + people_import_format());
  import_cmd->add_option("file", io.file, "The CSV file")->required();
  import_cmd->add_flag("--dry-run", io.dry_run, "Only check the file and say what importing it would change");
  import_cmd->add_flag("--complete", io.complete,
                       "The file lists every employee: deactivate the active employees missing from it");

  std::string export_what, export_output;
  cli::ReportOptions report_options;
  auto* export_cmd = cli.add_subcommand(
      "export", "Write CSV for administrators: people (as the import reads them), relationships (states, dates and "
                "counts, never content), or the program report (aggregates, groups under 5 people hidden)");
  export_cmd->add_option("what", export_what, "people, relationships or report")
      ->required()
      ->check(CLI::IsMember({"people", "relationships", "report"}));
  export_cmd->add_option("--output", export_output, "A file to write instead of stdout");
  export_cmd->add_option("--from", report_options.from, "report: the first month, YYYY-MM (default: 11 months ago)");
  export_cmd->add_option("--to", report_options.to, "report: the last month, YYYY-MM (default: this month)");
  export_cmd->add_option("--group-by", report_options.group_by, "report: none, department, cohort or program")
      ->check(CLI::IsMember({"none", "department", "cohort", "program"}));

  cli::MatchOptions mo;
  bool preview = false;
  auto* match_cmd = cli.add_subcommand(
      "match", "Match a cohort: the optimal assignment, previewed or applied as proposals each mentor accepts");
  auto* by_cohort = match_cmd->add_option("--cohort", mo.cohort, "The cohort's name");
  auto* by_csv = match_cmd->add_option("--csv", mo.csv, std::string("A CSV of people instead (nothing stored). ") +
                                                            matching::cohort_csv_format());
  by_cohort->excludes(by_csv);
  match_cmd->add_flag("--preview", preview, "Compute and store the preview only (the default)");
  auto* apply_flag = match_cmd->add_flag("--apply", mo.apply, "Apply it: one proposal per pair");
  apply_flag->excludes("--preview");
  apply_flag->excludes(by_csv);
  match_cmd->add_option("--k", mo.k, "Candidate mentors per mentee")->capture_default_str();
  match_cmd->add_option("--min-score", mo.min_score, "Pairs scoring less are never proposed (points)")
      ->capture_default_str();
  match_cmd
      ->add_flag("--include-mentored", mo.include_mentored,
                 "Also match mentees who already have a mentor (left out by default)")
      ->excludes(by_csv);
  match_cmd->add_flag("--json", mo.json, "Print the result as JSON, for scripts");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (*serve_cmd) return serve(database, so);
  if (*migrate_cmd) return migrate(database);
  if (*demo_cmd) return demo(database, only_print);
  if (*routes_cmd) return print_routes();
  if (*tick_cmd) return tick(database);
  if (*copy_cmd) return copy(copy_from, copy_to, copy_force);
  if (*backup_cmd) return backup(database, backup_file);
  if (*create_cmd) return user_create(database, uo);
  if (*reset_cmd) return user_update(database, email, password, false);
  if (*admin_cmd) return user_update(database, email, "", true);
  if (*invite_cmd) return user_invite(database, email, invite_everyone, print_link);
  if (*factor_cmd || *remove_factor_cmd) {
    auto store = open_migrated(database, 1);
    if (!store) return fail(store.error().message);
    if (*remove_factor_cmd) return cli::remove_second_factor(**store, email);
    return cli::second_factor_requirement(**store, factor_action);
  }
  if (*sso_cmd) {
    auto store = open_migrated(database, 1);
    if (!store) return fail(store.error().message);
    if (*sso_configure_cmd) return cli::sso_configure(**store, sso);
    if (*sso_show_cmd) return cli::sso_show(**store);
    if (*sso_check_cmd) return cli::sso_check(**store);
    if (*sso_remove_cmd) return cli::sso_remove(**store);
    return 2;
  }
  if (*scim_cmd) {
    auto store = open_migrated(database, 1);
    if (!store) return fail(store.error().message);
    if (*scim_create_cmd) return cli::scim_token_create(**store, scim_name);
    if (*scim_list_cmd) return cli::scim_token_list(**store);
    if (*scim_revoke_cmd) return cli::scim_token_revoke(**store, scim_id);
    return 2;
  }
  if (*video_cmd) {
    auto store = open_migrated(database, 1);
    if (!store) return fail(store.error().message);
    if (*video_set_cmd) return cli::video_configure(**store, vo);
    if (*video_show_cmd) return cli::video_show(**store);
    return 2;
  }
  if (*export_cmd) {
    auto store = open_migrated(database, 1);
    if (!store) return fail(store.error().message);
    return cli::export_csv(**store, export_what, export_output, report_options, SystemClock().now());
  }
  if (*import_cmd) {
    auto store = open_migrated(database, 1);
    if (!store) return fail(store.error().message);
    return cli::import_people(**store, io);
  }
  if (*cohort_create_cmd || *cohort_list_cmd || (*match_cmd && mo.csv.empty())) {
    if (*match_cmd && mo.cohort.empty()) {
      std::fprintf(stderr, "mentorhub match: give --cohort NAME or --csv FILE\n");
      return 2;
    }
    auto store = open_migrated(database, 2);
    if (!store) return fail(store.error().message);
    if (*cohort_create_cmd) return cli::cohort_create(**store, co);
    if (*cohort_list_cmd) return cli::cohort_list(**store);
    return cli::match(store->get(), mo);
  }
  if (*match_cmd) return cli::match(nullptr, mo);
  return 2;
}
