#include "api/rest/reply.hpp"

namespace dh::api::rest {

Reply::Reply(const core::Error& error) : status(core::StatusCodeOf(error.code)) {
  core::JsonWriter w(body);
  w.BeginObject();
  w.FieldInt("error", error.body_code != 0 ? error.body_code : status);
  w.FieldString("message", error.message);
  w.EndObject();
}

Reply NoContentOr(const core::Status& status) {
  return status ? Reply::NoContent() : Reply(status.error());
}

}  // namespace dh::api::rest
