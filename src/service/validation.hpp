#pragma once
// Input validation with DeviceHive's HiveValidator message format (400):
//   "Error! Make sure, that the passed object is correct and properly structured. Validation
//    failed: \nOn property <p> (value: <v>): <message> ; " (one line per violation).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace dh::service {

class Violations {
 public:
  // Records a violation; the value prints as DeviceHive prints it (raw text, or null).
  void Add(std::string_view property, const std::optional<std::string>& value,
           std::string_view message);
  // Adds `message` unless the value is null or its length is within [min, max].
  void CheckLength(std::string_view property, const std::optional<std::string>& value, size_t min,
                   size_t max, std::string_view message);
  void CheckNotNull(std::string_view property, const std::optional<std::string>& value,
                    std::string_view message);

  bool empty() const { return lines_.empty(); }
  core::Error ToError() const;
  // OK when there were no violations, else ToError().
  core::Status Result() const;

 private:
  std::vector<std::string> lines_;
};

// Shorthand for a single-violation error.
core::Error Invalid(std::string_view property, const std::optional<std::string>& value,
                    std::string_view message);

// DeviceHive's length messages for names and descriptions (networks, device types, devices).
inline constexpr std::string_view kNameNull = "name field cannot be null.";
inline constexpr std::string_view kNameLength =
    "Field cannot be empty. The length of name should not be more than 128 symbols.";
inline constexpr std::string_view kDescriptionLength =
    "The length of description should not be more than 128 symbols.";

}  // namespace dh::service
