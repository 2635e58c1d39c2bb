#include "api/json/views.hpp"

namespace dh::api::json {

void WriteDevice(core::JsonWriter& w, const domain::Device& device) {
  w.BeginObject();
  w.FieldString("id", device.id);
  w.FieldString("name", device.name);
  w.FieldRaw("data", device.data);
  w.FieldInt("networkId", device.network_id);
  w.FieldInt("deviceTypeId", device.device_type_id);
  w.FieldBool("isBlocked", device.is_blocked);
  w.EndObject();
}

void WriteDeviceBrief(core::JsonWriter& w, const domain::Device& device) {
  w.BeginObject();
  w.FieldString("id", device.id);
  w.FieldString("name", device.name);
  w.FieldRaw("data", device.data);
  w.FieldBool("isBlocked", device.is_blocked);
  w.EndObject();
}

namespace {

template <class Tag>
void WriteEntityFields(core::JsonWriter& w, const domain::NamedEntity<Tag>& entity) {
  w.FieldInt("id", entity.id);
  w.FieldString("name", entity.name);
  w.FieldString("description", entity.description);
}

void WriteUserFields(core::JsonWriter& w, const domain::User& user) {
  w.FieldInt("id", user.id);
  w.FieldString("login", user.login);
  w.FieldInt("role", static_cast<int>(user.role));
  w.FieldInt("status", static_cast<int>(user.status));
  w.FieldTime("lastLogin", user.last_login);
  w.FieldRaw("data", user.data);
  w.FieldBool("introReviewed", user.intro_reviewed);
  w.FieldBool("allDeviceTypesAvailable", user.all_device_types_available);
}

}  // namespace

template <class Tag>
void WriteNamedEntity(core::JsonWriter& w, const domain::NamedEntity<Tag>& entity) {
  w.BeginObject();
  WriteEntityFields(w, entity);
  w.EndObject();
}

template <class Tag>
void WriteNamedEntity(core::JsonWriter& w, const domain::NamedEntity<Tag>& entity,
                      const std::vector<domain::Device>& devices) {
  w.BeginObject();
  WriteEntityFields(w, entity);
  w.Key("devices");
  w.BeginArray();
  for (const auto& device : devices) WriteDeviceBrief(w, device);
  w.EndArray();
  w.EndObject();
}

template void WriteNamedEntity(core::JsonWriter&, const domain::Network&);
template void WriteNamedEntity(core::JsonWriter&, const domain::DeviceType&);
template void WriteNamedEntity(core::JsonWriter&, const domain::Network&,
                               const std::vector<domain::Device>&);
template void WriteNamedEntity(core::JsonWriter&, const domain::DeviceType&,
                               const std::vector<domain::Device>&);

void WriteUser(core::JsonWriter& w, const domain::User& user) {
  w.BeginObject();
  WriteUserFields(w, user);
  w.EndObject();
}

void WriteUser(core::JsonWriter& w, const domain::User& user,
               const std::vector<domain::Network>& networks) {
  w.BeginObject();
  WriteUserFields(w, user);
  w.Key("networks");
  w.BeginArray();
  for (const auto& network : networks) WriteNamedEntity(w, network);
  w.EndArray();
  w.EndObject();
}

void WriteUserSubmitted(core::JsonWriter& w, const domain::User& user) {
  w.BeginObject();
  w.FieldInt("id", user.id);
  w.FieldTime("lastLogin", user.last_login);
  w.FieldRaw("data", user.data);
  w.FieldBool("introReviewed", user.intro_reviewed);
  w.FieldBool("allDeviceTypesAvailable", user.all_device_types_available);
  w.EndObject();
}

void WriteConfiguration(core::JsonWriter& w, const domain::Configuration& configuration) {
  w.BeginObject();
  w.FieldInt("id", configuration.id);
  w.FieldString("name", configuration.name);
  w.FieldString("value", configuration.value);
  w.FieldInt("entityVersion", configuration.entity_version);
  w.EndObject();
}

void WriteIdOnly(core::JsonWriter& w, int64_t id) {
  w.BeginObject();
  w.FieldInt("id", id);
  w.EndObject();
}

void WriteCount(core::JsonWriter& w, int64_t count) {
  w.BeginObject();
  w.FieldInt("count", count);
  w.EndObject();
}

}  // namespace dh::api::json
