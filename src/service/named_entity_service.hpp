#pragma once
// Networks and device types (spec §3.4-3.5): the same operations and rules, differing only in
// actions, scopes and messages (NamedEntityTraits).
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "core/error.hpp"
#include "domain/device.hpp"
#include "storage/storage.hpp"

namespace dh::service {

// A create or update request; fields left empty are not changed on update.
struct NamedEntityDraft {
  bool id_given = false;  // creating with an id is refused, as in DeviceHive
  std::optional<std::string> name;
  std::optional<std::string> description;
};

template <class Entity>
class NamedEntityService {
 public:
  struct Published {
    Entity entity;
    std::vector<domain::Device> devices;  // those the principal may see
  };

  explicit NamedEntityService(storage::Storage& storage) : storage_(storage) {}

  core::Result<std::vector<Entity>> List(const auth::Principal& principal,
                                         const storage::NamedEntityQuery& query);
  core::Result<int64_t> Count(const auth::Principal& principal, const storage::NameFilter& filter);
  core::Result<Published> Get(const auth::Principal& principal, int64_t id);
  core::Result<Entity> Create(const auth::Principal& principal, const NamedEntityDraft& draft);
  core::Status Update(const auth::Principal& principal, int64_t id, const NamedEntityDraft& draft);
  // Refuses (400) while devices remain unless `force`, which deletes them too.
  core::Status Delete(const auth::Principal& principal, int64_t id, bool force);

 private:
  core::Result<Entity> FindVisible(const auth::Principal& principal, int64_t id);

  storage::Storage& storage_;
};

using NetworkService = NamedEntityService<domain::Network>;
using DeviceTypeService = NamedEntityService<domain::DeviceType>;

}  // namespace dh::service
