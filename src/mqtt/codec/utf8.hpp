#pragma once
// MQTT's UTF-8 string rule (§1.5.3): a string field must be well-formed UTF-8 (RFC 3629: no
// overlong forms, nothing above U+10FFFF, no UTF-16 surrogates U+D800..U+DFFF) [MQTT-1.5.3-1]
// and must not contain U+0000 [MQTT-1.5.3-2]. Control characters and non-characters are only
// "SHOULD NOT" (§1.5.3-3), so they are accepted.
#include <string_view>

#include "core/error.hpp"

namespace dh::mqtt {

// Ok when `text` follows the rule; otherwise the first offence and its byte offset, e.g.
// "U+0000 at byte 3 [MQTT-1.5.3-2]".
core::Status ValidateUtf8(std::string_view text);

}  // namespace dh::mqtt
