#pragma once
// Builds the dynamic parts of list queries (WHERE, ORDER BY, LIMIT) with every value bound as a
// parameter, never spliced into the SQL text.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "storage/query.hpp"
#include "storage/sqlite/connection.hpp"

namespace dh::storage::sqlite {

class SqlBuilder {
 public:
  explicit SqlBuilder(std::string select) : sql_(std::move(select)) {}

  // Adds "AND <condition>" where each '?' in condition takes the next Param().
  SqlBuilder& Where(std::string_view condition);
  SqlBuilder& Param(int64_t value);
  SqlBuilder& Param(std::string value);

  // Restricts `id_column` to the visible rows: linked to the user through
  // link_table(user_id, link_column), and/or in the id list.
  SqlBuilder& Visible(const Visibility& scope, std::string_view id_column,
                      std::string_view link_table, std::string_view link_column);
  SqlBuilder& NameMatches(const NameFilter& filter, std::string_view column);

  // Appends ORDER BY (when column is non-empty, with `tie_breaker` after it), LIMIT and OFFSET.
  SqlBuilder& OrderAndPage(std::string_view column, SortOrder order, std::string_view tie_breaker,
                           const Page& page);

  std::string Sql() const;
  void BindTo(Statement& statement) const;

 private:
  std::string sql_;
  std::vector<std::string> conditions_;
  std::string tail_;
  std::vector<std::variant<int64_t, std::string>> params_;
  std::vector<std::variant<int64_t, std::string>> tail_params_;
};

}  // namespace dh::storage::sqlite
