#include "auth/jwt_secret.hpp"

#include <sodium.h>

namespace dh::auth {
namespace {

constexpr size_t kMaxSecretLength = 128;  // the configuration value limit

// 130 random bits in base 32 (digits 0-9a-v), like BigInteger(130, random).toString(32).
std::string GenerateSecret() {
  if (sodium_init() < 0) return {};
  unsigned char bytes[17];
  randombytes_buf(bytes, sizeof bytes);
  bytes[0] &= 0x03;  // 130 = 2 + 16 * 8 bits
  std::string digits;
  // Repeated division of the big-endian number by 32.
  for (;;) {
    bool zero = true;
    unsigned remainder = 0;
    for (unsigned char& b : bytes) {
      const unsigned value = (remainder << 8) | b;
      b = static_cast<unsigned char>(value / 32);
      remainder = value % 32;
      zero = zero && b == 0;
    }
    digits.push_back("0123456789abcdefghijklmnopqrstuv"[remainder]);
    if (zero) break;
  }
  return std::string(digits.rbegin(), digits.rend());
}

}  // namespace

core::Result<std::string> ResolveJwtSecret(std::string_view from_environment,
                                           storage::ConfigStore& configuration) {
  if (!from_environment.empty()) {
    if (from_environment.size() > kMaxSecretLength) {
      return core::Fail(core::Errc::kBadRequest, "JWT_SECRET is longer than 128 characters");
    }
    DH_TRY([[maybe_unused]] auto stored,
           configuration.Put(std::string(kJwtSecretName), std::string(from_environment)));
    return std::string(from_environment);
  }
  DH_TRY(auto stored, configuration.Get(std::string(kJwtSecretName)));
  if (stored && !stored->value.empty()) return stored->value;
  std::string secret = GenerateSecret();
  DH_TRY([[maybe_unused]] auto created, configuration.Put(std::string(kJwtSecretName), secret));
  return secret;
}

}  // namespace dh::auth
