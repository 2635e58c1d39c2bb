#pragma once
#include <cstdint>
#include <string>

namespace dh::domain {

// A named server setting (the `configuration` table); e.g. jwt.secret, user.login.maxAttempts.
struct Configuration {
  int64_t id = 0;
  std::string name;   // 1-32 chars
  std::string value;  // 1-128 chars
  int64_t entity_version = 0;
};

}  // namespace dh::domain
