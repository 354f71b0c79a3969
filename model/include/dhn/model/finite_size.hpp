// The exact finite-N signal energy of the cued pattern against its N -> infinity form
// (physics.md section 10): what a finite-N comparison adds to the theory's f(m) before any
// extrapolation in N.
#pragma once

#include <cmath>

#include "dhn/model/elementary_symmetric.hpp"
#include "dhn/model/model.hpp"

namespace dhn {

// Per spin, convention B: [-e_P(S)/N^(P-1) + N m^P/P!] / N at S = N m for the distinct variant
// (e_P of physics.md section 1, exact in S and N; S need not be an integer here), 0 for the full
// variant, whose signal -N m^P/P! is exact at every N.
inline double signal_energy_correction(const Model& model, int N, double m) {
  if (model.variant == Variant::full) return 0.0;
  const double n = static_cast<double>(N);
  const double exact = -elementary_symmetric_real(model.P, n * m, n) / std::pow(n, model.P - 1);
  return (exact + n * std::pow(m, model.P) / factorial(model.P)) / n;
}

}  // namespace dhn
