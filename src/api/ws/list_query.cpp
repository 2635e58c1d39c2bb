#include "api/ws/list_query.hpp"

#include "api/json/requests.hpp"
#include "api/ws/fields.hpp"
#include "core/json_read.hpp"

namespace dh::api::ws {

core::Result<std::vector<std::string>> ListDevices(const boost::json::object& request) {
  DH_TRY(auto one, core::JsonFields(request).String("deviceId"));
  if (one && !one->empty()) return std::vector<std::string>{*one};
  DH_TRY(auto many, StringArray(request, "deviceIds"));
  if (many.empty()) return core::Fail(core::Errc::kBadRequest, std::string(kDeviceIdWrong));
  return many;
}

core::Result<hotstore::ListQuery> ListItems(const boost::json::object& request,
                                            const char* name_key) {
  hotstore::ListQuery query;
  DH_TRY(query.filter.start, json::ParseTime(request, "start"));
  DH_TRY(query.filter.end, json::ParseTime(request, "end"));
  DH_TRY(auto name, core::JsonFields(request).String(name_key));
  if (name) {
    query.filter.names.push_back(*name);
  } else {
    DH_TRY(query.filter.names, StringArray(request, "names"));
  }
  DH_TRY(query.order, Order(request, storage::SortOrder::kDesc));
  DH_TRY(const auto page, Paging(request, 20));
  query.take = page.take.value_or(20);
  query.skip = page.skip;
  return query;
}

}  // namespace dh::api::ws
