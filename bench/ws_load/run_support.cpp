#include "ws_load/run_support.hpp"

#include "ws_load/load_context.hpp"
#include "ws_load/rest_setup.hpp"

namespace dh::bench {

namespace asio = boost::asio;

core::Result<Target> MakeTarget(const Options& options) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options.host, ec);
  if (ec || !address.is_loopback()) {
    return core::Fail(core::Errc::kBadRequest, "not a loopback address: " + options.host);
  }
  Target target;
  target.endpoint = asio::ip::tcp::endpoint(address, options.port);
  target.host = options.host + ":" + std::to_string(options.port);
  target.max_queue = options.max_queue;
  target.mqtt_endpoint = asio::ip::tcp::endpoint(address, options.mqtt_port);
  return target;
}

core::Result<std::string> ObtainToken(const Options& options, const Target& target) {
  if (!options.token.empty()) return options.token;
  return FetchToken(target.endpoint, options.login, options.password);
}

}  // namespace dh::bench
