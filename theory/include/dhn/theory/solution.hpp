// The result object of every RS solve: the point, its free energy, the true residual,
// the iteration count, a converged flag and local stability.
#pragma once

#include <cmath>
#include <string_view>

namespace dhn::theory {

struct RsSolution {
  double m = NAN;              // Mattis magnetisation of the cued pattern
  double q = NAN;              // Edwards-Anderson overlap
  double f = NAN;              // free energy per spin (convention B)
  double u = NAN;              // energy per spin, d(beta f)/d beta
  double s = NAN;              // entropy per spin, beta (u - f)
  double beta = NAN;           // inverse temperature (convention B)
  double residual = INFINITY;  // max(|E tanh h - m|, |E tanh^2 h - q|) at (m, q)
  int iterations = 0;          // fixed-point plus Newton iterations spent
  bool converged = false;      // residual below the requested tolerance
  bool stable = false;  // eigenvalues of dF/d(m, q) have real part < 1 (no unstable fold side)
  std::string_view method = "";  // how it was reached: "newton", "iteration+newton", ...

  explicit operator bool() const { return converged; }
};

}  // namespace dhn::theory
