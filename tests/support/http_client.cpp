#include "support/http_client.hpp"

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <functional>
#include <stdexcept>

#include "core/strings.hpp"

namespace dh::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

boost::json::value HttpResult::json() const {
  if (body.empty()) return nullptr;
  return boost::json::parse(body);
}

std::string HttpResult::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (core::EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

struct HttpClient::Connection {
  asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
};

HttpClient::HttpClient(uint16_t port) : port_(port) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;

HttpResult HttpClient::Send(const std::string& method, const std::string& target,
                            const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers) {
  http::request<http::string_body> request{http::string_to_verb(method), target, 11};
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  bool has_auth = false;
  for (const auto& [k, v] : headers) {
    request.set(k, v);
    has_auth = has_auth || core::EqualsIgnoreCase(k, "Authorization");
  }
  if (!has_auth && !token_.empty()) request.set(http::field::authorization, "Bearer " + token_);
  if (!body.empty()) {
    request.set(http::field::content_type, "application/json");
    request.body() = body;
  }
  request.prepare_payload();
  if (request.method() == http::verb::unknown) request.method_string(method);

  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!connection_) {
      connection_ = std::make_unique<Connection>();
      connection_->stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
    }
    beast::error_code ec;
    connection_->stream.expires_after(std::chrono::seconds(90));
    http::write(connection_->stream, request, ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    if (request.method() == http::verb::head) parser.skip(true);
    if (!ec) http::read(connection_->stream, connection_->buffer, parser, ec);
    if (ec) {
      connection_.reset();  // the server closed a kept-alive connection: retry once
      if (attempt == 0) continue;
      throw std::runtime_error("HTTP " + method + " " + target + " failed: " + ec.message());
    }
    auto response = parser.release();
    HttpResult result;
    result.status = static_cast<int>(response.result_int());
    result.body = std::move(response.body());
    for (const auto& field : response) {
      result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    if (!response.keep_alive()) connection_.reset();
    return result;
  }
  throw std::runtime_error("unreachable");
}

std::string Login(uint16_t port, const std::string& login, const std::string& password) {
  HttpClient client(port);
  boost::json::object body{{"login", login}, {"password", password}};
  const auto result = client.Post("/api/rest/token", boost::json::serialize(body));
  if (result.status != 201) return {};
  return std::string(result.json().at("accessToken").as_string());
}

RawReply RawExchange(uint16_t port, const std::string& bytes, std::chrono::milliseconds timeout) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  beast::error_code ec;
  if (!bytes.empty()) asio::write(socket, asio::buffer(bytes), ec);
  RawReply reply;
  std::array<char, 4096> chunk{};
  std::function<void()> read = [&] {
    socket.async_read_some(asio::buffer(chunk), [&](beast::error_code read_ec, std::size_t n) {
      reply.data.append(chunk.data(), n);
      if (read_ec == asio::error::eof || read_ec == asio::error::connection_reset) {
        reply.closed_by_server = true;
      } else if (!read_ec) {
        read();
      }
    });
  };
  read();
  io.run_for(timeout);  // one deadline for the whole exchange
  return reply;
}

}  // namespace dh::test
