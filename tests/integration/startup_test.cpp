// What happens around start-up and shutdown of the process itself.
#include <gtest/gtest.h>

#include <stdexcept>

#include "server_test.hpp"

namespace dh::test {
namespace {

TEST(Startup, ASecondServerOnTheSameDataDirectoryIsRefusedClearly) {
  ServerProcess first;
  ServerOptions same_dir;
  same_dir.data_dir = first.data_dir();
  try {
    ServerProcess second(same_dir);
    FAIL() << "a second server started on a data directory in use";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is locked by another process"), std::string::npos)
        << e.what();
  }
  // The first one is unaffected.
  EXPECT_EQ(HttpClient(first.port()).Get("/api/rest/info").status, 200);
  EXPECT_EQ(first.Stop(), 0) << first.Log();
}

TEST(Startup, DataSurvivesARestart) {
  TempDir dir;
  ServerOptions options;
  options.data_dir = dir.path() / "data";
  {
    ServerProcess server(options);
    auto admin = HttpClient(server.port());
    admin.set_token(Login(server.port(), kAdminLogin, kAdminPassword));
    ASSERT_EQ(admin.Put("/api/rest/device/survivor", R"({"name":"Survivor"})").status, 204);
    EXPECT_EQ(server.Stop(), 0) << server.Log();
  }
  ServerProcess restarted(options);
  auto admin = HttpClient(restarted.port());
  admin.set_token(Login(restarted.port(), kAdminLogin, kAdminPassword));
  const auto device = admin.Get("/api/rest/device/survivor");
  EXPECT_EQ(device.status, 200) << device.body;
  EXPECT_EQ(restarted.Stop(), 0) << restarted.Log();
}

TEST(Startup, AnUnusableSecretStopsTheServerWithAReason) {
  ServerOptions options;
  options.env["JWT_SECRET"] = "abc";  // decodes to no key bytes under DeviceHive's rule
  try {
    ServerProcess server(options);
    FAIL() << "the server started with an empty signing key";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("decodes to an empty key"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace dh::test
