// MQTT's UTF-8 string rule (§1.5.3): well-formed UTF-8, no surrogates, no U+0000.
#include <gtest/gtest.h>

#include <string>

#include "mqtt/codec/utf8.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::FailsWith;

TEST(MqttUtf8, AsciiAndMultiByteCharactersAreValid) {
  EXPECT_TRUE(ValidateUtf8(""));
  EXPECT_TRUE(ValidateUtf8("sensors/temperature"));
  EXPECT_TRUE(ValidateUtf8("caf\xC3\xA9"));       // U+00E9, 2 bytes
  EXPECT_TRUE(ValidateUtf8("\xE2\x82\xAC"));      // U+20AC, 3 bytes
  EXPECT_TRUE(ValidateUtf8("\xF0\x9D\x84\x9E"));  // U+1D11E, 4 bytes
  EXPECT_TRUE(ValidateUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(ValidateUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(ValidateUtf8("\xEE\x80\x80"));      // U+E000, just above them
}

TEST(MqttUtf8, ShouldNotCharactersAreAccepted) {
  EXPECT_TRUE(ValidateUtf8("\x01\x1F\x7F"));  // control characters [MQTT-1.5.3-3 is SHOULD]
  EXPECT_TRUE(ValidateUtf8("\xEF\xBF\xBF"));  // U+FFFF, a non-character
  EXPECT_TRUE(
      ValidateUtf8("\xEF\xBB\xBF"
                   "a"));  // U+FEFF is kept, not skipped [MQTT-1.5.3-3]
}

TEST(MqttUtf8, NullCharacterIsRejected) {
  EXPECT_TRUE(FailsWith(ValidateUtf8(std::string("ab\0c", 4)), "U+0000 at byte 2 [MQTT-1.5.3-2]"));
  EXPECT_TRUE(FailsWith(ValidateUtf8(std::string(1, '\0')), "U+0000 at byte 0"));
}

TEST(MqttUtf8, SurrogatesAreRejected) {
  EXPECT_TRUE(FailsWith(ValidateUtf8("\xED\xA0\x80"), "surrogate at byte 0 [MQTT-1.5.3-1]"));
  EXPECT_TRUE(FailsWith(ValidateUtf8("a\xED\xBF\xBF"), "surrogate at byte 1"));
}

TEST(MqttUtf8, OverlongFormsAreRejected) {
  EXPECT_TRUE(FailsWith(ValidateUtf8("\xC0\x80"), "overlong"));  // U+0000 in 2 bytes
  EXPECT_TRUE(FailsWith(ValidateUtf8("\xC1\xBF"), "overlong"));
  EXPECT_TRUE(FailsWith(ValidateUtf8("\xE0\x80\xAF"), "overlong"));
  EXPECT_TRUE(FailsWith(ValidateUtf8("\xF0\x80\x80\xAF"), "overlong"));
}

TEST(MqttUtf8, CodePointsAboveTheUnicodeRangeAreRejected) {
  EXPECT_TRUE(FailsWith(ValidateUtf8("\xF4\x90\x80\x80"), "above U+10FFFF"));
  EXPECT_TRUE(FailsWith(ValidateUtf8("\xF8\x88\x80\x80\x80"), "lead byte"));
  EXPECT_TRUE(FailsWith(ValidateUtf8("\xFF"), "lead byte"));
}

TEST(MqttUtf8, BrokenSequencesAreRejected) {
  EXPECT_TRUE(FailsWith(ValidateUtf8("\x80"), "lead byte at byte 0"));  // lone continuation
  EXPECT_TRUE(FailsWith(ValidateUtf8("ab\xE2\x82"), "truncated UTF-8 sequence at byte 2"));
  EXPECT_TRUE(FailsWith(ValidateUtf8("\xC3("), "invalid UTF-8 sequence at byte 0"));
  EXPECT_TRUE(FailsWith(ValidateUtf8("\xE2\x82("), "invalid UTF-8 sequence"));
}

}  // namespace
}  // namespace dh::mqtt
