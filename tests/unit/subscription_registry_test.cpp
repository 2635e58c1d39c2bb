// Which subscriptions an event reaches (spec §6.3): by device, by (network, device type) with
// either side "any", and globally; names narrow each of them.
#include "backend/subscription_registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dh::backend {
namespace {

using Ids = std::vector<int64_t>;

class NullSink final : public bus::EventSink {
 public:
  void Deliver(int64_t, const bus::EventPtr&) override {}
};

bus::SubscriptionFilter DeviceFilter(const std::string& device_id,
                                     std::vector<std::string> names = {}) {
  bus::SubscriptionFilter filter;
  filter.device_id = device_id;
  filter.names = std::move(names);
  return filter;
}

bus::SubscriptionFilter ScopeFilter(std::optional<std::vector<int64_t>> network_ids,
                                    std::optional<std::vector<int64_t>> device_type_ids,
                                    std::vector<std::string> names = {}) {
  bus::SubscriptionFilter filter;
  filter.network_ids = std::move(network_ids);
  filter.device_type_ids = std::move(device_type_ids);
  filter.names = std::move(names);
  return filter;
}

bus::SubscriptionFilter GlobalFilter(std::vector<std::string> names = {}) {
  bus::SubscriptionFilter filter;
  filter.names = std::move(names);
  return filter;
}

class SubscriptionRegistryTest : public ::testing::Test {
 protected:
  void Add(int64_t id, const bus::SubscriptionFilter& filter) { registry_.Add(id, filter, sink_); }

