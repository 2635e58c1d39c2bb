#pragma once
// Messages storage backends attach to their errors (shown to clients as they are).
#include <string_view>

namespace dh::storage {

// DeviceHive's text for a unique or referential conflict (HTTP 409).
inline constexpr std::string_view kConflictMessage =
    "Posted data conflicts with internal state. Retry again if you are sure that data is "
    "correct. Consider not forcing server to do implicit operations, e.g. avoid device class or "
    "network updates or replacing equipment set during device registration.";
inline constexpr std::string_view kBusyMessage = "Database is busy, try again later";
inline constexpr std::string_view kFailedMessage = "Database operation failed";

}  // namespace dh::storage
