#include "mqtt/broker/session.hpp"

#include <algorithm>
#include <utility>

#include "mqtt/codec/ack.hpp"
#include "mqtt/codec/fixed_header.hpp"

namespace dh::mqtt {
namespace {

void AppendU16(uint16_t value, std::string& out) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value & 0xFF));
}

// Encodes straight from the shared message: no intermediate Publish copy of topic and payload.
std::string EncodePublishOf(const Message& message, uint8_t qos, bool retain, bool dup,
                            uint16_t packet_id) {
  const size_t body = 2 + message.topic.size() + (qos > 0 ? 2 : 0) + message.payload.size();
  std::string out;
  out.reserve(body + 5);
  const auto flags = static_cast<uint8_t>((dup ? 0x08 : 0) | (qos << 1) | (retain ? 0x01 : 0));
  AppendFixedHeader(PacketType::kPublish, flags, body, out);
  AppendU16(static_cast<uint16_t>(message.topic.size()), out);
  out += message.topic;
  if (qos > 0) AppendU16(packet_id, out);
  out += message.payload;
  return out;
}

}  // namespace

void Session::Attach(std::shared_ptr<Link> link) {
  std::lock_guard lock(mutex_);
  link_ = link;
  for (uint16_t id : order_) {
    const auto& out = inflight_.at(id);
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
      link->Send(EncodePublishOf(*message, 0, retain, false, 0), true);
    } else {
      ++dropped_;
    }
    return;
  }
  const auto link = link_.lock();
  if (link && (!pending_ || pending_->empty()) && inflight_.size() < limits_.max_inflight) {
    // The common case: attached, a free in-flight slot and nobody queued ahead. (Detached, the
    // message queues: in flight means sent, else Attach would "resend" it with DUP set.)
    const uint16_t id = NextId();
    auto& out = inflight_.emplace(id, Outgoing{message, qos, retain}).first->second;
    order_.push_back(id);
    SendPublish(*link, id, out, false);
    return;
  }
  if (!pending_) pending_ = std::make_unique<std::deque<Outgoing>>();
  if (pending_->size() >= limits_.max_queued) {
    pending_->pop_front();
    ++dropped_;
  }
  pending_->push_back(Outgoing{message, qos, retain});
  Drain();
}

void Session::Drain() {
  if (!pending_) return;
  // Only while attached: a message goes in flight as it is sent, so one queued while the client
  // was away is sent first on Attach with DUP clear, not "resent" with DUP set.
  const auto link = link_.lock();
  if (!link) return;
  while (!pending_->empty() && inflight_.size() < limits_.max_inflight) {
    const uint16_t id = NextId();
    auto& out = inflight_.emplace(id, std::move(pending_->front())).first->second;
    pending_->pop_front();
    order_.push_back(id);
    SendPublish(*link, id, out, false);
  }
  if (pending_->empty()) pending_.reset();
}

uint16_t Session::NextId() {
  do {
    next_id_ = static_cast<uint16_t>(next_id_ + 1);
  } while (next_id_ == 0 || inflight_.count(next_id_) > 0);
  return next_id_;
}

void Session::SendPublish(Link& link, uint16_t packet_id, const Outgoing& out, bool dup) {
  link.Send(EncodePublishOf(*out.message, out.qos, out.retain, dup, packet_id), false);
}

void Session::SendPubRel(Link& link, uint16_t packet_id) {
  std::string packet;
  EncodeAck(Ack{PacketType::kPubRel, packet_id}, packet);
  link.Send(std::move(packet), false);
}

void Session::OnPubAck(uint16_t packet_id) {
  std::lock_guard lock(mutex_);
  const auto it = inflight_.find(packet_id);
  if (it == inflight_.end() || it->second.qos != 1) return;  // unknown: ignore (§4.3.2)
  inflight_.erase(it);
  order_.erase(std::find(order_.begin(), order_.end(), packet_id));
  Drain();
}

void Session::OnPubRec(uint16_t packet_id) {
  std::lock_guard lock(mutex_);
  const auto it = inflight_.find(packet_id);
  if (it != inflight_.end() && it->second.qos == 2) {
    it->second.released = true;
    it->second.message.reset();  // the payload is delivered; only the id remains
  }
  // An unknown id is still answered, so the client can finish its flow [MQTT-4.3.3-1].
  if (auto link = link_.lock()) SendPubRel(*link, packet_id);
}

void Session::OnPubComp(uint16_t packet_id) {
  std::lock_guard lock(mutex_);
  const auto it = inflight_.find(packet_id);
  if (it == inflight_.end() || !it->second.released) return;
  inflight_.erase(it);
  order_.erase(std::find(order_.begin(), order_.end(), packet_id));
  Drain();
}

bool Session::ReceiveQos2(uint16_t packet_id) {
  std::lock_guard lock(mutex_);
  return incoming_qos2_.insert(packet_id).second;
}

void Session::ReleaseQos2(uint16_t packet_id) {
  std::lock_guard lock(mutex_);
  incoming_qos2_.erase(packet_id);
}

uint64_t Session::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

}  // namespace dh::mqtt
