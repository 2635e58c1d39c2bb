#include "proxy/plugin_topics.hpp"

#include "api/json/message_views.hpp"

namespace dh::proxy {
namespace {

// Publishes a plugin subscription's events into its topic.
class TopicSink final : public bus::EventSink {
 public:
  TopicSink(TopicHub& hub, std::string topic, std::string correlation_id)
      : hub_(hub), topic_(std::move(topic)), correlation_id_(std::move(correlation_id)) {}

  void Deliver(int64_t /*subscription_id*/, const bus::EventPtr& event) override {
    hub_.Publish(topic_, PluginEnvelope(*event, correlation_id_));
  }

 private:
  TopicHub& hub_;
  const std::string topic_;
  const std::string correlation_id_;
};

}  // namespace

std::string PluginEnvelope(const bus::Event& event, std::string_view correlation_id) {
  const std::string& view = api::json::ClientView(event);  // rendered once per event
  std::string out;
  out.reserve(view.size() + correlation_id.size() + 96);
  if (event.kind == bus::EventKind::kNotification) {
    out += R"({"b":{"notification":)";
    out += view;
    out += R"(,"a":10})";
  } else {
    // The client view is an object: reopen it to add the bus-only isUpdated field.
    out += R"({"b":{"command":)";
    out.append(view, 0, view.size() - 1);
    out += event.command->is_updated ? R"(,"isUpdated":true})" : R"(,"isUpdated":false})";
    out += event.kind == bus::EventKind::kCommand ? R"(,"a":21})" : R"(,"a":23})";
  }
  out += R"(,"cId":")";
  out += correlation_id;  // digits: nothing to escape
  out += R"(","l":false,"err":0,"fld":false})";
  return out;
}

std::shared_ptr<bus::EventSink> PluginTopics::SinkFor(const std::string& topic,
                                                      std::string correlation_id) {
  return std::make_shared<TopicSink>(hub_, topic, std::move(correlation_id));
}

}  // namespace dh::proxy
