#include "api/json/requests.hpp"

#include "core/json_read.hpp"

namespace dh::api::json {
namespace {

using core::JsonFields;

// A list of ids given as strings or numbers (token networkIds / deviceTypeIds).
core::Result<std::optional<std::vector<std::string>>> IdList(const JsonFields& fields,
                                                             std::string_view key) {
  const auto* v = fields.Find(key);
  if (v == nullptr || v->is_null()) return std::optional<std::vector<std::string>>();
  if (!v->is_array()) return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
  std::vector<std::string> ids;
  for (const auto& item : v->get_array()) {
    if (item.is_string()) {
      ids.emplace_back(item.get_string());
    } else if (auto n = core::AsInt64(item)) {
      ids.push_back(std::to_string(*n));
    } else {
      return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
    }
  }
  return std::optional<std::vector<std::string>>(std::move(ids));
}

core::Result<std::optional<core::Timestamp>> Time(const JsonFields& fields, std::string_view key) {
  const auto* v = fields.Find(key);
  if (v == nullptr || v->is_null()) return std::optional<core::Timestamp>();
  if (auto ms = v->is_string() ? std::nullopt : core::AsInt64(*v)) {
    return std::optional<core::Timestamp>(core::FromEpochMs(*ms));
  }
  if (v->is_string()) {
    if (auto t = core::ParseTimestamp(v->get_string())) return std::optional<core::Timestamp>(*t);
  }
  return core::Fail(core::Errc::kBadRequest, "Unparseable timestamp");
}

}  // namespace

core::Result<std::optional<core::Timestamp>> ParseTime(const boost::json::object& body,
                                                       std::string_view key) {
  return Time(JsonFields(body), key);
}

core::Result<service::NotificationInput> ParseNotificationInput(const boost::json::object& body) {
  JsonFields fields(body);
  service::NotificationInput input;
  DH_TRY(input.notification, fields.String("notification"));
  DH_TRY(input.timestamp, Time(fields, "timestamp"));
  DH_TRY(input.parameters, fields.ObjectText("parameters"));
  return input;
}

core::Result<service::CommandInput> ParseCommandInput(const boost::json::object& body) {
  JsonFields fields(body);
  service::CommandInput input;
  DH_TRY(input.command, fields.String("command"));
  DH_TRY(input.timestamp, Time(fields, "timestamp"));
  DH_TRY(input.parameters, fields.ObjectText("parameters"));
  DH_TRY(input.lifetime, fields.Int("lifetime"));
  DH_TRY(input.status, fields.String("status"));
  DH_TRY(input.result, fields.ObjectText("result"));
  return input;
}

core::Result<service::DeviceUpdate> ParseDeviceUpdate(const boost::json::object& body) {
  JsonFields fields(body);
  service::DeviceUpdate update;
  DH_TRY(update.name, fields.String("name"));
  DH_TRY(update.data, fields.ObjectText("data"));
  DH_TRY(update.network_id, fields.Int("networkId"));
  DH_TRY(update.device_type_id, fields.Int("deviceTypeId"));
  DH_TRY(update.is_blocked, fields.Bool("isBlocked"));
  return update;
}

core::Result<service::NamedEntityDraft> ParseNamedEntityDraft(const boost::json::object& body) {
  JsonFields fields(body);
  service::NamedEntityDraft draft;
  const auto* id = fields.Find("id");
  draft.id_given = id != nullptr && !id->is_null();
  DH_TRY(draft.name, fields.String("name"));
  DH_TRY(draft.description, fields.String("description"));
  return draft;
}

core::Result<service::UserUpdate> ParseUserUpdate(const boost::json::object& body) {
  JsonFields fields(body);
  service::UserUpdate update;
  DH_TRY(update.login, fields.String("login"));
  DH_TRY(update.role, fields.Int("role"));
  DH_TRY(update.status, fields.Int("status"));
  DH_TRY(update.password, fields.String("password"));
  DH_TRY(update.data, fields.ObjectText("data"));
  DH_TRY(update.intro_reviewed, fields.Bool("introReviewed"));
  DH_TRY(update.all_device_types_available, fields.Bool("allDeviceTypesAvailable"));
  return update;
}

core::Result<auth::TokenRequest> ParseTokenRequest(const boost::json::object& body) {
  JsonFields fields(body);
  auth::TokenRequest request;
  DH_TRY(request.user_id, fields.Int("userId"));
  if (const auto* actions = fields.Find("actions"); actions != nullptr && !actions->is_null()) {
    if (!actions->is_array()) {
      return core::Fail(core::Errc::kBadRequest,
                        "Actions list should contain only Strings or Integers");
    }
    request.actions.emplace();
    for (const auto& item : actions->get_array()) {
      if (item.is_string()) {
        if (auto action = auth::ActionFromName(item.get_string())) {
          request.actions->push_back(static_cast<int>(*action));
        }
      } else if (auto id = item.is_number() ? core::AsInt64(item) : std::nullopt) {
        if (auto action = auth::ActionFromId(*id)) {
          request.actions->push_back(static_cast<int>(*action));
        }
      } else {
        return core::Fail(core::Errc::kBadRequest,
                          "Actions list should contain only Strings or Integers");
      }
    }
  }
  DH_TRY(request.network_ids, IdList(fields, "networkIds"));
  DH_TRY(request.device_type_ids, IdList(fields, "deviceTypeIds"));
  DH_TRY(request.expiration, Time(fields, "expiration"));
  DH_TRY(request.refresh_expiration, Time(fields, "refreshExpiration"));
  return request;
}

}  // namespace dh::api::json