  // The subscriptions an event reaches, in visiting order (duplicates kept).
  Ids Visited(const std::string& device_id, std::optional<int64_t> network_id,
              std::optional<int64_t> device_type_id, const std::string& name = "temp") const {
    Ids ids;
    registry_.Match(device_id, network_id, device_type_id, name,
                    [&](int64_t id, bus::EventSink& sink) {
                      EXPECT_EQ(&sink, sink_.get());
                      ids.push_back(id);
                    });
    return ids;
  }
  // The same, sorted.
  Ids Reached(const std::string& device_id, std::optional<int64_t> network_id,
              std::optional<int64_t> device_type_id, const std::string& name = "temp") const {
    Ids ids = Visited(device_id, network_id, device_type_id, name);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  SubscriptionRegistry registry_;
  std::shared_ptr<bus::EventSink> sink_ = std::make_shared<NullSink>();
};

TEST_F(SubscriptionRegistryTest, DeviceSubscriptionReceivesOnlyItsDevice) {
  Add(1, DeviceFilter("device-a"));
  EXPECT_EQ(Reached("device-a", 1, 10), Ids{1});
  EXPECT_EQ(Reached("device-a", 2, 20), Ids{1});  // whatever the device's network is now
  EXPECT_TRUE(Reached("device-b", 1, 10).empty());
  EXPECT_TRUE(Reached("device-A", 1, 10).empty());
}

TEST_F(SubscriptionRegistryTest, NetworkAndTypeSubscriptionReceivesOnlyThatPair) {
  Add(1, ScopeFilter(Ids{1}, Ids{10}));
  EXPECT_EQ(Reached("device-a", 1, 10), Ids{1});
  EXPECT_EQ(Reached("device-b", 1, 10), Ids{1});
  EXPECT_TRUE(Reached("device-a", 1, 11).empty());
  EXPECT_TRUE(Reached("device-a", 2, 10).empty());
}

TEST_F(SubscriptionRegistryTest, ScopeSubscriptionCoversEveryNetworkTypePair) {
  Add(1, ScopeFilter(Ids{1, 2}, Ids{10, 11}));
  EXPECT_EQ(Reached("d", 1, 10), Ids{1});
  EXPECT_EQ(Reached("d", 1, 11), Ids{1});
  EXPECT_EQ(Reached("d", 2, 10), Ids{1});
  EXPECT_EQ(Reached("d", 2, 11), Ids{1});
  EXPECT_TRUE(Reached("d", 3, 10).empty());
  EXPECT_TRUE(Reached("d", 1, 12).empty());
}

TEST_F(SubscriptionRegistryTest, NetworkSubscriptionReceivesEveryTypeInIt) {
  Add(1, ScopeFilter(Ids{1}, std::nullopt));
  EXPECT_EQ(Reached("d", 1, 10), Ids{1});
  EXPECT_EQ(Reached("d", 1, 99), Ids{1});
  EXPECT_TRUE(Reached("d", 2, 10).empty());
}

TEST_F(SubscriptionRegistryTest, TypeSubscriptionReceivesEveryNetwork) {
  Add(1, ScopeFilter(std::nullopt, Ids{10}));
  EXPECT_EQ(Reached("d", 1, 10), Ids{1});
  EXPECT_EQ(Reached("d", 99, 10), Ids{1});
  EXPECT_TRUE(Reached("d", 1, 11).empty());
}

TEST_F(SubscriptionRegistryTest, GlobalSubscriptionReceivesEverything) {
  Add(1, GlobalFilter());
  EXPECT_EQ(Reached("device-a", 1, 10), Ids{1});
  EXPECT_EQ(Reached("device-b", 2, 20), Ids{1});
  EXPECT_EQ(Reached("device-c", std::nullopt, std::nullopt), Ids{1});
}

TEST_F(SubscriptionRegistryTest, EachKindReceivesExactlyItsEvents) {
  Add(1, DeviceFilter("device-a"));
  Add(2, ScopeFilter(Ids{1}, Ids{10}));
  Add(3, ScopeFilter(Ids{1}, std::nullopt));
  Add(4, ScopeFilter(std::nullopt, Ids{10}));
  Add(5, GlobalFilter());
  Add(6, DeviceFilter("device-b"));
  Add(7, ScopeFilter(Ids{2}, Ids{20}));

  EXPECT_EQ(Reached("device-a", 1, 10), (Ids{1, 2, 3, 4, 5}));
  EXPECT_EQ(Reached("device-c", 1, 10), (Ids{2, 3, 4, 5}));
  EXPECT_EQ(Reached("device-c", 1, 20), (Ids{3, 5}));
  EXPECT_EQ(Reached("device-c", 2, 10), (Ids{4, 5}));
  EXPECT_EQ(Reached("device-b", 2, 20), (Ids{5, 6, 7}));
  EXPECT_EQ(Reached("device-c", 3, 30), Ids{5});
}

TEST_F(SubscriptionRegistryTest, EventWithoutNetworkOrTypeReachesOnlyGlobalSubscriptions) {
  Add(1, DeviceFilter("device-a"));
  Add(2, ScopeFilter(Ids{1}, Ids{10}));
  Add(3, ScopeFilter(Ids{1}, std::nullopt));
  Add(4, ScopeFilter(std::nullopt, Ids{10}));
  Add(5, GlobalFilter());

  EXPECT_EQ(Reached("device-a", std::nullopt, std::nullopt, "$device-add"), Ids{5});
  EXPECT_EQ(Reached("device-a", 1, std::nullopt), Ids{5});
  EXPECT_EQ(Reached("device-a", std::nullopt, 10), Ids{5});
}

TEST_F(SubscriptionRegistryTest, NamesNarrowEveryKind) {
  Add(1, DeviceFilter("device-a", {"temp", "humidity"}));
  Add(2, ScopeFilter(Ids{1}, Ids{10}, {"humidity"}));
  Add(3, ScopeFilter(Ids{1}, std::nullopt, {"temp"}));
  Add(4, GlobalFilter({"temp"}));
  Add(5, GlobalFilter());

  EXPECT_EQ(Reached("device-a", 1, 10, "temp"), (Ids{1, 3, 4, 5}));
  EXPECT_EQ(Reached("device-a", 1, 10, "humidity"), (Ids{1, 2, 5}));
  EXPECT_EQ(Reached("device-a", 1, 10, "pressure"), Ids{5});
  EXPECT_EQ(Reached("device-a", 1, 10, "Temp"), Ids{5});  // names are exact
}

TEST_F(SubscriptionRegistryTest, EmptyNetworkListReceivesNothing) {
  Add(1, ScopeFilter(Ids{}, std::nullopt));
  Add(2, ScopeFilter(std::nullopt, Ids{}));
  EXPECT_TRUE(Reached("d", 1, 10).empty());
  EXPECT_TRUE(Reached("d", std::nullopt, std::nullopt).empty());
  EXPECT_EQ(registry_.size(), 2u);
}

TEST_F(SubscriptionRegistryTest, EventIsDeliveredOncePerSubscription) {
  Add(1, ScopeFilter(Ids{1, 1, 2}, Ids{10, 10}));
  Add(2, ScopeFilter(Ids{1, 1}, std::nullopt));
  Add(3, ScopeFilter(std::nullopt, Ids{10, 10}));
  Add(4, DeviceFilter("device-a", {"temp", "temp"}));
  Add(5, GlobalFilter({"temp", "temp"}));

  EXPECT_EQ(Reached("device-a", 1, 10), (Ids{1, 2, 3, 4, 5}));
}

TEST_F(SubscriptionRegistryTest, SubscriptionWithDuplicateIdsIsRemovedCompletely) {
  Add(1, ScopeFilter(Ids{1, 1}, Ids{10, 10}));
  EXPECT_TRUE(registry_.Remove(1));
  EXPECT_TRUE(Reached("d", 1, 10).empty());
  EXPECT_EQ(registry_.size(), 0u);
}

TEST_F(SubscriptionRegistryTest, RemoveStopsMatching) {
  Add(1, DeviceFilter("device-a"));
  Add(2, ScopeFilter(Ids{1}, Ids{10}));
  Add(3, GlobalFilter());
  Add(4, DeviceFilter("device-a"));

  EXPECT_TRUE(registry_.Remove(1));
  EXPECT_TRUE(registry_.Remove(2));
  EXPECT_TRUE(registry_.Remove(3));
  EXPECT_EQ(Reached("device-a", 1, 10), Ids{4});
  EXPECT_EQ(registry_.size(), 1u);
}

TEST_F(SubscriptionRegistryTest, RemoveUnknownOrRemovedIsFalse) {
  Add(1, GlobalFilter());
  EXPECT_FALSE(registry_.Remove(2));
  EXPECT_TRUE(registry_.Remove(1));
  EXPECT_FALSE(registry_.Remove(1));
  EXPECT_EQ(registry_.size(), 0u);
}

TEST_F(SubscriptionRegistryTest, RemoveDeviceRemovesOnlyThatDevicesSubscriptions) {
  Add(1, DeviceFilter("device-a"));
  Add(2, DeviceFilter("device-a", {"temp"}));
  Add(3, DeviceFilter("device-b"));
  Add(4, ScopeFilter(Ids{1}, Ids{10}));
  Add(5, GlobalFilter());

  registry_.RemoveDevice("device-a");
  EXPECT_EQ(registry_.size(), 3u);
  EXPECT_EQ(Reached("device-a", 1, 10), (Ids{4, 5}));
  EXPECT_EQ(Reached("device-b", 1, 10), (Ids{3, 4, 5}));
  EXPECT_FALSE(registry_.Remove(1));
  EXPECT_FALSE(registry_.Remove(2));

  registry_.RemoveDevice("never-subscribed");
  EXPECT_EQ(registry_.size(), 3u);
}

TEST_F(SubscriptionRegistryTest, ManySubscriptionsEachReceiveExactlyTheirEvents) {
  constexpr int64_t kDevices = 500;
  constexpr int64_t kNetworks = 50;
  // Per device: one device subscription; per network: one (network, any) subscription.
  for (int64_t d = 0; d < kDevices; ++d) Add(d + 1, DeviceFilter("device-" + std::to_string(d)));
  for (int64_t n = 0; n < kNetworks; ++n) Add(10'000 + n, ScopeFilter(Ids{n}, std::nullopt));
  Add(20'000, GlobalFilter());
  EXPECT_EQ(registry_.size(), static_cast<size_t>(kDevices + kNetworks + 1));

  for (int64_t d = 0; d < kDevices; ++d) {
    const int64_t network = d % kNetworks;
    ASSERT_EQ(Visited("device-" + std::to_string(d), network, 7).size(), 3u) << d;
    ASSERT_EQ(Reached("device-" + std::to_string(d), network, 7),
              (Ids{d + 1, 10'000 + network, 20'000}));
  }

  for (int64_t d = 0; d < kDevices; d += 2) ASSERT_TRUE(registry_.Remove(d + 1));
  EXPECT_EQ(registry_.size(), static_cast<size_t>(kDevices / 2 + kNetworks + 1));
  EXPECT_EQ(Reached("device-0", 0, 7), (Ids{10'000, 20'000}));
  EXPECT_EQ(Reached("device-1", 1, 7), (Ids{2, 10'001, 20'000}));
}

TEST_F(SubscriptionRegistryTest, VisitorGetsTheSubscriptionsOwnSink) {
  auto other = std::make_shared<NullSink>();
  registry_.Add(1, GlobalFilter(), other);
  bus::EventSink* seen = nullptr;
  registry_.Match("d", 1, 1, "n", [&](int64_t, bus::EventSink& sink) { seen = &sink; });
  EXPECT_EQ(seen, other.get());
}

}  // namespace
}  // namespace dh::backend
