#pragma once
// The contract every hotstore::HotStore backend must meet. A backend joins the suite with one
// file that instantiates it with a factory:
//   INSTANTIATE_TEST_SUITE_P(Redis, HotStoreContract, ::testing::Values(HotStoreFactory(...)));
// The factory returns a FRESH, empty store that reads the time from `clock` and keeps items for
// `ttl` after each store. The tests move the clock (a ManualClock) instead of sleeping, so a
// backend must judge expiry by that clock, not only by its server's own timers. Items carry
// their own timestamps, unrelated to the clock: the store never assigns ids or timestamps.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "hotstore/hotstore.hpp"

namespace dh::test {

using HotStoreFactory = std::function<std::unique_ptr<hotstore::HotStore>(
    const core::Clock& clock, std::chrono::milliseconds ttl)>;

class HotStoreContract : public ::testing::TestWithParam<HotStoreFactory> {
 protected:
  static constexpr std::chrono::milliseconds kTtl{120'000};
  static constexpr int64_t kNetwork = 1;
  static constexpr int64_t kDeviceType = 10;

  void SetUp() override;

  hotstore::HotStore& store() { return *store_; }
  core::ManualClock& clock() { return clock_; }

  // A fixed instant plus `seconds`: item timestamps in the tests.
  static core::Timestamp At(int64_t seconds);
  // Items in network kNetwork and device type kDeviceType, without optional fields.
  static domain::Notification NewNotification(int64_t id, const std::string& device_id,
                                              const std::string& name, core::Timestamp timestamp);
  static domain::Command NewCommand(int64_t id, const std::string& device_id,
                                    const std::string& name, core::Timestamp timestamp);

  // Shorthands that fail the test when the store reports an error.
  hotstore::NotificationPtr Put(domain::Notification notification);
  hotstore::CommandPtr Put(domain::Command command);
  hotstore::NotificationPtr FindNotification(const std::string& device_id, int64_t id);
  hotstore::CommandPtr FindCommand(const std::string& device_id, int64_t id);
  // The ids a list returns, in its order.
  std::vector<int64_t> NotificationIds(const hotstore::ListQuery& query);
  std::vector<int64_t> CommandIds(const hotstore::ListQuery& query);

  // Five notifications, and five commands with the same ids and names, stamped At(id):
  //   1 device-a net 1 type 10 "temp"      2 device-a net 1 type 10 "humidity"
  //   3 device-b net 2 type 10 "temp"      4 device-c net 2 type 11 "temp"
  //   5 device-d (no network, no type) "$device-add"
  void StoreSample();
  // The ids of both lists, which must agree (the sample stores the same rows twice).
  std::vector<int64_t> BothIds(const hotstore::ListQuery& query);

 private:
  core::ManualClock clock_{core::FromEpochMs(1'717'200'000'000)};  // 2024-06-01T00:00:00Z
  std::unique_ptr<hotstore::HotStore> store_;
};

}  // namespace dh::test
