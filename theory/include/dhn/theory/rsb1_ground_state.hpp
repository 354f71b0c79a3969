// One-step RSB at T = 0 for P >= 3 (any xihat): the retrieval energy e(m, q1, mu) with closed-form
// inner integrals and its stationarity maps (physics.md section 4). The solver for its stationary
// point and the 1RSB capacities build on these (issue 3, in progress).
#pragma once

#include "dhn/model/covariance.hpp"
#include "dhn/model/model.hpp"

namespace dhn::theory {

// With s1^2 = xihat'(q1), s2^2 = xihat'(1) - xihat'(q1), a = b(m) + z1 s1 and
//   I(a) = E_z2 exp(mu |a + s2 z2|) = exp(mu^2 s2^2/2)[e^{mu a} Phi(a/s2 + mu s2) + e^{-mu a}
//   Phi(-a/s2 + mu s2)], -e(m, q1, mu) = (1/mu) E_z1 ln I(a) - (mu/2)[Theta(1) - Theta(q1)] - (P-1)
//   m^P/P!.
// Its stationary point has m = E_z1 <s>, q1 = E_z1 <s>^2 with <s> = I'(a)/(mu I(a)) = tanh((l+ -
// l-)/2), l+- = +-mu a + ln Phi(+-a/s2 + mu s2); mu minimises -e (the ground state maximises e over
// mu).
class Rsb1GroundStateDense {
 public:
  explicit Rsb1GroundStateDense(const Model& model);

  double energy(double m, double q1, double mu) const;  // e(m, q1, mu), not necessarily stationary
  struct Averages {
    double m = 0.0;   // E_z1 <s>
    double q1 = 0.0;  // E_z1 <s>^2
  };
  Averages averages(double m, double q1, double mu) const;

  // The stationarity conditions in one pass: E<s> - m, E<s>^2 - q1, and
  //   d(-e)/dmu = -(1/mu^2) E ln I + s2^2 + (1/mu) E[a <s> + 2 s2 phi(a/s2)/I] - [Theta(1) -
  //   Theta(q1)]/2.
  // d(-e)/dm = b'(m)(E<s> - m) and d(-e)/dq1 = -(mu xihat''(q1)/2)(E<s>^2 - q1), so all three
  // vanish exactly at the stationary points of e.
  struct Stationarity {
    double dm = 0.0, dq1 = 0.0, dmu = 0.0;
  };
  Stationarity stationarity(double m, double q1, double mu) const;

  const Model& model() const { return model_; }

 private:
  Model model_;
  NoiseCovariance xihat_;
  Signal signal_;
};

}  // namespace dhn::theory
