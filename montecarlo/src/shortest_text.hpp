// The shortest decimal text of a double that reads back as the same double (private to
// montecarlo/src): what error messages and checkpoint comparisons print.
#pragma once

#include <charconv>
#include <string>

namespace dhn::montecarlo {

inline std::string shortest_text(double x) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

}  // namespace dhn::montecarlo
