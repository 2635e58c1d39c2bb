#include "service/named_entity_service.hpp"

#include "auth/access.hpp"
#include "service/validation.hpp"

namespace dh::service {
namespace {

using auth::Action;

template <class Entity>
struct Traits;

template <>
struct Traits<domain::Network> {
  static constexpr Action kRead = Action::kGetNetwork;
  static constexpr Action kManage = Action::kManageNetwork;
  static constexpr std::string_view kNoun = "Network";
  static constexpr std::string_view kKind = "network";
  static storage::NetworkStore& Store(storage::Storage& s) { return s.networks(); }
  static storage::Visibility Visible(const auth::Principal& p) {
    return auth::NetworkVisibility(p);
  }
  static bool MayTarget(const auth::Principal& p, int64_t id) {
    return auth::MayTargetNetwork(p, id);
  }
  static void SelectDevices(storage::DeviceFilter& f, int64_t id) { f.network_id = id; }
};

template <>
struct Traits<domain::DeviceType> {
  static constexpr Action kRead = Action::kGetDeviceType;
  static constexpr Action kManage = Action::kManageDeviceType;
  static constexpr std::string_view kNoun = "Device type";
  static constexpr std::string_view kKind = "device type";
  static storage::DeviceTypeStore& Store(storage::Storage& s) { return s.device_types(); }
  static storage::Visibility Visible(const auth::Principal& p) {
    return auth::DeviceTypeVisibility(p);
  }
  static bool MayTarget(const auth::Principal& p, int64_t id) {
    return auth::MayTargetDeviceType(p, id);
  }
  static void SelectDevices(storage::DeviceFilter& f, int64_t id) { f.device_type_id = id; }
};

template <class Entity>
core::Error NotFound(int64_t id) {
  return core::Fail(core::Errc::kNotFound, std::string(Traits<Entity>::kNoun) +
                                               " with id = " + std::to_string(id) + " not found");
}

template <class Entity>
core::Error Duplicate() {
  const std::string noun(Traits<Entity>::kNoun);
  return core::Fail(core::Errc::kForbidden,
                    noun + " cannot be created. " + noun + " with such name already exists");
}

core::Status Validate(const std::optional<std::string>& name,
                      const std::optional<std::string>& description) {
  Violations violations;
  violations.CheckNotNull("name", name, kNameNull);
  violations.CheckLength("name", name, 1, 128, kNameLength);
  violations.CheckLength("description", description, 0, 128, kDescriptionLength);
  return violations.Result();
}

}  // namespace

template <class Entity>
core::Result<Entity> NamedEntityService<Entity>::FindVisible(const auth::Principal& principal,
                                                             int64_t id) {
  if (!Traits<Entity>::MayTarget(principal, id)) {
    return core::Fail(core::Errc::kForbidden, std::string(auth::kAccessDenied));
  }
  DH_TRY(auto entity, Traits<Entity>::Store(storage_).Get(id, Traits<Entity>::Visible(principal)));
  if (!entity) return NotFound<Entity>(id);
  return std::move(*entity);
}

template <class Entity>
core::Result<std::vector<Entity>> NamedEntityService<Entity>::List(
    const auth::Principal& principal, const storage::NamedEntityQuery& query) {
  DH_CHECK(auth::RequireAction(principal, Traits<Entity>::kRead));
  return Traits<Entity>::Store(storage_).List(query, Traits<Entity>::Visible(principal));
}

template <class Entity>
core::Result<int64_t> NamedEntityService<Entity>::Count(const auth::Principal& principal,
                                                        const storage::NameFilter& filter) {
  DH_CHECK(auth::RequireAction(principal, Traits<Entity>::kRead));
  return Traits<Entity>::Store(storage_).Count(filter, Traits<Entity>::Visible(principal));
}

template <class Entity>
core::Result<typename NamedEntityService<Entity>::Published> NamedEntityService<Entity>::Get(
    const auth::Principal& principal, int64_t id) {
  DH_CHECK(auth::RequireAction(principal, Traits<Entity>::kRead));
  DH_TRY(auto entity, FindVisible(principal, id));
  storage::DeviceQuery query;
  Traits<Entity>::SelectDevices(query.filter, id);
  query.sort = storage::DeviceSort::kName;
  DH_TRY(auto devices, storage_.devices().List(query, auth::DeviceScopeOf(principal)));
  return Published{std::move(entity), std::move(devices)};
}

template <class Entity>
core::Result<Entity> NamedEntityService<Entity>::Create(const auth::Principal& principal,
                                                        const NamedEntityDraft& draft) {
  DH_CHECK(auth::RequireAction(principal, Traits<Entity>::kManage));
  DH_CHECK(Validate(draft.name, draft.description));
  if (draft.id_given) {
    return core::Fail(core::Errc::kBadRequest,
                      "Invalid request parameters. Id cannot be specified.");
  }
  auto& store = Traits<Entity>::Store(storage_);
  DH_TRY(auto existing, store.FindByName(*draft.name));
  if (existing) return Duplicate<Entity>();
  auto created = store.Create(Entity{0, *draft.name, draft.description});
  if (!created && created.error().code == core::Errc::kConflict) return Duplicate<Entity>();
  return created;
}

template <class Entity>
core::Status NamedEntityService<Entity>::Update(const auth::Principal& principal, int64_t id,
                                                const NamedEntityDraft& draft) {
  DH_CHECK(auth::RequireAction(principal, Traits<Entity>::kManage));
  DH_TRY(auto entity, FindVisible(principal, id));
  if (draft.name) entity.name = *draft.name;
  if (draft.description) entity.description = draft.description;
  DH_CHECK(Validate(entity.name, entity.description));
  DH_TRY(const bool updated, Traits<Entity>::Store(storage_).Update(entity));
  if (!updated) return NotFound<Entity>(id);
  return {};
}

template <class Entity>
core::Status NamedEntityService<Entity>::Delete(const auth::Principal& principal, int64_t id,
                                                bool force) {
  DH_CHECK(auth::RequireAction(principal, Traits<Entity>::kManage));
  DH_TRY([[maybe_unused]] auto entity, FindVisible(principal, id));
  if (!force) {
    storage::DeviceQuery query;
    Traits<Entity>::SelectDevices(query.filter, id);
    DH_TRY(auto devices, storage_.devices().List(query, {}));
    if (!devices.empty()) {
      std::string ids;
      for (const auto& device : devices) {
        if (!ids.empty()) ids += ", ";
        ids += device.id;
      }
      return core::Fail(core::Errc::kBadRequest, "There are the following devices within this " +
                                                     std::string(Traits<Entity>::kKind) + ": " +
                                                     ids +
                                                     ". Please review and delete them first.");
    }
  }
  DH_TRY(const bool deleted, Traits<Entity>::Store(storage_).Delete(id));
  if (!deleted) return NotFound<Entity>(id);
  return {};
}

template class NamedEntityService<domain::Network>;
template class NamedEntityService<domain::DeviceType>;

}  // namespace dh::service
