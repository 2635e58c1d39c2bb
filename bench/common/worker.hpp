#pragma once
// A load thread: one io_context run by one thread, so the connections it drives and the
// statistics they record need no locks. The main thread only posts work to it and reads its
// results after Join().
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <optional>
#include <thread>
#include <utility>

namespace dh::bench {

class Worker {
 public:
  Worker();
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  boost::asio::io_context& io() { return io_; }
  // Starts the thread; it runs handlers until Join().
  void Start();
  // Runs `f` on the worker thread.
  template <class F>
  void Post(F&& f) {
    boost::asio::post(io_, std::forward<F>(f));
  }
  // Stops the io_context (pending handlers are dropped) and joins the thread. Idempotent.
  void Join();

 private:
  boost::asio::io_context io_{1};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard_;
  std::thread thread_;
};

}  // namespace dh::bench
