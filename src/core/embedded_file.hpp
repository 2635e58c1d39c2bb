#pragma once
// A file compiled into the binary by cmake/DhEmbed.cmake (e.g. SQL migrations).
#include <span>
#include <string_view>

namespace dh::core {

struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

}  // namespace dh::core
