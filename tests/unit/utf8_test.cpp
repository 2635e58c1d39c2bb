// Well-formed UTF-8 (core/utf8.hpp), around the eight-byte ASCII fast path: offences are found
// and placed exactly wherever they fall relative to an eight-byte word.
#include "core/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace dh::core {
namespace {

TEST(Utf8, WellFormedTextHasNoOffence) {
  EXPECT_FALSE(FindUtf8Offence(""));
  EXPECT_FALSE(FindUtf8Offence(std::string("nul \0 is a code point", 21)));
  EXPECT_FALSE(FindUtf8Offence("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E \xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(FindUtf8Offence("\xED\x9F\xBF\xEE\x80\x80"));  // U+D7FF, U+E000: beside surrogates
  EXPECT_FALSE(FindUtf8Offence(R"({"action":"notification/insert","notification":{}})"));
}

TEST(Utf8, EachKindOfOffenceIsNamed) {
  const struct {
    std::string text;
    std::string_view what;
  } cases[] = {
      {"\x80", "invalid UTF-8 lead byte"},
      {"\xFF", "invalid UTF-8 lead byte"},
      {"\xE2\x82", "truncated UTF-8 sequence"},
      {"\xC3(", "invalid UTF-8 sequence"},
      {"\xC0\x80", "overlong UTF-8 sequence"},
      {"\xF0\x80\x80\xAF", "overlong UTF-8 sequence"},
      {"\xF4\x90\x80\x80", "code point above U+10FFFF"},
      {"\xED\xA0\x80", "UTF-16 surrogate"},
  };
  for (const auto& c : cases) {
    const auto offence = FindUtf8Offence(c.text);
    ASSERT_TRUE(offence) << c.what;
    EXPECT_EQ(offence->what, c.what);
    EXPECT_EQ(offence->at, 0u) << c.what;
  }
}

TEST(Utf8, OffenceIsFoundAtEveryOffsetPastAnAsciiRun) {
  for (size_t prefix = 0; prefix < 40; ++prefix) {
    const std::string ascii(prefix, 'a');
    const auto lone = FindUtf8Offence(ascii + "\x80" + std::string(20, 'b'));
    ASSERT_TRUE(lone) << prefix;
    EXPECT_EQ(lone->at, prefix);
    const auto truncated = FindUtf8Offence(ascii + "\xE2\x82");  // cut at the very end
    ASSERT_TRUE(truncated) << prefix;
    EXPECT_EQ(truncated->at, prefix);
    EXPECT_FALSE(FindUtf8Offence(ascii + "\xC3\xA9" + ascii)) << prefix;
  }
}

TEST(Utf8, OffenceAfterValidMultiByteCharactersIsPlacedExactly) {
  const std::string text =
      std::string(13, 'x') + "\xC3\xA9" + std::string(9, 'y') + "\xE2\x82\xAC" + "z\xED\xBF\xBF";
  const auto offence = FindUtf8Offence(text);
  ASSERT_TRUE(offence);
  EXPECT_EQ(offence->at, 13u + 2 + 9 + 3 + 1);
  EXPECT_EQ(offence->what, "UTF-16 surrogate");
}

}  // namespace
}  // namespace dh::core
