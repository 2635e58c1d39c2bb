#pragma once
// What a REST handler answers: a status and a JSON body. Errors become DeviceHive's error body
// {"error": <code>, "message": "..."} here and nowhere else.
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/json_writer.hpp"

namespace dh::api::rest {

struct Reply {
  int status = 200;
  std::string body;  // JSON text; empty for 204
  bool later = false;

  Reply() = default;
  Reply(int status_code, std::string json) : status(status_code), body(std::move(json)) {}
  // The error body; implicit so that DH_TRY/DH_CHECK work in handlers.
  Reply(const core::Error& error);  // NOLINT(google-explicit-constructor)

  static Reply NoContent() { return Reply(204, {}); }
  // The handler took the call over with Call::Defer() and will answer through it.
  static Reply Later() {
    Reply reply;
    reply.later = true;
    return reply;
  }

  // A JSON reply whose body `write(JsonWriter&)` produces.
  template <class Write>
  static Reply Json(int status, Write&& write) {
    Reply reply(status, {});
    core::JsonWriter writer(reply.body);
    std::forward<Write>(write)(writer);
    return reply;
  }
};

// 204 on success, the error otherwise.
Reply NoContentOr(const core::Status& status);

// `status` with the body `write(writer, value)` on success, the error otherwise.
template <class T, class Write>
Reply JsonOr(const core::Result<T>& result, int status, Write&& write) {
  if (!result) return Reply(result.error());
  return Reply::Json(status, [&](core::JsonWriter& w) { write(w, *result); });
}

}  // namespace dh::api::rest
