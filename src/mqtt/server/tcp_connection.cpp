#include "mqtt/server/tcp_connection.hpp"

#include <boost/asio/write.hpp>
#include <iterator>

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

namespace {

// A batch of packets as a buffer sequence for one gather write, without a vector of buffers
// (asio takes any bidirectional range of const_buffer).
class PacketBuffers {
 public:
  class const_iterator {
   public:
    using iterator_category = std::bidirectional_iterator_tag;
    using value_type = asio::const_buffer;
    using difference_type = std::ptrdiff_t;
    using pointer = const asio::const_buffer*;
    using reference = asio::const_buffer;

    const_iterator() = default;
    explicit const_iterator(std::vector<std::string>::const_iterator at) : at_(at) {}
    asio::const_buffer operator*() const { return asio::buffer(*at_); }
    const_iterator& operator++() {
      ++at_;
      return *this;
    }
    const_iterator operator++(int) { return const_iterator(at_++); }
    const_iterator& operator--() {
      --at_;
      return *this;
    }
    const_iterator operator--(int) { return const_iterator(at_--); }
    bool operator==(const const_iterator&) const = default;

   private:
    std::vector<std::string>::const_iterator at_;
  };

  explicit PacketBuffers(const std::vector<std::string>& packets) : packets_(&packets) {}
  const_iterator begin() const { return const_iterator(packets_->begin()); }
  const_iterator end() const { return const_iterator(packets_->end()); }

 private:
  const std::vector<std::string>* packets_;
};

}  // namespace

void TcpConnection::WireWrite(std::vector<std::string>& packets) {
  asio::async_write(
      socket_, PacketBuffers(packets),
      [self = shared_from_this(), this](boost::system::error_code ec, size_t) { OnWritten(ec); });
}

void TcpConnection::WireClose() {
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace dh::mqtt
