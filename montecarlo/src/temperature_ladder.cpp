#include "dhn/montecarlo/temperature_ladder.hpp"

#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "dhn/model/parameter_error.hpp"
#include "shortest_text.hpp"

namespace dhn::montecarlo {

namespace {

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  std::stringstream stream{std::string(text)};
  std::string part;
  while (std::getline(stream, part, sep)) parts.push_back(part);
  if (!text.empty() && text.back() == sep) parts.emplace_back();
  return parts;
}

// The text of one option: its errors name the option and end with the accepted forms.
struct OptionText {
  const char* parameter;  // "temps" | "windows"
  const char* accepted;   // "accepted: ..."

  [[noreturn]] void reject(const std::string& detail) const {
    throw ParameterError(parameter, ": " + detail + " (" + accepted + ")");
  }
  double number(const std::string& token) const {
    double value = NAN;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (token.empty() || error != std::errc() || end != token.data() + token.size() ||
        !std::isfinite(value)) {
      reject("'" + token + "' is not a finite number");
    }
    return value;
  }
  int count(const std::string& token, int minimum) const {
    int value = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (token.empty() || error != std::errc() || end != token.data() + token.size() ||
        value < minimum) {
      reject("count '" + token + "' is not an integer >= " + std::to_string(minimum));
    }
    return value;
  }
};

constexpr OptionText kTemps{"temps",
                            "accepted: Tmin:Tmax:count (geometric) or T1,T2,... with T > 0"};
constexpr OptionText kWindows{"windows",
                              "accepted: lo:hi:count with -1 <= lo < hi <= 1, count >= 2"};

}  // namespace

std::vector<double> parse_ladder(std::string_view text) {
  if (text.empty()) kTemps.reject("the ladder is empty");
  if (text.find(':') == std::string_view::npos) {
    std::vector<double> T;
    for (const std::string& part : split(text, ',')) T.push_back(kTemps.number(part));
    return T;  // checked by validate_ladder (validate of tempering_parameters.hpp)
  }
  const std::vector<std::string> parts = split(text, ':');
  if (parts.size() != 3) {
    kTemps.reject("'" + std::string(text) + "' must have the form Tmin:Tmax:count");
  }
  const double lo = kTemps.number(parts[0]);
  const double hi = kTemps.number(parts[1]);
  return geometric_ladder(lo, hi, kTemps.count(parts[2], 1));
}

UmbrellaWindows parse_windows(std::string_view text) {
  const std::vector<std::string> parts = split(text, ':');
  if (parts.size() != 3) kWindows.reject("'" + std::string(text) + "' is malformed");
  const double lo = kWindows.number(parts[0]);
  const double hi = kWindows.number(parts[1]);
  const int count = kWindows.count(parts[2], 2);
  UmbrellaWindows w;
  const double d = (hi - lo) / (count + 1);
  for (int k = 0; k < count; ++k) {
    w.lo.push_back(lo + k * d);
    w.hi.push_back(k + 1 == count ? hi : lo + (k + 2) * d);
  }
  return w;
}

std::vector<double> geometric_ladder(double T_min, double T_max, int count) {
  if (count < 1) {
    throw ParameterError("temps",
                         ": " + std::to_string(count) + " temperatures: accepted count >= 1");
  }
  if (!(std::isfinite(T_min) && T_min > 0.0) || !(std::isfinite(T_max) && T_max > 0.0)) {
    throw ParameterError("temps", ": T_min = " + shortest_text(T_min) + ", T_max = " +
                                      shortest_text(T_max) + ": accepted 0 < T < infinity");
  }
  if (count == 1 ? T_min != T_max : !(T_min < T_max)) {
    throw ParameterError("temps",
                         ": T_min = " + shortest_text(T_min) + ", T_max = " + shortest_text(T_max) +
                             " with " + std::to_string(count) +
                             " temperatures: accepted T_min < T_max (T_min = T_max for one)");
  }
  std::vector<double> T(static_cast<std::size_t>(count));
  const double ratio = T_max / T_min;
  for (int k = 0; k < count; ++k) {
    T[k] = k == 0           ? T_min
           : k == count - 1 ? T_max
                            : T_min * std::pow(ratio, static_cast<double>(k) / (count - 1));
  }
  validate_ladder(T);  // rounding cannot reorder a strictly increasing geometric sequence: check
  return T;
}

void validate_ladder(const std::vector<double>& T) {
  if (T.empty()) throw ParameterError("temps", ": the ladder is empty (accepted: >= 1 value)");
  for (std::size_t k = 0; k < T.size(); ++k) {
    if (!(std::isfinite(T[k]) && T[k] > 0.0)) {
      throw ParameterError(
          "temps", ": T = " + shortest_text(T[k]) + " is out of range: accepted 0 < T < infinity");
    }
    if (k > 0 && !(T[k] > T[k - 1])) {
      throw ParameterError("temps", ": T = " + shortest_text(T[k]) + " after " +
                                        shortest_text(T[k - 1]) +
                                        ": accepted strictly increasing values");
    }
  }
}

}  // namespace dhn::montecarlo
