#pragma once
// WebSocket API actions (spec §4.2): each handler answers one request through its Responder,
// now or later. The envelope of §4.1 is written here and nowhere else:
//   success {"action":..,"requestId":..,"status":"success", <fields>}
//   error   {"action":..,"requestId":..,"code":..,"status":"error","error":".."}
#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "api/ws/connection.hpp"
#include "core/error.hpp"
#include "core/json_writer.hpp"

namespace dh::api::ws {

class Responder {
 public:
  Responder(std::shared_ptr<Connection> connection, std::string action, std::string request_id)
      : connection_(std::move(connection)),
        action_(std::move(action)),
        request_id_(std::move(request_id)) {}

  // Success with the fields `write(JsonWriter&)` adds to the envelope (keys and values).
  void Succeed(const std::function<void(core::JsonWriter&)>& write = {}) const;
  void Fail(const core::Error& error) const;
  // Succeed() without fields, or Fail() with the status's error.
  void Finish(const core::Status& status) const { status ? Succeed() : Fail(status.error()); }
  // Succeed or Fail by the result; `write(writer, value)` adds the fields on success.
  template <class T, class Write>
  void Answer(const core::Result<T>& result, Write&& write) const {
    if (!result) return Fail(result.error());
    Succeed([&](core::JsonWriter& w) { write(w, *result); });
  }

 private:
  std::shared_ptr<Connection> connection_;
  std::string action_;      // empty: written as null (a request without an action)
  std::string request_id_;  // JSON text of the request's requestId ("null" when absent)
};

struct ActionCall {
  const boost::json::object& request;
  std::shared_ptr<Connection> connection;
  Responder respond;
};

using ActionHandler = std::function<void(ActionCall& call)>;
using ActionTable = std::map<std::string, ActionHandler, std::less<>>;

// The body of an error envelope without action/requestId (malformed frames).
std::string BareError(int code, std::string_view message);

}  // namespace dh::api::ws
