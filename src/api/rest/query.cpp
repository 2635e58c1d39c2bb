#include "api/rest/query.hpp"

#include <charconv>

#include "core/strings.hpp"

namespace dh::api::rest {
namespace {

core::Error InvalidParameters() {
  return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
}

}  // namespace

bool QueryParams::Has(std::string_view key) const {
  for (const auto& [k, v] : params_) {
    if (k == key) return true;
  }
  return false;
}

std::optional<std::string> QueryParams::Get(std::string_view key) const {
  for (const auto& [k, v] : params_) {
    if (k == key) return v.empty() ? std::nullopt : std::optional<std::string>(v);
  }
  return std::nullopt;
}

core::Result<std::optional<int64_t>> QueryParams::Int(std::string_view key) const {
  auto text = Get(key);
  if (!text) return std::optional<int64_t>();
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || ptr != text->data() + text->size()) return InvalidParameters();
  return std::optional<int64_t>(value);
}

core::Result<std::optional<bool>> QueryParams::Bool(std::string_view key) const {
  auto text = Get(key);
  if (!text) return std::optional<bool>();
  if (core::EqualsIgnoreCase(*text, "true")) return std::optional<bool>(true);
  if (core::EqualsIgnoreCase(*text, "false")) return std::optional<bool>(false);
  return InvalidParameters();
}

core::Result<std::optional<core::Timestamp>> QueryParams::Time(std::string_view key) const {
  auto text = Get(key);
  if (!text) return std::optional<core::Timestamp>();
  auto parsed = core::ParseTimestamp(*text);
  if (!parsed) return core::Fail(core::Errc::kBadRequest, "Unparseable timestamp");
  return std::optional<core::Timestamp>(*parsed);
}

core::Result<storage::SortOrder> QueryParams::Order(storage::SortOrder fallback) const {
  auto text = Get("sortOrder");
  if (!text) return fallback;
  if (core::EqualsIgnoreCase(*text, "ASC")) return storage::SortOrder::kAsc;
  if (core::EqualsIgnoreCase(*text, "DESC")) return storage::SortOrder::kDesc;
  return core::Fail(core::Errc::kBadRequest, "Unparseable sort order : " + *text);
}

core::Result<storage::Page> QueryParams::Paging() const {
  storage::Page page;
  DH_TRY(page.take, Int("take"));
  DH_TRY(auto skip, Int("skip"));
  if (page.take && *page.take < 0) {
    return core::Fail(core::Errc::kBadRequest, "take must be greater than or equal to 0");
  }
  if (skip && *skip < 0) {
    return core::Fail(core::Errc::kBadRequest, "skip must be greater than or equal to 0");
  }
  page.skip = skip.value_or(0);
  return page;
}

std::vector<std::string> QueryParams::List(std::string_view key) const {
  auto text = Get(key);
  if (!text) return {};
  return core::SplitList(*text);
}

}  // namespace dh::api::rest
