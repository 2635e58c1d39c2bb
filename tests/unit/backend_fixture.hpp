#pragma once
// The backend behind the in-process bus, over a real memory hot store and a manual clock, with a
// recording sink standing for the front doors. Shared by backend_*_test.cpp.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backend/backend.hpp"
#include "bus/inproc/inproc_bus.hpp"
#include "hotstore/memory/memory_hotstore.hpp"

namespace dh::backend::test {

using bus::EventKind;

inline constexpr std::chrono::milliseconds kTtl{120'000};

struct Delivery {
  int64_t subscription_id;
  bus::EventPtr event;
};

class RecordingSink final : public bus::EventSink {
 public:
  void Deliver(int64_t subscription_id, const bus::EventPtr& event) override {
    std::lock_guard lock(mutex_);
    deliveries_.push_back({subscription_id, event});
  }
  std::vector<Delivery> deliveries() const {
    std::lock_guard lock(mutex_);
    return deliveries_;
  }
  // The ids of the delivered items, in delivery order.
  std::vector<int64_t> item_ids() const {
    std::vector<int64_t> ids;
    for (const auto& d : deliveries()) {
      ids.push_back(d.event->notification ? d.event->notification->id : d.event->command->id);
    }
    return ids;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Delivery> deliveries_;
};

// Calls a bus method and returns what it completed with (the in-process bus completes inline).
template <class T, class Call>
core::Result<T> Sync(Call&& call) {
  std::optional<core::Result<T>> out;
  call([&out](core::Result<T> result) { out.emplace(std::move(result)); });
  if (!out) ADD_FAILURE() << "the bus did not complete the call";
  return out ? std::move(*out) : core::Result<T>(core::Fail(core::Errc::kInternal, "no reply"));
}

inline domain::Notification NewNotification(const std::string& device_id, const std::string& name,
                                            std::optional<int64_t> network_id = 1,
                                            std::optional<int64_t> device_type_id = 10) {
  domain::Notification notification;
  notification.notification = name;
  notification.device_id = device_id;
  notification.network_id = network_id;
  notification.device_type_id = device_type_id;
  return notification;
}

inline domain::Command NewCommand(const std::string& device_id, const std::string& name) {
  domain::Command command;
  command.command = name;
  command.device_id = device_id;
  command.network_id = 1;
  command.device_type_id = 10;
  return command;
}

inline bus::SubscriptionFilter ForDevice(const std::string& device_id) {
  bus::SubscriptionFilter filter;
  filter.device_id = device_id;
  return filter;
}

inline bus::SubscriptionFilter ForNetworks(std::vector<int64_t> network_ids) {
  bus::SubscriptionFilter filter;
  filter.network_ids = std::move(network_ids);
  return filter;
}

// Forwards to a real store, failing every call while `failing` is set (fault injection).
class FaultyHotStore final : public hotstore::HotStore {
 public:
  explicit FaultyHotStore(hotstore::HotStore& base) : base_(base) {}

  core::Status Put(hotstore::NotificationPtr notification) override {
    if (failing) return Failure();
    return base_.Put(std::move(notification));
  }
  core::Status Put(hotstore::CommandPtr command) override {
    if (failing) return Failure();
    return base_.Put(std::move(command));
  }
  core::Result<hotstore::NotificationPtr> FindNotification(std::string_view device_id,
                                                           int64_t id) override {
    if (failing) return Failure();
    return base_.FindNotification(device_id, id);
  }
  core::Result<hotstore::CommandPtr> FindCommand(std::string_view device_id, int64_t id) override {
    if (failing) return Failure();
    return base_.FindCommand(device_id, id);
  }
  core::Result<std::vector<hotstore::NotificationPtr>> ListNotifications(
      const hotstore::ListQuery& query) override {
    if (failing) return Failure();
    return base_.ListNotifications(query);
  }
  core::Result<std::vector<hotstore::CommandPtr>> ListCommands(
      const hotstore::ListQuery& query) override {
    if (failing) return Failure();
    return base_.ListCommands(query);
  }
  core::Status DropDevice(std::string_view device_id) override {
    if (failing) return Failure();
    return base_.DropDevice(device_id);
  }

  std::atomic<bool> failing{false};

 private:
  static core::Error Failure() { return core::Fail(core::Errc::kUnavailable, "store is down"); }

  hotstore::HotStore& base_;
};

class BackendTest : public ::testing::Test {
 protected:
  static hotstore::MemoryOptions Options() {
    hotstore::MemoryOptions options;
    options.ttl = kTtl;
    return options;
  }
  hotstore::NotificationPtr Insert(domain::Notification notification) {
    return Sync<hotstore::NotificationPtr>([&](auto done) {
             bus_.InsertNotification(std::move(notification), std::move(done));
           })
        .value();
  }
  hotstore::CommandPtr Insert(domain::Command command) {
    return Sync<hotstore::CommandPtr>(
               [&](auto done) { bus_.InsertCommand(std::move(command), std::move(done)); })
        .value();
  }
  core::Result<hotstore::CommandPtr> Update(const std::string& device_id, int64_t command_id,
                                            std::optional<std::string> status,
                                            std::optional<std::string> result = std::nullopt) {
    return Sync<hotstore::CommandPtr>([&](auto done) {
      bus_.UpdateCommand({device_id, command_id, std::move(status), std::move(result)},
                         std::move(done));
    });
  }
  bus::Subscribed Subscribe(EventKind kind, bus::SubscriptionFilter filter,
                            std::shared_ptr<bus::EventSink> sink,
                            std::optional<core::Timestamp> since = std::nullopt,
                            int64_t history_limit = 100) {
    bus::SubscribeRequest request;
    request.kind = kind;
    request.filter = std::move(filter);
    request.since = since;
    request.history_limit = history_limit;
    request.sink = std::move(sink);
    return Sync<bus::Subscribed>(
               [&](auto done) { bus_.Subscribe(std::move(request), std::move(done)); })
        .value();
  }
  bus::Subscribed Wait(const std::string& device_id, int64_t command_id,
                       std::shared_ptr<bus::EventSink> sink) {
    return Sync<bus::Subscribed>([&](auto done) {
             bus_.WaitCommand(device_id, command_id, std::move(sink), std::move(done));
           })
        .value();
  }
  std::vector<hotstore::CommandPtr> Commands(const std::string& device_id) {
    hotstore::ListQuery query;
    query.filter.device_ids = {device_id};
    return Sync<std::vector<hotstore::CommandPtr>>(
               [&](auto done) { bus_.SearchCommands(query, std::move(done)); })
        .value();
  }
  std::vector<hotstore::NotificationPtr> Notifications(const std::string& device_id) {
    hotstore::ListQuery query;
    query.filter.device_ids = {device_id};
    return Sync<std::vector<hotstore::NotificationPtr>>(
               [&](auto done) { bus_.SearchNotifications(query, std::move(done)); })
        .value();
  }

  core::ManualClock clock_{core::FromEpochMs(1'717'200'000'000)};
  hotstore::MemoryHotStore store_{clock_, Options()};
  core::IdGenerator ids_{clock_};
  FaultyHotStore faulty_{store_};
  Backend backend_{faulty_, clock_, ids_};
  bus::InprocBus bus_{backend_};
  std::shared_ptr<RecordingSink> sink_ = std::make_shared<RecordingSink>();
};

inline std::vector<int64_t> HistoryIds(const bus::Subscribed& subscribed) {
  std::vector<int64_t> ids;
  for (const auto& event : subscribed.history) {
    ids.push_back(event->notification ? event->notification->id : event->command->id);
  }
  return ids;
}

}  // namespace dh::backend::test
