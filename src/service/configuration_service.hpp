#pragma once
// Server settings (spec §3.7), including jwt.secret, readable by admins.
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "core/error.hpp"
#include "domain/configuration.hpp"
#include "storage/storage.hpp"

namespace dh::service {

class ConfigurationService {
 public:
  explicit ConfigurationService(storage::Storage& storage) : storage_(storage) {}

  core::Result<domain::Configuration> Get(const auth::Principal& principal,
                                          const std::string& name);
  // Creates or replaces: name 1-32 characters, value 1-128.
  core::Result<domain::Configuration> Put(const auth::Principal& principal, const std::string& name,
                                          const std::optional<std::string>& value);
  core::Status Delete(const auth::Principal& principal, const std::string& name);

 private:
  storage::Storage& storage_;
};

}  // namespace dh::service
