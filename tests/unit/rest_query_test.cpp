#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "api/rest/call.hpp"
#include "api/rest/query.hpp"
#include "api/rest/router.hpp"

namespace dh::api::rest {
namespace {

using Verb = net::HttpVerb;
using Segments = std::vector<std::string>;

QueryParams Query(std::vector<std::pair<std::string, std::string>> params) {
  return QueryParams(std::move(params));
}

template <class T>
void ExpectBadRequest(const core::Result<T>& result, const std::string& message) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::Errc::kBadRequest);
  EXPECT_EQ(result.error().message, message);
}

TEST(QueryParams, GetReturnsTheFirstValue) {
  const auto q = Query({{"name", "a"}, {"name", "b"}});
  EXPECT_EQ(q.Get("name"), "a");
  EXPECT_EQ(q.Get("other"), std::nullopt);
}

TEST(QueryParams, EmptyValueCountsAsAbsent) {
  const auto q = Query({{"name", ""}, {"take", ""}});
  EXPECT_EQ(q.Get("name"), std::nullopt);
  EXPECT_EQ(q.Int("take").value(), std::nullopt);
}

TEST(QueryParams, KeysAreCaseSensitive) {
  EXPECT_EQ(Query({{"Name", "a"}}).Get("name"), std::nullopt);
}

TEST(QueryParams, IntParsesIntegers) {
  const auto q = Query({{"a", "10"}, {"b", "-3"}, {"c", "0"}});
  EXPECT_EQ(q.Int("a").value(), 10);
  EXPECT_EQ(q.Int("b").value(), -3);
  EXPECT_EQ(q.Int("c").value(), 0);
  EXPECT_EQ(q.Int("missing").value(), std::nullopt);
}

TEST(QueryParams, IntRejectsAnythingElse) {
  for (const char* text : {"abc", "1.5", "10x", " 1", "99999999999999999999", "+"}) {
    SCOPED_TRACE(text);
    ExpectBadRequest(Query({{"take", text}}).Int("take"), "Invalid request parameters");
  }
}

TEST(QueryParams, BoolAcceptsTrueAndFalseInAnyCase) {
  const auto q = Query({{"a", "true"}, {"b", "FALSE"}, {"c", "True"}});
  EXPECT_EQ(q.Bool("a").value(), true);
  EXPECT_EQ(q.Bool("b").value(), false);
  EXPECT_EQ(q.Bool("c").value(), true);
  EXPECT_EQ(q.Bool("missing").value(), std::nullopt);
}

TEST(QueryParams, BoolRejectsAnythingElse) {
  for (const char* text : {"yes", "1", "0", "truee"}) {
    SCOPED_TRACE(text);
    ExpectBadRequest(Query({{"flag", text}}).Bool("flag"), "Invalid request parameters");
  }
}

TEST(QueryParams, TimeParsesTimestamps) {
  const auto q = Query({{"start", "2018-05-25T12:52:54.123"}, {"end", "1527252774123"}});
  EXPECT_EQ(q.Time("start").value(), core::FromEpochMs(1527252774123));
  EXPECT_EQ(q.Time("end").value(), core::FromEpochMs(1527252774123));
  EXPECT_EQ(q.Time("missing").value(), std::nullopt);
}

TEST(QueryParams, UnparseableTimeIsBadRequest) {
  ExpectBadRequest(Query({{"start", "yesterday"}}).Time("start"), "Unparseable timestamp");
  ExpectBadRequest(Query({{"start", "2018-13-01"}}).Time("start"), "Unparseable timestamp");
}

TEST(QueryParams, SortOrderDefaultsToAscending) {
  EXPECT_EQ(Query({}).Order().value(), storage::SortOrder::kAsc);
}

TEST(QueryParams, SortOrderIsCaseInsensitive) {
  EXPECT_EQ(Query({{"sortOrder", "asc"}}).Order().value(), storage::SortOrder::kAsc);
  EXPECT_EQ(Query({{"sortOrder", "ASC"}}).Order().value(), storage::SortOrder::kAsc);
  EXPECT_EQ(Query({{"sortOrder", "desc"}}).Order().value(), storage::SortOrder::kDesc);
  EXPECT_EQ(Query({{"sortOrder", "Desc"}}).Order().value(), storage::SortOrder::kDesc);
}

TEST(QueryParams, UnknownSortOrderNamesTheValue) {
  ExpectBadRequest(Query({{"sortOrder", "up"}}).Order(), "Unparseable sort order : up");
  ExpectBadRequest(Query({{"sortOrder", "ascending"}}).Order(),
                   "Unparseable sort order : ascending");
}

TEST(QueryParams, PagingDefaultsToEverything) {
  const auto page = Query({}).Paging().value();
  EXPECT_EQ(page.take, std::nullopt);
  EXPECT_EQ(page.skip, 0);
}

TEST(QueryParams, PagingReadsTakeAndSkip) {
  const auto page = Query({{"take", "5"}, {"skip", "10"}}).Paging().value();
  EXPECT_EQ(page.take, 5);
  EXPECT_EQ(page.skip, 10);
  EXPECT_EQ(Query({{"take", "0"}}).Paging().value().take, 0);
}

TEST(QueryParams, NegativeTakeIsBadRequest) {
  ExpectBadRequest(Query({{"take", "-1"}}).Paging(), "take must be greater than or equal to 0");
}

TEST(QueryParams, NegativeSkipIsBadRequest) {
  ExpectBadRequest(Query({{"skip", "-1"}}).Paging(), "skip must be greater than or equal to 0");
}

