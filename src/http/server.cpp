// The Beast/Asio side of mh::http::Server (see server.hpp for the contract). The only
// translation unit that includes Beast. Threads: `io_threads` run the io_context; every
// connection is one coroutine on its own strand; the acceptor, the signal set and the shutdown
// sequence share one "control" strand; handlers run on a separate thread pool.
//
// <utility> must come before the Asio headers: Boost 1.74's awaitable.hpp uses std::exchange
// without including it, which g++ 12 no longer pulls in transitively.
#include <utility>

#include "http/server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <exception>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

namespace mh::http {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;
using BeastRequest = bhttp::request<bhttp::string_body>;

// After an error response we half-close and read what the client is still sending for a
// while, so that it sees our response instead of a reset caused by unread data.
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kLingerBytes = 16u << 20;
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kMaxRequestIdLength = 64;

std::string json_escape(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (const char c : in) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

// The same error shape as src/api produces, so clients parse one format.
Response error_response(int status, std::string_view code, std::string_view message) {
  Response r;
  r.status = status;
  r.body = R"({"error":{"code":")" + json_escape(code) + R"(","message":")" + json_escape(message) +
           R"(","field":""}})";
  return r;
}

// Beast 1.74 uses boost::string_view, which does not convert to std::string_view.
std::string_view std_view(beast::string_view s) { return {s.data(), s.size()}; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A client-supplied id goes into our logs and back into a header, so only a short, plain one
// is trusted.
bool is_sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
  });
}

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// The server frames the message itself; a handler setting these would corrupt the stream.
bool is_framing_header(std::string_view name) {
  const std::string n = to_lower(name);
  return n == "content-length" || n == "transfer-encoding" || n == "connection";
}

bool expects_continue(const BeastRequest& req) {
  const auto it = req.find(bhttp::field::expect);
  return it != req.end() && beast::iequals(it->value(), "100-continue");
}

bool same_field_name(std::string_view a, std::string_view b) {
  return beast::iequals(beast::string_view(a.data(), a.size()), beast::string_view(b.data(), b.size()));
}

// The status line and header fields of an answer, in the order Beast wrote them: the content
// type, the handler's own fields (refused when they would break the framing: logged and left
// out), the request's id (replacing one the handler set), the security fields the handler did
// not set itself, the length and the connection's fate. The body follows as it is.
std::string response_head(const Response& response, std::string_view request_id, unsigned version, bool keep_alive,
                          bool bodiless) {
  std::string out;
  out.reserve(640 + response.headers.size() * 64);
  out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(std::to_string(response.status)).append(" ");
  const std::string_view reason =
      std_view(bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(response.status))));
  out.append(reason.data(), reason.size()).append("\r\n");
  auto field = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
  };
  if (!bodiless && !response.content_type.empty()) field("Content-Type", response.content_type);
  auto writable = [](const std::string& name, const std::string& value) {
    return !name.empty() && !is_framing_header(name) && !has_line_break(name) && !has_line_break(value);
  };
  for (const auto& [name, value] : response.headers) {
    if (!writable(name, value)) {
      spdlog::warn("request {}: dropped response header '{}'", request_id, name);
      continue;
    }
    if (!same_field_name(name, "x-request-id")) field(name, value);  // the server's own id replaces it
  }
  field("X-Request-Id", request_id);
  // A security field stands unless the handler wrote its own (one it set but that was left out
  // above does not count).
  auto written_by_handler = [&](std::string_view security_field) {
    return std::any_of(response.headers.begin(), response.headers.end(), [&](const auto& h) {
      return same_field_name(h.first, security_field) && writable(h.first, h.second);
    });
  };
  for (const auto& [name, value] : security_headers())
    if (!written_by_handler(name)) field(name, value);
  if (!bodiless) field("Content-Length", std::to_string(response.body.size()));
  if (version == 10 && keep_alive) field("Connection", "keep-alive");
  if (version != 10 && !keep_alive) field("Connection", "close");
  return out.append("\r\n");
}

