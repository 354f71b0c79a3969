#include "dhn/montecarlo/temperature_ladder.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dhn::montecarlo {

namespace {
// Shortest text that reads back as the same double.
std::string number(double x) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}
}  // namespace

std::vector<double> geometric_ladder(double T_min, double T_max, int count) {
  if (count < 1) {
    throw std::invalid_argument("temperature ladder: " + std::to_string(count) +
                                " temperatures: accepted count >= 1");
  }
  if (!(std::isfinite(T_min) && T_min > 0.0) || !(std::isfinite(T_max) && T_max > 0.0)) {
    throw std::invalid_argument("temperature ladder: T_min = " + number(T_min) +
                                ", T_max = " + number(T_max) + ": accepted 0 < T < infinity");
  }
  if (count == 1 ? T_min != T_max : !(T_min < T_max)) {
    throw std::invalid_argument("temperature ladder: T_min = " + number(T_min) +
                                ", T_max = " + number(T_max) + " with " + std::to_string(count) +
                                " temperatures: accepted T_min < T_max (T_min = T_max for one)");
  }
  std::vector<double> T(static_cast<std::size_t>(count));
  const double ratio = T_max / T_min;
  for (int k = 0; k < count; ++k) {
    T[k] = k == 0           ? T_min
           : k == count - 1 ? T_max
                            : T_min * std::pow(ratio, static_cast<double>(k) / (count - 1));
  }
  validate_ladder(
      T);  // rounding cannot reorder a strictly increasing geometric sequence, but check
  return T;
}

void validate_ladder(const std::vector<double>& T) {
  if (T.empty()) throw std::invalid_argument("temperature ladder is empty: accepted >= 1 value");
  for (std::size_t k = 0; k < T.size(); ++k) {
    if (!(std::isfinite(T[k]) && T[k] > 0.0)) {
      throw std::invalid_argument("temperature ladder: T = " + number(T[k]) +
                                  " is out of range: accepted 0 < T < infinity");
    }
    if (k > 0 && !(T[k] > T[k - 1])) {
      throw std::invalid_argument("temperature ladder: T = " + number(T[k]) + " after " +
                                  number(T[k - 1]) + ": accepted strictly increasing values");
    }
  }
}

}  // namespace dhn::montecarlo
