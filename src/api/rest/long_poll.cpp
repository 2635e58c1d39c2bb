#include "api/rest/long_poll.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "api/json/message_views.hpp"

namespace dh::api::rest {

namespace asio = boost::asio;

class LongPoll final : public bus::EventSink, public std::enable_shared_from_this<LongPoll> {
 public:
  LongPoll(const PollContext& context, PollRender render, DeferredReply reply)
      : bus_(context.bus),
        polls_(context.polls),
        strand_(asio::make_strand(context.io)),
        timer_(strand_),
        render_(std::move(render)),
        reply_(std::move(reply)) {}

  ~LongPoll() override { polls_.Remove(this); }

  void Start(std::chrono::seconds wait, PollSubscribe subscribe) {
    polls_.Add(shared_from_this());
    subscribe(shared_from_this(), [self = shared_from_this(),
                                   wait](core::Result<bus::Subscribed> subscribed) {
      asio::dispatch(self->strand_, [self, wait, subscribed = std::move(subscribed)]() mutable {
        self->OnSubscribed(wait, std::move(subscribed));
      });
    });
  }

  void Deliver(int64_t, const bus::EventPtr& event) override {
    asio::post(strand_, [self = shared_from_this(), event] { self->Finish({event}); });
  }

  void Cancel() {
    asio::post(strand_, [self = shared_from_this()] { self->Finish({}); });
  }

 private:
  void OnSubscribed(std::chrono::seconds wait, core::Result<bus::Subscribed> subscribed) {
    if (finished_) {
      // An event (or a shutdown) answered before the subscription's id was known.
      if (subscribed && subscribed->subscription_id != 0) {
        bus_.Unsubscribe({subscribed->subscription_id});
      }
      return;
    }
    if (!subscribed) {
      finished_ = true;
      return reply_(Reply(subscribed.error()));
    }
    subscription_id_ = subscribed->subscription_id;
    // Id 0: nothing was registered (e.g. the command to wait for is not stored), so nothing
    // can arrive.
    if (!subscribed->history.empty() || wait.count() == 0 || subscription_id_ == 0) {
      return Finish(std::move(subscribed->history));
    }
    timer_.expires_after(wait);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->Finish({});
    });
  }

  void Finish(std::vector<bus::EventPtr> events) {
    if (finished_) return;
    finished_ = true;
    timer_.cancel();
    if (subscription_id_ != 0) bus_.Unsubscribe({subscription_id_});
    reply_(render_(events));
  }

  bus::Bus& bus_;
  PollSet& polls_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer timer_;
  PollRender render_;
  DeferredReply reply_;
  int64_t subscription_id_ = 0;
  bool finished_ = false;
};

void PollSet::Add(const std::shared_ptr<LongPoll>& poll) {
  std::lock_guard lock(mutex_);
  polls_[poll.get()] = poll;
}

void PollSet::Remove(const LongPoll* poll) {
  std::lock_guard lock(mutex_);
  polls_.erase(poll);
}

void PollSet::FinishAll() {
  std::vector<std::shared_ptr<LongPoll>> pending;
  {
    std::lock_guard lock(mutex_);
    for (auto& [raw, weak] : polls_) {
      if (auto poll = weak.lock()) pending.push_back(std::move(poll));
    }
  }
  for (auto& poll : pending) poll->Cancel();
}

void StartLongPoll(const PollContext& context, std::chrono::seconds wait, PollSubscribe subscribe,
                   PollRender render, DeferredReply reply) {
  auto poll = std::make_shared<LongPoll>(context, std::move(render), std::move(reply));
  poll->Start(wait, std::move(subscribe));
}

core::Result<std::chrono::seconds> ParseWaitTimeout(const QueryParams& query) {
  DH_TRY(auto wait, query.Int("waitTimeout"));
  if (!wait) return std::chrono::seconds(30);
  if (*wait > 60) {
    return core::Fail(core::Errc::kBadRequest, "Timeout can't be more than 60 seconds. ");
  }
  if (*wait < 0) {
    return core::Fail(core::Errc::kBadRequest, "Timeout can't be less than 0 seconds. ");
  }
  return std::chrono::seconds(*wait);
}

Reply EventArray(const std::vector<bus::EventPtr>& events) {
  Reply reply(200, "[");
  for (size_t i = 0; i < events.size(); ++i) {
    if (i > 0) reply.body.push_back(',');
    reply.body += json::ClientView(*events[i]);
  }
  reply.body.push_back(']');
  return reply;
}

}  // namespace dh::api::rest
