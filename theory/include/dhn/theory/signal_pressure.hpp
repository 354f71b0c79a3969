// The interpolating free energy of the signal part, A_N(t, x) = (1/N) ln sum_s exp(N [t m^P/P! +
// x m]): exact at finite N by the binomial sum over m, and its N -> infinity limit (Hopf's
// formula).
#pragma once

#include <cmath>

#include "dhn/model/model.hpp"

namespace dhn::theory {

// A_N and its first derivatives at one point (t, x); docs/derivations/transport.md sections 1-2.
// t = beta and x = beta h in convention B (physics.md section 1): the signal term of the cued
// pattern is -N m^P/P! (full) or -e_P(S)/N^(P-1) (distinct), and h the field conjugate to N m.
struct SignalPressure {
  double A = NAN;      // A_N(t, x) = (1/N) ln Z_N(t, x)
  double m = NAN;      // dA/dx = <m>, the field equilibrium overlap u(t, x)
  double dA_dt = NAN;  // <g(S)>/N: <m^P>/P! (full), <e_P(S)>/N^P (distinct)
  // The finite-size observables a simulation at h = 0 measures (where <m> = 0 by symmetry for
  // even P): the exact one-pattern (alpha -> 0) curves that Monte Carlo must reproduce.
  double abs_m = NAN;      // <|m|>
  double m_squared = NAN;  // <m^2> = <m>^2 + A_xx / N
};

// The exact finite-N value: Z_N = sum_{k=0..N} C(N, k) exp(t g(S) + x S), S = N - 2k, with
// g(S) = S^P/(P! N^(P-1)) (full) or e_P(S)/N^(P-1) (distinct; e_P exact in S, physics.md 1),
// summed as a log-sum-exp (no overflow at any N, t, x). Cost O(N). Throws std::invalid_argument
// naming the parameter for P outside 2..kMaxP, N < 1 or non-finite t, x.
SignalPressure finite_n_signal_pressure(int P, Variant variant, int N, double t, double x);

// N -> infinity (both variants): A(t, x) = max_m [s(m) + t m^P/P! + x m], s(m) the mixing entropy
// ln 2 - [(1+m) ln(1+m) + (1-m) ln(1-m)]/2. This is Hopf's formula for the transport equation
// A_t = (A_x)^P/P! with the convex initial datum ln 2cosh x, so m, the global maximiser, is the
// entropy solution u = A_x of the conservation law, shocks included (docs/derivations/transport.md
// section 4). All stationary points (roots of atanh m = x + t b(m)) are bracketed by a scan in
// y = atanh m and refined by Brent to 1e-15; at an exact tie (on a shock) the larger m is returned.
// t >= 0 required.
SignalPressure signal_pressure_limit(int P, double t, double x);

}  // namespace dhn::theory
