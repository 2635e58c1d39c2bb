#include "app/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include "api/rest/rest_api.hpp"
#include "api/rest/routes.hpp"
#include "api/ws/actions.hpp"
#include "api/ws/ws_api.hpp"
#include "app/device_events.hpp"
#include "app/options.hpp"
#include "auth/authenticator.hpp"
#include "auth/jwt_secret.hpp"
#include "auth/plugin_tokens.hpp"
#include "auth/token_service.hpp"
#include "backend/backend.hpp"
#include "bus/inproc/inproc_bus.hpp"
#include "core/clock.hpp"
#include "core/id_generator.hpp"
#include "hotstore/memory/memory_hotstore.hpp"
#include "mqtt/dh/dh_hooks.hpp"
#include "mqtt/server/mqtt_server.hpp"
#include "net/http_server.hpp"
#include "plugin/plugin_service.hpp"
#include "proxy/plugin_proxy.hpp"
#include "proxy/plugin_topics.hpp"
#include "proxy/topic_hub.hpp"
#include "service/configuration_service.hpp"
#include "service/device_service.hpp"
#include "service/message_service.hpp"
#include "service/named_entity_service.hpp"
#include "service/subscription_scope.hpp"
#include "service/user_link_service.hpp"
#include "service/user_service.hpp"
#include "storage/cache/cached_storage.hpp"
#include "storage/sqlite/sqlite_storage.hpp"