std::string endpoint_text(const std::string& host, std::uint16_t port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// One accepted socket. The coroutine serving it owns it; the shutdown sequence reaches it
// through a weak_ptr and only ever touches it on the connection's strand.
struct Connection {
  explicit Connection(tcp::socket socket) : stream_(std::move(socket)) {}
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::string remote_;
  std::uint64_t id_ = 0;
  bool idle_ = false;  // waiting for the first byte of the next request; strand-only
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, Handler handler, ServerObserver observer);

  awaitable<void> accept_loop();
  awaitable<void> serve_connection(std::shared_ptr<Connection> conn);
  awaitable<void> serve_requests(Connection& conn);
  awaitable<void> reject_connection(tcp::socket socket);
  awaitable<Response> run_handler(Request& request);
  Response call_handler(Request& request) noexcept;
  // False when the peer is gone.
  awaitable<bool> write_response(beast::tcp_stream& stream, const Request& request, Response response,
                                 unsigned version, bool keep_alive, bool head, Clock::time_point started);
  awaitable<void> linger_close(beast::tcp_stream& stream);
  awaitable<void> wait_then_stop();
  void begin_shutdown();
  std::string next_request_id();
  void report_connections(int open) const;

  // Declared before io_context_ so that they outlive the coroutine frames the io_context
  // destroys when run() had to give up on connections after the grace period.
  ServerOptions options_;
  Handler handler_;
  ServerObserver observer_;
  std::mutex connections_mutex_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> connections_;
  std::atomic<int> open_{0};
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint16_t> port_{0};
  std::atomic<std::uint64_t> next_connection_id_{0};
  std::atomic<std::uint64_t> next_request_number_{0};
  std::string request_id_prefix_;
  bool listening_ = false;
  bool shutdown_started_ = false;  // control strand only

  asio::io_context io_context_;
  asio::strand<asio::io_context::executor_type> control_;
  tcp::acceptor acceptor_;
  std::optional<asio::signal_set> signals_;
  std::unique_ptr<asio::thread_pool> workers_;
};

Server::Impl::Impl(ServerOptions options, Handler handler, ServerObserver observer)
    : options_(std::move(options)),
      handler_(std::move(handler)),
      observer_(std::move(observer)),
      control_(asio::make_strand(io_context_)),
      acceptor_(control_) {
  // A random prefix keeps ids unique across restarts, so log lines of two runs never collide.
  std::random_device rd;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06x", static_cast<unsigned>(rd() & 0xffffff));
  request_id_prefix_ = buf;
}

std::string Server::Impl::next_request_id() {
  char buf[32];
  std::snprintf(buf, sizeof buf, "-%llx", static_cast<unsigned long long>(++next_request_number_));
  return request_id_prefix_ + buf;
}

void Server::Impl::report_connections(int open) const {
  if (observer_.on_connections) observer_.on_connections(open);
}

awaitable<void> Server::Impl::accept_loop() {
  asio::steady_timer backoff(control_);
  while (!stopping_) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(asio::make_strand(io_context_),
                                                        asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (stopping_ || !acceptor_.is_open()) co_return;
      // Typically EMFILE: pausing lets connections close instead of spinning on the error.
      spdlog::warn("accept failed: {}", ec.message());
      backoff.expires_after(std::chrono::milliseconds(100));
      co_await backoff.async_wait(asio::redirect_error(use_awaitable, ec));
      continue;
    }
    const int open = ++open_;
    if (open > options_.max_connections) {
      --open_;
      auto executor = socket.get_executor();
      asio::co_spawn(executor, reject_connection(std::move(socket)), asio::detached);
      continue;
    }
    report_connections(open);
    // Responses go out in one write; Nagle would only hold back the tail of large ones.
    socket.set_option(tcp::no_delay(true), ec);
    auto conn = std::make_shared<Connection>(std::move(socket));
    conn->id_ = ++next_connection_id_;
    beast::error_code remote_ec;
    const auto remote = conn->stream_.socket().remote_endpoint(remote_ec);
    if (!remote_ec) conn->remote_ = remote.address().to_string();
    {
      std::lock_guard lock(connections_mutex_);
      connections_.emplace(conn->id_, conn);
    }
    auto executor = conn->stream_.get_executor();
    asio::co_spawn(executor, serve_connection(std::move(conn)), asio::detached);
  }
}

awaitable<void> Server::Impl::serve_connection(std::shared_ptr<Connection> conn) {
  try {
    co_await serve_requests(*conn);
  } catch (const std::exception& e) {
    spdlog::warn("connection from {} failed: {}", conn->remote_, e.what());
  }
  beast::error_code ec;
  conn->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  conn->stream_.close();
  {
    std::lock_guard lock(connections_mutex_);
    connections_.erase(conn->id_);
  }
  report_connections(--open_);
}

