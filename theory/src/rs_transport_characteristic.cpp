#include "dhn/theory/rs_transport_characteristic.hpp"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/numeric/odeint/integrate/integrate_adaptive.hpp>
#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

namespace dhn::theory {

RsTransportHamiltonian::RsTransportHamiltonian(const Model& model, double beta)
    : model_(model), beta_(beta), xihat_(model), signal_(model.P) {
  validate(model);
  if (model.P < 3)
    throw std::invalid_argument(
        "RsTransportHamiltonian: P must be >= 3 (P = 2 is the AGS model), got " +
        std::to_string(model.P));
  if (!(beta > 0.0) || !std::isfinite(beta))
    throw std::invalid_argument("RsTransportHamiltonian: beta must be finite and > 0, got " +
                                std::to_string(beta));
}

double RsTransportHamiltonian::value(double m, double q) const {
  return beta_ * m * signal_.value(m) / model_.P +
         0.5 * beta_ * beta_ * (xihat_.value(1.0) - xihat_.value(q));
}

double RsTransportHamiltonian::velocity_x(double m) const {
  return beta_ * signal_.value(m);
}

double RsTransportHamiltonian::velocity_w(double q) const {
  return beta_ * beta_ * xihat_.derivative(q);
}

double RsTransportHamiltonian::dvelocity_x_dm(double m) const {
  return beta_ * signal_.derivative(m);
}

double RsTransportHamiltonian::dvelocity_w_dq(double q) const {
  return beta_ * beta_ * xihat_.second_derivative(q);
}

double RsTransportHamiltonian::source(double m, double q) const {
  const double r = 0.5 * (1.0 - q);
  return value(m, q) - m * velocity_x(m) - r * velocity_w(q);
}

double RsTransportHamiltonian::energy(double m, double q) const {
  return -(m * signal_.value(m) / model_.P + beta_ * (xihat_.value(1.0) - xihat_.value(q)));
}

CharacteristicLanding transport_characteristic(const RsTransportHamiltonian& H, double x0,
                                               double w0, const CauchyDatum& datum) {
  namespace odeint = boost::numeric::odeint;
  using State = std::array<double, 7>;  // x, w, A, J_xx0, J_xw0, J_wx0, J_ww0
  const double m = datum.m;
  const double q = datum.q;
  // p = m and r = (1 - q)/2 are constant along the line; H_rr' below is d(H_r)/dq, so the w row
  // of dJ/dt carries dq/d(x0, w0) (r = (1 - q)/2 and H_r = beta^2 xihat'(1 - 2r)).
  const double vx = H.velocity_x(m);
  const double vw = H.velocity_w(q);
  const double dvx = H.dvelocity_x_dm(m);
  const double dvw = H.dvelocity_w_dq(q);
  const State rate = {-vx,
                      -vw,
                      H.source(m, q),
                      -dvx * datum.dm_dx,
                      -dvx * datum.dm_dw,
                      -dvw * datum.dq_dx,
                      -dvw * datum.dq_dw};
  auto system = [&rate](const State&, State& dydt, double) { dydt = rate; };
  State y = {x0, w0, datum.A, 1.0, 0.0, 0.0, 1.0};
  auto stepper = odeint::make_controlled(1e-13, 1e-13, odeint::runge_kutta_dopri5<State>());
  const std::size_t steps = odeint::integrate_adaptive(stepper, system, y, 0.0, 1.0, 0.25);
  return {.x0 = x0,
          .w0 = w0,
          .x = y[0],
          .w = y[1],
          .A = y[2],
          .m = m,
          .q = q,
          .det_J = y[3] * y[6] - y[4] * y[5],
          .trace_J = y[3] + y[6],
          .steps = static_cast<int>(steps)};
}

CharacteristicLanding transport_characteristic(const RsTransportHamiltonian& H, double x0,
                                               double w0) {
  return transport_characteristic(H, x0, w0, cauchy_datum(x0, w0));
}

}  // namespace dhn::theory
