#pragma once
// Where the JWT secret comes from, as in DeviceHive's JwtSecretService: the JWT_SECRET
// environment value when set (and then also stored as configuration `jwt.secret`), else the
// stored `jwt.secret`, else a new random secret that is stored for the next start.
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "storage/config_store.hpp"

namespace dh::auth {

inline constexpr std::string_view kJwtSecretName = "jwt.secret";

core::Result<std::string> ResolveJwtSecret(std::string_view from_environment,
                                           storage::ConfigStore& configuration);

}  // namespace dh::auth