awaitable<void> Server::Impl::serve_requests(Connection& conn) {
  bool first = true;
  for (;;) {
    if (stopping_) co_return;
    if (conn.buffer_.size() == 0) {
      // Waiting for the next request is the only state shutdown may interrupt. Checking
      // stopping_ and setting idle_ happen in one strand step, so begin_shutdown cannot miss it.
      conn.idle_ = true;
      conn.stream_.expires_after(first ? options_.read_timeout : options_.idle_timeout);
      beast::error_code ec;
      const std::size_t n = co_await conn.stream_.async_read_some(conn.buffer_.prepare(kReadChunk),
                                                                  asio::redirect_error(use_awaitable, ec));
      conn.idle_ = false;
      if (ec) co_return;  // peer closed, idle timeout, or shutdown
      conn.buffer_.commit(n);
    }
    first = false;
    const auto started = Clock::now();

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(options_.max_header_bytes, UINT32_MAX)));
    parser.body_limit(options_.max_body_bytes);
    conn.stream_.expires_after(options_.read_timeout);
    beast::error_code ec;
    std::size_t body_limit = options_.max_body_bytes;
    // The parser refuses a declared length beyond its limit while reading the headers, so it
    // starts with the largest limit and gets the route's own once the path is known.
    if (options_.is_upload) parser.body_limit(std::max(options_.max_body_bytes, options_.max_upload_bytes));
    co_await bhttp::async_read_header(conn.stream_, conn.buffer_, parser, asio::redirect_error(use_awaitable, ec));
    if (!ec && options_.is_upload) {
      const std::string_view target = std_view(parser.get().target());
      if (options_.is_upload(std_view(parser.get().method_string()), target.substr(0, target.find('?'))))
        body_limit = std::max(options_.max_body_bytes, options_.max_upload_bytes);
      parser.body_limit(body_limit);
      if (const auto declared = parser.content_length(); declared && *declared > body_limit) ec = bhttp::error::body_limit;
    }
    if (!ec && !parser.is_done()) {
      // curl and others wait (up to a second) for this before sending a large body.
      if (expects_continue(parser.get())) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        co_await asio::async_write(conn.stream_, asio::buffer(kContinue.data(), kContinue.size()),
                                   asio::redirect_error(use_awaitable, ec));
      }
      if (!ec)
        co_await bhttp::async_read(conn.stream_, conn.buffer_, parser, asio::redirect_error(use_awaitable, ec));
    }

    if (ec) {
      std::optional<Response> error;
      if (ec == bhttp::error::body_limit) {
        error = error_response(413, "payload_too_large",
                               "request body exceeds " + std::to_string(body_limit) + " bytes");
      } else if (ec == bhttp::error::header_limit) {
        error = error_response(431, "header_too_large",
                               "request header exceeds " + std::to_string(options_.max_header_bytes) + " bytes");
      } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                 ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
        error = error_response(400, "bad_request", "malformed HTTP request");
      }
      // Anything else is a timeout or a vanished peer: nobody to answer.
      if (!error) co_return;
      Request partial;
      partial.method = to_upper(std_view(parser.get().method_string()));
      const std::string_view partial_target = std_view(parser.get().target());
      partial.path = std::string(partial_target.substr(0, partial_target.find('?')));
      partial.remote_address = conn.remote_;
      partial.request_id = next_request_id();
      if (co_await write_response(conn.stream_, partial, std::move(*error), 11, false, false, started))
        co_await linger_close(conn.stream_);
      co_return;
    }

    BeastRequest& breq = parser.get();
    Request req;
    req.method = to_upper(std_view(breq.method_string()));
    for (const auto& field : breq)
      req.headers.emplace_back(to_lower(std_view(field.name_string())), std::string(field.value()));
    const std::string_view client_id = req.header("x-request-id");
    req.request_id = is_sane_request_id(client_id) ? std::string(client_id) : next_request_id();
    req.remote_address = conn.remote_;
    req.body = std::move(breq.body());

    const bool head = req.method == "HEAD";
    const std::string_view target = std_view(breq.target());
    const bool target_ok = parse_target(target, req.path, req.query);

    Response response;
    if (!target_ok) {
      req.path = std::string(target.substr(0, target.find('?')));
      response = error_response(400, "bad_request", "malformed request target");
    } else {
      if (head) req.method = "GET";  // handlers answer HEAD as GET; the body is dropped below
      if (options_.runs_inline && options_.runs_inline(req)) response = call_handler(req);
      else response = co_await run_handler(req);
      if (head) req.method = "HEAD";
    }
    // Decided after the handler so that a shutdown meanwhile closes this connection.
    const bool keep_alive = breq.keep_alive() && !stopping_;
    if (!co_await write_response(conn.stream_, req, std::move(response), breq.version(), keep_alive, head, started))
      co_return;
    if (!keep_alive) {
      beast::error_code shutdown_ec;
      conn.stream_.socket().shutdown(tcp::socket::shutdown_send, shutdown_ec);
      co_return;
    }
  }
}

