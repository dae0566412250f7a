// The outbound client against a listening socket this test controls: a real answer, a peer
// that never answers (the deadline), an answer too large, and URLs it refuses.
#include "http/client.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace mh::http {
namespace {

using namespace std::chrono_literals;

// One connection accepted on loopback; `reply` (may be empty: say nothing) is sent after the
// request's head has arrived.
class OneShotPeer {
 public:
  explicit OneShotPeer(std::string reply) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(fd_, 1);
    thread_ = std::thread([this, reply = std::move(reply)] {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      char buf[4096];
      while (received_.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        received_.append(buf, static_cast<std::size_t>(n));
      }
      if (!reply.empty()) ::send(c, reply.data(), reply.size(), MSG_NOSIGNAL);
      while (!reply.empty() || !done_) {
        if (!reply.empty()) break;
        std::this_thread::sleep_for(10ms);
      }
      ::close(c);
    });
  }
  ~OneShotPeer() {
    done_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url(const std::string& path = "/") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  const std::string& received() const { return received_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> done_{false};
  std::string received_;
  std::thread thread_;
};

TEST(HttpClient, PostsAFormAndReadsTheAnswer) {
  OneShotPeer peer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}");
  ClientRequest req;
  req.method = "POST";
  req.url = peer.url("/token?x=1");
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  req.body = "grant_type=authorization_code";
  auto r = fetch(req);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "{\"ok\":true}");
  EXPECT_EQ(r->header("content-type"), "application/json");
  EXPECT_NE(peer.received().find("POST /token?x=1 HTTP/1.1"), std::string::npos);
}

TEST(HttpClient, GivesUpWhenThePeerNeverAnswers) {
  OneShotPeer peer("");
  ClientRequest req;
  req.url = peer.url();
  req.timeout = 300ms;
  const auto start = std::chrono::steady_clock::now();
  auto r = fetch(req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::unavailable);
  // The peer holds the connection open for ever, so only the deadline can end the wait; it must
  // not end before it. No upper bound finer than a hang guard: a busy machine may wake late.
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 120s);
}

TEST(HttpClient, RefusesAnAnswerLargerThanAllowed) {
  OneShotPeer peer("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'x'));
  ClientRequest req;
  req.url = peer.url();
  req.max_response_bytes = 1000;
  auto r = fetch(req);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("larger than allowed"), std::string::npos);
}

TEST(HttpClient, RefusesUrlsItCannotOrMustNotFollow) {
  EXPECT_FALSE(parse_url("ftp://example.com/"));
  EXPECT_FALSE(parse_url("http://user:pw@example.com/"));
  EXPECT_FALSE(parse_url("http://example.com:99999/"));
  EXPECT_FALSE(parse_url("http://exa mple.com/"));
  auto u = parse_url("https://idp.example/.well-known/openid-configuration");
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->target, "/.well-known/openid-configuration");
  EXPECT_EQ(parse_url("http://127.0.0.1:8080?a=b")->target, "/?a=b");
}

}  // namespace
}  // namespace mh::http
