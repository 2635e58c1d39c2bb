#pragma once
// Helpers shared by the notification and command routes (internal to api/rest).
#include <string>
#include <vector>

#include "api/rest/call.hpp"
#include "api/rest/long_poll.hpp"
#include "core/strings.hpp"
#include "hotstore/hotstore.hpp"

namespace dh::api::rest {

// A bus callback that answers a deferred call with `status` and `write(writer, value)`.
template <class T, class Write>
bus::Done<T> AnswerWith(DeferredReply reply, int status, Write write) {
  return [reply = std::move(reply), status, write](core::Result<T> result) {
    reply(JsonOr(result, status, write));
  };
}

// A list of items as a JSON array through `write_item`.
template <class Write>
auto ArrayOf(Write write_item) {
  return [write_item](core::JsonWriter& w, const auto& items) {
    w.BeginArray();
    for (const auto& item : items) write_item(w, *item);
    w.EndArray();
  };
}

// The list parameters of GET .../notification and .../command: start, end, name, sortOrder
// (default DESC), take (default 100; 0: all), skip. The caller sets the sort field.
core::Result<hotstore::ListQuery> ParseItemList(const QueryParams& query, const char* name_key);

// A comma-separated list of ids ("1,2"); 400 "Invalid request parameters" for non-numbers.
core::Result<std::optional<std::vector<int64_t>>> IdList(const QueryParams& query,
                                                         std::string_view key);

}  // namespace dh::api::rest
