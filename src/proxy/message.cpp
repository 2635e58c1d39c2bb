#include "proxy/message.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <utility>

#include "core/json_read.hpp"
#include "core/json_writer.hpp"

namespace dh::proxy {
namespace {

std::string StringMember(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return std::string(value->get_string());
}

Message Read(boost::json::object& object) {
  Message message;
  // Any present id is echoed, null included (JSON.stringify keeps null, drops only undefined).
  if (const auto* id = object.if_contains("id")) message.id = core::ToJsonText(*id);
  message.type = StringMember(object, "t");
  message.action = StringMember(object, "a");
  if (auto* payload = object.if_contains("p")) message.payload = std::move(*payload);
  return message;
}

// Opens a reply object and writes its keys up to and including "s".
void BeginReply(core::JsonWriter& w, std::string_view id, std::string_view type,
                std::string_view action, int status) {
  w.BeginObject();
  if (!id.empty()) {
    w.Key("id");
    w.Raw(id);
  }
  if (!type.empty()) w.FieldString("t", type);
  if (!action.empty()) w.FieldString("a", action);
  w.FieldInt("s", status);
}

void WriteMessagePayload(core::JsonWriter& w, std::string_view text) {
  w.Key("p");
  w.BeginObject();
  w.FieldString("m", text);
  w.EndObject();
}

}  // namespace

core::Result<std::vector<Message>> ParseFrame(std::string_view text, size_t max_messages) {
  DH_TRY(boost::json::value root, core::ParseJson(text, kInvalidJsonText));
  std::vector<Message> messages;
  if (auto* object = root.if_object()) {
    messages.push_back(Read(*object));
    return messages;
  }
  auto* array = root.if_array();
  if (array == nullptr) return core::Fail(core::Errc::kBadRequest, std::string(kNotObjectText));
  if (array->size() > max_messages) {
    return core::Fail(core::Errc::kUnavailable, std::string(kBufferFullText));
  }
  messages.reserve(array->size());
  for (auto& element : *array) {
    auto* object = element.if_object();
    if (object == nullptr) return core::Fail(core::Errc::kBadRequest, std::string(kNotObjectText));
    messages.push_back(Read(*object));
  }
  return messages;
}

std::string Success(const Message& request, std::string_view payload_json) {
  std::string out;
  core::JsonWriter w(out);
  BeginReply(w, request.id, request.type, request.action, 0);
  if (!payload_json.empty()) {
    w.Key("p");
    w.Raw(payload_json);
  }
  w.EndObject();
  return out;
}

std::string Failure(const Message& request, std::string_view error_text) {
  std::string out;
  core::JsonWriter w(out);
  BeginReply(w, request.id, request.type.empty() ? "ack" : request.type, request.action, 1);
  WriteMessagePayload(w, error_text);
  w.EndObject();
  return out;
}

std::string FrameError(std::string_view error_text) { return Failure(Message{}, error_text); }

std::string Delivery(std::string_view topic, std::string_view message) {
  std::string out;
  out.reserve(topic.size() + message.size() + 48);
  core::JsonWriter w(out);
  BeginReply(w, {}, "notif", {}, 0);
  w.FieldString("st", topic);
  WriteMessagePayload(w, message);
  w.EndObject();
  return out;
}

}  // namespace dh::proxy
