#include "ladder_spec.hpp"

#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "dhn/montecarlo/temperature_ladder.hpp"

namespace dhn::cli {
namespace {

constexpr const char* kAccepted = "accepted: Tmin:Tmax:count (geometric) or T1,T2,... with T > 0";

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, sep)) parts.push_back(part);
  if (!text.empty() && text.back() == sep) parts.emplace_back();
  return parts;
}

double parse_number(const std::string& token, const std::string& flag) {
  double value = NAN;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (token.empty() || error != std::errc() || end != token.data() + token.size() ||
      !std::isfinite(value)) {
    throw std::invalid_argument(flag + ": '" + token + "' is not a finite number (" + kAccepted +
                                ")");
  }
  return value;
}

}  // namespace

std::vector<double> parse_ladder(const std::string& text, const std::string& flag) {
  if (text.empty()) throw std::invalid_argument(flag + ": the ladder is empty (" + kAccepted + ")");
  try {
    if (text.find(':') != std::string::npos) {
      const std::vector<std::string> parts = split(text, ':');
      if (parts.size() != 3) {
        throw std::invalid_argument("'" + text + "' must have the form Tmin:Tmax:count");
      }
      const double lo = parse_number(parts[0], flag);
      const double hi = parse_number(parts[1], flag);
      int count = 0;
      const auto [end, error] =
          std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), count);
      if (parts[2].empty() || error != std::errc() || end != parts[2].data() + parts[2].size() ||
          count < 1) {
        throw std::invalid_argument("count '" + parts[2] + "' is not an integer >= 1");
      }
      return montecarlo::geometric_ladder(lo, hi, count);
    }
    std::vector<double> T;
    for (const std::string& part : split(text, ',')) T.push_back(parse_number(part, flag));
    montecarlo::validate_ladder(T);
    return T;
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    if (what.rfind(flag, 0) == 0) throw;
    throw std::invalid_argument(flag + ": " + what + " (" + kAccepted + ")");
  }
}

}  // namespace dhn::cli
