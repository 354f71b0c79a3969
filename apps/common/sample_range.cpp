#include "sample_range.hpp"

#include <charconv>
#include <string_view>

#include "dhn/model/parameter_error.hpp"

namespace dhn::cli {

namespace {
// A decimal integer filling the whole of text, or -1.
long long whole_integer(std::string_view text) {
  long long value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return -1;
  return value;
}
}  // namespace

SampleRange parse_sample_range(const std::string& text, int samples) {
  const std::string accepted =
      " (accepted: a:b with 0 <= a < b <= samples = " + std::to_string(samples) +
      ", half-open: samples a .. b-1)";
  const std::size_t colon = text.find(':');
  const long long a = colon == std::string::npos ? -1 : whole_integer({text.data(), colon});
  const long long b =
      colon == std::string::npos ? -1 : whole_integer(std::string_view(text).substr(colon + 1));
  if (a < 0 || b < 0)
    throw ParameterError("sample-range", ": '" + text + "' is malformed" + accepted);
  if (a >= b || b > samples)
    throw ParameterError("sample-range", " = " + text + " is out of range" + accepted);
  return {static_cast<int>(a), static_cast<int>(b)};
}

}  // namespace dhn::cli
