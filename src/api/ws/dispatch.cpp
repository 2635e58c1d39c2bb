#include "api/ws/dispatch.hpp"

#include <spdlog/spdlog.h>

#include "api/json/message_views.hpp"
#include "core/json_read.hpp"

namespace dh::api::ws {

void Dispatch(const ActionTable& actions, std::string_view text,
              const std::shared_ptr<Connection>& connection) {
  auto parsed = core::ParseJson(text);
  if (!parsed || !parsed->is_object()) {
    return connection->Send(BareError(400, "Malformed Json received."));
  }
  const auto& request = parsed->get_object();
  const auto* request_id = request.if_contains("requestId");
  std::string request_id_text = request_id != nullptr ? core::ToJsonText(*request_id) : "null";
  const auto* action = request.if_contains("action");
  if (action == nullptr || !action->is_string()) {
    return Responder(connection, {}, std::move(request_id_text))
        .Fail(core::Fail(core::Errc::kInternal,
                         "'action' field could not be parsed to known endpoint"));
  }
  std::string name(action->get_string());
  ActionCall call{request, connection, Responder(connection, name, std::move(request_id_text))};
  const auto handler = actions.find(name);
  if (handler == actions.end()) {
    return call.respond.Fail(core::Fail(core::Errc::kBadRequest, "Illegal argument: " + name));
  }
  try {
    handler->second(call);
  } catch (const std::exception& e) {
    spdlog::error("action {} failed: {}", name, e.what());
    call.respond.Fail(core::Fail(core::Errc::kInternal, "Internal server error"));
  }
}

std::string PushMessage(int64_t subscription_id, const bus::Event& event) {
  const std::string& view = json::ClientView(event);
  std::string message;
  message.reserve(view.size() + 96);
  switch (event.kind) {
    case bus::EventKind::kNotification:
      message = R"({"action":"notification/insert","notification":)";
      break;
    case bus::EventKind::kCommand:
      message = R"({"action":"command/insert","command":)";
      break;
    case bus::EventKind::kCommandUpdate:
      message = R"({"action":"command/update","command":)";
      break;
  }
  message += view;
  message += R"(,"subscriptionId":)";
  message += std::to_string(subscription_id);
  message += '}';
  return message;
}

}  // namespace dh::api::ws
