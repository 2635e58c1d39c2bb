// libFuzzer target for the MQTT codec (scripts/fuzz.sh builds and runs it). The first input byte
// picks the set-up: bit 0 the side (0 server, 1 client), bit 1 the client's level (3.1 or 3.1.1),
// bits 2-7 the feed size (1 to 64 bytes); the rest is fed to a Decoder with a small maximum
// packet size. Every packet that decodes is re-encoded and must decode to itself; topic names
// and filters seen are matched against each other. Crashes, sanitizer reports and broken round
// trips (abort) are findings.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mqtt/codec/codec.hpp"
#include "mqtt/codec/decoder.hpp"
#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/topic.hpp"
#include "mqtt/codec/utf8.hpp"

namespace {

using namespace dh::mqtt;

constexpr size_t kMaxPacketSize = 2048;

void Check(bool condition) {
  if (!condition) std::abort();
}

// Encodes `packet`, decodes the bytes at `level`, and checks the result is `packet` again.
void CheckRoundTrip(const Packet& packet, uint8_t level) {
  std::string encoded;
  EncodePacket(packet, encoded);
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(encoded.data()),
                                       encoded.size());
  auto header = ParseFixedHeader(bytes);
  Check(header && *header);
  const FixedHeader& fixed = **header;
  Check(fixed.header_size + fixed.remaining_length == encoded.size());
  auto decoded = DecodePacket(fixed, bytes.subspan(fixed.header_size), level);
  Check(decoded && *decoded == packet);
}

// Topic rules on what a packet carries: a decoded filter is valid, and matching terminates.
void CheckTopics(const Packet& packet, std::vector<std::string>& filters) {
  if (const auto* subscribe = std::get_if<Subscribe>(&packet)) {
    for (const auto& [filter, qos] : subscribe->filters) {
      Check(ValidateTopicFilter(filter).has_value());
      filters.push_back(filter);
    }
  } else if (const auto* publish = std::get_if<Publish>(&packet)) {
    Check(ValidateTopicName(publish->topic).has_value());
    for (const std::string& filter : filters) (void)TopicMatches(filter, publish->topic);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  const std::span<const uint8_t> input(data + 1, size - 1);
  (void)ValidateUtf8(std::string_view(reinterpret_cast<const char*>(input.data()), input.size()));

  Decoder decoder =
      (mode & 0x01) != 0
          ? Decoder::ForClient((mode & 0x02) != 0 ? kLevel31 : kLevel311, kMaxPacketSize)
          : Decoder::ForServer(kMaxPacketSize);
  const size_t chunk = 1 + (mode >> 2);
  std::vector<std::string> filters;
  for (size_t offset = 0; offset < input.size(); offset += chunk) {
    decoder.Feed(input.subspan(offset, std::min(chunk, input.size() - offset)));
    while (true) {
      auto next = decoder.Next();
      if (!next) {
        Check(!decoder.Next());  // errors are sticky
        return 0;
      }
      if (!*next) break;
      CheckRoundTrip(**next, decoder.level());
      CheckTopics(**next, filters);
    }
    Check(decoder.buffered() < kMaxPacketSize);
  }
  return 0;
}
