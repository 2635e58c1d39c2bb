#pragma once
// A subscriber connection of the throughput mode: authenticates on the client API, subscribes
// to one device's notifications, then records every push (see ReceiverClient).
// Worker thread only.
#include <string>

#include "ws_load/receiver_client.hpp"

namespace dh::bench {

class SubscriberClient final : public ReceiverClient {
 public:
  SubscriberClient(LoadContext& ctx, std::string device_id);

  void OnOpen() override;
  void OnMessage(std::string_view text) override;

 private:
  std::string device_id_;
};

}  // namespace dh::bench
