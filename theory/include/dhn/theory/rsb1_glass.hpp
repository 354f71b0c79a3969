// One-step RSB of the m = 0 sector: the Ising P-spin glass with covariance xihat (the dense
// network's glass for P > 2), with q1 = 0. Dynamical and static glass temperatures, the 1RSB free
// energy at any theta, and the T = 0 ground state (physics.md section 4).
#pragma once

#include <optional>

#include "dhn/model/covariance.hpp"
#include "dhn/theory/continuation.hpp"

namespace dhn::theory {

// With m = 0 and q1 = 0 the field is h = beta sqrt(xihat'(q2)) z and (physics.md section 4)
//   A(q2, theta) = ln 2 + (1/theta) ln E cosh^theta h + (beta^2/2)[xihat(1) - xihat(q2) - (1-q2)
//   xihat'(q2)]
//                  - (theta beta^2/2) Theta(q2),        f = -A/beta,
// stationary in q2 at q2 = <tanh^2 h>_theta and in theta where dA/dtheta = 0. q1 = 0 is a solution
// only when xihat'(0) = 0 (no random field); the constructor refuses a covariance without it.
class Rsb1Glass {
 public:
  explicit Rsb1Glass(const NoiseCovariance& xihat);

  // theta = 1: E_theta shifts the Gaussian, <g(h)>_1 = E g(v + sqrt(v) z) with v = beta^2
  // xihat'(q2) for even g, so q2 = E tanh^2(v + sqrt(v) z), A = ln 2 + beta^2 xihat(1)/2 (the
  // paramagnet), and dA/dtheta = -v/2 + E ln cosh(v + sqrt(v) z) - (beta^2/2) Theta(q2) (minus the
  // complexity).
  double q2_map_theta1(double beta, double q2) const;
  double theta_derivative_theta1(double beta, double q2) const;

  // General theta in (0, 1]: the tilted averages by quadrature (log-sum-exp stabilised).
  struct Tilted {
    double log_mean_cosh_theta = 0.0;  // ln E cosh^theta h
    double tanh2 = 0.0;                // <tanh^2 h>_theta
    double log_cosh = 0.0;             // <ln cosh h>_theta
  };
  Tilted tilted(double beta, double q2, double theta) const;
  double pressure(double beta, double q2, double theta) const;
  double theta_derivative(double beta, double q2, double theta) const;

  // The 1RSB m = 0 state at temperature T: for each theta, q2 = <tanh^2 h>_theta on the upper
  // branch (iteration from q2 = 1, then Newton); theta in (0, 1) from dA/dtheta = 0 by bracketing
  // (physics.md section 9). Where dA/dtheta keeps its high-T sign on (0, 1] the state is the
  // theta = 1 one, whose free energy is the paramagnet's.
  struct State {
    double q2 = NAN;
    double theta = NAN;
    double f = NAN;       // free energy per spin, -A/beta
    bool frozen = false;  // theta < 1: below the static transition
    bool converged = false;
  };
  // theta_hint in (0, 1): a nearby solution's theta (e.g. at the neighbouring T); the bracket is
  // then searched outwards from it, which costs a few evaluations instead of a full scan.
  State solve(double T, double theta_hint = NAN) const;

  const NoiseCovariance& xihat() const { return xihat_; }

 private:
  std::optional<double> q2_at(double beta, double theta, double q2_start) const;
  NoiseCovariance xihat_;
};

struct Rsb1GlassLines {
  double T_d = NAN;   // dynamical: a theta = 1 solution with q2 > 0 first appears (fold in T)
  double q2_d = NAN;  // q2 at T_d
  double T_s = NAN;   // static: that solution's complexity vanishes (dA/dtheta = 0 at theta = 1)
  double q2_s = NAN;  // q2 at T_s
  LineStatus status = LineStatus::absent;
};

// T_d by pseudo-arclength continuation of the theta = 1 branch from low T to its fold; T_s by
// descending that branch to the sign change of dA/dtheta, bisected to 1e-12 relative.
Rsb1GlassLines rsb1_glass_lines(const NoiseCovariance& xihat);

// The free energy of the physical m = 0 state at 1RSB: the paramagnet above T_s (theta = 1) and
// the frozen glass (Rsb1Glass::solve) below; `lines` must be rsb1_glass_lines(xihat).
double rsb1_m0_free_energy(const Rsb1Glass& glass, const Rsb1GlassLines& lines, double T);

// Spin-glass ground-state energy per spin at 1RSB (T = 0, q1 = 0, Parisi parameter mu = beta
// theta):
//   e_SG = -min_mu [(1/mu) ln(2 Phi(mu s)) + mu xihat(1)/2],  s^2 = xihat'(1)   (physics.md section
//   4).
struct Rsb1GroundState {
  double energy = NAN;
  double mu = NAN;
};
Rsb1GroundState rsb1_glass_ground_state(const NoiseCovariance& xihat);

}  // namespace dhn::theory
