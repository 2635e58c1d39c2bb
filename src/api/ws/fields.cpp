#include "api/ws/fields.hpp"

#include "core/json_read.hpp"
#include "core/strings.hpp"

namespace dh::api::ws {
namespace {

core::Error Invalid() { return core::Fail(core::Errc::kBadRequest, "Invalid request parameters"); }

}  // namespace

core::Result<int64_t> RequireId(const boost::json::object& request, std::string_view key,
                                std::string_view message) {
  const auto* value = request.if_contains(key);
  if (value == nullptr || value->is_null()) {
    return core::Fail(core::Errc::kBadRequest, std::string(message));
  }
  auto id = core::AsInt64(*value);
  if (!id) return core::Fail(core::Errc::kBadRequest, std::string(message));
  return *id;
}

core::Result<std::string> RequireString(const boost::json::object& request, std::string_view key,
                                        std::string_view message) {
  DH_TRY(auto text, core::JsonFields(request).String(key));
  if (!text || text->empty()) return core::Fail(core::Errc::kBadRequest, std::string(message));
  return std::move(*text);
}

core::Result<const boost::json::object*> RequireObject(const boost::json::object& request,
                                                       std::string_view key,
                                                       std::string_view message) {
  const auto* value = request.if_contains(key);
  if (value == nullptr || !value->is_object()) {
    return core::Fail(core::Errc::kBadRequest, std::string(message));
  }
  return &value->get_object();
}

core::Result<std::optional<std::vector<int64_t>>> IdArray(const boost::json::object& request,
                                                          std::string_view key) {
  const auto* value = request.if_contains(key);
  if (value == nullptr || value->is_null()) return std::optional<std::vector<int64_t>>();
  if (!value->is_array()) return Invalid();
  std::vector<int64_t> ids;
  for (const auto& item : value->get_array()) {
    auto id = core::AsInt64(item);
    if (!id) return Invalid();
    ids.push_back(*id);
  }
  return std::optional<std::vector<int64_t>>(std::move(ids));
}

core::Result<std::vector<std::string>> StringArray(const boost::json::object& request,
                                                   std::string_view key) {
  std::vector<std::string> out;
  const auto* value = request.if_contains(key);
  if (value == nullptr || value->is_null()) return out;
  if (!value->is_array()) return Invalid();
  for (const auto& item : value->get_array()) {
    if (!item.is_string()) return Invalid();
    out.emplace_back(item.get_string());
  }
  return out;
}

core::Result<storage::Page> Paging(const boost::json::object& request, int64_t default_take) {
  core::JsonFields fields(request);
  DH_TRY(auto take, fields.Int("take"));
  DH_TRY(auto skip, fields.Int("skip"));
  if ((take && *take < 0) || (skip && *skip < 0)) {
    return core::Fail(core::Errc::kBadRequest, "take and skip must be greater than or equal to 0");
  }
  return storage::Page{take.value_or(default_take), skip.value_or(0)};
}

core::Result<storage::SortOrder> Order(const boost::json::object& request,
                                       storage::SortOrder fallback) {
  DH_TRY(auto text, core::JsonFields(request).String("sortOrder"));
  if (!text) return fallback;
  if (core::EqualsIgnoreCase(*text, "ASC")) return storage::SortOrder::kAsc;
  if (core::EqualsIgnoreCase(*text, "DESC")) return storage::SortOrder::kDesc;
  return core::Fail(core::Errc::kBadRequest, "Unparseable sort order : " + *text);
}

}  // namespace dh::api::ws
