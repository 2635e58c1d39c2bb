#include "mqtt/server/tcp_connection.hpp"

#include <boost/asio/write.hpp>

namespace dh::mqtt {

namespace asio = boost::asio;

TcpConnection::TcpConnection(asio::ip::tcp::socket socket, const ServerContext& context)
    : Connection(context), socket_(std::move(socket)) {
  boost::system::error_code ignored;
  socket_.non_blocking(true, ignored);  // read_some below must not block
}

void TcpConnection::WireRead(size_t chunk) {
  if (chunk > kMinReadChunk) {
    auto buffer = decoder_.Prepare(chunk);
    socket_.async_read_some(asio::buffer(buffer.data(), buffer.size()),
                            [self = shared_from_this(), this](boost::system::error_code ec,
                                                              size_t n) { OnRead(ec, n); });
    return;
  }
  // An asynchronous read, not a readiness wait: asio's edge-triggered reactor completes a read
  // at once when bytes came in before it was started, and a wait would miss them.
  socket_.async_read_some(
      asio::buffer(&first_byte_, 1),
      [self = shared_from_this(), this, chunk](boost::system::error_code ec, size_t n) {
        if (ec || n == 0) return OnRead(ec, 0);
        auto buffer = decoder_.Prepare(1 + chunk);
        buffer[0] = first_byte_;
        boost::system::error_code more_ec;  // would_block: the one byte is all there is yet
        const size_t more = socket_.read_some(asio::buffer(buffer.data() + 1, chunk), more_ec);
        OnRead({}, 1 + (more_ec ? 0 : more));
      });
}

void TcpConnection::WireWrite(std::string& bytes) {
  asio::async_write(
      socket_, asio::buffer(bytes),
      [self = shared_from_this(), this](boost::system::error_code ec, size_t) { OnWritten(ec); });
}

void TcpConnection::WireClose() {
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace dh::mqtt
