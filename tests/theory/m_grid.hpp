// The evenly spaced grid lo, lo + step, ..., hi of the Landau tests (both levels).
#pragma once

#include <vector>

namespace dhn::theory::testing {

inline std::vector<double> grid(double lo, double hi, double step) {
  std::vector<double> m;
  for (int k = 0; lo + k * step <= hi + 1e-12; ++k) m.push_back(lo + k * step);
  return m;
}

}  // namespace dhn::theory::testing
