#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/time.hpp"

namespace dh::domain {

enum class UserRole { kAdmin = 0, kClient = 1 };
enum class UserStatus { kActive = 0, kLockedOut = 1, kDisabled = 2 };

struct User {
  int64_t id = 0;
  std::string login;
  std::string password_hash;  // libsodium Argon2id string; never leaves the server
  UserRole role = UserRole::kClient;
  UserStatus status = UserStatus::kActive;
  int login_attempts = 0;
  std::optional<core::Timestamp> last_login;
  std::optional<std::string> data;  // compact JSON object text, or null
  bool intro_reviewed = false;
  bool all_device_types_available = true;

  bool is_admin() const { return role == UserRole::kAdmin; }
};

}  // namespace dh::domain
