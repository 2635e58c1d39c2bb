#include "service/validation.hpp"

#include <gtest/gtest.h>

#include <string>

namespace dh::service {
namespace {

// HiveValidator's prefix, then "On property %s (value: %s): %s ; %n" per violation, with the
// final line separator removed.
constexpr std::string_view kPrefix =
    "Error! Make sure, that the passed object is correct and properly structured. Validation "
    "failed: \n";

std::string Expected(std::string_view lines) { return std::string(kPrefix) + std::string(lines); }

TEST(Violations, SingleViolationMatchesHiveValidatorText) {
  const auto error = Invalid("name", std::nullopt, kNameNull);
  EXPECT_EQ(error.code, core::Errc::kBadRequest);
  EXPECT_EQ(error.message,
            "Error! Make sure, that the passed object is correct and properly structured. "
            "Validation failed: \nOn property name (value: null): name field cannot be null. ; ");
  EXPECT_EQ(error.body_code, 0);
}

TEST(Violations, ValuePrintsRawWithoutQuotes) {
  EXPECT_EQ(Invalid("login", "a b\"c", "bad").message,
            Expected("On property login (value: a b\"c): bad ; "));
}

TEST(Violations, EmptyValuePrintsAsNothing) {
  EXPECT_EQ(Invalid("name", "", kNameLength).message,
            Expected("On property name (value: ): Field cannot be empty. The length of name "
                     "should not be more than 128 symbols. ; "));
}

TEST(Violations, SeveralViolationsAreSeparatedByNewlines) {
  Violations violations;
  violations.Add("name", std::nullopt, kNameNull);
  violations.Add("description", "d", kDescriptionLength);
  EXPECT_EQ(violations.ToError().message,
            Expected("On property name (value: null): name field cannot be null. ; \n"
                     "On property description (value: d): The length of description should not "
                     "be more than 128 symbols. ; "));
}

TEST(Violations, NoViolationsIsOk) {
  Violations violations;
  EXPECT_TRUE(violations.empty());
  EXPECT_TRUE(violations.Result());
}

TEST(Violations, ResultCarriesTheError) {
  Violations violations;
  violations.Add("value", std::nullopt, "must not be null");
  EXPECT_FALSE(violations.empty());
  const auto result = violations.Result();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::Errc::kBadRequest);
  EXPECT_EQ(result.error().message,
            Expected("On property value (value: null): must not be null ; "));
}

TEST(Violations, CheckLengthTreatsNullAsValid) {
  Violations violations;
  violations.CheckLength("name", std::nullopt, 1, 128, kNameLength);
  EXPECT_TRUE(violations.empty());
}

TEST(Violations, CheckLengthAcceptsBothBounds) {
  Violations violations;
  violations.CheckLength("name", "a", 1, 128, kNameLength);
  violations.CheckLength("name", std::string(128, 'x'), 1, 128, kNameLength);
  EXPECT_TRUE(violations.empty());
}

TEST(Violations, CheckLengthReportsTooShortAndTooLong) {
  Violations too_short;
  too_short.CheckLength("name", "", 1, 128, kNameLength);
  EXPECT_EQ(too_short.ToError().message, Invalid("name", "", kNameLength).message);

  const std::string long_name(129, 'x');
  Violations too_long;
  too_long.CheckLength("name", long_name, 1, 128, kNameLength);
  EXPECT_EQ(too_long.ToError().message, Expected("On property name (value: " + long_name +
                                                 "): " + std::string(kNameLength) + " ; "));
}

TEST(Violations, CheckNotNullReportsOnlyNull) {
  Violations violations;
  violations.CheckNotNull("name", "x", kNameNull);
  EXPECT_TRUE(violations.empty());
  violations.CheckNotNull("name", std::nullopt, kNameNull);
  EXPECT_EQ(violations.ToError().message, Invalid("name", std::nullopt, kNameNull).message);
}

TEST(Violations, MessagesAreDeviceHives) {
  EXPECT_EQ(kNameNull, "name field cannot be null.");
  EXPECT_EQ(kNameLength,
            "Field cannot be empty. The length of name should not be more than 128 symbols.");
  EXPECT_EQ(kDescriptionLength, "The length of description should not be more than 128 symbols.");
}

}  // namespace
}  // namespace dh::service
