#pragma once
#include "storage/named_entity_store.hpp"
#include "storage/sqlite/pool.hpp"

namespace dh::storage::sqlite {

class SqlBuilder;

// Where one kind of named entity lives: its table, and the user link table granting access.
struct NamedEntityTable {
  const char* table;        // "network" / "device_type"
  const char* link_table;   // "user_network" / "user_device_type"
  const char* link_column;  // "network_id" / "device_type_id"
};

template <class Entity>
class SqliteNamedEntityStore final : public NamedEntityStore<Entity> {
 public:
  SqliteNamedEntityStore(ConnectionPool& pool, NamedEntityTable table)
      : pool_(pool), table_(table) {}

  core::Result<Entity> Create(const Entity& entity) override;
  core::Result<std::optional<Entity>> Get(int64_t id, const Visibility& scope) override;
  core::Result<std::optional<Entity>> FindByName(const std::string& name) override;
  core::Result<std::vector<Entity>> List(const NamedEntityQuery& query,
                                         const Visibility& scope) override;
  core::Result<int64_t> Count(const NameFilter& filter, const Visibility& scope) override;
  core::Result<bool> Update(const Entity& entity) override;
  core::Result<bool> Delete(int64_t id) override;

 private:
  core::Result<std::vector<Entity>> Select(const SqlBuilder& builder);

  ConnectionPool& pool_;
  NamedEntityTable table_;
};

}  // namespace dh::storage::sqlite
