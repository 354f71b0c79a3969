// One quantity on the (alpha, T) grid of the phase diagram: a dense row-major n_alpha x n_T
// matrix with NaN where the solution does not exist.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

namespace dhn::theory {

// A dense row-major n_alpha x n_T matrix; element (i, j) belongs to alpha[i], T[j].
struct GridField {
  std::size_t n_alpha = 0;
  std::size_t n_T = 0;
  std::vector<double> values;  // NaN where the solution does not exist
  GridField() = default;
  GridField(std::size_t na, std::size_t nt) : n_alpha(na), n_T(nt), values(na * nt, NAN) {}
  double& operator()(std::size_t i, std::size_t j) { return values[i * n_T + j]; }
  double operator()(std::size_t i, std::size_t j) const { return values[i * n_T + j]; }
};

// n points evenly spaced on [lo, hi], both included (n >= 2): lo + (hi - lo) k / (n - 1).
inline std::vector<double> linear_points(double lo, double hi, int n) {
  std::vector<double> grid(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) grid[static_cast<std::size_t>(k)] = lo + (hi - lo) * k / (n - 1);
  return grid;
}

}  // namespace dhn::theory
