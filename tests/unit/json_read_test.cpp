#include "core/json_read.hpp"

#include <gtest/gtest.h>

#include <string>

namespace dh::core {
namespace {

std::string Nested(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

boost::json::object Object(std::string_view text) {
  auto parsed = ParseJson(text);
  EXPECT_TRUE(parsed) << text;
  return parsed ? parsed->as_object() : boost::json::object();
}

template <class T>
void ExpectInvalidParameters(const Result<T>& result) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::kBadRequest);
  EXPECT_EQ(result.error().message, "Invalid request parameters");
}

TEST(ParseJson, ParsesAnObject) {
  auto parsed = ParseJson(R"({"a":1,"b":[true,null]})");
  ASSERT_TRUE(parsed);
  ASSERT_TRUE(parsed->is_object());
  EXPECT_EQ(parsed->as_object().at("a").as_int64(), 1);
}

TEST(ParseJson, MalformedTextIsBadRequestWithInvalidParametersMessage) {
  ExpectInvalidParameters(ParseJson("{\"a\":"));
  ExpectInvalidParameters(ParseJson("not json"));
  ExpectInvalidParameters(ParseJson(""));
  ExpectInvalidParameters(ParseJson("{} trailing"));
}

TEST(ParseJson, UsesTheCallersMessage) {
  auto parsed = ParseJson("{", "Malformed body");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, Errc::kBadRequest);
  EXPECT_EQ(parsed.error().message, "Malformed body");
}

TEST(ParseJson, AcceptsNestingUpToSixtyFourLevels) { EXPECT_TRUE(ParseJson(Nested(64))); }

TEST(ParseJson, RejectsNestingDeeperThanSixtyFourLevels) {
  ExpectInvalidParameters(ParseJson(Nested(65)));
  ExpectInvalidParameters(ParseJson(Nested(100000)));
}

TEST(ToJsonText, IsCompact) {
  auto parsed = ParseJson(R"( { "a" : [ 1 , 2 ] , "b" : "x" } )");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(ToJsonText(*parsed), R"({"a":[1,2],"b":"x"})");
}

TEST(JsonFields, HasIsTrueForAPresentNull) {
  const auto o = Object(R"({"a":null})");
  JsonFields fields(o);
  EXPECT_TRUE(fields.Has("a"));
  EXPECT_FALSE(fields.Has("b"));
  EXPECT_NE(fields.Find("a"), nullptr);
  EXPECT_EQ(fields.Find("b"), nullptr);
}

TEST(JsonFields, StringReadsStrings) {
  const auto o = Object(R"({"s":"text","e":""})");
  JsonFields fields(o);
  EXPECT_EQ(fields.String("s").value(), "text");
  EXPECT_EQ(fields.String("e").value(), "");
}

TEST(JsonFields, AbsentOrNullIsEmpty) {
  const auto o = Object(R"({"n":null})");
  JsonFields fields(o);
  EXPECT_EQ(fields.String("n").value(), std::nullopt);
  EXPECT_EQ(fields.String("missing").value(), std::nullopt);
  EXPECT_EQ(fields.Int("n").value(), std::nullopt);
  EXPECT_EQ(fields.Int("missing").value(), std::nullopt);
  EXPECT_EQ(fields.Bool("n").value(), std::nullopt);
  EXPECT_EQ(fields.Bool("missing").value(), std::nullopt);
  EXPECT_EQ(fields.ObjectText("n").value(), std::nullopt);
  EXPECT_EQ(fields.ObjectText("missing").value(), std::nullopt);
}

TEST(JsonFields, StringReadsNumbersAndBooleansAsTheirTextLikeGson) {
  const auto o = Object(R"({"i":15,"neg":-3,"b":true,"f":false})");
  JsonFields fields(o);
  EXPECT_EQ(fields.String("i").value(), "15");
  EXPECT_EQ(fields.String("neg").value(), "-3");
  EXPECT_EQ(fields.String("b").value(), "true");
  EXPECT_EQ(fields.String("f").value(), "false");
}

TEST(JsonFields, StringOfAnArrayOrObjectIsInvalidParameters) {
  const auto o = Object(R"({"a":[],"o":{}})");
  JsonFields fields(o);
  ExpectInvalidParameters(fields.String("a"));
  ExpectInvalidParameters(fields.String("o"));
}

