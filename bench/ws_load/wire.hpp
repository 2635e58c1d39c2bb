#pragma once
// The DeviceHive WebSocket messages the load tool sends, and cheap scans of the ones it
// receives. Scans look for exact compact keys ("status":"success") as the server writes them;
// they never build a JSON DOM, so reading a push costs well under a microsecond.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dh::bench {

// {"action":"authenticate","requestId":"auth","token":...}
std::string AuthenticateMessage(std::string_view token);
// notification/subscribe for one device, no history.
std::string SubscribeMessage(std::string_view device_id);
// notification/insert with parameters {"t": sent_ns}; requestId is sent_ns too, so the reply
// tells its own round-trip time.
std::string InsertMessage(std::string_view device_id, int64_t sent_ns);

// The value of the top-level "action" string (the first "action" key); empty if none.
std::string_view ActionOf(std::string_view message);
// True if the message carries "status":"success".
bool IsSuccess(std::string_view message);
// The integer after `"<key>":` (first occurrence at or after `from`).
std::optional<int64_t> IntAfter(std::string_view message, std::string_view quoted_key_colon,
                                size_t from = 0);
// The "t" parameter of a notification push: the sender's steady-clock nanoseconds.
std::optional<int64_t> PushSendTime(std::string_view push);

}  // namespace dh::bench
