#include "server_test.hpp"

namespace dh::test {
namespace {

class InfoTest : public ServerTest {};

TEST_F(InfoTest, InfoNeedsNoTokenAndNamesTheWebSocketUrl) {
  const auto result = Anonymous().Get("/api/rest/info");
  ASSERT_EQ(result.status, 200) << result.body;
  const auto info = result.json().as_object();
  EXPECT_EQ(info.at("apiVersion").as_string(), "4.1.0");
  EXPECT_EQ(info.at("webSocketServerUrl").as_string(),
            "ws://127.0.0.1:" + std::to_string(port()) + "/api/websocket");
  EXPECT_EQ(info.at("serverTimestamp").as_string().size(), 23u);
}

TEST_F(InfoTest, InfoUsesWssBehindAnHttpsProxy) {
  const auto result =
      Anonymous().Send("GET", "/api/rest/info", {}, {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(result.status, 200);
  EXPECT_TRUE(result.json().at("webSocketServerUrl").as_string().starts_with("wss://"));
}

TEST_F(InfoTest, AuthServiceAnswersInfoToo) {
  EXPECT_EQ(Anonymous().Get("/auth/rest/info").status, 200);
}

TEST_F(InfoTest, RootShowsTheBanner) {
  const auto result = Anonymous().Get("/api/rest/");
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.body,
            "The DeviceHive RESTful API is now running, please refer to documentation to get the "
            "list of available resources.");
}

TEST_F(InfoTest, EveryResponseCarriesCorsHeaders) {
  for (const auto* target : {"/api/rest/info", "/api/rest/device", "/api/rest/nothing"}) {
    const auto result = Anonymous().Get(target);
    EXPECT_EQ(result.header("Access-Control-Allow-Origin"), "*") << target;
    EXPECT_EQ(result.header("Access-Control-Allow-Methods"),
              "OPTIONS, GET, POST, PUT, DELETE, HEAD")
        << target;
    EXPECT_EQ(result.header("Access-Control-Allow-Headers"),
              "Origin, Authorization, Accept, Content-Type, Auth-DeviceID, Auth-DeviceKey")
        << target;
  }
}

TEST_F(InfoTest, PreflightIsAnswered) {
  const auto result = Anonymous().Send("OPTIONS", "/api/rest/device");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.header("Access-Control-Allow-Credentials"), "true");
}

TEST_F(InfoTest, UnknownPathsAre404AndWrongMethodsAre405) {
  EXPECT_EQ(Anonymous().Get("/api/rest/nothing").status, 404);
  EXPECT_EQ(Anonymous().Get("/somewhere/else").status, 404);
  EXPECT_EQ(Admin().Send("PATCH", "/api/rest/info").status, 405);
}

TEST_F(InfoTest, MethodOverrideTurnsPostIntoDelete) {
  auto admin = Admin();
  const int64_t id = CreateNetwork("override-me");
  const auto result = admin.Send("POST", "/api/rest/network/" + std::to_string(id), {},
                                 {{"X-HTTP-Method-Override", "DELETE"}});
  EXPECT_EQ(result.status, 204) << result.body;
  EXPECT_EQ(admin.Get("/api/rest/network/" + std::to_string(id)).status, 404);
}

TEST_F(InfoTest, HeadAnswersWithoutABody) {
  const auto result = Anonymous().Send("HEAD", "/api/rest/info");
  EXPECT_EQ(result.status, 200);
  EXPECT_TRUE(result.body.empty());
}

}  // namespace
}  // namespace dh::test
