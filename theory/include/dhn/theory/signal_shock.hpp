// The first-order transition at zero field from the finite-volume solution of the signal
// conservation law: the time t_c = 1/T_c(0) at which its shock reaches x = 0.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>

#include "dhn/theory/signal_conservation_law.hpp"

namespace dhn::theory {

// The shock of a finite-volume profile on x > 0 (the largest upward jump between neighbouring
// cells with x > 0), placed by conservation: over a window of 6 cells either side of the jump, the
// cells' mass equals that of the two smooth branches (lines through the two cells just outside the
// window) joined at the shock. The smeared profile inside the window does not bias the position;
// what remains is the branches' own error. found = false when the jump is below min_jump.
struct ShockLocation {
  double x = NAN;        // position
  double u_left = NAN;   // left branch at the jump
  double u_right = NAN;  // right branch at the jump
  bool found = false;
};
ShockLocation locate_shock(std::span<const double> x, std::span<const double> u,
                           double min_jump = 0.1);

struct ShockArrival {
  double t = NAN;           // t_c = 1/T_c(0), convention B
  std::size_t samples = 0;  // samples in the final fit
  ConservationLawRun run;   // the finite-volume run's step counts
  bool found = false;
};

// docs/derivations/transport.md section 5. P >= 3: the shock path x_s(t) is sampled every
// `output_step` from the cusp time until x_s < 12 dx (the mirror shock of even P stays outside the
// 6-cell window); a least-squares quadratic in t through the last 20 samples is
// extrapolated to x_s = 0. P = 2: the shock is born at x = 0 with zero amplitude (a continuous
// transition, t_c = t* = 1) where the slope u_x(t, 0) = 1/(1 - t) diverges: 1/u_x from the two
// cells at x = 0 is sampled for t in [0.5, 0.8] t* and its quadratic fit extrapolated to 0.
// output_step: NaN picks t*/400.
ShockArrival shock_arrival_at_zero_field(int P, const ConservationLawOptions& options,
                                         double output_step = NAN);

}  // namespace dhn::theory
