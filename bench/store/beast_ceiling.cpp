// The machine's ceiling for the store benchmark: the smallest HTTP/1.1 server Boost.Beast makes
// with the same toolkit as Mentorhub's (Asio, C++20 coroutines, one coroutine per keep-alive
// connection, one I/O thread per core), answering every request with one small JSON body and
// nothing else: no routing, no worker pool, no store, no log. What Mentorhub serves is read
// against what this serves in the same run, on the same machine.
//
//   bench_beast_ceiling [--port N] [--threads N]    # prints "listening on 127.0.0.1:PORT"
//
// It listens on 127.0.0.1 only and stops on SIGINT or SIGTERM. Not part of the product: it
// depends on nothing of Mentorhub's.
//
// <utility> before Asio: Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

// About the size of Mentorhub's /healthz answer.
constexpr std::string_view kBody = R"({"status":"ok"})";

awaitable<void> serve(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  beast::error_code ec;
  for (;;) {
    bhttp::request<bhttp::string_body> req;
    co_await bhttp::async_read(stream, buffer, req, asio::redirect_error(use_awaitable, ec));
    if (ec) break;
    bhttp::response<bhttp::string_body> res{bhttp::status::ok, req.version()};
    res.set(bhttp::field::content_type, "application/json");
    res.body() = kBody;
    res.prepare_payload();
    res.keep_alive(req.keep_alive());
    co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
    if (ec || !res.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
}

awaitable<void> accept_loop(tcp::acceptor& acceptor, asio::io_context& io) {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(io), asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (!acceptor.is_open()) co_return;
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto executor = socket.get_executor();
    asio::co_spawn(executor, serve(std::move(socket)), asio::detached);
  }
}

int usage() {
  std::fprintf(stderr, "usage: bench_beast_ceiling [--port N] [--threads N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned short port = 0;
  int threads = static_cast<int>(std::thread::hardware_concurrency());
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) return usage();
    const int value = std::atoi(argv[++i]);
    if (arg == "--port" && value >= 0 && value <= 65535) port = static_cast<unsigned short>(value);
    else if (arg == "--threads" && value >= 1 && value <= 256) threads = value;
    else return usage();
  }
  if (threads < 1) threads = 1;

  asio::io_context io(threads);
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  std::printf("listening on 127.0.0.1:%u (%d I/O threads)\n", acceptor.local_endpoint().port(), threads);
  std::fflush(stdout);

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code&, int) {
    beast::error_code ignored;
    acceptor.close(ignored);
    io.stop();
  });
  asio::co_spawn(io, accept_loop(acceptor, io), asio::detached);

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  return 0;
}
