#pragma once
#include <optional>
#include <string>

#include "core/error.hpp"
#include "domain/configuration.hpp"

namespace dh::storage {

// Named settings. Thread-safe; each method is atomic.
class ConfigStore {
 public:
  virtual ~ConfigStore() = default;

  virtual core::Result<std::optional<domain::Configuration>> Get(const std::string& name) = 0;
  // Creates the setting or replaces its value (bumping entity_version); returns the stored row.
  virtual core::Result<domain::Configuration> Put(const std::string& name,
                                                  const std::string& value) = 0;
  // False when there is no such setting.
  virtual core::Result<bool> Delete(const std::string& name) = 0;
};

}  // namespace dh::storage
