#pragma once
// The in-process bus: a direct call into the backend on the caller's thread. No serialisation,
// no copies: the stored items travel as shared immutable values.
#include "backend/backend.hpp"
#include "bus/bus.hpp"

namespace dh::bus {

class InprocBus final : public Bus {
 public:
  explicit InprocBus(backend::Backend& backend) : backend_(backend) {}

  void InsertNotification(domain::Notification notification,
                          Done<hotstore::NotificationPtr> done) override {
    done(backend_.InsertNotification(std::move(notification)));
  }
  void InsertCommand(domain::Command command, Done<hotstore::CommandPtr> done) override {
    done(backend_.InsertCommand(std::move(command)));
  }
  void UpdateCommand(CommandUpdate update, Done<hotstore::CommandPtr> done) override {
    done(backend_.UpdateCommand(update));
  }
  void SearchNotifications(hotstore::ListQuery query,
                           Done<std::vector<hotstore::NotificationPtr>> done) override {
    done(backend_.SearchNotifications(query));
  }
  void SearchCommands(hotstore::ListQuery query,
                      Done<std::vector<hotstore::CommandPtr>> done) override {
    done(backend_.SearchCommands(query));
  }
  void Subscribe(SubscribeRequest request, Done<Subscribed> done) override {
    done(backend_.Subscribe(std::move(request)));
  }
  void WaitCommand(std::string device_id, int64_t command_id, std::shared_ptr<EventSink> sink,
                   Done<Subscribed> done) override {
    done(backend_.WaitCommand(device_id, command_id, std::move(sink)));
  }
  void Unsubscribe(std::vector<int64_t> subscription_ids) override {
    backend_.Unsubscribe(subscription_ids);
  }
  void DropDevice(std::string device_id) override { backend_.DropDevice(device_id); }

 private:
  backend::Backend& backend_;
};

}  // namespace dh::bus