namespace dh::app {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// {"http":H,"mqtt":M}; M is null when this process does not run the mqtt role.
bool WritePortFile(const std::string& path, uint16_t http_port, std::optional<uint16_t> mqtt_port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "{\"http\":" << http_port
        << ",\"mqtt\":" << (mqtt_port ? std::to_string(*mqtt_port) : "null") << "}\n";
    if (!out) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

// Polls until every connection has closed or the deadline passes, then stops the loop.
void DrainThenStop(asio::io_context& io, const std::function<size_t()>& open,
                   asio::steady_timer& timer, Clock::time_point deadline) {
  if (open() == 0 || Clock::now() >= deadline) {
    if (open() > 0) spdlog::warn("shutdown timeout: closing {} connection(s) still busy", open());
    io.stop();
    return;
  }
  timer.expires_after(std::chrono::milliseconds(20));
  timer.async_wait([&io, &open, &timer, deadline](boost::system::error_code) {
    DrainThenStop(io, open, timer, deadline);
  });
}

// Every second: frees expired hot items; every minute: logs the hot store's counters.
void KeepHotStore(hotstore::MemoryHotStore& hot, asio::steady_timer& timer, int tick = 0) {
  timer.expires_after(std::chrono::seconds(1));
  timer.async_wait([&hot, &timer, tick](boost::system::error_code ec) {
    if (ec) return;
    hot.Sweep();
    if (tick % 60 == 59) {
      const auto stats = hot.stats();
      spdlog::info("hot store: {} items, {} expired, {} evicted by the memory caps", stats.items,
                   stats.expired, stats.evicted);
    }
    KeepHotStore(hot, timer, tick + 1);
  });
}

// The metadata database: devicehive.db in `data_dir`, which is created when missing.
core::Result<std::unique_ptr<storage::Storage>> OpenDatabase(const std::string& data_dir) {
  std::error_code fs_error;
  std::filesystem::create_directories(data_dir, fs_error);
  if (fs_error) {
    return core::Fail(core::Errc::kUnavailable,
                      "cannot create data directory " + data_dir + ": " + fs_error.message());
  }
  const std::string path = (std::filesystem::path(data_dir) / "devicehive.db").string();
  auto storage = storage::sqlite::OpenSqliteStorage({path});
  if (!storage) {
    return core::Fail(storage.error().code, "cannot open the database: " + storage.error().message);
  }
  return storage;
}

std::string RoleNames(const Roles& roles) {
  std::string names = "backend";
  if (roles.frontend) names += ", frontend";
  if (roles.auth) names += ", auth";
  if (roles.plugin) names += ", plugin";
  if (roles.mqtt) names += ", mqtt";
  return names;
}

}  // namespace

int Serve(const Config& config) {
  const auto started = Clock::now();
  core::SystemClock clock;

  auto storage = OpenDatabase(config.data_dir);
  if (!storage) {
    spdlog::critical("{}", storage.error().message);
    return 1;
  }
  auto secret = auth::ResolveJwtSecret(config.jwt_secret, (*storage)->configuration());
  if (!secret) {
    spdlog::critical("cannot set up the JWT secret: {}", secret.error().message);
    return 1;
  }
  auto codec = auth::JwtCodec::FromSecret(*secret);
  if (!codec) {
    spdlog::critical("{}", codec.error().message);
    return 1;
  }

  // Requests naming a device read it from memory (the device cache; this process is the
  // database's only writer).
  storage::CachedStorage cached_storage(**storage);
  storage::Storage& db = cached_storage;
  const auth::Authenticator authenticator(*codec, db, clock);
  const auth::TokenLifetimes lifetimes{std::chrono::seconds(config.access_token_ttl_s),
                                       std::chrono::seconds(config.refresh_token_ttl_s)};
  auth::TokenService tokens(*codec, db, clock, lifetimes);
  const auth::PluginTokens plugin_tokens(*codec, db, clock, lifetimes);
  // No plugin is connected yet: whatever was ACTIVE when the last run ended is not any more.
  if (auto deactivated = db.plugins().DeactivateAll(); !deactivated) {
    spdlog::critical("cannot reset plugin statuses: {}", deactivated.error().message);
    return 1;
  } else if (*deactivated > 0) {
    spdlog::info("{} plugin(s) marked INACTIVE until they reconnect", *deactivated);
  }

  hotstore::MemoryHotStore hot(
      clock, {std::chrono::seconds(config.hotstore_ttl_s), config.hotstore_max_per_device,
              config.hotstore_max_items, 16});
  core::IdGenerator ids(clock);
  backend::Backend backend(hot, clock, ids);
  bus::InprocBus bus(backend);
  DeviceEvents device_events(bus);

  service::DeviceService devices(db, &device_events);
  service::NetworkService networks(db);
  service::DeviceTypeService device_types(db);
  service::UserLinkService user_links(db);
  service::ConfigurationService configuration(db);
  service::MessageService messages(devices, bus);
  service::SubscriptionScopes scopes(db, devices);
  proxy::TopicHub topic_hub;
  proxy::PluginTopics plugin_topics(topic_hub);
  plugin::PluginService plugins(db, plugin_tokens, scopes, bus, plugin_topics, ids);
  service::UserService users(db, &plugins);  // a revoked user's plugins stop

  const unsigned threads =
      config.threads != 0 ? config.threads : std::max(1u, std::thread::hardware_concurrency());
  // Declared before the io_context so it outlives the handlers destroyed with it.
  api::rest::PollSet polls;
  asio::io_context io(static_cast<int>(threads));
  asio::thread_pool blocking(2);
  const api::rest::PollContext poll_context{io, bus, polls, clock};

  api::rest::Router frontend;
  api::rest::Router auth_routes;
  api::rest::Router plugin_routes;
  api::rest::AddInfoRoutes(frontend, auth_routes, plugin_routes, clock);
  const auto run_blocking = [&blocking](std::function<void()> task) {
    asio::post(blocking, std::move(task));
  };
  const Roles& roles = config.roles;
  if (roles.auth) {
    api::rest::AddTokenRoutes(auth_routes, tokens, run_blocking);
    api::rest::AddPluginTokenRoutes(auth_routes, plugin_tokens);
  }
  if (roles.plugin) {
    api::rest::AddPluginRoutes(plugin_routes, plugins, config.plugin_proxy_endpoint);
  }
  if (roles.frontend) {
    api::rest::AddDeviceRoutes(frontend, devices);
    api::rest::AddNetworkRoutes(frontend, networks);
    api::rest::AddDeviceTypeRoutes(frontend, device_types);
    api::rest::AddUserRoutes(frontend, users);
    api::rest::AddUserLinkRoutes(frontend, user_links);
    api::rest::AddConfigurationRoutes(frontend, configuration);
    api::rest::AddNotificationRoutes(frontend, messages, scopes, poll_context);
    api::rest::AddCommandRoutes(frontend, messages, devices, scopes, poll_context);
  }
  api::rest::RestApi rest(authenticator, std::move(frontend), std::move(auth_routes),
                          std::move(plugin_routes));

  api::ws::ActionServices ws_services{authenticator, tokens,   run_blocking, clock, bus,
                                      devices,       networks, device_types, users, user_links,
                                      configuration, messages, scopes};
  const api::ws::ActionTable ws_actions = api::ws::BuildActionTable(ws_services);
  const auto ws_options = WebSocketOptionsFrom(config);
  api::ws::WsApi websocket(ws_actions, authenticator, bus, ws_options);
  proxy::PluginProxy plugin_proxy(plugin_tokens, plugins, topic_hub, ws_options);

  mqtt::Broker broker(mqtt::BrokerOptions{});
  mqtt::DhHooks dh_topics({ws_actions, authenticator, tokens, bus, messages, scopes, run_blocking});
  mqtt::MqttServer mqtt_server(io, MqttOptionsFrom(config, ws_options), broker, &dh_topics);

  auto http_options = HttpOptionsFrom(config);
  if (roles.frontend) http_options.websockets.emplace_back("/api/websocket", &websocket);
  if (roles.plugin) http_options.websockets.emplace_back("/plugin/proxy", &plugin_proxy);
  if (roles.mqtt) http_options.websockets.emplace_back("/mqtt", &mqtt_server);
  net::HttpServer http(io, http_options, rest);
  if (auto started_http = http.Start(); !started_http) {
    spdlog::critical("{}", started_http.error().message);
    return 1;
  }
  std::optional<uint16_t> mqtt_port;
  if (roles.mqtt) {
    if (auto started_mqtt = mqtt_server.Start(); !started_mqtt) {
      spdlog::critical("mqtt: {}", started_mqtt.error().message);
      return 1;
    }
    mqtt_port = mqtt_server.port();
  }
  if (!config.port_file.empty() && !WritePortFile(config.port_file, http.port(), mqtt_port)) {
    spdlog::critical("cannot write the port file {}", config.port_file);
    return 1;
  }
  const auto startup_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  spdlog::info(
      "devicehive listening on http://{}:{}{} (roles: {}; {} I/O threads, data in {}, "
      "started in {:.1f} ms)",
      config.http_address, http.port(),
      mqtt_port ? fmt::format(" and mqtt://{}:{}", config.http_address, *mqtt_port) : "",
      RoleNames(roles), threads, config.data_dir, startup_ms);

  asio::steady_timer hot_timer(io);
  KeepHotStore(hot, hot_timer);

  const std::function<size_t()> open_connections = [&http, &mqtt_server] {
    return http.connections() + mqtt_server.connections();
  };
  asio::signal_set signals(io, SIGINT, SIGTERM);
  asio::steady_timer drain_timer(io);
  signals.async_wait([&](boost::system::error_code ec, int signal) {
    if (ec) return;
    spdlog::info("signal {} received: finishing requests in flight (up to {} s)", signal,
                 config.shutdown_timeout_s);
    hot_timer.cancel();
    polls.FinishAll();
    websocket.CloseAll();
    plugin_proxy.CloseAll();
    http.Stop();
    mqtt_server.Stop();
    DrainThenStop(io, open_connections, drain_timer,
                  Clock::now() + std::chrono::seconds(config.shutdown_timeout_s));
  });

  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& worker : workers) worker.join();
  blocking.join();
  spdlog::info("devicehive stopped");
  return 0;
}

}  // namespace dh::app
