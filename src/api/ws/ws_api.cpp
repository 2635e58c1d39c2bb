#include "api/ws/ws_api.hpp"

#include <vector>

#include "api/ws/ws_session.hpp"
#include "core/json_writer.hpp"
#include "net/websocket/handshake.hpp"

namespace dh::api::ws {

WsApi::WsApi(const ActionTable& actions, const auth::Authenticator& authenticator, bus::Bus& bus,
             WsOptions options)
    : env_(new WsEnvironment{actions, authenticator, bus, options, {}, {}}) {}

WsApi::~WsApi() = default;

void WsApi::Upgrade(boost::asio::ip::tcp::socket socket, net::HttpRequest request,
                    std::shared_ptr<void> slot) {
  auto principal = env_->authenticator.FromHeader(request[net::HttpField::authorization]);
  if (!principal) {
    return net::websocket::Refuse(
        std::move(socket), net::HttpStatus::unauthorized,
        "{\"error\":401,\"message\":" + core::JsonQuote(principal.error().message) + "}");
  }
  auto accept = net::websocket::AcceptResponse(request);
  if (!accept) {
    return net::websocket::RefuseInvalid(std::move(socket));
  }
  auto session = std::make_shared<WsSession>(
      std::move(*principal), std::string(request[net::HttpField::host]), std::move(slot), env_);
  auto transport = std::make_shared<net::websocket::Connection>(std::move(socket), env_->options);
  session->Attach(transport);
  transport->Start(std::move(*accept), session);
}

void WsApi::CloseAll() {
  std::vector<std::shared_ptr<WsSession>> alive;
  {
    std::lock_guard lock(env_->mutex);
    for (WsSession* session : env_->sessions) {
      // A session being destroyed waits on the mutex to unregister; lock() then yields null.
      if (auto held = session->weak_from_this().lock()) alive.push_back(std::move(held));
    }
  }
  // Outside the lock: a session may end meanwhile, and dropping the last reference to it here
  // runs its destructor, which takes the mutex.
  for (const auto& session : alive) session->Close();
}

size_t WsApi::connections() const {
  std::lock_guard lock(env_->mutex);
  return env_->sessions.size();
}

}  // namespace dh::api::ws
