#include "mqtt/codec/utf8.hpp"

#include <string>

#include "core/utf8.hpp"

namespace dh::mqtt {
namespace {

core::Error Offence(std::string_view what, size_t at, std::string_view rule) {
  return core::Fail(core::Errc::kBadRequest, std::string(what) + " at byte " + std::to_string(at) +
                                                 " [" + std::string(rule) + "]");
}

}  // namespace

core::Status ValidateUtf8(std::string_view text) {
  if (const auto offence = core::FindUtf8Offence(text)) {
    return Offence(offence->what, offence->at, "MQTT-1.5.3-1");
  }
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return Offence("U+0000", nul, "MQTT-1.5.3-2");
  }
  return {};
}

}  // namespace dh::mqtt
