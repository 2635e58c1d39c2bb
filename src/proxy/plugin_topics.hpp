#pragma once
// plugin::Topics over the in-process TopicHub: each event a plugin's subscription matches is
// published into the plugin's topic as the bus Response envelope DeviceHive plugins parse
// (spec §3.5):
//   {"b":{"notification":{...},"a":10},"cId":"<id>","l":false,"err":0,"fld":false}
//   {"b":{"command":{...,"isUpdated":false},"a":21},...}   a new command
//   {"b":{"command":{...,"isUpdated":true},"a":23},...}    a command update
#include <memory>
#include <string>

#include "bus/event.hpp"
#include "plugin/topics.hpp"
#include "proxy/topic_hub.hpp"

namespace dh::proxy {

// The envelope of one event.
std::string PluginEnvelope(const bus::Event& event, std::string_view correlation_id);

class PluginTopics final : public plugin::Topics {
 public:
  explicit PluginTopics(TopicHub& hub) : hub_(hub) {}

  void Create(const std::string& topic) override { hub_.Create(topic); }
  void Remove(const std::string& topic) override { hub_.Remove(topic); }
  std::shared_ptr<bus::EventSink> SinkFor(const std::string& topic,
                                          std::string correlation_id) override;

 private:
  TopicHub& hub_;
};

}  // namespace dh::proxy
