#include "bus/event.hpp"

namespace dh::bus {

EventPtr MakeEvent(hotstore::NotificationPtr notification) {
  auto event = std::make_shared<Event>();
  event->kind = EventKind::kNotification;
  event->notification = std::move(notification);
  return event;
}

EventPtr MakeEvent(EventKind kind, hotstore::CommandPtr command) {
  auto event = std::make_shared<Event>();
  event->kind = kind;
  event->command = std::move(command);
  return event;
}

}  // namespace dh::bus
