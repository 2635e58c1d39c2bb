#pragma once
// Networks and device types have the same shape (id, name, description) and the same rules;
// a tag keeps the two apart in the type system.
#include <cstdint>
#include <optional>
#include <string>

namespace dh::domain {

template <class Tag>
struct NamedEntity {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> description;
};

struct NetworkTag {};
struct DeviceTypeTag {};
using Network = NamedEntity<NetworkTag>;
using DeviceType = NamedEntity<DeviceTypeTag>;

}  // namespace dh::domain
