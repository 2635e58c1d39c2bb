#pragma once
// Well-formed UTF-8 (RFC 3629 §4): no overlong forms, nothing above U+10FFFF, no UTF-16
// surrogates (U+D800..U+DFFF), no truncated sequences. Every code point else, U+0000 and
// non-characters included, is accepted; protocols with stricter rules check those themselves.
#include <cstddef>
#include <optional>
#include <string_view>

namespace dh::core {

struct Utf8Offence {
  size_t at = 0;          // byte offset of the offending sequence's first byte
  std::string_view what;  // e.g. "overlong UTF-8 sequence" (a static string)
};

// The first offence in `text`, or nullopt when it is well-formed. Runs of ASCII are checked
// eight bytes at a time, so the common case costs little more than reading the bytes.
std::optional<Utf8Offence> FindUtf8Offence(std::string_view text);

}  // namespace dh::core
