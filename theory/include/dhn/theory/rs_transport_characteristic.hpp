// The RS transport equation with load, A_t = H(A_x, A_w), and one of its characteristics: the
// straight line from a foot (x0, w0) at t = 0 carried to t = 1 by Boost.Odeint.
#pragma once

#include <cmath>

#include "dhn/model/covariance.hpp"
#include "dhn/model/model.hpp"
#include "dhn/theory/rs_transport_datum.hpp"

namespace dhn::theory {

// The Hamiltonian of the RS transport equation at inverse temperature beta, convention B, any
// variant (the variant enters through xihat only; docs/derivations/transport-load.md section 3):
//   H(p, r) = beta p^P / P! + (beta^2/2) [xihat(1) - xihat(1 - 2r)],
// with p = A_x = m and r = A_w = (1 - q)/2.
class RsTransportHamiltonian {
 public:
  RsTransportHamiltonian(const Model& model, double beta);
  double value(double m, double q) const;  // H at p = m, r = (1 - q)/2
  double velocity_x(double m) const;       // dH/dp = beta b(m)
  double velocity_w(double q) const;       // dH/dr = beta^2 xihat'(q)
  double dvelocity_x_dm(double m) const;   // beta b'(m)
  double dvelocity_w_dq(double q) const;   // beta^2 xihat''(q)
  // The source along a characteristic, dA/dt = H - p H_p - r H_r:
  //   -beta (P-1) m^P/P! + (beta^2/2) [xihat(1) - xihat(q) - (1 - q) xihat'(q)].
  double source(double m, double q) const;
  // Energy per spin of the state carried by the characteristic through the model point,
  // u = -dA(1, 0, 0)/d beta. A = A0(beta b(m), beta^2 xihat'(q)) + V(m, q) is stationary in the
  // (m, q) it carries, so only the explicit beta-dependence counts:
  //   u = -(m^P/P! + beta [xihat(1) - xihat(q)]).
  double energy(double m, double q) const;
  double beta() const { return beta_; }
  const Model& model() const { return model_; }

 private:
  Model model_;
  double beta_;
  NoiseCovariance xihat_;
  Signal signal_;
};

// Where the characteristic from a foot lands at t = 1, what it carries, and how neighbouring
// characteristics spread: J = d(x, w)(1)/d(x0, w0); where det J = 0 they cross (the caustic). J has
// the eigenvalues of I - dF, dF the Jacobian of the RS map (m, q) -> (E tanh h, E tanh^2 h), so the
// state carried is on the stable side of its folds where det J > 0 and trace J > 0.
struct CharacteristicLanding {
  double x0 = NAN;  // foot
  double w0 = NAN;
  double x = NAN;  // landing point at t = 1
  double w = NAN;
  double A = NAN;  // A(1, x, w), the transported pressure
  double m = NAN;  // A_x, constant along the characteristic
  double q = NAN;  // 1 - 2 A_w, constant along the characteristic
  double det_J = NAN;
  double trace_J = NAN;
  int steps = 0;  // odeint steps taken
};

// Integrates the characteristic system (Charpit) from t = 0 to t = 1 with odeint's
// runge_kutta_dopri5 (abs = rel = 1e-13): state (x, w, A, J) with
//   dx/dt = -H_p,  dw/dt = -H_r,  dA/dt = H - p H_p - r H_r,
//   dJ/dt = -diag(beta b'(m), beta^2 xihat''(q)) d(m, q)/d(x0, w0),
// p and r (hence the right-hand side) constant because H does not depend on (x, w): the lines are
// straight and dopri5 integrates them exactly up to rounding. `datum` is cauchy_datum(x0, w0).
CharacteristicLanding transport_characteristic(const RsTransportHamiltonian& H, double x0,
                                               double w0, const CauchyDatum& datum);
CharacteristicLanding transport_characteristic(const RsTransportHamiltonian& H, double x0,
                                               double w0);

}  // namespace dhn::theory
