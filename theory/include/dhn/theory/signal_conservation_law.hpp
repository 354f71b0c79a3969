// The N -> infinity transport equation of the signal part as a scalar conservation law for
// u = dA/dx = m: u_t + F(u)_x = 0, F(u) = -u^P/P!, solved by finite volumes (Boost.Odeint in t).
#pragma once

#include <cmath>
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace dhn::theory {

// Reconstruction of the cell averages at the interfaces (both use the exact Godunov flux of the
// non-convex F: the minimum of F over [uL, uR] when uL <= uR, the maximum over [uR, uL] else).
enum class Reconstruction {
  piecewise_constant,  // Godunov's scheme, first order
  muscl_minmod,        // linear in each cell with the minmod slope, second order where smooth
};

// docs/derivations/transport.md sections 4-5. x = beta h, t = beta (convention B).
struct ConservationLawOptions {
  double dx = 2e-3;         // cell width; x = 0 is a cell interface
  double half_width = NAN;  // domain [-L, L]; NaN: 4 + t_end/(P-1)! (see below)
  Reconstruction reconstruction = Reconstruction::muscl_minmod;
  double cfl = 0.4;             // dt <= cfl dx / max|F'|, max|F'| = b(1) = 1/(P-1)!
  double abs_tolerance = 1e-5;  // embedded SSP-RK3(2) error control in t, on u
  double rel_tolerance = 1e-5;
  std::size_t max_attempts = 5'000'000;  // step budget (accepted + rejected) for the whole run
};

// Called at each requested output time with the cell centres and averages; return false to stop.
using ConservationLawObserver =
    std::function<bool(double t, std::span<const double> x, std::span<const double> u)>;

struct ConservationLawRun {
  std::size_t accepted_steps = 0;
  std::size_t rejected_steps = 0;
  bool completed = false;  // every output reached (false: budget spent or the observer stopped)
};

// Integrates from u(0, x) = tanh x (exact cell averages) through the increasing output_times
// (> 0). The ends are zero-gradient ghost cells. Where characteristics enter (both ends for even
// P, the right end for odd P) they start at |x0| >= L, so u there is +-1 to 2 e^(-2L) and the
// ghosts err by 4 dx e^(-2L); at an outflow end (the left one for odd P) the ghost error leaves
// the domain. The default L keeps the core |x| < 4 out of reach of both: t_c changed by less than
// 1e-9 between L = 4 + t_end b(1) and 8 + t_end b(1). Throws std::invalid_argument naming the
// parameter for P outside 2..12, dx <= 0, a domain under 20 cells, cfl outside (0, 1], or output
// times that are not positive and increasing.
ConservationLawRun solve_signal_conservation_law(int P, const std::vector<double>& output_times,
                                                 const ConservationLawOptions& options,
                                                 const ConservationLawObserver& observer);

}  // namespace dhn::theory
