#include "api/rest/call.hpp"

#include <charconv>

#include "core/json_read.hpp"
#include "core/strings.hpp"

namespace dh::api::rest {

core::Result<int64_t> Call::IdParam(size_t i) const {
  const std::string& text = Param(i);
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
  }
  return value;
}

core::Result<std::optional<boost::json::object>> Call::Body() const {
  const std::string& body = request_.body();
  if (core::Trim(body).empty()) return std::optional<boost::json::object>();
  DH_TRY(auto value, core::ParseJson(body));
  if (value.is_null()) return std::optional<boost::json::object>();
  if (!value.is_object()) {
    return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
  }
  return std::optional<boost::json::object>(std::move(value.get_object()));
}

core::Result<boost::json::object> Call::RequiredBody() const {
  DH_TRY(auto body, Body());
  if (!body)
    return core::Fail(core::Errc::kBadRequest, "Error! Validation failed: \nObject is null");
  return std::move(*body);
}

}  // namespace dh::api::rest
