// The exact finite-N overlap curves of one pattern (alpha -> 0) against temperature, from the
// binomial sum: the reference that Monte Carlo at small load must reproduce at each N.
#pragma once

#include <vector>

#include "dhn/model/model.hpp"

namespace dhn::theory {

// One curve at fixed N and field h, one entry per temperature (docs/derivations/transport.md
// section 2). T and h in convention B; the variant of `model` picks the signal term (its alpha
// is ignored: one pattern).
struct FiniteNOverlapCurve {
  int N = 0;
  double h = 0.0;
  std::vector<double> T;          // as asked
  std::vector<double> m;          // <m> (0 at h = 0 for even P, by symmetry)
  std::vector<double> abs_m;      // <|m|>: what a simulation at h = 0 reports as m
  std::vector<double> m_squared;  // <m^2>
};

// Throws std::invalid_argument naming the parameter for a temperature that is not finite and
// > 0, or for P, N as finite_n_signal_pressure does.
FiniteNOverlapCurve finite_n_overlap_curve(const Model& model, int N, const std::vector<double>& T,
                                           double h = 0.0);

}  // namespace dhn::theory
