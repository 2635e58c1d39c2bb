#pragma once
// Reading JSON requests: parsing with limits, and typed access to object members. A member of
// the wrong type is a kBadRequest with DeviceHive's "Invalid request parameters" message (what
// its Gson binding answers for a body it cannot bind).
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace dh::core {

inline constexpr std::string_view kInvalidRequestParameters = "Invalid request parameters";
inline constexpr std::string_view kMustBeJsonObject = "'parameters' must be JSON Object!";

// Parses JSON text (nesting depth at most 64). Malformed text is kBadRequest with `message`.
Result<boost::json::value> ParseJson(std::string_view text,
                                     std::string_view message = kInvalidRequestParameters);

// The compact JSON text of `value`; numbers keep a plain form ("21.5", not Boost's "2.15E1").
std::string ToJsonText(const boost::json::value& value);

class JsonFields {
 public:
  explicit JsonFields(const boost::json::object& object) : object_(object) {}

  // True when the key is present, even with a null value.
  bool Has(std::string_view key) const { return object_.contains(key); }
  // Absent or null give nullopt; numbers and booleans read as their JSON text (as Gson reads
  // them into a String field); arrays and objects are an error.
  Result<std::optional<std::string>> String(std::string_view key) const;
  // Accepts integral numbers and strings of digits (as Gson does).
  Result<std::optional<int64_t>> Int(std::string_view key) const;
  // Accepts booleans and the strings "true"/"false".
  Result<std::optional<bool>> Bool(std::string_view key) const;
  // A JSON object member as compact text; any other non-null value is kMustBeJsonObject.
  Result<std::optional<std::string>> ObjectText(std::string_view key) const;
  const boost::json::value* Find(std::string_view key) const { return object_.if_contains(key); }

 private:
  const boost::json::object& object_;
};

// The integer value of a JSON number or digit string, if it is one that fits in int64.
std::optional<int64_t> AsInt64(const boost::json::value& value);

}  // namespace dh::core