TEST(QueryParams, NonNumericPagingIsInvalidParameters) {
  ExpectBadRequest(Query({{"take", "all"}}).Paging(), "Invalid request parameters");
  ExpectBadRequest(Query({{"skip", "none"}}).Paging(), "Invalid request parameters");
}

TEST(QueryParams, ListSplitsOnCommasAndTrims) {
  EXPECT_EQ(Query({{"names", "a, b,,c "}}).List("names"),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Query({{"names", "single"}}).List("names"), std::vector<std::string>{"single"});
  EXPECT_TRUE(Query({}).List("names").empty());
  EXPECT_TRUE(Query({{"names", ",,"}}).List("names").empty());
}

// Routes answer with their own name, so a test can tell which one matched.
RouteHandler Named(std::string name) {
  return [name](Call&) { return Reply(200, name); };
}

std::string RouteName(const Router::Match& match) {
  if (match.handler == nullptr) return "<none>";
  const net::HttpRequest request;
  const auth::Principal principal;
  Call call(request, principal, match.params, QueryParams(), nullptr);
  return (*match.handler)(call).body;
}

TEST(Router, LiteralSegmentBeatsPlaceholder) {
  for (bool literal_first : {true, false}) {
    Router router;
    if (literal_first)
      router.Add(Verb::get, "/device/count", RouteGuard::Authenticated(), Named("count"));
    router.Add(Verb::get, "/device/{id}", RouteGuard::Authenticated(), Named("device"));
    if (!literal_first)
      router.Add(Verb::get, "/device/count", RouteGuard::Authenticated(), Named("count"));
    const auto match = router.Find(Verb::get, {"device", "count"});
    EXPECT_EQ(RouteName(match), "count");
    EXPECT_TRUE(match.params.empty());
  }
}

TEST(Router, PlaceholderCapturesTheSegment) {
  Router router;
  router.Add(Verb::get, "/device/count", RouteGuard::Authenticated(), Named("count"));
  router.Add(Verb::get, "/device/{id}", RouteGuard::Authenticated(), Named("device"));
  const auto match = router.Find(Verb::get, {"device", "abc-1"});
  EXPECT_EQ(RouteName(match), "device");
  EXPECT_EQ(match.params, Segments{"abc-1"});
}

TEST(Router, ExtractsEveryPlaceholderInOrder) {
  Router router;
  router.Add(Verb::get, "/device/{deviceId}/command/{commandId}", RouteGuard::Authenticated(),
             Named("command"));
  const auto match = router.Find(Verb::get, {"device", "d1", "command", "42"});
  EXPECT_EQ(RouteName(match), "command");
  EXPECT_EQ(match.params, (Segments{"d1", "42"}));
}

TEST(Router, FallsBackToPlaceholderWhenLiteralBranchDeadEnds) {
  Router router;
  router.Add(Verb::get, "/user/current/network", RouteGuard::Authenticated(), Named("literal"));
  router.Add(Verb::get, "/user/{id}/devicetype", RouteGuard::Authenticated(), Named("placeholder"));
  const auto match = router.Find(Verb::get, {"user", "current", "devicetype"});
  EXPECT_EQ(RouteName(match), "placeholder");
  EXPECT_EQ(match.params, Segments{"current"});
}

TEST(Router, SelectsHandlerByMethod) {
  Router router;
  router.Add(Verb::get, "/network/{id}", RouteGuard::Authenticated(), Named("get"));
  router.Add(Verb::put, "/network/{id}", RouteGuard::Authenticated(), Named("put"));
  router.Add(Verb::delete_, "/network/{id}", RouteGuard::Authenticated(), Named("delete"));
  EXPECT_EQ(RouteName(router.Find(Verb::get, {"network", "1"})), "get");
  EXPECT_EQ(RouteName(router.Find(Verb::put, {"network", "1"})), "put");
  EXPECT_EQ(RouteName(router.Find(Verb::delete_, {"network", "1"})), "delete");
}

TEST(Router, OtherMethodOnKnownPathReportsPathExists) {
  Router router;
  router.Add(Verb::get, "/info", RouteGuard::Authenticated(), Named("info"));
  const auto match = router.Find(Verb::post, {"info"});
  EXPECT_EQ(match.handler, nullptr);
  EXPECT_TRUE(match.path_exists);
}

TEST(Router, UnknownPathMatchesNothing) {
  Router router;
  router.Add(Verb::get, "/device/{id}", RouteGuard::Authenticated(), Named("device"));
  for (const auto& segments :
       {Segments{"nope"}, Segments{"device"}, Segments{}, Segments{"device", "1", "extra"}}) {
    const auto match = router.Find(Verb::get, segments);
    EXPECT_EQ(match.handler, nullptr);
    EXPECT_FALSE(match.path_exists);
    EXPECT_TRUE(match.params.empty());
  }
}

TEST(Router, RootPatternMatchesNoSegments) {
  Router router;
  router.Add(Verb::get, "/", RouteGuard::Authenticated(), Named("root"));
  EXPECT_EQ(RouteName(router.Find(Verb::get, {})), "root");
}

TEST(Router, LiteralsAreCaseSensitive) {
  Router router;
  router.Add(Verb::get, "/info", RouteGuard::Authenticated(), Named("info"));
  EXPECT_EQ(router.Find(Verb::get, {"INFO"}).handler, nullptr);
}

}  // namespace
}  // namespace dh::api::rest
