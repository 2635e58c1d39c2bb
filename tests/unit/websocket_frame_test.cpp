// The RFC 6455 frame codec, byte by byte: header parsing (lengths, truncation, reserved bits,
// opcodes, control-frame rules), unmasking, server headers, and close payloads. Frames marked
// "RFC" are the examples of RFC 6455 §5.7.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "net/websocket/frame.hpp"

namespace dh::net::websocket {
namespace {

using Bytes = std::vector<uint8_t>;

constexpr std::array<uint8_t, 4> kRfcMask = {0x37, 0xfa, 0x21, 0x3d};

ParseResult Parse(const Bytes& bytes, FrameHeader& header) { return ParseHeader(bytes, header); }

ParseResult Parse(const Bytes& bytes) {
  FrameHeader header;
  return ParseHeader(bytes, header);
}

Bytes Concat(Bytes bytes, const Bytes& more) {
  bytes.insert(bytes.end(), more.begin(), more.end());
  return bytes;
}

const Bytes kMaskBytes = {0x37, 0xfa, 0x21, 0x3d};

// --- lengths ------------------------------------------------------------------------------

TEST(WebSocketFrame, UnmaskedSevenBitLengthHeaderIsTwoBytes) {
  FrameHeader header;
  ASSERT_EQ(Parse({0x81, 0x05, 'H', 'e', 'l', 'l', 'o'}, header), ParseResult::kOk);  // RFC
  EXPECT_TRUE(header.fin);
  EXPECT_EQ(header.opcode, Opcode::kText);
  EXPECT_FALSE(header.masked);
  EXPECT_EQ(header.payload_size, 5u);
  EXPECT_EQ(header.header_size, 2u);
}

TEST(WebSocketFrame, MaskedSevenBitLengthHeaderCarriesTheMaskKey) {
  FrameHeader header;
  ASSERT_EQ(Parse({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}, header),
            ParseResult::kOk);  // RFC
  EXPECT_TRUE(header.masked);
  EXPECT_EQ(header.mask, kRfcMask);
  EXPECT_EQ(header.payload_size, 5u);
  EXPECT_EQ(header.header_size, 6u);
}

TEST(WebSocketFrame, SevenBitLengthGoesUpTo125) {
  FrameHeader header;
  ASSERT_EQ(Parse({0x82, 0x7D}, header), ParseResult::kOk);
  EXPECT_EQ(header.payload_size, 125u);
  EXPECT_EQ(header.header_size, 2u);
}

TEST(WebSocketFrame, SixteenBitLengthFollows126) {
  FrameHeader header;
  ASSERT_EQ(Parse({0x82, 0x7E, 0x01, 0x00}, header), ParseResult::kOk);  // RFC: 256 bytes
  EXPECT_EQ(header.opcode, Opcode::kBinary);
  EXPECT_EQ(header.payload_size, 256u);
  EXPECT_EQ(header.header_size, 4u);

  ASSERT_EQ(Parse(Concat({0x81, 0xFE, 0xFF, 0xFF}, kMaskBytes), header), ParseResult::kOk);
  EXPECT_EQ(header.payload_size, 65535u);
  EXPECT_EQ(header.header_size, 8u);
  EXPECT_EQ(header.mask, kRfcMask);
}

TEST(WebSocketFrame, SixtyFourBitLengthFollows127) {
  FrameHeader header;
  ASSERT_EQ(Parse({0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00}, header),
            ParseResult::kOk);  // RFC: 64 KiB
  EXPECT_EQ(header.payload_size, 65536u);
  EXPECT_EQ(header.header_size, 10u);

  ASSERT_EQ(Parse(Concat({0x82, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, kMaskBytes),
                  header),
            ParseResult::kOk);
  EXPECT_EQ(header.payload_size, 0x7FFF'FFFF'FFFF'FFFFu);
  EXPECT_EQ(header.header_size, 14u);
  EXPECT_EQ(header.mask, kRfcMask);
}

TEST(WebSocketFrame, SixtyFourBitLengthWithTheTopBitSetIsAProtocolError) {
  EXPECT_EQ(Parse({0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0}), ParseResult::kProtocolError);
  EXPECT_EQ(Parse(Concat({0x82, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, kMaskBytes)),
            ParseResult::kProtocolError);
}

TEST(WebSocketFrame, LengthNotInItsShortestFormIsAProtocolError) {
  // RFC 6455 §5.2: "the minimal number of bytes MUST be used to encode the length".
  EXPECT_EQ(Parse({0x82, 0x7E, 0x00, 0x00}), ParseResult::kProtocolError);
  EXPECT_EQ(Parse({0x82, 0x7E, 0x00, 0x7D}), ParseResult::kProtocolError);  // 125 in 16 bits
  EXPECT_EQ(Parse({0x82, 0x7E, 0x00, 0x7E}), ParseResult::kOk);             // 126: shortest
  EXPECT_EQ(Parse({0x82, 0x7F, 0, 0, 0, 0, 0, 0, 0x00, 0x05}), ParseResult::kProtocolError);
  EXPECT_EQ(Parse({0x82, 0x7F, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF}),
            ParseResult::kProtocolError);  // 65535 in 64 bits
}

TEST(WebSocketFrame, HeaderParsesWithoutItsPayload) {
  FrameHeader header;
  ASSERT_EQ(Parse(Concat({0x81, 0xFE, 0x10, 0x00}, kMaskBytes), header), ParseResult::kOk);
  EXPECT_EQ(header.payload_size, 4096u);
}

// --- truncation ---------------------------------------------------------------------------

TEST(WebSocketFrame, EveryTruncatedHeaderNeedsMore) {
  const std::vector<Bytes> headers = {
      {0x81, 0x05},
      Concat({0x81, 0x85}, kMaskBytes),
      {0x82, 0x7E, 0x01, 0x00},
      Concat({0x82, 0xFE, 0x01, 0x00}, kMaskBytes),
      {0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00},
      Concat({0x82, 0xFF, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00}, kMaskBytes),
  };
  for (const auto& full : headers) {
    ASSERT_EQ(Parse(full), ParseResult::kOk) << full.size();
    for (size_t size = 0; size < full.size(); ++size) {
      const Bytes prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(size));
      EXPECT_EQ(Parse(prefix), ParseResult::kNeedMore)
          << size << " of the " << full.size() << "-byte header";
    }
  }
}

// --- reserved bits and opcodes ------------------------------------------------------------

TEST(WebSocketFrame, AnyReservedBitIsAProtocolError) {
  for (const uint8_t rsv : Bytes{0x40, 0x20, 0x10, 0x70}) {
    EXPECT_EQ(Parse(Concat({static_cast<uint8_t>(0x81 | rsv), 0x80}, kMaskBytes)),
              ParseResult::kProtocolError)
        << int{rsv};
  }
}

TEST(WebSocketFrame, KnownOpcodesParse) {
  for (const uint8_t opcode : Bytes{0x0, 0x1, 0x2, 0x8, 0x9, 0xA}) {
    FrameHeader header;
    ASSERT_EQ(Parse(Concat({static_cast<uint8_t>(0x80 | opcode), 0x80}, kMaskBytes), header),
              ParseResult::kOk)
        << int{opcode};
    EXPECT_EQ(static_cast<uint8_t>(header.opcode), opcode);
  }
}

TEST(WebSocketFrame, UnknownOpcodesAreProtocolErrors) {
  for (const uint8_t opcode : Bytes{0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
    EXPECT_EQ(Parse(Concat({static_cast<uint8_t>(0x80 | opcode), 0x80}, kMaskBytes)),
              ParseResult::kProtocolError)
        << int{opcode};
  }
}

// --- control frames -----------------------------------------------------------------------

TEST(WebSocketFrame, DataFramesMayBeFragmented) {
  FrameHeader header;
  ASSERT_EQ(Parse({0x01, 0x03, 'H', 'e', 'l'}, header), ParseResult::kOk);  // RFC
  EXPECT_FALSE(header.fin);
  EXPECT_EQ(header.opcode, Opcode::kText);
  ASSERT_EQ(Parse({0x80, 0x02, 'l', 'o'}, header), ParseResult::kOk);  // RFC
  EXPECT_TRUE(header.fin);
  EXPECT_EQ(header.opcode, Opcode::kContinuation);
}

TEST(WebSocketFrame, ControlFrameThatIsNotFinalIsAProtocolError) {
  for (const uint8_t opcode : Bytes{0x8, 0x9, 0xA}) {
    EXPECT_EQ(Parse(Concat({opcode, 0x80}, kMaskBytes)), ParseResult::kProtocolError)
        << int{opcode};
  }
}

TEST(WebSocketFrame, ControlFrameOf125BytesParses) {
  FrameHeader header;
  ASSERT_EQ(Parse(Concat({0x89, 0xFD}, kMaskBytes), header), ParseResult::kOk);
  EXPECT_EQ(header.opcode, Opcode::kPing);
  EXPECT_EQ(header.payload_size, 125u);
}

TEST(WebSocketFrame, ControlFrameOverTheLimitIsAProtocolErrorBeforeItsMask) {
  for (const uint8_t opcode : Bytes{0x88, 0x89, 0x8A}) {
    EXPECT_EQ(Parse({opcode, 0xFE, 0x00, 0x7E}), ParseResult::kProtocolError) << int{opcode};
    EXPECT_EQ(Parse({opcode, 0xFF, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00}), ParseResult::kProtocolError)
        << int{opcode};
  }
}

TEST(WebSocketFrame, IsControlTellsControlOpcodes) {
  EXPECT_FALSE(IsControl(Opcode::kContinuation));
  EXPECT_FALSE(IsControl(Opcode::kText));
  EXPECT_FALSE(IsControl(Opcode::kBinary));
  EXPECT_TRUE(IsControl(Opcode::kClose));
  EXPECT_TRUE(IsControl(Opcode::kPing));
  EXPECT_TRUE(IsControl(Opcode::kPong));
}

// --- masking ------------------------------------------------------------------------------

TEST(WebSocketFrame, UnmaskRecoversTheRfcExample) {
  Bytes payload = {0x7f, 0x9f, 0x4d, 0x51, 0x58};
  Unmask(payload, kRfcMask);
  EXPECT_EQ(payload, (Bytes{'H', 'e', 'l', 'l', 'o'}));
}

TEST(WebSocketFrame, UnmaskingPiecesAtTheirOffsetsEqualsUnmaskingTheWhole) {
  Bytes whole(23);
  for (size_t i = 0; i < whole.size(); ++i) whole[i] = static_cast<uint8_t>(i * 37);
  Bytes expected = whole;
  Unmask(expected, kRfcMask);
  for (size_t split = 0; split <= whole.size(); ++split) {
    Bytes pieces = whole;
    std::span<uint8_t> all(pieces);
    Unmask(all.first(split), kRfcMask, 0);
    Unmask(all.subspan(split), kRfcMask, split);
    EXPECT_EQ(pieces, expected) << "split at " << split;
  }
}

TEST(WebSocketFrame, UnmaskOffsetSelectsTheKeyByte) {
  for (size_t offset = 0; offset < 9; ++offset) {
    Bytes byte = {0x00};
    Unmask(byte, kRfcMask, offset);
    EXPECT_EQ(byte[0], kRfcMask[offset % 4]) << offset;
  }
}

TEST(WebSocketFrame, UnmaskingTwiceRestoresThePayload) {
  const Bytes original = {'d', 'e', 'v', 'i', 'c', 'e', 'h', 'i', 'v', 'e'};
  Bytes payload = original;
  Unmask(payload, kRfcMask, 3);
  EXPECT_NE(payload, original);
  Unmask(payload, kRfcMask, 3);
  EXPECT_EQ(payload, original);
}

// --- server headers -----------------------------------------------------------------------

Bytes Header(Opcode opcode, bool fin, uint64_t size) {
  std::array<uint8_t, 10> out{};
  const size_t used = WriteHeader(opcode, fin, size, out);
  return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(used));
}

TEST(WebSocketFrame, WriteHeaderUsesTheShortestLength) {
  EXPECT_EQ(Header(Opcode::kText, true, 0), (Bytes{0x81, 0x00}));
  EXPECT_EQ(Header(Opcode::kText, true, 5), (Bytes{0x81, 0x05}));  // RFC
  EXPECT_EQ(Header(Opcode::kText, true, 125), (Bytes{0x81, 0x7D}));
  EXPECT_EQ(Header(Opcode::kText, true, 126), (Bytes{0x81, 0x7E, 0x00, 0x7E}));
  EXPECT_EQ(Header(Opcode::kBinary, true, 256), (Bytes{0x82, 0x7E, 0x01, 0x00}));  // RFC
  EXPECT_EQ(Header(Opcode::kText, true, 65535), (Bytes{0x81, 0x7E, 0xFF, 0xFF}));
  EXPECT_EQ(Header(Opcode::kBinary, true, 65536),
            (Bytes{0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00}));  // RFC
  EXPECT_EQ(Header(Opcode::kText, true, 0x0102'0304'0506'0708),
            (Bytes{0x81, 0x7F, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08}));
}

TEST(WebSocketFrame, WriteHeaderSetsFinAndOpcode) {
  EXPECT_EQ(Header(Opcode::kText, false, 3), (Bytes{0x01, 0x03}));  // RFC
  EXPECT_EQ(Header(Opcode::kContinuation, true, 2), (Bytes{0x80, 0x02}));
  EXPECT_EQ(Header(Opcode::kClose, true, 2), (Bytes{0x88, 0x02}));
  EXPECT_EQ(Header(Opcode::kPing, true, 0), (Bytes{0x89, 0x00}));
  EXPECT_EQ(Header(Opcode::kPong, true, 5), (Bytes{0x8A, 0x05}));  // RFC
}

TEST(WebSocketFrame, WrittenHeadersParseBack) {
  for (const uint64_t size : {0ull, 125ull, 126ull, 65535ull, 65536ull, 1ull << 40}) {
    FrameHeader header;
    ASSERT_EQ(Parse(Header(Opcode::kBinary, true, size), header), ParseResult::kOk) << size;
    EXPECT_EQ(header.payload_size, size);
    EXPECT_FALSE(header.masked);
  }
}

// --- close payloads -----------------------------------------------------------------------

std::string Chars(std::initializer_list<uint8_t> bytes) {
  return std::string(bytes.begin(), bytes.end());
}

TEST(WebSocketFrame, ClosePayloadIsTheCodeInNetworkOrderThenTheReason) {
  EXPECT_EQ(ClosePayload(1000, ""), Chars({0x03, 0xE8}));
  EXPECT_EQ(ClosePayload(1009, "message too big"), Chars({0x03, 0xF1}) + "message too big");
  EXPECT_EQ(ClosePayload(4321, "x"), Chars({0x10, 0xE1}) + "x");
}

TEST(WebSocketFrame, ClosePayloadIsCutTo125Bytes) {
  EXPECT_EQ(ClosePayload(1000, std::string(123, 'r')).size(), 125u);
  const std::string cut = ClosePayload(1000, std::string(200, 'r'));
  EXPECT_EQ(cut, Chars({0x03, 0xE8}) + std::string(123, 'r'));
}

TEST(WebSocketFrame, CloseCodeReadsTheFirstTwoBytes) {
  const Bytes payload = {0x03, 0xEA, 'b', 'y', 'e'};
  EXPECT_EQ(CloseCode(payload), 1002);
  EXPECT_EQ(CloseCode(Bytes{0xFF, 0xFF}), 65535);
}

TEST(WebSocketFrame, CloseCodeOfAPayloadWithoutACodeIsNoStatus) {
  EXPECT_EQ(CloseCode(Bytes{}), 1005);
  EXPECT_EQ(CloseCode(Bytes{0x03}), 1005);
}

TEST(WebSocketFrame, ClosePayloadRoundTripsThroughCloseCode) {
  const std::string payload = ClosePayload(1008, "outbound queue overflow");
  const Bytes bytes(payload.begin(), payload.end());
  EXPECT_EQ(CloseCode(bytes), 1008);
}

TEST(WebSocketFrame, SendableCloseCodesAreTheDefinedOnesAndTheRegistryRanges) {
  for (const int code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
                         3000, 3999, 4000, 4999}) {
    EXPECT_TRUE(IsSendableCloseCode(static_cast<uint16_t>(code))) << code;
  }
  // 1004 is reserved; 1005, 1006 and 1015 must never be sent; the rest is unassigned.
  for (const int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
    EXPECT_FALSE(IsSendableCloseCode(static_cast<uint16_t>(code))) << code;
  }
}

}  // namespace
}  // namespace dh::net::websocket
