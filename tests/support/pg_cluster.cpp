#include "support/pg_cluster.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace mh::test {

namespace {

namespace fs = std::filesystem;

// Who runs the server tools: ourselves, or (when we are root) the postgres user.
struct Identity {
  bool drop = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

// The highest-numbered /usr/lib/postgresql/N/bin that has initdb and pg_ctl.
std::string find_bin_dir() {
  std::error_code ec;
  int best_version = -1;
  std::string best;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    char* end = nullptr;
    const long version = std::strtol(name.c_str(), &end, 10);
    if (end == name.c_str()) continue;
    const fs::path bin = entry.path() / "bin";
    if (access((bin / "initdb").c_str(), X_OK) != 0 || access((bin / "pg_ctl").c_str(), X_OK) != 0) {
      continue;
    }
    if (version > best_version) {
      best_version = static_cast<int>(version);
      best = bin.string();
    }
  }
  return best;
}

// A port nobody listens on right now. Another process may take it before the server binds,
// so start() retries with a new one.
int find_free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t length = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

// Only async-signal-safe calls between fork and exec: the test process may have threads.
void close_other_fds() {
  if (close_range(3, ~0U, 0) != 0) {
    for (int fd = 3; fd < 1024; ++fd) close(fd);
  }
}

[[noreturn]] void become_and_exec(const Identity& id, const std::vector<char*>& argv) {
  if (id.drop) {
    if (setgroups(0, nullptr) != 0 || setgid(id.gid) != 0 || setuid(id.uid) != 0) _exit(126);
  }
  execv(argv[0], argv.data());
  _exit(127);
}

std::vector<char*> c_argv(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

// Runs a program to completion with its output appended to `log`; returns its exit status.
int run(std::vector<std::string> args, const Identity& id, const std::string& cwd,
        const std::string& log) {
  const std::vector<char*> argv = c_argv(args);
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (in < 0 || out < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    close_other_fds();
    become_and_exec(id, argv);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string tail_of(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.size() > 1500) text = "..." + text.substr(text.size() - 1500);
  return text;
}

}  // namespace

std::unique_ptr<PgCluster> PgCluster::start(std::string* reason) {
  auto failed = [&](const std::string& why) -> std::unique_ptr<PgCluster> {
    if (reason != nullptr) *reason = why;
    return nullptr;
  };

  const std::string bin = find_bin_dir();
  if (bin.empty()) return failed("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin");

  Identity id;
  std::string base = "/tmp";
  if (geteuid() == 0) {
    // initdb and postgres refuse to run as root.
    const passwd* pw = getpwnam("postgres");
    if (pw == nullptr) return failed("running as root and there is no postgres user to run as");
    id = Identity{true, pw->pw_uid, pw->pw_gid};
  } else if (const char* tmp = std::getenv("TMPDIR"); tmp != nullptr && *tmp != '\0') {
    base = tmp;
  }
  std::string templ = base + "/mh-pg-XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) return failed("cannot create a directory in " + base);

  // From here the destructor cleans up whatever was made.
  std::unique_ptr<PgCluster> cluster(new PgCluster());
  cluster->bin_dir_ = bin;
  cluster->dir_ = templ;
  cluster->as_postgres_ = id.drop;
  cluster->uid_ = id.uid;
  cluster->gid_ = id.gid;
  const std::string data = cluster->dir_ + "/data";
  const std::string tools_log = cluster->dir_ + "/tools.log";
  const std::string server_log = cluster->dir_ + "/server.log";

  if (id.drop) {
    struct stat parent {};
    if (stat(base.c_str(), &parent) != 0 || (parent.st_mode & S_IXOTH) == 0) {
      return failed(base + " is not traversable by the postgres user");
    }
    if (chown(cluster->dir_.c_str(), id.uid, id.gid) != 0) {
      return failed("cannot give " + cluster->dir_ + " to the postgres user");
    }
  }

  // The watchdog: blocks on a pipe only we hold open; EOF means this process is gone, so it
  // stops the server and removes the directory. It has its own session so a Ctrl-C aimed at
  // the tests does not kill it before it cleans up.
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return failed("cannot create the watchdog pipe");
  {
    std::vector<std::string> args = {
        "/bin/sh", "-c",
        "cat >/dev/null; \"$1\" stop -D \"$2\" -m immediate -w -t 30; rm -rf \"$3\"",
        "mh-pg-watchdog", bin + "/pg_ctl", data, cluster->dir_};
    const std::vector<char*> argv = c_argv(args);
    const pid_t pid = fork();
    if (pid < 0) {
      close(fds[0]);
      close(fds[1]);
      return failed("cannot fork the watchdog");
    }
    if (pid == 0) {
      setsid();
      if (chdir("/") != 0) _exit(127);
      const int null_fd = open("/dev/null", O_RDWR);
      if (null_fd < 0) _exit(127);
      if (fds[0] == 0) {
        fcntl(0, F_SETFD, 0);
      } else {
        dup2(fds[0], 0);
      }
      dup2(null_fd, 1);
      dup2(null_fd, 2);
      close_other_fds();
      become_and_exec(id, argv);
    }
    close(fds[0]);
    cluster->watchdog_pid_ = pid;
    cluster->watchdog_fd_ = fds[1];
  }

  if (run({bin + "/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
           "--no-locale", "--no-sync", "--no-instructions"},
          id, cluster->dir_, tools_log) != 0) {
    return failed("initdb failed: " + tail_of(tools_log));
  }
  {
    std::ofstream conf(data + "/postgresql.conf", std::ios::app);
    conf << "\n# mentorhub tests: loopback only, and speed over durability\n"
         << "listen_addresses = '127.0.0.1'\n"
         << "unix_socket_directories = '" << cluster->dir_ << "'\n"
         << "fsync = off\n"
         << "synchronous_commit = off\n"
         << "full_page_writes = off\n"
         << "max_connections = 200\n"
         << "shared_buffers = 32MB\n";
    if (!conf) return failed("cannot write " + data + "/postgresql.conf");
  }

  std::string last_failure;
  for (int attempt = 0; attempt < 5 && !cluster->running_; ++attempt) {
    const int port = find_free_port();
    if (port <= 0) return failed("cannot find a free loopback port");
    if (run({bin + "/pg_ctl", "-D", data, "-l", server_log, "-w", "-t", "60", "-o",
             "-p " + std::to_string(port), "start"},
            id, cluster->dir_, tools_log) == 0) {
      cluster->port_ = port;
      cluster->running_ = true;
    } else {
      last_failure = tail_of(server_log);
    }
  }
  if (!cluster->running_) return failed("pg_ctl start failed: " + last_failure);

  if (run({bin + "/createdb", "-h", "127.0.0.1", "-p", std::to_string(cluster->port_), "-U",
           "postgres", "mentorhub"},
          id, cluster->dir_, tools_log) != 0) {
    return failed("createdb failed: " + tail_of(tools_log));
  }
  return cluster;
}

PgCluster::~PgCluster() {
  const Identity id{as_postgres_, uid_, gid_};
  // postmaster.pid also covers a start that timed out with the server still coming up.
  std::error_code ec;
  if (running_ || fs::exists(dir_ + "/data/postmaster.pid", ec)) {
    run({bin_dir_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "fast", "-w", "-t", "60", "stop"}, id,
        dir_, dir_ + "/tools.log");
  }
  fs::remove_all(dir_, ec);
  // The directory is gone, so the woken watchdog finds nothing to do and exits.
  if (watchdog_fd_ >= 0) close(watchdog_fd_);
  if (watchdog_pid_ > 0) {
    while (waitpid(watchdog_pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
}

std::string PgCluster::url_for(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PgCluster::fresh_database() {
  // The name is generated, never taken from input; createdb quotes it anyway.
  const std::string name = "mh_test_" + std::to_string(next_database_++);
  const Identity id{as_postgres_, uid_, gid_};
  if (run({bin_dir_ + "/createdb", "-h", "127.0.0.1", "-p", std::to_string(port_), "-U",
           "postgres", name},
          id, dir_, dir_ + "/tools.log") != 0) {
    throw std::runtime_error("createdb " + name + " failed: " + tail_of(dir_ + "/tools.log"));
  }
  return url_for(name);
}

namespace {

struct Shared {
  std::once_flag once;
  std::unique_ptr<PgCluster> cluster;  // destroyed, so stopped, at exit
  std::string error;
};

Shared& shared() {
  static Shared instance;
  return instance;
}

}  // namespace

PgCluster* shared_pg_cluster() {
  Shared& s = shared();
  std::call_once(s.once, [&] { s.cluster = PgCluster::start(&s.error); });
  return s.cluster.get();
}

bool postgres_required() {
  const char* v = std::getenv("MH_REQUIRE_POSTGRES");
  return v != nullptr && std::string_view(v) == "1";
}

const std::string& shared_pg_cluster_error() {
  Shared& s = shared();
  return s.error;
}

}  // namespace mh::test
