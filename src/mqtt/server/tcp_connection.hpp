#pragma once
// MQTT over a TCP socket (port 1883). Under traffic it reads straight into the decoder's buffer;
// while traffic is thin it waits for one byte into a member and then takes whatever else is
// there without blocking, so an idle client holds no read buffer. Each batch of packets goes out
// as one gather write.
#include <boost/asio/ip/tcp.hpp>
#include <vector>

#include "mqtt/server/connection.hpp"

namespace dh::mqtt {

class TcpConnection final : public Connection {
 public:
  // `socket`'s executor is the connection's strand.
  TcpConnection(boost::asio::ip::tcp::socket socket, const ServerContext& context);

 private:
  const boost::asio::any_io_executor& strand() override { return socket_.get_executor(); }
  void WireRead(size_t chunk) override;
  void WireWrite(std::string& bytes) override;
  void WireClose() override;

  boost::asio::ip::tcp::socket socket_;
  uint8_t first_byte_ = 0;
};

}  // namespace dh::mqtt
