#include "api/rest/message_routes.hpp"

#include <charconv>

namespace dh::api::rest {

core::Result<hotstore::ListQuery> ParseItemList(const QueryParams& query, const char* name_key) {
  hotstore::ListQuery list;
  DH_TRY(list.filter.start, query.Time("start"));
  DH_TRY(list.filter.end, query.Time("end"));
  if (auto name = query.Get(name_key)) list.filter.names.push_back(*name);
  DH_TRY(list.order, query.Order(storage::SortOrder::kDesc));
  DH_TRY(const auto page, query.Paging());
  list.take = page.take.value_or(100);
  list.skip = page.skip;
  return list;
}

core::Result<std::optional<std::vector<int64_t>>> IdList(const QueryParams& query,
                                                         std::string_view key) {
  if (!query.Get(key)) return std::optional<std::vector<int64_t>>();
  std::vector<int64_t> ids;
  for (const auto& part : query.List(key)) {
    int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
    if (ec != std::errc() || ptr != part.data() + part.size()) {
      return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
    }
    ids.push_back(id);
  }
  return std::optional<std::vector<int64_t>>(std::move(ids));
}

}  // namespace dh::api::rest
