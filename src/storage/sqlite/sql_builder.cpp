#include "storage/sqlite/sql_builder.hpp"

namespace dh::storage::sqlite {

SqlBuilder& SqlBuilder::Where(std::string_view condition) {
  conditions_.emplace_back(condition);
  return *this;
}

SqlBuilder& SqlBuilder::Param(int64_t value) {
  params_.emplace_back(value);
  return *this;
}

SqlBuilder& SqlBuilder::Param(std::string value) {
  params_.emplace_back(std::move(value));
  return *this;
}

SqlBuilder& SqlBuilder::Visible(const Visibility& scope, std::string_view id_column,
                                std::string_view link_table, std::string_view link_column) {
  if (scope.linked_user) {
    Where(std::string(id_column) + " IN (SELECT " + std::string(link_column) + " FROM " +
          std::string(link_table) + " WHERE user_id = ?)");
    Param(*scope.linked_user);
  }
  if (scope.ids) {
    if (scope.ids->empty()) return Where("0");
    std::string in = std::string(id_column) + " IN (";
    for (size_t i = 0; i < scope.ids->size(); ++i) {
      in += i == 0 ? "?" : ",?";
      Param((*scope.ids)[i]);
    }
    Where(in + ")");
  }
  return *this;
}

SqlBuilder& SqlBuilder::NameMatches(const NameFilter& filter, std::string_view column) {
  if (filter.name) Where(std::string(column) + " = ?").Param(*filter.name);
  if (filter.name_pattern) Where(std::string(column) + " LIKE ?").Param(*filter.name_pattern);
  return *this;
}

SqlBuilder& SqlBuilder::OrderAndPage(std::string_view column, SortOrder order,
                                     std::string_view tie_breaker, const Page& page) {
  if (!column.empty()) {
    tail_ += " ORDER BY ";
    tail_ += column;
    tail_ += order == SortOrder::kAsc ? " ASC" : " DESC";
    if (!tie_breaker.empty()) {
      tail_ += ", ";
      tail_ += tie_breaker;
    }
  }
  tail_ += " LIMIT ? OFFSET ?";
  tail_params_.emplace_back(page.take.value_or(-1));
  tail_params_.emplace_back(page.skip);
  return *this;
}

std::string SqlBuilder::Sql() const {
  std::string sql = sql_;
  for (size_t i = 0; i < conditions_.size(); ++i) {
    sql += i == 0 ? " WHERE " : " AND ";
    sql += conditions_[i];
  }
  return sql + tail_;
}

void SqlBuilder::BindTo(Statement& statement) const {
  int index = 1;
  const auto bind = [&](const auto& param) {
    std::visit([&](const auto& v) { statement.Bind(index++, v); }, param);  // int64 or string
  };
  for (const auto& p : params_) bind(p);
  for (const auto& p : tail_params_) bind(p);
}

}  // namespace dh::storage::sqlite
