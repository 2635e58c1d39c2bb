// --roles: a process serves only the front doors of its roles (the backend always runs with the
// in-process bus); an unknown role stops the server with the list of roles.
#include <gtest/gtest.h>

#include <chrono>

#include "server_test.hpp"
#include "support/child_process.hpp"
#include "support/mqtt_client.hpp"

namespace dh::test {
namespace {

using namespace std::chrono_literals;

ServerOptions WithRoles(const std::string& roles) {
  ServerOptions options;
  options.args = {"--roles", roles};
  return options;
}

TEST(Roles, MqttOnlyServesMqttAndNoRestApi) {
  ServerProcess server(WithRoles("mqtt"));
  ASSERT_NE(server.mqtt_port(), 0);
  MqttClient client(server.mqtt_port());
  EXPECT_EQ(client.Connect(ConnectFor("roles-mqtt")).return_code, mqtt::kConnAckAccepted);
  client.Disconnect();
  HttpClient http(server.port());
  EXPECT_EQ(http.Post("/api/rest/token", R"({"login":"dhadmin","password":"dhadmin_#911"})").status,
            404);
  EXPECT_EQ(http.Get("/api/rest/device").status, 404);
  EXPECT_EQ(server.Stop(), 0) << server.Log();
}

TEST(Roles, FrontendAndAuthWithoutMqttOpenNoMqttPort) {
  ServerProcess server(WithRoles("frontend,auth,backend"));
  EXPECT_EQ(server.mqtt_port(), 0) << "the port file names an MQTT port";
  const std::string token = Login(server.port(), kAdminLogin, kAdminPassword);
  ASSERT_FALSE(token.empty());
  HttpClient http(server.port());
  http.set_token(token);
  EXPECT_EQ(http.Get("/api/rest/device").status, 200);
  EXPECT_EQ(http.Get("/plugin/rest/plugin").status, 404);  // no plugin role
  EXPECT_EQ(server.Stop(), 0) << server.Log();
}

TEST(Roles, UnknownRoleIsRefusedWithTheList) {
  ChildProcess server({DH_SERVER_BINARY, "--roles", "frontend,broker", "--http-port", "0"});
  EXPECT_NE(server.Wait(10s), 0);
  EXPECT_NE(server.Output().find("unknown role 'broker'"), std::string::npos) << server.Output();
  EXPECT_NE(server.Output().find("frontend, backend, auth, plugin, mqtt"), std::string::npos);
}

}  // namespace
}  // namespace dh::test
