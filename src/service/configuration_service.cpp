#include "service/configuration_service.hpp"

#include "auth/access.hpp"
#include "service/validation.hpp"

namespace dh::service {
namespace {

core::Error NotFound(const std::string& name) {
  return core::Fail(core::Errc::kNotFound,
                    "Requested config with name = " + name + " not found in the database");
}

}  // namespace

core::Result<domain::Configuration> ConfigurationService::Get(const auth::Principal& principal,
                                                              const std::string& name) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManageConfiguration));
  DH_TRY(auto setting, storage_.configuration().Get(name));
  if (!setting) return NotFound(name);
  return std::move(*setting);
}

core::Result<domain::Configuration> ConfigurationService::Put(
    const auth::Principal& principal, const std::string& name,
    const std::optional<std::string>& value) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManageConfiguration));
  if (name.empty() || name.size() > 32) {
    return core::Fail(core::Errc::kBadRequest,
                      "Name cannot be empty. The name's length should not be more than 32 "
                      "symbols.");
  }
  Violations violations;
  violations.CheckNotNull("value", value, "value field cannot be null.");
  violations.CheckLength("value", value, 1, 128,
                         "Field cannot be empty. The length of value should not be more than "
                         "128 symbols.");
  DH_CHECK(violations.Result());
  return storage_.configuration().Put(name, *value);
}

core::Status ConfigurationService::Delete(const auth::Principal& principal,
                                          const std::string& name) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManageConfiguration));
  DH_TRY(const bool deleted, storage_.configuration().Delete(name));
  if (!deleted) return NotFound(name);
  return {};
}

}  // namespace dh::service