TEST(JsonFields, IntReadsNumbers) {
  const auto o = Object(R"({"i":42,"neg":-7,"big":9007199254740993,"d":5.0})");
  JsonFields fields(o);
  EXPECT_EQ(fields.Int("i").value(), 42);
  EXPECT_EQ(fields.Int("neg").value(), -7);
  EXPECT_EQ(fields.Int("big").value(), 9007199254740993);
  EXPECT_EQ(fields.Int("d").value(), 5);
}

TEST(JsonFields, IntAcceptsDigitStringsAsGsonDoes) {
  const auto o = Object(R"({"s":"42","neg":"-3"})");
  JsonFields fields(o);
  EXPECT_EQ(fields.Int("s").value(), 42);
  EXPECT_EQ(fields.Int("neg").value(), -3);
}

TEST(JsonFields, IntOfAnythingElseIsInvalidParameters) {
  const auto o = Object(R"({"frac":5.5,"word":"abc","mixed":"4x","empty":"","bool":true,"arr":[1],)"
                        R"("huge":18446744073709551615,"hugetext":"99999999999999999999"})");
  JsonFields fields(o);
  for (const char* key : {"frac", "word", "mixed", "empty", "bool", "arr", "huge", "hugetext"}) {
    SCOPED_TRACE(key);
    ExpectInvalidParameters(fields.Int(key));
  }
}

TEST(JsonFields, BoolReadsBooleansAndTheirStrings) {
  const auto o = Object(R"({"t":true,"f":false,"ts":"true","fs":"false"})");
  JsonFields fields(o);
  EXPECT_EQ(fields.Bool("t").value(), true);
  EXPECT_EQ(fields.Bool("f").value(), false);
  EXPECT_EQ(fields.Bool("ts").value(), true);
  EXPECT_EQ(fields.Bool("fs").value(), false);
}

TEST(JsonFields, BoolOfAnythingElseIsInvalidParameters) {
  const auto o = Object(R"({"one":1,"yes":"yes","upper":"TRUE","obj":{}})");
  JsonFields fields(o);
  for (const char* key : {"one", "yes", "upper", "obj"}) {
    SCOPED_TRACE(key);
    ExpectInvalidParameters(fields.Bool(key));
  }
}

TEST(JsonFields, ObjectTextIsCompactText) {
  const auto o = Object(R"({"data": { "a" : [1, {"b": null}] }})");
  JsonFields fields(o);
  EXPECT_EQ(fields.ObjectText("data").value(), R"({"a":[1,{"b":null}]})");
}

TEST(JsonFields, ObjectTextOfNonObjectMustBeJsonObject) {
  const auto o = Object(R"({"s":"x","i":1,"a":[],"b":false})");
  JsonFields fields(o);
  for (const char* key : {"s", "i", "a", "b"}) {
    SCOPED_TRACE(key);
    auto text = fields.ObjectText(key);
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().code, Errc::kBadRequest);
    EXPECT_EQ(text.error().message, "'parameters' must be JSON Object!");
  }
}

TEST(AsInt64, ConvertsIntegralValuesOnly) {
  EXPECT_EQ(AsInt64(boost::json::value(int64_t{5})), 5);
  EXPECT_EQ(AsInt64(boost::json::value(uint64_t{7})), 7);
  EXPECT_EQ(AsInt64(boost::json::value(2.0)), 2);
  EXPECT_EQ(AsInt64(boost::json::value("12")), 12);
  EXPECT_EQ(AsInt64(boost::json::value(2.5)), std::nullopt);
  EXPECT_EQ(AsInt64(boost::json::value(uint64_t{1} << 63)), std::nullopt);
  EXPECT_EQ(AsInt64(boost::json::value(1e300)), std::nullopt);
  EXPECT_EQ(AsInt64(boost::json::value("")), std::nullopt);
  EXPECT_EQ(AsInt64(boost::json::value(" 1")), std::nullopt);
  EXPECT_EQ(AsInt64(boost::json::value(nullptr)), std::nullopt);
}

}  // namespace
}  // namespace dh::core
