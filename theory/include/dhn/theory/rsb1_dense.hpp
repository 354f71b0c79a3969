// One-step RSB of the dense network at finite T (P >= 3, any xihat): the pressure A(m, q1, q2,
// theta), its stationarity maps and the retrieval state with theta from its own equation
// (physics.md section 4).
#pragma once

#include <array>
#include <cmath>
#include <optional>

#include "dhn/model/covariance.hpp"
#include "dhn/model/model.hpp"

namespace dhn::theory {

// h = beta b(m) + beta z1 sqrt(xihat'(q1)) + beta z2 sqrt(xihat'(q2) - xihat'(q1)),
//   A = ln 2 + (1/theta) E_z1 ln E_z2 cosh^theta h - beta (P-1) m^P/P!
//       + (beta^2/2)[xihat(1) - xihat(q2) - (1-q2) xihat'(q2)] - (theta beta^2/2)[Theta(q2) -
//       Theta(q1)],
// stationary at m = E_z1 <t>, q1 = E_z1 <t>^2, q2 = E_z1 <t^2> (<.> tilted by cosh^theta) and
//   dA/dtheta = -(1/theta^2) E ln E cosh^theta h + (1/theta) E <ln cosh h> - (beta^2/2)[Theta(q2) -
//   Theta(q1)] = 0.
class Rsb1Dense {
 public:
  explicit Rsb1Dense(const Model& model);

  struct Averages {
    double m = 0, q1 = 0, q2 = 0;  // images of the stationarity maps
    double mean_log = 0;           // E_z1 ln E_z2 cosh^theta h
    double mean_log_cosh = 0;      // E_z1 <ln cosh h>
    double mean_log_gap = 0;       // E_z1 [ln E_z2 cosh^theta h - theta <ln cosh h>]
  };
  // field: a field conjugate to the cued overlap (energy -field N m_s), added to b(m) in h; the
  // constrained (Landau) free energy holds m with it (landau.hpp). 0 for the zero-field states.
  Averages averages(double beta, double m, double q1, double q2, double theta,
                    double field = 0.0) const;
  double pressure(double beta, double m, double q1, double q2, double theta,
                  double field = 0.0) const;
  double theta_derivative(double beta, double m, double q1, double q2, double theta,
                          double field = 0.0) const;

  // The four stationarity conditions of the retrieval state at T: the maps minus their arguments
  // and T^2 dA/dtheta (the scaling of solve_from).
  std::array<double, 4> stationarity(double T, double m, double q1, double q2, double theta) const;

  struct State {
    double m = NAN, q1 = NAN, q2 = NAN, theta = NAN, f = NAN;
    double residual = INFINITY;  // max |map - argument| and |dA/dtheta|
    bool converged = false;
  };
  // (m, q1, q2) at fixed theta by Newton (central-difference Jacobian) from `guess`.
  std::optional<State> solve_at_theta(double T, double theta, double m, double q1, double q2) const;
  // The retrieval state: theta scanned down from 1 for a sign change of dA/dtheta, then Brent.
  // Where there is none the state is replica symmetric (q1 = q2) and nullopt is returned.
  std::optional<State> solve_retrieval(double T, double m_guess, double q_guess) const;
  // All four unknowns at once (quasi-Newton) from a nearby state, e.g. the solution at a
  // neighbouring temperature: the cheap step of a march along T. The theta equation is scaled by
  // T^2 (T^2 dA/dtheta -> d(-e)/dmu as T -> 0, so the residual stays O(1) at low T). nullopt when
  // it fails or collapses onto RS (q2 - q1 < 1e-7).
  // `jacobian` (row-major 4 x 4, optional) carries the quasi-Newton Jacobian from one call to the
  // next along a march: when finite it replaces the differencing and the (m, q1, q2) pre-solve
  // (the cold path is the fallback); on success it is overwritten with the final estimate.
  using Jacobian = std::array<double, 16>;
  std::optional<State> solve_from(double T, const State& guess, Jacobian* jacobian = nullptr) const;

 private:
  Model model_;
  NoiseCovariance xihat_;
  Signal signal_;
};

}  // namespace dhn::theory
