#pragma once
// Helpers for the notification, command, poll, device-event and hot-store tests: device paths,
// fixed past timestamps (far from the server's clock, so "now"-based polls never see them),
// requests sent in the background while a long poll is pending, and elapsed time.
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <future>
#include <string>
#include <vector>

#include "server_test.hpp"

namespace dh::test {

using SteadyClock = std::chrono::steady_clock;

inline std::string DevicePath(const std::string& device_id) {
  return "/api/rest/device/" + device_id;
}

// "2021-06-01T12:MM:SS.000" for `second` seconds after 2021-06-01T12:00:00 (below an hour).
inline std::string PastTime(int second) {
  char text[32];
  std::snprintf(text, sizeof text, "2021-06-01T12:%02d:%02d.000", second / 60, second % 60);
  return text;
}

// Sends `target` as GET on a connection of its own, in the background.
inline std::future<HttpResult> GetAsync(uint16_t port, std::string token, std::string target) {
  return std::async(std::launch::async,
                    [port, token = std::move(token), target = std::move(target)]() mutable {
                      HttpClient client(port);
                      client.set_token(std::move(token));
                      return client.Get(target);
                    });
}

// Repeats `act` (an insert, an update...) until the pending request is answered, leaving
// 200 ms between rounds, and returns the answer. Repeating, rather than acting once after a
// sleep, is how a test knows some act happened after the server registered the poll: the
// server does not show when it has. Fails the test if no answer comes within `deadline`.
inline HttpResult RepeatUntilAnswered(std::future<HttpResult>& pending,
                                      const std::function<void()>& act,
                                      std::chrono::seconds deadline = std::chrono::seconds(30)) {
  const auto give_up = SteadyClock::now() + deadline;
  while (SteadyClock::now() < give_up) {
    act();
    if (pending.wait_for(std::chrono::milliseconds(200)) == std::future_status::ready) {
      return pending.get();
    }
  }
  ADD_FAILURE() << "the poll was not answered within " << deadline.count() << " s";
  return pending.get();
}

inline double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// The JSON array of a 200 answer (empty after a failed expectation).
inline boost::json::array ArrayOf(const HttpResult& result) {
  EXPECT_EQ(result.status, 200) << result.body;
  if (result.status != 200) return {};
  const auto body = result.json();
  EXPECT_TRUE(body.is_array()) << result.body;
  return body.is_array() ? body.as_array() : boost::json::array{};
}

// The values of `key` in each object of an array, as strings.
inline std::vector<std::string> FieldOf(const boost::json::array& items, const char* key) {
  std::vector<std::string> values;
  for (const auto& item : items) {
    const auto& value = item.at(key);
    values.push_back(value.is_string() ? std::string(value.as_string())
                                       : boost::json::serialize(value));
  }
  return values;
}

}  // namespace dh::test
