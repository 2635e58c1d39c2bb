#pragma once
// REST long polling (spec §3.2 poll semantics): a poll registers a subscription, answers at once
// with its history when there is any, else with the first live event, else with `render({})`
// when the wait times out (or at once when nothing was registered). It removes its subscription
// when it answers. Pending polls are kept
// in a PollSet so a shutting-down server can answer them all at once.
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "api/rest/call.hpp"
#include "bus/bus.hpp"
#include "core/clock.hpp"

namespace dh::api::rest {

class LongPoll;

// The polls in progress. Thread-safe.
class PollSet {
 public:
  void Add(const std::shared_ptr<LongPoll>& poll);
  void Remove(const LongPoll* poll);
  // Answers every pending poll as if its wait had timed out.
  void FinishAll();

 private:
  std::mutex mutex_;
  std::map<const LongPoll*, std::weak_ptr<LongPoll>> polls_;
};

// Renders the answer: the events received (empty when the wait timed out).
using PollRender = std::function<Reply(const std::vector<bus::EventPtr>& events)>;
// Registers the poll's subscription (bus Subscribe or WaitCommand) with `sink`.
using PollSubscribe =
    std::function<void(std::shared_ptr<bus::EventSink> sink, bus::Done<bus::Subscribed> done)>;

struct PollContext {
  boost::asio::io_context& io;
  bus::Bus& bus;
  PollSet& polls;
  const core::Clock& clock;
};

// Starts a poll that answers through `reply`; `wait` 0 answers with the history at once.
void StartLongPoll(const PollContext& context, std::chrono::seconds wait, PollSubscribe subscribe,
                   PollRender render, DeferredReply reply);

// DeviceHive's waitTimeout (seconds, default 30, 0..60), with its 400 messages.
core::Result<std::chrono::seconds> ParseWaitTimeout(const QueryParams& query);

// A JSON array of the events' client views.
Reply EventArray(const std::vector<bus::EventPtr>& events);

}  // namespace dh::api::rest
