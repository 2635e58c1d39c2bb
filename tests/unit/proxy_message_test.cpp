// The ws-proxy message codec (spec §1.2-1.3): frames in, reply bytes out.
#include <gtest/gtest.h>

#include <string>

#include "core/json_read.hpp"
#include "proxy/message.hpp"

namespace dh::proxy {
namespace {

constexpr size_t kMax = 100;

TEST(ProxyMessage, SingleObjectIsOneMessage) {
  auto parsed = ParseFrame(R"({"id":"u1","t":"topic","a":"create","p":{"t":["a","b"]}})", kMax);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->size(), 1u);
  const Message& m = parsed->front();
  EXPECT_EQ(m.id, R"("u1")");
  EXPECT_EQ(m.type, "topic");
  EXPECT_EQ(m.action, "create");
  EXPECT_EQ(core::ToJsonText(m.payload), R"({"t":["a","b"]})");
}

TEST(ProxyMessage, ArrayIsABatchInOrder) {
  auto parsed = ParseFrame(R"([{"id":1,"t":"health"},{"id":2,"t":"topic","a":"list"}])", kMax);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].id, "1");
  EXPECT_EQ((*parsed)[0].type, "health");
  EXPECT_EQ((*parsed)[1].id, "2");
  EXPECT_EQ((*parsed)[1].action, "list");
}

TEST(ProxyMessage, EmptyArrayHasNoMessages) {
  auto parsed = ParseFrame("[]", kMax);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->empty());
}

TEST(ProxyMessage, GarbageIsInvalidJson) {
  auto parsed = ParseFrame("{not json", kMax);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message, kInvalidJsonText);
  EXPECT_FALSE(ParseFrame("", kMax));
}

TEST(ProxyMessage, ScalarFrameIsNotAnObject) {
  auto parsed = ParseFrame(R"("health")", kMax);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message, kNotObjectText);
}

TEST(ProxyMessage, ArrayWithANonObjectFailsWholeFrame) {
  auto parsed = ParseFrame(R"([{"t":"health"},42])", kMax);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message, kNotObjectText);
}

TEST(ProxyMessage, IdsAreEchoedAsTheirJsonText) {
  auto parsed = ParseFrame(R"([{"id":7},{"id":"7"},{"id":-1.5},{"id":"a\"b"},{"id":null}])", kMax);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->size(), 5u);
  EXPECT_EQ((*parsed)[0].id, "7");
  EXPECT_EQ((*parsed)[1].id, R"("7")");
  EXPECT_EQ((*parsed)[2].id, "-1.5");
  EXPECT_EQ((*parsed)[3].id, R"("a\"b")");
  EXPECT_EQ((*parsed)[4].id, "null");
  EXPECT_EQ(Success((*parsed)[0], ""), R"({"id":7,"s":0})");
  EXPECT_EQ(Success((*parsed)[1], ""), R"({"id":"7","s":0})");
}

TEST(ProxyMessage, MissingOrNonStringFieldsAreEmpty) {
  auto parsed = ParseFrame(R"([{},{"t":1,"a":["x"]}])", kMax);
  ASSERT_TRUE(parsed);
  for (const Message& m : *parsed) {
    EXPECT_TRUE(m.id.empty());
    EXPECT_TRUE(m.type.empty());
    EXPECT_TRUE(m.action.empty());
    EXPECT_TRUE(m.payload.is_null());
  }
}

TEST(ProxyMessage, BatchOverTheLimitIsBufferFull) {
  EXPECT_TRUE(ParseFrame(R"([{},{}])", 2));
  auto parsed = ParseFrame(R"([{},{},{}])", 2);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message, "Message buffer is full. Please, try again after a while");
  EXPECT_EQ(parsed.error().code, core::Errc::kUnavailable);
}

TEST(ProxyMessage, SuccessWritesKeysInReferenceOrder) {
  Message request{R"("u1")", "topic", "subscribe", {}};
  EXPECT_EQ(Success(request, R"({"sg":"g","t":["x"]})"),
            R"({"id":"u1","t":"topic","a":"subscribe","s":0,"p":{"sg":"g","t":["x"]}})");
}

TEST(ProxyMessage, SuccessWithoutPayloadOrActionOmitsThem) {
  EXPECT_EQ(Success(Message{"5", "notif", "create", {}}, ""),
            R"({"id":5,"t":"notif","a":"create","s":0})");
  EXPECT_EQ(Success(Message{R"("h")", "health", "", {}}, R"({"prx":"Available"})"),
            R"({"id":"h","t":"health","s":0,"p":{"prx":"Available"}})");
}

TEST(ProxyMessage, FailureCarriesTheErrorText) {
  EXPECT_EQ(
      Failure(Message{R"("u2")", "topic", "drop", {}}, "Unsupported topic message action: drop"),
      R"({"id":"u2","t":"topic","a":"drop","s":1,"p":{"m":"Unsupported topic message action: drop"}})");
}

TEST(ProxyMessage, FailureWithoutTypeFallsBackToAck) {
  EXPECT_EQ(Failure(Message{"3", "", "", {}}, "Unsupported message type: "),
            R"({"id":3,"t":"ack","s":1,"p":{"m":"Unsupported message type: "}})");
}

TEST(ProxyMessage, FailureEscapesTheText) {
  EXPECT_EQ(Failure(Message{}, "say \"hi\"\\\n"),
            R"({"t":"ack","s":1,"p":{"m":"say \"hi\"\\\n"}})");
}

TEST(ProxyMessage, FrameErrorHasNoId) {
  EXPECT_EQ(FrameError(kInvalidJsonText),
            R"({"t":"ack","s":1,"p":{"m":"Message is not valid JSON"}})");
}

TEST(ProxyMessage, DeliveryCarriesTopicAndMessageString) {
  EXPECT_EQ(
      Delivery("plugin_topic_1", R"({"b":{"a":10},"l":false})"),
      R"({"t":"notif","s":0,"st":"plugin_topic_1","p":{"m":"{\"b\":{\"a\":10},\"l\":false}"}})");
}

TEST(ProxyMessage, DeliveryEscapesControlCharsAndInvalidUtf8) {
  EXPECT_EQ(Delivery("t\"1", std::string("a\x01\tb\xff\xc3\xa9", 7)),
            R"({"t":"notif","s":0,"st":"t\"1","p":{"m":"a\u0001\tb\ufffd)"
            "\xc3\xa9"
            R"("}})");
}

TEST(ProxyMessage, RepliesAreValidJson) {
  Message request{R"("x")", "topic", "list", {}};
  EXPECT_TRUE(core::ParseJson(Success(request, R"({"t":[]})")));
  EXPECT_TRUE(core::ParseJson(Failure(request, "\x80\x81")));
  EXPECT_TRUE(core::ParseJson(Delivery("t", std::string("\x00\x1f", 2))));
}

}  // namespace
}  // namespace dh::proxy
