#pragma once
// The parameters notification/list and command/list share.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "hotstore/hotstore.hpp"

namespace dh::api::ws {

// deviceId, or a deviceIds array; neither: 400 "Device id is wrong or empty".
core::Result<std::vector<std::string>> ListDevices(const boost::json::object& request);
// start, end, a name (`name_key`) or a names array, sortOrder (default DESC), take (default 20),
// skip. The caller sets the sort field.
core::Result<hotstore::ListQuery> ListItems(const boost::json::object& request,
                                            const char* name_key);

}  // namespace dh::api::ws
