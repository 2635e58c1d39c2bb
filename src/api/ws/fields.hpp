#pragma once
// Reading WebSocket request fields with DeviceHive's messages. Ids accept numbers or digit
// strings; a value of the wrong type is 400 "Invalid request parameters".
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "storage/query.hpp"

namespace dh::api::ws {

// A required id (e.g. "networkId"); absent, null or not an integer: 400 `message`.
core::Result<int64_t> RequireId(const boost::json::object& request, std::string_view key,
                                std::string_view message);
// A required non-empty string (e.g. "deviceId"); else 400 `message`.
core::Result<std::string> RequireString(const boost::json::object& request, std::string_view key,
                                        std::string_view message);
// A required object member (e.g. "network"); else 400 `message`.
core::Result<const boost::json::object*> RequireObject(const boost::json::object& request,
                                                       std::string_view key,
                                                       std::string_view message);
// An optional array of ids (numbers or digit strings).
core::Result<std::optional<std::vector<int64_t>>> IdArray(const boost::json::object& request,
                                                          std::string_view key);
// An optional array of strings; empty when absent.
core::Result<std::vector<std::string>> StringArray(const boost::json::object& request,
                                                   std::string_view key);
// take (default `default_take`, >= 0) and skip (>= 0).
core::Result<storage::Page> Paging(const boost::json::object& request, int64_t default_take);
// sortOrder ASC/DESC in any case (absent: `fallback`); else 400 "Unparseable sort order : X".
core::Result<storage::SortOrder> Order(const boost::json::object& request,
                                       storage::SortOrder fallback);

inline constexpr std::string_view kDeviceIdWrong = "Device id is wrong or empty";

}  // namespace dh::api::ws