awaitable<Response> Server::Impl::run_handler(Request& request) {
  // co_spawn with use_awaitable runs the lambda on the pool and resumes this coroutine on the
  // connection's strand; a plain post(pool) would resume on the strand right away.
  co_return co_await asio::co_spawn(
      workers_->get_executor(), [this, &request]() -> awaitable<Response> { co_return call_handler(request); },
      use_awaitable);
}

Response Server::Impl::call_handler(Request& request) noexcept {
  try {
    return handler_(request);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} failed: {}", request.request_id, request.method, request.path, e.what());
  } catch (...) {
    spdlog::error("request {} {} {} failed: unknown exception", request.request_id, request.method, request.path);
  }
  return error_response(500, "internal", "internal error (request " + request.request_id + ")");
}

awaitable<bool> Server::Impl::write_response(beast::tcp_stream& stream, const Request& request, Response response,
                                             unsigned version, bool keep_alive, bool head,
                                             Clock::time_point started) {
  if (response.status < 100 || response.status > 599) {
    spdlog::error("request {}: handler returned invalid status {}", request.request_id, response.status);
    response = error_response(500, "internal", "internal error (request " + request.request_id + ")");
  }
  const int status = response.status;
  // RFC 9110: 1xx, 204 and 304 never carry content.
  const bool bodiless = status < 200 || status == 204 || status == 304;

  const std::string head_text = response_head(response, request.request_id, version, keep_alive, bodiless);
  const std::string_view body = bodiless || head ? std::string_view() : std::string_view(response.body);
  const std::array<asio::const_buffer, 2> message{asio::buffer(head_text), asio::buffer(body.data(), body.size())};
  const std::size_t size = head_text.size() + body.size();

  // Most answers fit in the socket's send buffer: written at once from here, on a non-blocking
  // socket, instead of through Beast's serializer and the reactor (about a quarter of a small
  // request's instructions went there). What does not fit goes out asynchronously.
  beast::error_code ec;
  std::size_t sent = 0;
  tcp::socket& socket = stream.socket();
  if (!socket.non_blocking()) socket.non_blocking(true, ec);
  if (ec)
    ec = {};  // a socket that cannot be made non-blocking gets it all asynchronously
  else
    sent = socket.write_some(message, ec);
  if (ec == asio::error::would_block || ec == asio::error::try_again) ec = {};
  if (!ec && sent < size) {
    beast::buffers_suffix<std::array<asio::const_buffer, 2>> rest(message);
    rest.consume(sent);
    stream.expires_after(options_.read_timeout);
    co_await asio::async_write(stream, rest, asio::redirect_error(use_awaitable, ec));
  }
  if (ec) spdlog::debug("request {}: writing the response failed: {}", request.request_id, ec.message());
  if (observer_.on_response) {
    try {
      observer_.on_response(request, status,
                            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started));
    } catch (const std::exception& e) {
      spdlog::error("request {}: response observer failed: {}", request.request_id, e.what());
    }
  }
  co_return !ec;
}

awaitable<void> Server::Impl::linger_close(beast::tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(kLingerTime);
  std::array<char, kReadChunk> scratch;
  std::size_t total = 0;
  while (!ec && total < kLingerBytes)
    total += co_await stream.async_read_some(asio::buffer(scratch), asio::redirect_error(use_awaitable, ec));
  stream.close();
}

