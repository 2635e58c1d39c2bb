#pragma once
// Password hashing: Argon2id through libsodium (19 MiB, 2 passes: OWASP's minimum, ~25 ms).
// The stored string is self-describing, so hashes made with other parameters still verify.
#include <string>
#include <string_view>

namespace dh::auth {

std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

}  // namespace dh::auth
