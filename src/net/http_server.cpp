#include "net/http_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "net/http_session.hpp"
#include "net/listener.hpp"

namespace dh::net {

namespace asio = boost::asio;
using asio::ip::tcp;

struct HttpServer::State {
  State(asio::io_context& io, HttpServerOptions opts, HttpHandler& handler)
      : options(std::move(opts)),
        registry(std::make_shared<SessionRegistry>()),
        listener(io, {"http", options.address, options.port, options.max_connections},
                 [this, &handler](tcp::socket socket, std::shared_ptr<void> slot) {
                   std::make_shared<HttpSession>(std::move(socket), options, handler, registry,
                                                 std::move(slot))
                       ->Start();
                 }) {}

  HttpServerOptions options;
  std::shared_ptr<SessionRegistry> registry;
  Listener listener;
};

HttpServer::HttpServer(asio::io_context& io, HttpServerOptions options, HttpHandler& handler)
    : state_(std::make_shared<State>(io, std::move(options), handler)) {}

HttpServer::~HttpServer() = default;

core::Status HttpServer::Start() { return state_->listener.Start(); }

uint16_t HttpServer::port() const { return state_->listener.port(); }

void HttpServer::Stop() {
  state_->listener.Stop();
  state_->registry->CloseAll();
}

size_t HttpServer::connections() const { return state_->listener.connections(); }

size_t HttpServer::http_connections() const { return state_->registry->size(); }

}  // namespace dh::net
