#pragma once
// Parsing of JSON request objects into service inputs, shared by every front door. A member of
// the wrong type is 400 "Invalid request parameters"; a non-object `data` is 400 "'parameters'
// must be JSON Object!" (DeviceHive's messages).
#include <boost/json/object.hpp>

#include "auth/token_service.hpp"
#include "core/error.hpp"
#include "service/device_service.hpp"
#include "service/message_service.hpp"
#include "service/named_entity_service.hpp"
#include "service/user_service.hpp"

namespace dh::api::json {

core::Result<service::DeviceUpdate> ParseDeviceUpdate(const boost::json::object& body);
core::Result<service::NamedEntityDraft> ParseNamedEntityDraft(const boost::json::object& body);
core::Result<service::UserUpdate> ParseUserUpdate(const boost::json::object& body);
// JwtUserPayloadView: action names (any case) or ids, unknown ones dropped; other types are
// 400 "Actions list should contain only Strings or Integers".
core::Result<auth::TokenRequest> ParseTokenRequest(const boost::json::object& body);
// {"notification": name, "timestamp"?, "parameters"?}
core::Result<service::NotificationInput> ParseNotificationInput(const boost::json::object& body);
// {"command", "timestamp", "parameters", "lifetime", "status", "result"}, all optional.
core::Result<service::CommandInput> ParseCommandInput(const boost::json::object& body);
// A timestamp field: an ISO/RFC-1123 string or epoch milliseconds; else "Unparseable timestamp".
core::Result<std::optional<core::Timestamp>> ParseTime(const boost::json::object& body,
                                                       std::string_view key);

}  // namespace dh::api::json
