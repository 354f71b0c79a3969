// The exact finite-N signal energy of the cued pattern and the exact count of states at fixed m,
// against their N -> infinity forms (physics.md section 10): what a finite-N comparison adds to
// the theory's f(m) before any extrapolation in N. With both, f(m) at alpha = 0 becomes the
// exact one-pattern profile -(T/N) ln[C(N, N(1+m)/2) exp(-H(S)/T)].
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

// Per spin: -(T/N) [ln C(N, N(1+m)/2) - N s(m)], s(m) the N -> infinity entropy
// -(1+m)/2 ln((1+m)/2) - (1-m)/2 ln((1-m)/2): the finite-N count of the states at S = N m
// (C through lgamma, so S need not be an integer); 0 at m = +-1, where both vanish.
inline double entropy_count_correction(int N, double m, double T) {
  const double n = static_cast<double>(N);
  const double up = 0.5 * (1.0 + m), down = 0.5 * (1.0 - m);
  auto x_ln_x = [](double x) { return x > 0.0 ? x * std::log(x) : 0.0; };
  const double ln_count =
      std::lgamma(n + 1.0) - std::lgamma(n * up + 1.0) - std::lgamma(n * down + 1.0);
  return -T / n * (ln_count + n * (x_ln_x(up) + x_ln_x(down)));
}

// The sum of both: f_N(m) - f(m) to the order that is known exactly.
inline double finite_size_correction(const Model& model, int N, double m, double T) {
  return signal_energy_correction(model, N, m) + entropy_count_correction(N, m, T);
}

}  // namespace dhn
