// The HTTP/1.1 server: Boost.Beast + Asio with C++20 coroutines. server.cpp is the only
// translation unit in the project that includes Beast (it costs ~25 s of compile time per
// file), so this header must not include it either.
//
// One listener, `io_threads` threads running the io_context, each connection on its own
// strand with one coroutine (read, handle, write, until the peer closes or keep-alive ends).
// Handlers are blocking (they call the store), so they run on a separate worker pool, except
// those the application names quick (`runs_inline`): those run on the I/O thread that read the
// request, since for them the two hand-offs (to a worker and back) cost more than the handler
// itself. Limits: body size (413), header size (431), a read deadline per request and
// an idle deadline between keep-alive requests, a maximum number of open connections (beyond it
// new connections get a 503 and are closed). SIGINT/SIGTERM: stop accepting, let in-flight
// requests finish within `shutdown_grace`, then return from run().
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "http/router.hpp"

namespace mh::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: pick a free port (see Server::port())
  int io_threads = 0;         // 0: one per core
  int worker_threads = 0;     // 0: 2 x io_threads, at least 4
  std::size_t max_body_bytes = 1 << 20;
  // The few routes that take uploads of files (by method and path) may have bodies up to
  // max_upload_bytes; asked once the headers are read, before any of the body is.
  std::function<bool(std::string_view method, std::string_view path)> is_upload;
  std::size_t max_upload_bytes = 64 << 20;
  // Asked once a request is read (before its handler): true runs the handler on the I/O thread
  // itself. Only for handlers that never wait (no lock another request may hold, no network, no
  // password hashing) and finish in well under a millisecond: while one runs, the other
  // connections of its thread wait. Unset: every handler runs on the workers.
  std::function<bool(const Request&)> runs_inline;
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds read_timeout{15};   // whole request, from its first byte
  std::chrono::seconds idle_timeout{60};   // between requests on a kept-alive connection
  int max_connections = 1024;
  std::chrono::seconds shutdown_grace{10};
};

// Called by the server as connections open and close, and after every response.
struct ServerObserver {
  std::function<void(int open_connections)> on_connections;
  // method, path, status, duration, request id: the access log and metrics live above.
  std::function<void(const Request&, int status, std::chrono::microseconds)> on_response;
};

class Server {
 public:
  Server(ServerOptions options, Handler handler, ServerObserver observer = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; throws std::runtime_error with a one-line reason if it cannot.
  void listen();
  // The bound port (after listen()).
  std::uint16_t port() const;
  // Serves until SIGINT/SIGTERM or stop(), then shuts down gracefully. Calls listen() if needed.
  void run();
  // Asks run() to shut down gracefully; safe from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mh::http
