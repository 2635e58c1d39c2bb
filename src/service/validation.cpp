#include "service/validation.hpp"

namespace dh::service {

void Violations::Add(std::string_view property, const std::optional<std::string>& value,
                     std::string_view message) {
  std::string line = "On property ";
  line += property;
  line += " (value: ";
  line += value ? std::string_view(*value) : std::string_view("null");
  line += "): ";
  line += message;
  line += " ; ";
  lines_.push_back(std::move(line));
}

void Violations::CheckLength(std::string_view property, const std::optional<std::string>& value,
                             size_t min, size_t max, std::string_view message) {
  if (value && (value->size() < min || value->size() > max)) Add(property, value, message);
}

void Violations::CheckNotNull(std::string_view property, const std::optional<std::string>& value,
                              std::string_view message) {
  if (!value) Add(property, value, message);
}

core::Error Violations::ToError() const {
  std::string message =
      "Error! Make sure, that the passed object is correct and properly structured. Validation "
      "failed: \n";
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (i > 0) message += '\n';
    message += lines_[i];
  }
  return core::Fail(core::Errc::kBadRequest, std::move(message));
}

core::Status Violations::Result() const {
  if (empty()) return {};
  return ToError();
}

core::Error Invalid(std::string_view property, const std::optional<std::string>& value,
                    std::string_view message) {
  Violations violations;
  violations.Add(property, value, message);
  return violations.ToError();
}

}  // namespace dh::service
