#pragma once
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "domain/named_entity.hpp"
#include "storage/query.hpp"

namespace dh::storage {

enum class NamedEntitySort { kNone, kId, kName };

struct NamedEntityQuery {
  NameFilter filter;
  NamedEntitySort sort = NamedEntitySort::kNone;
  SortOrder order = SortOrder::kAsc;
  Page page;
};

// Networks or device types. Every method is thread-safe and atomic on its own. Failures:
// kConflict for a duplicate name, kUnavailable when the database is busy or down.
template <class Entity>
class NamedEntityStore {
 public:
  virtual ~NamedEntityStore() = default;

  // Inserts a new row (entity.id is ignored) and returns it with its assigned id.
  virtual core::Result<Entity> Create(const Entity& entity) = 0;
  // The row with this id if it exists and is visible, else nullopt.
  virtual core::Result<std::optional<Entity>> Get(int64_t id, const Visibility& scope) = 0;
  virtual core::Result<std::optional<Entity>> FindByName(const std::string& name) = 0;
  // Visible rows matching the query, ordered by it (unspecified order for kNone).
  virtual core::Result<std::vector<Entity>> List(const NamedEntityQuery& query,
                                                 const Visibility& scope) = 0;
  virtual core::Result<int64_t> Count(const NameFilter& filter, const Visibility& scope) = 0;
  // Overwrites name and description of row entity.id; false when there is no such row.
  virtual core::Result<bool> Update(const Entity& entity) = 0;
  // Deletes the row and, by cascade, its devices and links; false when there is no such row.
  virtual core::Result<bool> Delete(int64_t id) = 0;
};

using NetworkStore = NamedEntityStore<domain::Network>;
using DeviceTypeStore = NamedEntityStore<domain::DeviceType>;

}  // namespace dh::storage
