#include "mqtt/broker/session.hpp"

#include <algorithm>
#include <utility>

#include "mqtt/codec/ack.hpp"

namespace dh::mqtt {

Session::Flow& Session::flow() {
  if (!flow_) flow_ = std::make_unique<Flow>();
  return *flow_;
}

void Session::Attach(std::shared_ptr<Link> link) {
  std::lock_guard lock(mutex_);
  link_ = link;
  if (!flow_) return;
  for (uint16_t id : flow_->order) {
    const auto& out = flow_->inflight.at(id);
    if (out.released) {
      SendPubRel(*link, id);
    } else {
      SendPublish(*link, id, out, true);
    }
  }
  Drain();
}

void Session::Detach(const Link* link) {
  std::lock_guard lock(mutex_);
  if (link_.lock().get() == link) link_.reset();
}

std::shared_ptr<Link> Session::Release() {
  std::lock_guard lock(mutex_);
  return std::exchange(link_, {}).lock();
}

bool Session::attached() const {
  std::lock_guard lock(mutex_);
  return !link_.expired();
}

void Session::Deliver(const MessagePtr& message, uint8_t qos, bool retain) {
  std::lock_guard lock(mutex_);
  if (qos == 0) {
    if (auto link = link_.lock()) {
      link->SendPublish(message, PublishHeader{0, retain, false, 0});
    } else {
      ++dropped_;
    }
    return;
  }
  const auto link = link_.lock();
  Flow& f = flow();
  if (link && (!f.pending || f.pending->empty()) && f.inflight.size() < limits_.max_inflight) {
    // The common case: attached, a free in-flight slot and nobody queued ahead. (Detached, the
    // message queues: in flight means sent, else Attach would "resend" it with DUP set.)
    const uint16_t id = NextId();
    auto& out = f.inflight.emplace(id, Outgoing{message, qos, retain}).first->second;
    f.order.push_back(id);
    SendPublish(*link, id, out, false);
    return;
  }
  if (!f.pending) f.pending = std::make_unique<std::deque<Outgoing>>();
  if (f.pending->size() >= limits_.max_queued) {
    f.pending->pop_front();
    ++dropped_;
  }
  f.pending->push_back(Outgoing{message, qos, retain});
  Drain();
}

void Session::Drain() {
  if (!flow_ || !flow_->pending) return;
  Flow& f = *flow_;
  // Only while attached: a message goes in flight as it is sent, so one queued while the client
  // was away is sent first on Attach with DUP clear, not "resent" with DUP set.
  const auto link = link_.lock();
  if (!link) return;
  while (!f.pending->empty() && f.inflight.size() < limits_.max_inflight) {
    const uint16_t id = NextId();
    auto& out = f.inflight.emplace(id, std::move(f.pending->front())).first->second;
    f.pending->pop_front();
    f.order.push_back(id);
    SendPublish(*link, id, out, false);
  }
  if (f.pending->empty()) f.pending.reset();
}

uint16_t Session::NextId() {
  do {
    next_id_ = static_cast<uint16_t>(next_id_ + 1);
  } while (next_id_ == 0 || flow_->inflight.count(next_id_) > 0);
  return next_id_;
}

void Session::SendPublish(Link& link, uint16_t packet_id, const Outgoing& out, bool dup) {
  link.SendPublish(out.message, PublishHeader{out.qos, out.retain, dup, packet_id});
}

void Session::SendPubRel(Link& link, uint16_t packet_id) {
  std::string packet;
  EncodeAck(Ack{PacketType::kPubRel, packet_id}, packet);
  link.Send(std::move(packet), false);
}

void Session::OnPubAck(uint16_t packet_id) {
  std::lock_guard lock(mutex_);
  if (!flow_) return;
  Flow& f = *flow_;
  const auto it = f.inflight.find(packet_id);
  if (it == f.inflight.end() || it->second.qos != 1) return;  // unknown: ignore (§4.3.2)
  f.inflight.erase(it);
  f.order.erase(std::find(f.order.begin(), f.order.end(), packet_id));
  Drain();
}

void Session::OnPubRec(uint16_t packet_id) {
  std::lock_guard lock(mutex_);
  if (flow_) {
    const auto it = flow_->inflight.find(packet_id);
    if (it != flow_->inflight.end() && it->second.qos == 2) {
      it->second.released = true;
      it->second.message.reset();  // the payload is delivered; only the id remains
    }
  }
  // An unknown id is still answered, so the client can finish its flow [MQTT-4.3.3-1].
  if (auto link = link_.lock()) SendPubRel(*link, packet_id);
}

void Session::OnPubComp(uint16_t packet_id) {
  std::lock_guard lock(mutex_);
  if (!flow_) return;
  Flow& f = *flow_;
  const auto it = f.inflight.find(packet_id);
  if (it == f.inflight.end() || !it->second.released) return;
  f.inflight.erase(it);
  f.order.erase(std::find(f.order.begin(), f.order.end(), packet_id));
  Drain();
}

bool Session::ReceiveQos2(uint16_t packet_id) {
  std::lock_guard lock(mutex_);
  return flow().incoming_qos2.insert(packet_id).second;
}

void Session::ReleaseQos2(uint16_t packet_id) {
  std::lock_guard lock(mutex_);
  if (flow_) flow_->incoming_qos2.erase(packet_id);
}

uint64_t Session::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

}  // namespace dh::mqtt
