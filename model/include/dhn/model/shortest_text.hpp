// The shortest decimal text of a double that reads back as the same double: what error messages
// and checkpoint comparisons print (1e+308, not 309 digits; 0.1, not 0.100000).
#pragma once

#include <charconv>
#include <string>

namespace dhn {

inline std::string shortest_text(double x) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

}  // namespace dhn
