#pragma once
// Query-string parameters of a REST call, percent-decoded ('+' is a space), with typed getters
// that answer DeviceHive's 400 messages for malformed values.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "storage/query.hpp"

namespace dh::api::rest {

class QueryParams {
 public:
  QueryParams() = default;
  explicit QueryParams(std::vector<std::pair<std::string, std::string>> params)
      : params_(std::move(params)) {}

  // Whether `key` appears at all, even with an empty value.
  bool Has(std::string_view key) const;
  // The first value of `key`; nullopt when absent. An empty value counts as absent.
  std::optional<std::string> Get(std::string_view key) const;
  // An integer; anything else is 400 "Invalid request parameters".
  core::Result<std::optional<int64_t>> Int(std::string_view key) const;
  // "true"/"false" in any case; anything else is 400 "Invalid request parameters".
  core::Result<std::optional<bool>> Bool(std::string_view key) const;
  // A timestamp (spec §2.1); anything else is 400 "Unparseable timestamp".
  core::Result<std::optional<core::Timestamp>> Time(std::string_view key) const;
  // `sortOrder`: ASC or DESC in any case (absent: `fallback`); else 400 "Unparseable sort
  // order : X".
  core::Result<storage::SortOrder> Order(
      storage::SortOrder fallback = storage::SortOrder::kAsc) const;
  // `take` and `skip`, each >= 0 (take absent: no limit; skip absent: 0).
  core::Result<storage::Page> Paging() const;
  // A comma-separated list ("a,b,c"); empty when absent.
  std::vector<std::string> List(std::string_view key) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

}  // namespace dh::api::rest
