#pragma once
// Small ASCII string helpers shared by the parsers.
#include <string>
#include <string_view>
#include <vector>

namespace dh::core {

bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLower(std::string_view text);
std::string_view Trim(std::string_view text);
// Splits on `sep`, trimming each part and dropping empty parts ("a, b,,c" -> a b c).
std::vector<std::string> SplitList(std::string_view text, char sep = ',');

}  // namespace dh::core
