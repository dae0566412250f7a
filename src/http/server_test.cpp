#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <future>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace mh::http {
namespace {

using namespace std::chrono_literals;

// How long a test waits for something that should happen (a close, run() returning) before it
// says that it did not. No test asserts that something happens quickly: where the server could
// wrongly wait for a timeout, the test sets that timeout to an hour, so a right server answers
// in milliseconds, a wrong one in an hour, and the guard tells them apart on any machine.
constexpr std::chrono::seconds kHangGuard{120};
constexpr std::chrono::seconds kNever{3600};

struct RawResponse {
  int status = 0;  // 0: the connection closed before a response
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string head;                            // the status line and fields as they came
  std::string body;

  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A deliberately dumb blocking HTTP/1.1 client on a POSIX socket, so the server is tested
// against bytes on the wire rather than against Beast talking to itself.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    // A guard against a test hanging, not a measure: every wait a test expects is far shorter,
    // and what a wrong server would make it wait is far longer (see kHangGuard).
    timeval timeout{kHangGuard.count(), 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("connect failed");
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool send_all(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  RawResponse request(std::string_view raw) {
    send_all(raw);
    return read_response();
  }

  // Reads one response; `head` because a HEAD response has a Content-Length but no body.
  RawResponse read_response(bool head = false) {
    RawResponse r;
    std::size_t end;
    while ((end = buffered_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return r;
    const std::string head_text = buffered_.substr(0, end);
    r.head = head_text;
    buffered_.erase(0, end + 4);
    std::size_t line_end = head_text.find("\r\n");
    const std::string status_line = head_text.substr(0, line_end);
    r.status = std::stoi(status_line.substr(status_line.find(' ') + 1, 3));
    while (line_end != std::string::npos) {
      const std::size_t start = line_end + 2;
      line_end = head_text.find("\r\n", start);
      const std::string line = head_text.substr(start, line_end == std::string::npos ? line_end : line_end - start);
      const std::size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
    }
    const auto length = r.headers.find("content-length");
    if (head || length == r.headers.end()) return r;
    const std::size_t n = std::stoul(length->second);
    while (buffered_.size() < n)
      if (!fill()) return r;
    r.body = buffered_.substr(0, n);
    buffered_.erase(0, n);
    return r;
  }

  // True when the server closed the connection (within the receive timeout).
  bool closed_by_peer() {
    char c;
    return buffered_.empty() && ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  bool fill() {
    char buf[16384];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffered_.append(buf, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buffered_;
};

// More than a loopback socket's send buffer holds, so the server cannot write it at once.
constexpr std::size_t kBigBody = 24u << 20;

std::string get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) + "\r\n";
}

class ServerTest : public ::testing::Test {
 protected:
  // The fixture's server options: short read timeout and grace, so a failing test ends soon.
  static ServerOptions quick_options() {
    ServerOptions options;
    options.read_timeout = 5s;
    options.shutdown_grace = 5s;
    return options;
  }

  void start(ServerOptions options = quick_options()) {
    options.port = 0;
    if (options.io_threads == 0) options.io_threads = 2;
    options.worker_threads = 2;
    ServerObserver observer;
    observer.on_response = [this](const Request& req, int status, std::chrono::microseconds) {
      std::lock_guard lock(mutex_);
      observed_.push_back(req.method + " " + req.path + " " + std::to_string(status));
      observer_threads_[req.path] = std::this_thread::get_id();
    };
    server_ = std::make_unique<Server>(options, [this](Request& req) { return handle(req); }, observer);
    server_->listen();
    run_returned_ = std::promise<void>();
    returned_ = run_returned_.get_future();
    thread_ = std::thread([this] {
      server_->run();
      run_returned_.set_value();
    });
  }

  // Stops the server and says whether run() returned within the guard. When it did not, the
  // thread is left running (the test has failed; joining it would hang the binary).
  bool stop_and_wait() {
    server_->stop();
    if (returned_.wait_for(kHangGuard) != std::future_status::ready) {
      thread_.detach();
      (void)server_.release();
      return false;
    }
    thread_.join();
    server_.reset();
    return true;
  }

  void TearDown() override {
    if (server_) stop_and_wait();
  }

  Response handle(Request& req) {
    {
      std::lock_guard lock(mutex_);
      handler_threads_[req.path] = std::this_thread::get_id();
    }
    Response r;
    r.content_type = "text/plain";
    if (req.path == "/throw") throw std::runtime_error("boom");
    if (req.path == "/slow") {
      slow_started_ = true;
      std::this_thread::sleep_for(500ms);
      r.body = "slow";
    } else if (req.path == "/echo") {
      r.body = req.body;
    } else if (req.path == "/big") {
      r.body.reserve(kBigBody);
      for (std::size_t i = 0; r.body.size() < kBigBody; ++i) r.body += std::to_string(i) + ",";
      r.body.resize(kBigBody);
    } else if (req.path == "/empty") {
      r.status = 204;
    } else if (req.path == "/fields") {
      r.set_header("X-Frame-Options", "SAMEORIGIN");
      r.set_header("Cache-Control", "no-store");
      r.set_header("content-length", "99");
      r.set_header("X-Note", "a\r\nInjected: 1");
      r.set_header("X-Request-Id", "chosen-by-the-handler");
      r.body = "fields";
    } else if (req.path.starts_with("/info")) {
      r.body = req.method + " " + req.path + " " + req.remote_address;
      for (const auto& [k, v] : req.query) r.body += " " + k + "=" + v;
    } else {
      r.body = "hello";
    }
    return r;
  }

  std::vector<std::string> observed() {
    std::lock_guard lock(mutex_);
    return observed_;
  }

  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::promise<void> run_returned_;
  std::future<void> returned_;
  std::atomic<bool> slow_started_{false};
  std::mutex mutex_;
  std::vector<std::string> observed_;
  std::map<std::string, std::thread::id> handler_threads_;   // the thread each path's handler ran on
  std::map<std::string, std::thread::id> observer_threads_;  // the thread that observed its answer
};

TEST_F(ServerTest, AGetRequestGets200WithTheHandlersBody) {
  start();
  Client client(server_->port());
  const auto r = client.request(get("/hello"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.header("content-type"), "text/plain");
  EXPECT_EQ(r.header("content-length"), "5");
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start();
  Client client(server_->port());
  EXPECT_EQ(client.request(get("/hello")).body, "hello");
  const auto second = client.request(get("/info/x"));
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, "GET /info/x 127.0.0.1");
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start();
  Client client(server_->port());
  client.send_all(get("/info/1") + get("/info/2"));
  EXPECT_EQ(client.read_response().body, "GET /info/1 127.0.0.1");
  EXPECT_EQ(client.read_response().body, "GET /info/2 127.0.0.1");
}

TEST_F(ServerTest, TheHandlerSeesADecodedPathAndParsedQuery) {
  start();
  Client client(server_->port());
  const auto r = client.request(get("/info/a%20b?x=1+2&y=%C3%A9"));
  EXPECT_EQ(r.body, "GET /info/a b 127.0.0.1 x=1 2 y=\xC3\xA9");
}

TEST_F(ServerTest, ABodyOverTheLimitGets413JsonAndTheConnectionCloses) {
  start();
  Client client(server_->port());
  const std::string body(1536 * 1024, 'x');
  client.send_all("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n");
  client.send_all(body);  // may fail part-way once the server has answered; that is fine
  const auto r = client.read_response();
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.body,
            R"({"error":{"code":"payload_too_large","message":"request body exceeds 1048576 bytes","field":""}})");
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(ServerTest, AChunkedBodyOverTheLimitGets413) {
  start();
  Client client(server_->port());
  client.send_all("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk(512 * 1024, 'x');
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  for (int i = 0; i < 3; ++i) client.send_all(size_line + chunk + "\r\n");
  client.send_all("0\r\n\r\n");
  EXPECT_EQ(client.read_response().status, 413);
}

TEST_F(ServerTest, ABodyWithinTheLimitReachesTheHandler) {
  start();
  Client client(server_->port());
  const std::string body(512 * 1024, 'y');
  const auto r = client.request("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, body);
}

TEST_F(ServerTest, ExpectContinueGets100BeforeTheBodyIsSent) {
  start();
  Client client(server_->port());
  client.send_all("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(client.read_response().status, 100);
  const auto r = client.request("ping");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ping");
}

TEST_F(ServerTest, AnOversizedHeaderGets431Json) {
  start();
  Client client(server_->port());
  const auto r = client.request(get("/hello", "X-Big: " + std::string(20 * 1024, 'h') + "\r\n"));
  EXPECT_EQ(r.status, 431);
  EXPECT_NE(r.body.find(R"("code":"header_too_large")"), std::string::npos);
}

TEST_F(ServerTest, MalformedHttpGets400JsonAndTheConnectionCloses) {
  start();
  Client client(server_->port());
  const auto r = client.request("GET /hello HTTP/1.1\r\nHost: test\r\nNo colon here\r\n\r\n");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"error":{"code":"bad_request","message":"malformed HTTP request","field":""}})");
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(ServerTest, ABadPercentEscapeInThePathGets400) {
  start();
  Client client(server_->port());
  const auto r = client.request(get("/info/%zz"));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find(R"("code":"bad_request")"), std::string::npos);
}

TEST_F(ServerTest, AThrowingHandlerGets500JsonAndTheServerKeepsServing) {
  start();
  Client client(server_->port());
  const auto r = client.request(get("/throw", "X-Request-Id: req-42\r\n"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.body, R"json({"error":{"code":"internal","message":"internal error (request req-42)","field":""}})json");
  EXPECT_EQ(client.request(get("/hello")).body, "hello");
}

TEST_F(ServerTest, ASaneClientRequestIdIsEchoed) {
  start();
  Client client(server_->port());
  EXPECT_EQ(client.request(get("/hello", "X-Request-Id: abc-123\r\n")).header("x-request-id"), "abc-123");
}

TEST_F(ServerTest, AnUnusableClientRequestIdIsReplacedByAFreshOne) {
  start();
  Client client(server_->port());
  const auto first = client.request(get("/hello", "X-Request-Id: <script>\r\n"));
  const auto second = client.request(get("/hello"));
  EXPECT_FALSE(first.header("x-request-id").empty());
  EXPECT_NE(first.header("x-request-id"), "<script>");
  EXPECT_NE(first.header("x-request-id"), second.header("x-request-id"));
}

TEST_F(ServerTest, HeadGetsTheGetHeadersWithoutABody) {
  start();
  Client client(server_->port());
  client.send_all("HEAD /info HTTP/1.1\r\nHost: test\r\n\r\n");
  const auto r = client.read_response(/*head=*/true);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-length"), std::to_string(std::string("GET /info 127.0.0.1").size()));
  // Were a body sent, it would be read as the start of this response.
  EXPECT_EQ(client.request(get("/hello")).body, "hello");
}

// The server writes what the socket takes at once and the rest as the client reads it.
TEST_F(ServerTest, ABodyLargerThanTheSocketBufferArrivesWholeAndTheConnectionServesOn) {
  start();
  Client client(server_->port());
  client.send_all(get("/big"));
  std::this_thread::sleep_for(200ms);  // the socket's buffer fills before anything is read
  const auto r = client.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-length"), std::to_string(kBigBody));
  ASSERT_EQ(r.body.size(), kBigBody);
  EXPECT_TRUE(r.body.starts_with("0,1,2,3,"));
  EXPECT_NE(r.body.find(",1000000,1000001,"), std::string::npos);
  EXPECT_EQ(client.request(get("/hello")).body, "hello");
}

// A handler's fields go out once beside the server's own; those that would break the framing
// do not go out at all, and the request's id is the server's.
TEST_F(ServerTest, AHandlersFieldsAreWrittenOnceAndThoseBreakingTheFramingAreLeftOut) {
  start();
  Client client(server_->port());
  const auto r = client.request(get("/fields", "X-Request-Id: abc-123\r\n"));
  EXPECT_TRUE(r.head.starts_with("HTTP/1.1 200 OK\r\n")) << r.head;
  EXPECT_EQ(r.body, "fields");
  EXPECT_EQ(r.header("content-length"), "6");
  EXPECT_EQ(r.header("cache-control"), "no-store");
  EXPECT_EQ(r.header("x-frame-options"), "SAMEORIGIN");
  EXPECT_EQ(r.head.find("X-Frame-Options: DENY"), std::string::npos) << r.head;
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("x-request-id"), "abc-123");
  EXPECT_EQ(r.header("x-note"), "");
  EXPECT_EQ(r.head.find("Injected"), std::string::npos) << r.head;
  EXPECT_EQ(r.head.find("ength: 99"), std::string::npos) << r.head;
  EXPECT_EQ(r.header("connection"), "");  // HTTP/1.1 keeps the connection without saying so
  EXPECT_EQ(client.request(get("/hello")).body, "hello");
}

TEST_F(ServerTest, A204HasNeitherLengthNorBodyAndTheConnectionServesOn) {
  start();
  Client client(server_->port());
  const auto r = client.request(get("/empty"));
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.head.starts_with("HTTP/1.1 204 No Content\r\n")) << r.head;
  EXPECT_EQ(r.header("content-length"), "");
  EXPECT_EQ(r.header("content-type"), "");
  EXPECT_EQ(client.request(get("/hello")).body, "hello");
}

TEST_F(ServerTest, AnHttp10ClientAskingToKeepTheConnectionIsToldSoAndServedAgain) {
  start();
  Client client(server_->port());
  const auto r = client.request("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_TRUE(r.head.starts_with("HTTP/1.0 200 OK\r\n")) << r.head;
  EXPECT_EQ(r.header("connection"), "keep-alive");
  EXPECT_EQ(client.request("GET /hello HTTP/1.0\r\n\r\n").body, "hello");
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(ServerTest, AnHttp10ClientIsDisconnectedAfterTheResponse) {
  start();
  Client client(server_->port());
  const auto r = client.request("GET /hello HTTP/1.0\r\n\r\n");
  EXPECT_EQ(r.body, "hello");
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  start();
  Client client(server_->port());
  const auto r = client.request(get("/hello", "Connection: close\r\n"));
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(ServerTest, ConnectionsBeyondTheLimitGet503) {
  ServerOptions options = quick_options();
  options.max_connections = 1;
  start(options);
  Client first(server_->port());
  ASSERT_EQ(first.request(get("/hello")).status, 200);  // now surely accepted and counted
  Client second(server_->port());
  const auto r = second.request(get("/hello"));
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find(R"("code":"unavailable")"), std::string::npos);
}

TEST_F(ServerTest, AnIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  ServerOptions options = quick_options();
  options.idle_timeout = 1s;
  options.read_timeout = kNever;  // so only the idle timeout can close it
  start(options);
  Client client(server_->port());
  ASSERT_EQ(client.request(get("/hello")).status, 200);
  const auto before = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_peer());
  // Not before the idle timeout (its timer starts with the answer, just before `before`).
  EXPECT_GE(std::chrono::steady_clock::now() - before, 500ms);
}

TEST_F(ServerTest, TheObserverSeesEveryResponse) {
  start();
  Client client(server_->port());
  client.request(get("/hello"));
  client.request(get("/throw"));
  Client other(server_->port());
  other.request("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 99999999\r\n\r\n");
  for (int i = 0; i < 100 && observed().size() < 3; ++i) std::this_thread::sleep_for(10ms);
  // The observer runs after the write, so two connections may report in either order.
  std::vector<std::string> seen = observed();
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"GET /hello 200", "GET /throw 500", "POST /echo 413"}));
}

TEST_F(ServerTest, AHandlerNamedQuickRunsOnTheIoThreadAndTheOthersOnAWorker) {
  ServerOptions options = quick_options();
  options.io_threads = 1;  // one I/O thread: the one that observes every answer
  options.runs_inline = [](const Request& req) { return req.path == "/quick"; };
  start(options);
  Client client(server_->port());
  EXPECT_EQ(client.request(get("/quick")).body, "hello");
  EXPECT_EQ(client.request(get("/hello")).body, "hello");
  for (int i = 0; i < 100 && observed().size() < 2; ++i) std::this_thread::sleep_for(10ms);
  std::lock_guard lock(mutex_);
  ASSERT_TRUE(handler_threads_.contains("/quick") && observer_threads_.contains("/quick"));
  ASSERT_TRUE(handler_threads_.contains("/hello") && observer_threads_.contains("/hello"));
  const std::thread::id io_thread = observer_threads_["/quick"];
  EXPECT_EQ(observer_threads_["/hello"], io_thread);
  EXPECT_EQ(handler_threads_["/quick"], io_thread);
  EXPECT_NE(handler_threads_["/hello"], io_thread);
}

TEST_F(ServerTest, AQuickHandlerThatThrowsGets500AndTheServerKeepsServing) {
  ServerOptions options = quick_options();
  options.runs_inline = [](const Request&) { return true; };
  start(options);
  Client client(server_->port());
  EXPECT_EQ(client.request(get("/throw")).status, 500);
  EXPECT_EQ(client.request(get("/hello")).body, "hello");
}

TEST_F(ServerTest, StopDoesNotWaitForAnIdleConnection) {
  ServerOptions options = quick_options();
  options.idle_timeout = kNever;  // a server that waited for the idle connection would wait an hour
  options.read_timeout = kNever;
  options.shutdown_grace = kNever;
  start(options);
  Client client(server_->port());
  ASSERT_EQ(client.request(get("/hello")).status, 200);
  EXPECT_TRUE(stop_and_wait());
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(ServerTest, AnInFlightRequestCompletesDuringShutdown) {
  start();
  Client client(server_->port());
  client.send_all(get("/slow"));
  while (!slow_started_) std::this_thread::sleep_for(5ms);
  server_->stop();
  const auto r = client.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "slow");
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_TRUE(stop_and_wait());
}

TEST_F(ServerTest, AStalledRequestIsDroppedWhenTheGracePeriodEnds) {
  ServerOptions options = quick_options();
  options.shutdown_grace = 1s;
  options.read_timeout = kNever;  // only the grace period can end the stalled request
  options.idle_timeout = kNever;
  start(options);
  Client client(server_->port());
  client.send_all("GET /hello HTTP/1.1\r\n");  // a request begun but never finished
  std::this_thread::sleep_for(100ms);
  const auto before = std::chrono::steady_clock::now();
  EXPECT_TRUE(stop_and_wait());
  EXPECT_GE(std::chrono::steady_clock::now() - before, 900ms);  // it was given its grace
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(ServerTest, NoNewConnectionsAreAcceptedAfterStop) {
  start();
  const std::uint16_t port = server_->port();
  ASSERT_TRUE(stop_and_wait());
  EXPECT_THROW(Client{port}, std::runtime_error);
}

TEST_F(ServerTest, ListeningOnATakenPortFailsWithAOneLineReason) {
  start();
  ServerOptions options;
  options.port = server_->port();
  Server second(options, [](Request&) { return Response{}; });
  try {
    second.listen();
    FAIL() << "listen() should have thrown";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot listen on 127.0.0.1:" + std::to_string(options.port) + ": Address already in use");
  }
}

TEST_F(ServerTest, PortZeroPicksAFreePort) {
  start();
  EXPECT_NE(server_->port(), 0);
}

}  // namespace
}  // namespace mh::http
