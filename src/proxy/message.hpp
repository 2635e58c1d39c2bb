#pragma once
// The "ws proxy" message protocol that plugins and DeviceHive services speak (spec §1.2-1.3).
// A frame holds one message object or an array of them; every reply is one object whose keys
// come in the order id, t, a, s, st, p, with absent values omitted (JSON.stringify's rule).
#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace dh::proxy {

// Error texts of ParseFrame. The reference answers a malformed frame with JSON.parse's own
// message; clients only test `s`, so ours is fixed.
inline constexpr std::string_view kInvalidJsonText = "Message is not valid JSON";
inline constexpr std::string_view kNotObjectText =
    "Message should be a JSON object or an array of objects";
inline constexpr std::string_view kBufferFullText =
    "Message buffer is full. Please, try again after a while";

struct Message {
  std::string id;      // the JSON text of "id", echoed unchanged in replies; empty when absent
  std::string type;    // "t"; empty when absent or not a string
  std::string action;  // "a"; empty when absent or not a string
  boost::json::value payload;  // "p"; null when absent
};

// The messages of one frame, in order (an empty array gives none). Fails with the text for
// FrameError: kInvalidJsonText (kBadRequest), kNotObjectText (kBadRequest) when the frame or
// an array element is not an object, kBufferFullText (kUnavailable) for an array longer than
// `max_messages`. A frame is all or nothing.
core::Result<std::vector<Message>> ParseFrame(std::string_view text, size_t max_messages);

// s:0 reply to `request`; `payload_json` (already JSON text) becomes "p", none when empty. An
// empty request type is omitted.
std::string Success(const Message& request, std::string_view payload_json);
// s:1 reply with p:{"m":error_text}; t is the request's, or "ack" when it had none.
std::string Failure(const Message& request, std::string_view error_text);
// Reply to a frame that could not be parsed: {"t":"ack","s":1,"p":{"m":error_text}}.
std::string FrameError(std::string_view error_text);
// A delivered record: {"t":"notif","s":0,"st":topic,"p":{"m":message}}, message as a string.
std::string Delivery(std::string_view topic, std::string_view message);

}  // namespace dh::proxy
