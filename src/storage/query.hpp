#pragma once
// Shared pieces of storage queries: paging, ordering, and the visibility scope a principal's
// rights translate to (built by auth/access.hpp; storage only applies it).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dh::storage {

enum class SortOrder { kAsc, kDesc };

struct Page {
  std::optional<int64_t> take;  // nullopt: no limit
  int64_t skip = 0;
};

// Which rows of one kind (networks or device types) are visible. Default: all of them.
struct Visibility {
  std::optional<int64_t> linked_user;       // only rows linked to this user
  std::optional<std::vector<int64_t>> ids;  // only these ids (may be empty: nothing)
};

// Devices are visible when their network and their device type both are.
struct DeviceScope {
  Visibility networks;
  Visibility device_types;
};

// Filters on a name column: exact name and/or an SQL LIKE pattern (% and _, case-sensitive).
struct NameFilter {
  std::optional<std::string> name;
  std::optional<std::string> name_pattern;
};

}  // namespace dh::storage
