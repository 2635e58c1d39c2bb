#include "core/time.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>

namespace dh::core {
namespace {

constexpr int64_t kSample = 1527252774123;  // 2018-05-25T12:52:54.123Z

std::optional<int64_t> ParseMs(std::string_view text) {
  auto parsed = ParseTimestamp(text);
  if (!parsed) return std::nullopt;
  return ToEpochMs(*parsed);
}

TEST(FormatTimestamp, WritesMillisecondsInUtcWithoutZone) {
  EXPECT_EQ(FormatTimestamp(FromEpochMs(kSample)), "2018-05-25T12:52:54.123");
}

TEST(FormatTimestamp, EpochZeroIsNewYear1970) {
  EXPECT_EQ(FormatTimestamp(FromEpochMs(0)), "1970-01-01T00:00:00.000");
}

TEST(FormatTimestamp, PadsMillisecondsToThreeDigits) {
  EXPECT_EQ(FormatTimestamp(FromEpochMs(5)), "1970-01-01T00:00:00.005");
  EXPECT_EQ(FormatTimestamp(FromEpochMs(50)), "1970-01-01T00:00:00.050");
  EXPECT_EQ(FormatTimestamp(FromEpochMs(1'000)), "1970-01-01T00:00:01.000");
}

TEST(FormatTimestamp, AlwaysTwentyThreeCharacters) {
  for (int64_t ms : {int64_t{0}, int64_t{1}, kSample, int64_t{253402300799999}}) {
    EXPECT_EQ(FormatTimestamp(FromEpochMs(ms)).size(), 23u) << ms;
  }
}

TEST(FormatTimestamp, CrossesYearBoundaries) {
  EXPECT_EQ(FormatTimestamp(FromEpochMs(946684799999)), "1999-12-31T23:59:59.999");
  EXPECT_EQ(FormatTimestamp(FromEpochMs(946684800000)), "2000-01-01T00:00:00.000");
  EXPECT_EQ(FormatTimestamp(FromEpochMs(253402300799999)), "9999-12-31T23:59:59.999");
}

// Regression: std::chrono::year stops at 32767, so far-future epoch-ms input (e.g. microseconds
// sent by mistake) came out with a wrapped-around year. Expected values are Java's.
TEST(FormatTimestamp, YearsAfter9999GetMoreDigits) {
  EXPECT_EQ(FormatTimestamp(FromEpochMs(253402300800000)), "10000-01-01T00:00:00.000");
  EXPECT_EQ(FormatTimestamp(FromEpochMs(1527252774123000)), "50366-09-18T17:42:03.000");
  EXPECT_EQ(FormatTimestamp(FromEpochMs(999999999999999999)), "31690708-07-05T01:46:39.999");
  EXPECT_EQ(FormatTimestamp(FromEpochMs(std::numeric_limits<int64_t>::max())),
            "292278994-08-17T07:12:55.807");
}

// Regression: chrono's floor<days> overflowed (UB) for the lowest int64, which a JSON number
// can carry.
TEST(FormatTimestamp, LowestEpochMillisecondsDoNotOverflow) {
  const std::string text = FormatTimestamp(FromEpochMs(std::numeric_limits<int64_t>::min()));
  EXPECT_TRUE(text.ends_with("T16:47:04.192")) << text;  // Java: 292269055 BC, 16:47:04.192
}

TEST(FormatTimestamp, HandlesLeapDay) {
  EXPECT_EQ(FormatTimestamp(FromEpochMs(1709186828009)), "2024-02-29T06:07:08.009");
}

TEST(FormatTimestamp, TimesBeforeEpochCountBackwards) {
  EXPECT_EQ(FormatTimestamp(FromEpochMs(-1)), "1969-12-31T23:59:59.999");
}

TEST(AppendTimestamp, AppendsToExistingText) {
  std::string out = "at ";
  AppendTimestamp(out, FromEpochMs(0));
  EXPECT_EQ(out, "at 1970-01-01T00:00:00.000");
}

TEST(ParseTimestamp, IsoWithoutZoneIsUtc) {
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54.123"), kSample);
}

TEST(ParseTimestamp, IsoWithZuluSuffix) { EXPECT_EQ(ParseMs("2018-05-25T12:52:54.123Z"), kSample); }

TEST(ParseTimestamp, IsoWithColonOffset) {
  EXPECT_EQ(ParseMs("2018-05-25T14:52:54.123+02:00"), kSample);
  EXPECT_EQ(ParseMs("2018-05-25T07:22:54.123-05:30"), kSample);
}

TEST(ParseTimestamp, IsoWithCompactOffset) {
  EXPECT_EQ(ParseMs("2018-05-25T14:52:54.123+0200"), kSample);
  EXPECT_EQ(ParseMs("2018-05-25T07:22:54.123-0530"), kSample);
}

TEST(ParseTimestamp, OffsetMayMoveTheDateAcrossAYearBoundary) {
  EXPECT_EQ(ParseMs("2018-01-01T00:30:00+01:00"), 1514763000000);
}

TEST(ParseTimestamp, FractionOfOneToNineDigitsIsMilliseconds) {
  const int64_t whole = kSample - 123;
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54.1"), whole + 100);
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54.12"), whole + 120);
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54.123"), whole + 123);
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54.1234"), whole + 123);
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54.123456"), whole + 123);
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54.123456789"), whole + 123);
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54.999999999Z"), whole + 999);
}

TEST(ParseTimestamp, SecondsMayBeOmitted) {
  EXPECT_EQ(ParseMs("2018-05-25T12:52"), kSample - 54'123);
  EXPECT_EQ(ParseMs("2018-05-25T12:52Z"), kSample - 54'123);
}

TEST(ParseTimestamp, WholeSecondsWithoutFraction) {
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54"), kSample - 123);
}

TEST(ParseTimestamp, PlainDateIsMidnightUtc) { EXPECT_EQ(ParseMs("2018-05-25"), 1527206400000); }

TEST(ParseTimestamp, AcceptsLeapDayOnlyInLeapYears) {
  EXPECT_EQ(ParseMs("2024-02-29"), 1709164800000);
  EXPECT_EQ(ParseMs("2023-02-29"), std::nullopt);
}

TEST(ParseTimestamp, Rfc1123) {
  EXPECT_EQ(ParseMs("Fri, 25 May 2018 12:52:54 GMT"), kSample - 123);
  EXPECT_EQ(ParseMs("Fri, 25 May 2018 14:52:54 +0200"), kSample - 123);
}

TEST(ParseTimestamp, DigitsAreEpochMilliseconds) {
  EXPECT_EQ(ParseMs("1527252774123"), kSample);
  EXPECT_EQ(ParseMs("0"), 0);
}

TEST(ParseTimestamp, NegativeDigitsAreBeforeEpoch) { EXPECT_EQ(ParseMs("-1000"), -1000); }

TEST(ParseTimestamp, RoundTripsFormattedOutput) {
  for (int64_t ms : {int64_t{0}, int64_t{-1}, kSample, int64_t{946684799999}}) {
    EXPECT_EQ(ParseMs(FormatTimestamp(FromEpochMs(ms))), ms) << ms;
  }
}

TEST(ParseTimestamp, RejectsGarbage) {
  EXPECT_EQ(ParseMs("garbage"), std::nullopt);
  EXPECT_EQ(ParseMs("yesterday at noon"), std::nullopt);
  EXPECT_EQ(ParseMs("12:52:54"), std::nullopt);
  EXPECT_EQ(ParseMs("2018/05/25"), std::nullopt);
}

TEST(ParseTimestamp, RejectsEmptyText) { EXPECT_EQ(ParseMs(""), std::nullopt); }

TEST(ParseTimestamp, RejectsOutOfRangeFieldsInsteadOfRollingOver) {
  EXPECT_EQ(ParseMs("2018-13-01T00:00:00"), std::nullopt);
  EXPECT_EQ(ParseMs("2018-00-10"), std::nullopt);
  EXPECT_EQ(ParseMs("2018-02-30"), std::nullopt);
  EXPECT_EQ(ParseMs("2018-04-31T00:00:00"), std::nullopt);
  EXPECT_EQ(ParseMs("2018-05-25T24:00:00"), std::nullopt);
  EXPECT_EQ(ParseMs("2018-05-25T12:60:00"), std::nullopt);
  EXPECT_EQ(ParseMs("2018-05-25T12:52:60"), std::nullopt);
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54+24:00"), std::nullopt);
}

TEST(ParseTimestamp, RejectsTrailingJunk) {
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54.123Zjunk"), std::nullopt);
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54.123 "), std::nullopt);
  EXPECT_EQ(ParseMs("2018-05-25x"), std::nullopt);
  EXPECT_EQ(ParseMs("1527252774123ms"), std::nullopt);
  EXPECT_EQ(ParseMs("Fri, 25 May 2018 12:52:54 GMT+"), std::nullopt);
}

TEST(ParseTimestamp, RejectsIncompleteParts) {
  EXPECT_EQ(ParseMs("2018-05-25T"), std::nullopt);
  EXPECT_EQ(ParseMs("2018-05-25T12"), std::nullopt);
  EXPECT_EQ(ParseMs("2018-05-25T12:52:54."), std::nullopt);
  EXPECT_EQ(ParseMs("2018-5-25"), std::nullopt);
  EXPECT_EQ(ParseMs("-"), std::nullopt);
}

}  // namespace
}  // namespace dh::core
