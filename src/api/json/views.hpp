#pragma once
// The JSON views of metadata (spec §2.9), shared by every front door. Each writes one value; the
// field sets and orders are DeviceHive's, with nulls written out (Gson serializeNulls).
#include <vector>

#include "core/json_writer.hpp"
#include "domain/configuration.hpp"
#include "domain/device.hpp"
#include "domain/named_entity.hpp"
#include "domain/user.hpp"

namespace dh::api::json {

// DEVICE_PUBLISHED / DEVICES_LISTED: id, name, data, networkId, deviceTypeId, isBlocked.
void WriteDevice(core::JsonWriter& w, const domain::Device& device);
// A device inside NETWORK_PUBLISHED / DEVICE_TYPE_PUBLISHED: id, name, data, isBlocked.
void WriteDeviceBrief(core::JsonWriter& w, const domain::Device& device);

// NETWORKS_LISTED / DEVICE_TYPES_LISTED: id, name, description.
template <class Tag>
void WriteNamedEntity(core::JsonWriter& w, const domain::NamedEntity<Tag>& entity);
// NETWORK_PUBLISHED / DEVICE_TYPE_PUBLISHED: the above plus devices.
template <class Tag>
void WriteNamedEntity(core::JsonWriter& w, const domain::NamedEntity<Tag>& entity,
                      const std::vector<domain::Device>& devices);

// USERS_LISTED: id, login, role, status, lastLogin, data, introReviewed,
// allDeviceTypesAvailable.
void WriteUser(core::JsonWriter& w, const domain::User& user);
// USER_PUBLISHED: USERS_LISTED plus networks.
void WriteUser(core::JsonWriter& w, const domain::User& user,
               const std::vector<domain::Network>& networks);
// USER_SUBMITTED: id, lastLogin, data, introReviewed, allDeviceTypesAvailable.
void WriteUserSubmitted(core::JsonWriter& w, const domain::User& user);

void WriteConfiguration(core::JsonWriter& w, const domain::Configuration& configuration);

// {"id": n}: the NETWORK_SUBMITTED / DEVICE_TYPE_SUBMITTED view.
void WriteIdOnly(core::JsonWriter& w, int64_t id);
// {"count": n}
void WriteCount(core::JsonWriter& w, int64_t count);

}  // namespace dh::api::json
