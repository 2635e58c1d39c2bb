#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "core/json_read.hpp"

namespace dh::core {
namespace {

std::string Quoted(std::string_view text) { return JsonQuote(text); }

TEST(JsonWriter, WritesObjectFieldsInOrderWithCommas) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.FieldInt("id", 1);
  w.FieldString("name", "x");
  w.FieldBool("isBlocked", false);
  w.FieldNull("data");
  w.EndObject();
  EXPECT_EQ(out, R"({"id":1,"name":"x","isBlocked":false,"data":null})");
}

TEST(JsonWriter, EmptyContainers) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray();
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.EndArray();
  EXPECT_EQ(out, "[{},[]]");
}

TEST(JsonWriter, NestedArraysAndObjectsGetCommasBetweenSiblingsOnly) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.Int(1);
  w.Int(2);
  w.BeginObject();
  w.Key("b");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
  w.BeginArray();
  w.Null();
  w.EndArray();
  w.EndArray();
  w.Key("c");
  w.BeginObject();
  w.EndObject();
  w.FieldInt("d", 3);
  w.EndObject();
  EXPECT_EQ(out, R"({"a":[1,2,{"b":[]},[null]],"c":{},"d":3})");
}

TEST(JsonWriter, ArrayOfObjects) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray();
  for (int64_t id : {1, 2, 3}) {
    w.BeginObject();
    w.FieldInt("id", id);
    w.EndObject();
  }
  w.EndArray();
  EXPECT_EQ(out, R"([{"id":1},{"id":2},{"id":3}])");
}

TEST(JsonWriter, IntegersAtTheLimits) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray();
  w.Int(std::numeric_limits<int64_t>::min());
  w.Int(std::numeric_limits<int64_t>::max());
  w.Int(0);
  w.Int(-7);
  w.EndArray();
  EXPECT_EQ(out, "[-9223372036854775808,9223372036854775807,0,-7]");
}

TEST(JsonWriter, TimeIsAQuotedTimestamp) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.FieldTime("timestamp", FromEpochMs(1527252774123));
  w.EndObject();
  EXPECT_EQ(out, R"({"timestamp":"2018-05-25T12:52:54.123"})");
}

TEST(JsonWriter, EmptyOptionalFieldsAreNull) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.FieldString("s", std::optional<std::string>());
  w.FieldInt("i", std::optional<int64_t>());
  w.FieldTime("t", std::optional<Timestamp>());
  w.FieldRaw("r", std::nullopt);
  w.EndObject();
  EXPECT_EQ(out, R"({"s":null,"i":null,"t":null,"r":null})");
}

TEST(JsonWriter, PresentOptionalFieldsAreWritten) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.FieldString("s", std::optional<std::string>("v"));
  w.FieldInt("i", std::optional<int64_t>(42));
  w.FieldTime("t", std::optional<Timestamp>(FromEpochMs(0)));
  w.EndObject();
  EXPECT_EQ(out, R"({"s":"v","i":42,"t":"1970-01-01T00:00:00.000"})");
}

TEST(JsonWriter, RawSplicesStoredJsonVerbatim) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.FieldRaw("data", std::optional<std::string>(R"({"x":[1,2],"y":{"z":"w"}})"));
  w.FieldInt("after", 1);
  w.EndObject();
  EXPECT_EQ(out, R"({"data":{"x":[1,2],"y":{"z":"w"}},"after":1})");
}

TEST(JsonWriter, EmptyRawIsNull) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.Raw("");
  w.Raw("{}");
  w.EndArray();
  w.FieldRaw("k", std::optional<std::string>(""));
  w.EndObject();
  EXPECT_EQ(out, R"({"a":[null,{}],"k":null})");
}

TEST(JsonWriter, AppendsToExistingText) {
  std::string out = "prefix";
  JsonWriter w(out);
  w.BeginObject();
  w.EndObject();
  EXPECT_EQ(out, "prefix{}");
}

TEST(JsonWriter, EscapesQuotesAndBackslashes) { EXPECT_EQ(Quoted(R"(a"b\c)"), R"("a\"b\\c")"); }

TEST(JsonWriter, EscapesNamedControlCharacters) {
  EXPECT_EQ(Quoted("a\nb\tc\rd\be\ff"), R"("a\nb\tc\rd\be\ff")");
}

TEST(JsonWriter, EscapesOtherControlCharactersAsUnicode) {
  EXPECT_EQ(Quoted(std::string("\x00", 1)), R"("\u0000")");
  EXPECT_EQ(Quoted("\x01"), R"("\u0001")");
  EXPECT_EQ(Quoted("\x1f"), R"("\u001f")");
  EXPECT_EQ(Quoted("a\x0b"
                   "b"),
            R"("a\u000bb")");
}

TEST(JsonWriter, LeavesDeleteAndPrintableAsciiAlone) {
  EXPECT_EQ(Quoted("\x7f"), "\"\x7f\"");
  EXPECT_EQ(Quoted("Hello, world! /<>{}"), R"("Hello, world! /<>{}")");
}

TEST(JsonWriter, EscapesKeys) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.FieldInt("a\"b\n", 1);
  w.EndObject();
  EXPECT_EQ(out, R"({"a\"b\n":1})");
}

