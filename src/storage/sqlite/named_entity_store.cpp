#include "storage/sqlite/named_entity_store.hpp"

#include "storage/sqlite/sql_builder.hpp"

namespace dh::storage::sqlite {

template <class Entity>
core::Result<std::vector<Entity>> SqliteNamedEntityStore<Entity>::Select(
    const SqlBuilder& builder) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(builder.Sql()));
  builder.BindTo(statement);
  std::vector<Entity> rows;
  for (;;) {
    DH_TRY(const bool has_row, statement.Step());
    if (!has_row) return rows;
    rows.push_back(Entity{statement.Int(0), statement.Text(1), statement.OptText(2)});
  }
}

template <class Entity>
core::Result<Entity> SqliteNamedEntityStore<Entity>::Create(const Entity& entity) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(std::string("INSERT INTO ") + table_.table +
                                             " (name, description) VALUES (?, ?)"));
  DH_CHECK(statement.Bind(1, entity.name).Bind(2, entity.description).Run());
  Entity created = entity;
  created.id = connection->LastInsertId();
  return created;
}

template <class Entity>
core::Result<std::optional<Entity>> SqliteNamedEntityStore<Entity>::Get(int64_t id,
                                                                        const Visibility& scope) {
  SqlBuilder builder(std::string("SELECT id, name, description FROM ") + table_.table);
  builder.Where("id = ?").Param(id).Visible(scope, "id", table_.link_table, table_.link_column);
  DH_TRY(auto rows, Select(builder));
  if (rows.empty()) return std::optional<Entity>();
  return std::optional<Entity>(std::move(rows.front()));
}

template <class Entity>
core::Result<std::optional<Entity>> SqliteNamedEntityStore<Entity>::FindByName(
    const std::string& name) {
  SqlBuilder builder(std::string("SELECT id, name, description FROM ") + table_.table);
  builder.Where("name = ?").Param(name);
  DH_TRY(auto rows, Select(builder));
  if (rows.empty()) return std::optional<Entity>();
  return std::optional<Entity>(std::move(rows.front()));
}

template <class Entity>
core::Result<std::vector<Entity>> SqliteNamedEntityStore<Entity>::List(
    const NamedEntityQuery& query, const Visibility& scope) {
  SqlBuilder builder(std::string("SELECT id, name, description FROM ") + table_.table);
  builder.NameMatches(query.filter, "name")
      .Visible(scope, "id", table_.link_table, table_.link_column);
  const char* column = query.sort == NamedEntitySort::kId     ? "id"
                       : query.sort == NamedEntitySort::kName ? "name"
                                                              : "";
  builder.OrderAndPage(column, query.order, "id", query.page);
  return Select(builder);
}

template <class Entity>
core::Result<int64_t> SqliteNamedEntityStore<Entity>::Count(const NameFilter& filter,
                                                            const Visibility& scope) {
  SqlBuilder builder(std::string("SELECT count(*) FROM ") + table_.table);
  builder.NameMatches(filter, "name").Visible(scope, "id", table_.link_table, table_.link_column);
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(builder.Sql()));
  builder.BindTo(statement);
  DH_TRY(const bool has_row, statement.Step());
  return has_row ? statement.Int(0) : 0;
}

template <class Entity>
core::Result<bool> SqliteNamedEntityStore<Entity>::Update(const Entity& entity) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(std::string("UPDATE ") + table_.table +
                                             " SET name = ?, description = ? WHERE id = ?"));
  DH_CHECK(statement.Bind(1, entity.name).Bind(2, entity.description).Bind(3, entity.id).Run());
  return connection->Changes() > 0;
}

template <class Entity>
core::Result<bool> SqliteNamedEntityStore<Entity>::Delete(int64_t id) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement,
         connection->Prepare(std::string("DELETE FROM ") + table_.table + " WHERE id = ?"));
  DH_CHECK(statement.Bind(1, id).Run());
  return connection->Changes() > 0;
}

template class SqliteNamedEntityStore<domain::Network>;
template class SqliteNamedEntityStore<domain::DeviceType>;

}  // namespace dh::storage::sqlite
