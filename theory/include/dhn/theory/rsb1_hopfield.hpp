// One-step RSB of the Hopfield model (P = 2) at T = 0: the energy e(m, q0, C, mu) with the
// conjugates r0, r1 eliminated, its stationarity maps, and the 1RSB spinodal capacity
// (Steffan-Kuehn 1994: 0.138186). Derivation: docs/derivations/hopfield-1rsb-t0.md.
#pragma once

#include <cmath>

#include "dhn/theory/line_status.hpp"

namespace dhn::theory {

// With A1 = 1 - C, A0 = A1 - mu (1 - q0), r0 = q0/A0^2, r1 = r0 + (1/A0 - 1/A1)/mu,
// a = m + sqrt(alpha r0) z0, s2 = sqrt(alpha (r1 - r0)) and I(a) = E_z2 exp(mu |a + s2 z2|):
//   e = alpha/2 + m^2/2 + (alpha/(2 mu)) ln(A0/A1) - alpha q0/(2 A0) + (alpha/2)[r1 C + mu (r1 - r0
//   q0)]
//       - (1/mu) E_z0 ln I(a).
// Stationary points: m = E<s>, q0 = E<s>^2, C = 2 E[phi(a/s2)/(s2 I)], and dmu = 0 (the partial
// derivative in mu at fixed m, q0, C, r0, r1). q0 = 1 is the RS point for every mu.
class Rsb1GroundStateHopfield {
 public:
  explicit Rsb1GroundStateHopfield(double alpha) : alpha_(alpha) {}
  struct Evaluation {
    double m = 0.0, q0 = 0.0, C = 0.0;  // the maps' images
    double dmu = 0.0;                   // de/dmu
    double energy = 0.0;                // e at the given point
    bool admissible = false;            // A0, A1 > 0 and 0 < q0 < 1
  };
  Evaluation evaluate(double m, double q0, double C, double mu) const;

 private:
  double alpha_;
};

// The Hopfield spin-glass ground state at 1RSB (m = 0, q0 = 0, so r0 = 0 and the field is the
// inner Gaussian alone): C = 2 phi(0)/(s2 I(0)) at each mu, mu where de/dmu = 0 (bracketing);
// the maximum of e over mu. Returns {energy, mu}.
struct HopfieldGlassGroundState {
  double energy = NAN;
  double mu = NAN;
  double C = NAN;
};
HopfieldGlassGroundState rsb1_hopfield_glass_ground_state(double alpha);

// The 1RSB spinodal of the Hopfield retrieval state at T = 0. The stationary points form a curve
// alpha(mu) (Newton in (m, q0, C, alpha) at fixed mu, the mu-equation scaled to O(1)); its maximum
// over mu, by golden section to a relative 1e-10 in mu, is the capacity.
struct Rsb1HopfieldCapacity {
  double alpha_spinodal = NAN, m_spinodal = NAN, q0_spinodal = NAN, C_spinodal = NAN,
         mu_spinodal = NAN;
  // Where the retrieval energy equals the 1RSB glass ground state. The retrieval energy there is
  // the RS one: its 1RSB correction is below 1e-9 at alpha ~ 0.05 (RSB effects in retrieval are
  // confined near the spinodal).
  double alpha_global = NAN, m_global = NAN;
  LineStatus status = LineStatus::absent;
};
Rsb1HopfieldCapacity rsb1_hopfield_capacity();

}  // namespace dhn::theory
