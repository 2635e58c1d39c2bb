#include "api/ws/ws_api.hpp"

#include <vector>

#include "api/ws/ws_session.hpp"

namespace dh::api::ws {

WsApi::WsApi(const ActionTable& actions, const auth::Authenticator& authenticator, bus::Bus& bus,
             WsOptions options)
    : env_(new WsEnvironment{actions, authenticator, bus, options, {}, {}}) {}

WsApi::~WsApi() = default;

void WsApi::Upgrade(boost::beast::tcp_stream stream, net::HttpRequest request,
                    std::shared_ptr<void> slot) {
  std::make_shared<WsSession>(std::move(stream), std::move(request), std::move(slot), env_)
      ->Start();
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
