// The constrained (Landau) free energy f(m) at RS level: the overlap with the cued pattern held
// at m by its conjugate field h (energy -h N m), q at its saddle point. Derivation and limits in
// docs/derivations/landau-free-energy.md; convention B.
#pragma once

#include <cmath>
#include <vector>

#include "dhn/model/model.hpp"
#include "dhn/theory/replica_level.hpp"

namespace dhn::theory {

// f(m) = f_RS(m, q; beta, field h) + h m (the Legendre transform of the pressure with a field):
// the field of a spin is beta (b(m) + h) + beta sqrt(xihat'(q)) z (P >= 3; P = 2 the AGS field
// with h added), and (h, q) solve m = E tanh(field), q = E tanh^2(field). Hence df/dm = h, and
// the points with h = 0 are the RS solutions. At m = +-1: f = -(+-1)^P/P!, h = +-inf, q = 1.
struct LandauPoint {
  double m = NAN;
  double f = NAN;              // free energy per spin at fixed m (convention B)
  double h = NAN;              // conjugate field df/dm (convention B)
  double q = NAN;              // Edwards-Anderson overlap at the saddle point (1RSB: q2)
  double s = NAN;              // entropy per spin at fixed m, beta^2 df/dbeta
  double residual = INFINITY;  // max(|E tanh - m|, |E tanh^2 - q|) (1RSB: the four equations)
  bool converged = false;
  // one step of RSB (landau_profile_rsb1) where it is the saddle point: q1 < q = q2, theta in
  // (0, 1]; at RS points q1 = NaN, theta = NaN, rsb1 = false
  double q1 = NAN;
  double theta = NAN;
  bool rsb1 = false;
};

// A stationary point of f(m) on the grid (h changes sign between grid points; refined by Brent
// on h(m) to 1e-12): a local minimum (h from - to +) or maximum (+ to -).
struct LandauExtremum {
  double m = NAN;
  double f = NAN;
  double q = NAN;
};

struct LandauProfile {
  double T = NAN;                      // temperature (convention B)
  std::vector<LandauPoint> points;     // one per grid m, in grid order
  std::vector<LandauExtremum> minima;  // increasing m
  std::vector<LandauExtremum> maxima;  // increasing m (the barriers between minima)
};

// f at one m from the start (h0, q0) by Newton on (h, q); not converged when it fails.
LandauPoint landau_point(const Model& model, double T, double m, double h0, double q0);

// The profile on a strictly increasing grid of m in [-1, 1]. At each m the candidates are the
// previous grid point's solution (a warm start) and cold starts across q; among the converged
// ones the n -> 0 replica rule of classify() (rs_solver.hpp) picks the one of higher f, the
// candidates with negative entropy excluded unless none is left. Throws std::invalid_argument for
// a bad model, ParameterError("t" | "m-grid", ...) for T <= 0 or a grid that is empty, outside
// [-1, 1] or not increasing.
LandauProfile landau_profile(const Model& model, double T, const std::vector<double>& m_grid);

// The profile at one step of RSB (P >= 3): at each m the RS point and, where it exists, the 1RSB
// saddle (h, q1 < q2, theta) of Rsb1Dense with the field h added, found from the previous grid
// point's 1RSB solution, the RS solution split slightly (an AT-unstable RS state) or the frozen
// m = 0 glass (below T_s); of the two the n -> 0 rule keeps the higher f. At m = 0 of the pure
// P-spin network the 1RSB point is the glass itself (q1 = 0, h = 0). Where no 1RSB saddle exists
// the point is the RS one. Throws as landau_profile, and ParameterError("level", ...) for P = 2.
LandauProfile landau_profile_rsb1(const Model& model, double T, const std::vector<double>& m_grid);

// The profile at the given level (rs: landau_profile, rsb1: landau_profile_rsb1).
LandauProfile landau_profile(const Model& model, double T, const std::vector<double>& m_grid,
                             ReplicaLevel level);

}  // namespace dhn::theory
