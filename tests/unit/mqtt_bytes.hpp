#pragma once
// Helpers for the MQTT codec tests: building packet bytes field by field, and checking errors.
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace dh::mqtt::testing {

using Bytes = std::vector<uint8_t>;

// The concatenation of `parts`.
inline Bytes Cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// Raw bytes of `text`, without a length prefix.
inline Bytes Raw(std::string_view text) { return Bytes(text.begin(), text.end()); }

// A 16-bit big-endian integer.
inline Bytes U16(uint16_t value) {
  return {static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value & 0xFF)};
}

// A length-prefixed string (§1.5.3).
inline Bytes Str(std::string_view text) {
  return Cat({U16(static_cast<uint16_t>(text.size())), Raw(text)});
}

inline Bytes AsBytes(const std::string& encoded) { return Raw(encoded); }

// Success when `result` is an error whose message contains `needle`.
template <class T>
::testing::AssertionResult FailsWith(const core::Result<T>& result, std::string_view needle) {
  if (result) return ::testing::AssertionFailure() << "succeeded, expected \"" << needle << "\"";
  if (result.error().message.find(needle) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "error \"" << result.error().message << "\" does not contain \"" << needle << "\"";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace dh::mqtt::testing
