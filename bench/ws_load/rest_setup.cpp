#include "ws_load/rest_setup.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "core/json_read.hpp"
#include "core/json_writer.hpp"

namespace dh::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

class HttpClient {
 public:
  explicit HttpClient(const asio::ip::tcp::endpoint& server) : stream_(io_), server_(server) {}

  core::Result<http::response<http::string_body>> Call(http::verb method, const std::string& target,
                                                       std::string body,
                                                       const std::string& token = "") {
    beast::error_code ec;
    stream_.expires_after(std::chrono::seconds(10));
    if (!connected_) {
      stream_.connect(server_, ec);
      if (ec) return Unreachable(ec);
      connected_ = true;
    }
    http::request<http::string_body> request(method, target, 11);
    request.set(http::field::host, server_.address().to_string());
    request.set(http::field::content_type, "application/json");
    if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
    request.body() = std::move(body);
    request.prepare_payload();
    http::write(stream_, request, ec);
    if (ec) return Unreachable(ec);
    http::response<http::string_body> response;
    http::read(stream_, buffer_, response, ec);
    if (ec) return Unreachable(ec);
    if (!response.keep_alive()) {
      stream_.close();
      connected_ = false;
    }
    return response;
  }

 private:
  core::Error Unreachable(const beast::error_code& ec) {
    connected_ = false;
    return core::Fail(core::Errc::kUnavailable, "HTTP to " + server_.address().to_string() + ":" +
                                                    std::to_string(server_.port()) + ": " +
                                                    ec.message());
  }

  asio::io_context io_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  asio::ip::tcp::endpoint server_;
  bool connected_ = false;
};

core::Error Refused(const std::string& what, const http::response<http::string_body>& response) {
  return core::Fail(
      core::Errc::kInternal,
      what + " answered " + std::to_string(response.result_int()) + ": " + response.body());
}

// The string member `key` of a JSON object response, if it has one.
std::optional<std::string> StringMember(const boost::json::value& body, std::string_view key) {
  const auto* object = body.if_object();
  const auto* value = object != nullptr ? object->if_contains(key) : nullptr;
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return std::string(value->get_string());
}

}  // namespace

core::Result<std::string> FetchToken(const asio::ip::tcp::endpoint& server,
                                     const std::string& login, const std::string& password) {
  std::string body;
  core::JsonWriter w(body);
  w.BeginObject();
  w.FieldString("login", login);
  w.FieldString("password", password);
  w.EndObject();
  HttpClient client(server);
  DH_TRY(auto response, client.Call(http::verb::post, "/api/rest/token", std::move(body)));
  if (response.result_int() != 201) return Refused("POST /api/rest/token", response);
  DH_TRY(auto parsed, core::ParseJson(response.body()));
  auto token = StringMember(parsed, "accessToken");
  if (!token) return Refused("POST /api/rest/token", response);
  return std::move(*token);
}

core::Status RegisterDevices(const asio::ip::tcp::endpoint& server, const std::string& token,
                             const std::vector<std::string>& ids) {
  HttpClient client(server);
  for (const auto& id : ids) {
    std::string body;
    core::JsonWriter w(body);
    w.BeginObject();
    w.FieldString("name", id);
    w.EndObject();
    const std::string target = "/api/rest/device/" + id;
    DH_TRY(auto response, client.Call(http::verb::put, target, std::move(body), token));
    if (response.result_int() != 204) return Refused("PUT " + target, response);
  }
  return {};
}

core::Result<int64_t> FetchDeviceNetwork(const asio::ip::tcp::endpoint& server,
                                         const std::string& token, const std::string& device_id) {
  HttpClient client(server);
  const std::string target = "/api/rest/device/" + device_id;
  DH_TRY(auto response, client.Call(http::verb::get, target, "", token));
  if (response.result_int() != 200) return Refused("GET " + target, response);
  DH_TRY(auto parsed, core::ParseJson(response.body()));
  const auto* object = parsed.if_object();
  const auto* network = object != nullptr ? object->if_contains("networkId") : nullptr;
  const auto id = network != nullptr ? core::AsInt64(*network) : std::nullopt;
  if (!id) return Refused("GET " + target + " (no networkId)", response);
  return *id;
}

core::Result<PluginRegistration> RegisterPlugin(const asio::ip::tcp::endpoint& server,
                                                const std::string& token, int64_t network_id,
                                                const std::string& name) {
  std::string body;
  core::JsonWriter w(body);
  w.BeginObject();
  w.FieldString("name", name);
  w.FieldString("description", "dh_ws_load");
  w.EndObject();
  const std::string target =
      "/plugin/rest/plugin?returnNotifications=true&networkIds=" + std::to_string(network_id);
  HttpClient client(server);
  DH_TRY(auto response, client.Call(http::verb::post, target, std::move(body), token));
  if (response.result_int() != 201) return Refused("POST " + target, response);
  DH_TRY(auto parsed, core::ParseJson(response.body()));
  auto access_token = StringMember(parsed, "accessToken");
  auto topic = StringMember(parsed, "topicName");
  if (!access_token || !topic) return Refused("POST " + target, response);
  return PluginRegistration{std::move(*access_token), std::move(*topic)};
}

core::Status DeletePlugin(const asio::ip::tcp::endpoint& server, const std::string& token,
                          const std::string& topic) {
  const std::string target = "/plugin/rest/plugin?topicName=" + topic;  // server-made: URL-safe
  HttpClient client(server);
  DH_TRY(auto response, client.Call(http::verb::delete_, target, "", token));
  if (response.result_int() != 204) return Refused("DELETE " + target, response);
  return {};
}

}  // namespace dh::bench