awaitable<void> Server::Impl::reject_connection(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  Request request;
  beast::error_code ec;
  const auto remote = stream.socket().remote_endpoint(ec);
  if (!ec) request.remote_address = remote.address().to_string();
  request.request_id = next_request_id();
  const auto started = Clock::now();
  if (co_await write_response(stream, request, error_response(503, "unavailable", "too many open connections"), 11,
                               false, false, started))
    co_await linger_close(stream);
}

void Server::Impl::begin_shutdown() {
  if (shutdown_started_) return;
  shutdown_started_ = true;
  stopping_ = true;
  spdlog::info("shutting down: {} connection(s) open", open_.load());
  beast::error_code ec;
  acceptor_.close(ec);
  if (signals_) signals_->cancel(ec);
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(connections_mutex_);
    for (const auto& [id, weak] : connections_)
      if (auto conn = weak.lock()) live.push_back(std::move(conn));
  }
  for (auto& conn : live) {
    auto executor = conn->stream_.get_executor();
    asio::post(executor, [conn = std::move(conn)] {
      if (conn->idle_) conn->stream_.cancel();
    });
  }
  asio::co_spawn(control_, wait_then_stop(), asio::detached);
}

awaitable<void> Server::Impl::wait_then_stop() {
  const auto deadline = Clock::now() + options_.shutdown_grace;
  asio::steady_timer timer(control_);
  while (open_.load() > 0 && Clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    beast::error_code ec;
    co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
  }
  if (const int open = open_.load(); open > 0)
    spdlog::warn("shutdown grace period over; dropping {} connection(s)", open);
  io_context_.stop();
}

Server::Server(ServerOptions options, Handler handler, ServerObserver observer)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(observer))) {}

Server::~Server() = default;

void Server::listen() {
  Impl& s = *impl_;
  if (s.listening_) return;
  const std::string where = endpoint_text(s.options_.bind, s.options_.port);
  beast::error_code ec;
  const auto address = asio::ip::make_address(s.options_.bind, ec);
  if (ec) throw std::runtime_error("cannot listen on " + where + ": invalid bind address");
  const tcp::endpoint endpoint(address, s.options_.port);
  auto fail = [&](const beast::error_code& error) {
    beast::error_code ignored;
    s.acceptor_.close(ignored);
    throw std::runtime_error("cannot listen on " + where + ": " + error.message());
  };
  s.acceptor_.open(endpoint.protocol(), ec);
  if (ec) fail(ec);
  s.acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) fail(ec);
  s.acceptor_.bind(endpoint, ec);
  if (ec) fail(ec);
  s.acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) fail(ec);
  const auto local = s.acceptor_.local_endpoint(ec);
  if (ec) fail(ec);
  s.port_ = local.port();
  s.listening_ = true;
}

std::uint16_t Server::port() const { return impl_->port_.load(); }

void Server::run() {
  Impl& s = *impl_;
  listen();
  const int hardware = static_cast<int>(std::thread::hardware_concurrency());
  const int io_threads = s.options_.io_threads > 0 ? s.options_.io_threads : std::max(1, hardware);
  const int worker_threads = s.options_.worker_threads > 0 ? s.options_.worker_threads : std::max(4, 2 * io_threads);
  s.workers_ = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(worker_threads));

  s.signals_.emplace(s.control_, SIGINT, SIGTERM);
  s.signals_->async_wait([&s](const beast::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}", signal);
    s.begin_shutdown();
  });
  asio::co_spawn(s.control_, s.accept_loop(), asio::detached);
  spdlog::info("listening on {} ({} I/O threads, {} workers)", endpoint_text(s.options_.bind, s.port_),
               io_threads, worker_threads);

  auto run_io = [&s] {
    for (;;) {
      try {
        s.io_context_.run();
        return;
      } catch (const std::exception& e) {
        // Every coroutine catches its own errors; this is a last line so the server survives.
        spdlog::error("unexpected exception on an I/O thread: {}", e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(io_threads - 1));
  for (int i = 1; i < io_threads; ++i) threads.emplace_back(run_io);
  run_io();
  for (auto& t : threads) t.join();

  // Handlers still running past the grace period are waited for; queued ones are dropped.
  s.workers_->stop();
  s.workers_->join();
  s.signals_.reset();
  spdlog::info("server stopped");
}

void Server::stop() {
  Impl* s = impl_.get();
  asio::post(s->control_, [s] { s->begin_shutdown(); });
}

}  // namespace mh::http
