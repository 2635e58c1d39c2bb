#include "api/ws/action.hpp"

namespace dh::api::ws {

void Responder::Succeed(const std::function<void(core::JsonWriter&)>& write) const {
  std::string message;
  core::JsonWriter w(message);
  w.BeginObject();
  action_.empty() ? w.FieldNull("action") : w.FieldString("action", action_);
  w.Key("requestId");
  w.Raw(request_id_);
  w.FieldString("status", "success");
  if (write) write(w);
  w.EndObject();
  connection_->Send(std::move(message));
}

void Responder::Fail(const core::Error& error) const {
  std::string message;
  core::JsonWriter w(message);
  w.BeginObject();
  action_.empty() ? w.FieldNull("action") : w.FieldString("action", action_);
  w.Key("requestId");
  w.Raw(request_id_);
  w.FieldInt("code", error.body_code != 0 ? error.body_code : core::StatusCodeOf(error.code));
  w.FieldString("status", "error");
  w.FieldString("error", error.message);
  w.EndObject();
  connection_->Send(std::move(message));
}

std::string BareError(int code, std::string_view message) {
  std::string text;
  core::JsonWriter w(text);
  w.BeginObject();
  w.FieldInt("code", code);
  w.FieldString("status", "error");
  w.FieldString("error", message);
  w.EndObject();
  return text;
}

}  // namespace dh::api::ws
