// P = 2 at finite N: Z_N(t, x) = exp(N A_N) obeys the heat equation Z_t = Z_xx / (2N), integrated
// by the method of lines (8th-order differences in x, Boost.Odeint dopri5 in t).
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include "dhn/model/model.hpp"

namespace dhn::theory {

// docs/derivations/transport.md section 3. The state is V = Z e^(-N t/2) / (2cosh x)^N, which
// obeys the same heat equation in the frame of its initial datum,
//     V_t = V_xx/(2N) + tanh(x) V_x - ((N-1)/2) sech^2(x) V,   V(0, x) = 1,
// with V -> 1 (to N e^(-2|x|)) at large |x|: the ghost values beyond +-L are 1. V stays in (0, 1]
// and ln V = N [A - ln 2cosh x - t/2] is smooth on the scale 1/N, so an 8th-order central
// difference is accurate to (N dx)^8 / 10^3 relative.
struct HeatEquationOptions {
  double dx = 0.01;                      // grid spacing in x = beta h
  double half_width = NAN;               // domain [-L, L]; NaN: (ln N + 33)/2, N e^(-2L) < 1e-14
  double abs_tolerance = 0.0;            // dopri5 error control, absolute on V (V spans e^-O(N))
  double rel_tolerance = 1e-13;          // and relative
  std::size_t max_attempts = 2'000'000;  // step budget (accepted + rejected)
};

struct HeatEquationSolution {
  std::vector<double> x;  // grid points, x = -L + j dx
  std::vector<double> A;  // A_N(t, x) = (1/N) ln Z_N, variant as asked
  std::size_t accepted_steps = 0;
  std::size_t rejected_steps = 0;
  bool completed = false;  // false: the step budget ran out (A then holds NaN)
};

// Integrates from t = 0 to t (= beta, convention B; t >= 0). The distinct variant differs by a
// constant: e_2(S) = (S^2 - N)/2, so A_distinct = A_full - t/(2N) exactly. Throws
// std::invalid_argument naming the parameter for N < 1, t < 0, dx <= 0 or L < 10 dx.
HeatEquationSolution integrate_p2_heat_equation(Variant variant, int N, double t,
                                                const HeatEquationOptions& options = {});

}  // namespace dhn::theory
