#include "net/listener.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

namespace dh::net {

namespace asio = boost::asio;
using asio::ip::tcp;

struct Listener::State : std::enable_shared_from_this<Listener::State> {
  State(asio::io_context& context, ListenerOptions opts, Accepted on_accepted)
      : io(context),
        options(std::move(opts)),
        accepted(std::move(on_accepted)),
        acceptor(asio::make_strand(context)),
        retry_timer(acceptor.get_executor()) {}

  void Accept() {
    acceptor.async_accept(
        asio::make_strand(io),
        [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
          self->OnAccept(ec, std::move(socket));
        });
  }

  void OnAccept(boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor.is_open()) return;
    if (ec) {
      // Typically out of file descriptors: back off instead of spinning.
      spdlog::warn("{}: accept failed: {}; retrying in 100 ms", options.name, ec.message());
      retry_timer.expires_after(std::chrono::milliseconds(100));
      retry_timer.async_wait([self = shared_from_this()](boost::system::error_code) {
        if (self->acceptor.is_open()) self->Accept();
      });
      return;
    }
    boost::system::error_code ignored;
    if (open->load() >= options.max_connections) {
      spdlog::warn("{}: connection limit ({}) reached; refusing a connection", options.name,
                   options.max_connections);
      socket.close(ignored);
    } else {
      socket.set_option(tcp::no_delay(true), ignored);
      auto executor = socket.get_executor();
      asio::dispatch(executor, [self = shared_from_this(), socket = std::move(socket)]() mutable {
        self->accepted(std::move(socket), self->Slot());
      });
    }
    Accept();
  }

  // A token that counts one open connection until it is released.
  std::shared_ptr<void> Slot() {
    open->fetch_add(1);
    return std::shared_ptr<void>(nullptr, [open = open](void*) { open->fetch_sub(1); });
  }

  asio::io_context& io;
  ListenerOptions options;
  Accepted accepted;
  tcp::acceptor acceptor;
  asio::steady_timer retry_timer;
  std::shared_ptr<std::atomic<size_t>> open = std::make_shared<std::atomic<size_t>>(0);
  uint16_t bound_port = 0;
};

Listener::Listener(asio::io_context& io, ListenerOptions options, Accepted accepted)
    : state_(std::make_shared<State>(io, std::move(options), std::move(accepted))) {}

Listener::~Listener() = default;

core::Status Listener::Start() {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(state_->options.address, ec);
  if (ec) {
    return core::Fail(core::Errc::kBadRequest,
                      "invalid listen address '" + state_->options.address + "'");
  }
  const tcp::endpoint endpoint(address, state_->options.port);
  auto& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return core::Fail(core::Errc::kUnavailable, "cannot listen on " + state_->options.address +
                                                    ":" + std::to_string(state_->options.port) +
                                                    ": " + ec.message());
  }
  state_->bound_port = acceptor.local_endpoint().port();
  asio::dispatch(acceptor.get_executor(), [state = state_] { state->Accept(); });
  return {};
}

uint16_t Listener::port() const { return state_->bound_port; }

void Listener::Stop() {
  asio::dispatch(state_->acceptor.get_executor(), [state = state_] {
    boost::system::error_code ignored;
    state->acceptor.close(ignored);
    state->retry_timer.cancel();
  });
}

size_t Listener::connections() const { return state_->open->load(); }

}  // namespace dh::net