TEST(JsonWriter, ValidMultiByteUtf8PassesThrough) {
  EXPECT_EQ(Quoted("h\xc3\xa9llo"), "\"h\xc3\xa9llo\"");          // é (2 bytes)
  EXPECT_EQ(Quoted("\xe2\x82\xac"), "\"\xe2\x82\xac\"");          // € (3 bytes)
  EXPECT_EQ(Quoted("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");  // 😀 (4 bytes)
  EXPECT_EQ(Quoted("\xf4\x8f\xbf\xbf"), "\"\xf4\x8f\xbf\xbf\"");  // U+10FFFF
  EXPECT_EQ(Quoted("\xef\xbf\xbd"), "\"\xef\xbf\xbd\"");          // U+FFFD itself
  EXPECT_EQ(Quoted("\xed\x9f\xbf"), "\"\xed\x9f\xbf\"");          // U+D7FF, below surrogates
}

TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Quoted("a\x80z"), R"("a\ufffdz")");                            // lone continuation byte
  EXPECT_EQ(Quoted("\xff"), R"("\ufffd")");                                // never valid in UTF-8
  EXPECT_EQ(Quoted("\xf5\x80\x80\x80"), R"("\ufffd\ufffd\ufffd\ufffd")");  // lead beyond F4
}

TEST(JsonWriter, OverlongEncodingsBecomeReplacementCharacters) {
  EXPECT_EQ(Quoted("\xc0\xaf"), R"("\ufffd\ufffd")");  // '/' in 2 bytes
  EXPECT_EQ(Quoted("\xc1\xbf"), R"("\ufffd\ufffd")");
  EXPECT_EQ(Quoted("\xe0\x80\xaf"), R"("\ufffd\ufffd\ufffd")");            // '/' in 3 bytes
  EXPECT_EQ(Quoted("\xf0\x80\x80\xaf"), R"("\ufffd\ufffd\ufffd\ufffd")");  // '/' in 4 bytes
}

TEST(JsonWriter, EncodedSurrogatesBecomeReplacementCharacters) {
  EXPECT_EQ(Quoted("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");  // U+D800
  EXPECT_EQ(Quoted("\xed\xbf\xbf"), R"("\ufffd\ufffd\ufffd")");  // U+DFFF
}

TEST(JsonWriter, CodePointsAboveUnicodeRangeBecomeReplacementCharacters) {
  EXPECT_EQ(Quoted("\xf4\x90\x80\x80"), R"("\ufffd\ufffd\ufffd\ufffd")");  // U+110000
}

TEST(JsonWriter, TruncatedSequencesBecomeReplacementCharacters) {
  EXPECT_EQ(Quoted("\xe2\x82"), R"("\ufffd\ufffd")");            // at the end of the text
  EXPECT_EQ(Quoted("\xe2\x82z"), R"("\ufffd\ufffdz")");          // followed by ASCII
  EXPECT_EQ(Quoted("\xf0\x9f\x98"), R"("\ufffd\ufffd\ufffd")");  // 3 of 4 bytes
  EXPECT_EQ(Quoted("\xc3"), R"("\ufffd")");
}

TEST(JsonWriter, ValidSequenceAfterInvalidByteSurvives) {
  EXPECT_EQ(Quoted("\x80\xc3\xa9"), "\"\\ufffd\xc3\xa9\"");
}

TEST(JsonWriter, EveryOneAndTwoByteStringYieldsValidJson) {
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      const char bytes[2] = {static_cast<char>(a), static_cast<char>(b)};
      const std::string text = Quoted(std::string_view(bytes, 2));
      auto parsed = ParseJson(text);
      ASSERT_TRUE(parsed) << "bytes " << a << " " << b << ": " << text;
      ASSERT_TRUE(parsed->is_string());
    }
  }
}

TEST(JsonQuote, QuotesPlainText) { EXPECT_EQ(JsonQuote("abc"), R"("abc")"); }

TEST(JsonQuote, EmptyTextIsEmptyString) { EXPECT_EQ(JsonQuote(""), R"("")"); }

}  // namespace
}  // namespace dh::core
