#pragma once
// DeviceHive timestamps: millisecond precision, UTC.
//   out: "yyyy-MM-ddTHH:mm:ss.SSS" (no zone suffix), as DeviceHive's Gson does;
//   in:  ISO-8601 with or without a zone, a plain date, RFC-1123, or epoch milliseconds
//        (Jackson StdDateFormat rules; out-of-range fields are rejected, not rolled over).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dh::core {

using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

inline Timestamp FromEpochMs(int64_t ms) { return Timestamp(std::chrono::milliseconds(ms)); }
inline int64_t ToEpochMs(Timestamp t) { return t.time_since_epoch().count(); }

// Appends the wire form of `t` to `out`: 23 characters for years 0000-9999, as in Java a longer
// year after 9999.
void AppendTimestamp(std::string& out, Timestamp t);
std::string FormatTimestamp(Timestamp t);

// Parses any accepted input form; nullopt when the text is not a valid timestamp.
std::optional<Timestamp> ParseTimestamp(std::string_view text);

}  // namespace dh::core
