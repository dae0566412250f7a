// The Beast side of mh::http::fetch (see client.hpp). Each call runs its own io_context: the
// exchange is a few asynchronous steps under one deadline (beast::tcp_stream's expiry), run to
// completion on the calling thread, so a provider that stops answering costs the timeout and no
// more.
//
// <utility> before the Asio headers: Boost 1.74 needs std::exchange declared (see server.cpp).
#include <utility>

#include "http/client.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>

namespace mh::http {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

Error unavailable(const Url& url, const std::string& what) {
  return Error{ErrorCode::unavailable, "could not reach " + url.host + ":" + url.port + ": " + what, {}};
}

template <class Stream>
Result<ClientResponse> exchange(Stream& stream, beast::tcp_stream& timed, const Url& url, const ClientRequest& request,
                                asio::io_context& io) {
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(request.method), url.target, 11};
  const bool default_port = url.port == (url.tls ? "443" : "80");
  req.set(bhttp::field::host, default_port ? url.host : url.host + ":" + url.port);
  req.set(bhttp::field::user_agent, "Mentorhub");
  req.set(bhttp::field::accept, "application/json");
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();

  beast::error_code ec;
  bool written = false;
  bhttp::async_write(stream, req, [&](beast::error_code e, std::size_t) {
    ec = e;
    written = true;
  });
  io.run();
  io.restart();
  if (!written || ec) return unavailable(url, "sending the request failed (" + ec.message() + ")");

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(request.max_response_bytes);
  parser.header_limit(64 * 1024);
  bhttp::async_read(stream, buffer, parser, [&](beast::error_code e, std::size_t) { ec = e; });
  io.run();
  io.restart();
  (void)timed;
  if (ec == bhttp::error::body_limit) return unavailable(url, "the answer is larger than allowed");
  if (ec) return unavailable(url, "reading the answer failed (" + ec.message() + ")");
  auto res = parser.release();
  if (res.body().size() > request.max_response_bytes) return unavailable(url, "the answer is larger than allowed");
  ClientResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    std::string name(field.name_string().data(), field.name_string().size());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    out.headers.emplace_back(std::move(name), std::string(field.value().data(), field.value().size()));
  }
  out.body = std::move(res.body());
  return out;
}

}  // namespace

std::string_view ClientResponse::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (n == name) return v;
  return {};
}

Result<Url> parse_url(std::string_view text) {
  Url url;
  if (text.starts_with("https://")) {
    url.tls = true;
    text.remove_prefix(8);
  } else if (text.starts_with("http://")) {
    text.remove_prefix(7);
  } else {
    return invalid("url", "must start with http:// or https://");
  }
  const auto slash = text.find_first_of("/?#");
  std::string_view authority = text.substr(0, slash);
  std::string target = slash == std::string_view::npos ? "/" : std::string(text.substr(slash));
  if (const auto hash = target.find('#'); hash != std::string::npos) target.resize(hash);
  if (target.empty() || target.front() == '?') target.insert(target.begin(), '/');
  if (authority.find('@') != std::string_view::npos) return invalid("url", "must not carry a user name or password");
  std::string_view host = authority, port;
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return invalid("url", "has a bad port");
    if (std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535) return invalid("url", "has a bad port");
  }
  if (host.empty() || host.size() > 253 ||
      !std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '[' || c == ']' || c == ':';
      }))
    return invalid("url", "has a bad host name");
  url.host = std::string(host);
  url.port = port.empty() ? (url.tls ? "443" : "80") : std::string(port);
  for (const char c : target)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return invalid("url", "must not contain spaces or control characters");
  url.target = std::move(target);
  return url;
}

Result<ClientResponse> fetch(const ClientRequest& request) {
  auto url = parse_url(request.url);
  if (!url) return url.error();
  asio::io_context io;
  beast::error_code ec;
  tcp::resolver resolver(io);
  const auto endpoints = resolver.resolve(url->host, url->port, ec);
  if (ec) return unavailable(*url, "the host name does not resolve (" + ec.message() + ")");

  if (!url->tls) {
    beast::tcp_stream stream(io);
    stream.expires_after(request.timeout);
    stream.async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
    io.run();
    io.restart();
    if (ec) return unavailable(*url, "connecting failed (" + ec.message() + ")");
    auto out = exchange(stream, stream, *url, request, io);
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return out;
  }

  ssl::context context(ssl::context::tls_client);
  context.set_default_verify_paths();
  context.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  // SNI and the certificate's name must be the host we meant to reach.
  if (!SSL_set_tlsext_host_name(stream.native_handle(), url->host.c_str()) ||
      !SSL_set1_host(stream.native_handle(), url->host.c_str()))
    return unavailable(*url, "setting up TLS failed");
  beast::get_lowest_layer(stream).expires_after(request.timeout);
  beast::get_lowest_layer(stream).async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
  io.run();
  io.restart();
  if (ec) return unavailable(*url, "connecting failed (" + ec.message() + ")");
  stream.async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
  io.run();
  io.restart();
  if (ec) return unavailable(*url, "the TLS handshake failed (" + ec.message() + ")");
  return exchange(stream, beast::get_lowest_layer(stream), *url, request, io);
}

}  // namespace mh::http
