#include "grid_spec.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace dhn::cli {
namespace {

double parse_number(const std::string& token, const std::string& flag) {
  std::size_t used = 0;
  double value = NAN;
  try {
    value = std::stod(token, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != token.size() || !std::isfinite(value)) {
    throw std::invalid_argument(flag + ": '" + token +
                                "' is not a finite number (accepted: start:stop:step or a,b,c)");
  }
  return value;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, sep)) parts.push_back(part);
  if (!text.empty() && text.back() == sep) parts.emplace_back();
  return parts;
}

}  // namespace

std::vector<double> parse_grid(const std::string& text, const std::string& flag) {
  if (text.empty())
    throw std::invalid_argument(flag + " is empty (accepted: start:stop:step or a,b,c)");
  std::vector<double> grid;
  if (text.find(':') != std::string::npos) {
    const std::vector<std::string> parts = split(text, ':');
    if (parts.size() != 3) {
      throw std::invalid_argument(flag + ": '" + text + "' must have the form start:stop:step");
    }
    const double start = parse_number(parts[0], flag);
    const double stop = parse_number(parts[1], flag);
    const double step = parse_number(parts[2], flag);
    if (!(step > 0.0)) {
      throw std::invalid_argument(flag + ": step " + parts[2] +
                                  " is out of range: accepted step > 0");
    }
    if (start > stop) {
      throw std::invalid_argument(flag + ": range " + text +
                                  " is reversed: accepted start <= stop with step > 0");
    }
    // Count points with a relative slack so that e.g. 0:0.035:0.0005 includes 0.035.
    const long n = static_cast<long>(std::floor((stop - start) / step * (1.0 + 1e-12) + 1e-9)) + 1;
    if (n > 1000000) throw std::invalid_argument(flag + ": more than 10^6 points requested");
    for (long k = 0; k < n; ++k) grid.push_back(start + static_cast<double>(k) * step);
  } else {
    const std::vector<std::string> tokens = split(text, ',');
    if (std::all_of(tokens.begin(), tokens.end(), [](const std::string& t) { return t.empty(); })) {
      throw std::invalid_argument(flag + " is empty (accepted: start:stop:step or a,b,c)");
    }
    for (const std::string& token : tokens) grid.push_back(parse_number(token, flag));
    for (std::size_t i = 1; i < grid.size(); ++i) {
      if (!(grid[i] > grid[i - 1])) {
        throw std::invalid_argument(flag + ": list '" + text + "' must be strictly increasing");
      }
    }
  }
  if (grid.empty()) throw std::invalid_argument(flag + " holds no point");
  return grid;
}

}  // namespace dhn::cli
