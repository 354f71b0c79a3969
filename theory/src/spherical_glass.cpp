#include "dhn/theory/spherical_glass.hpp"

#include <cmath>
#include <stdexcept>

#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory {

double SphericalGlass::pressure(double beta, double q, double x) const {
  return 0.5 * beta * beta * (xihat_.value(1.0) - (1.0 - x) * xihat_.value(q)) +
         std::log(1.0 - (1.0 - x) * q) / (2.0 * x) + (x - 1.0) / (2.0 * x) * std::log(1.0 - q);
}

double SphericalGlass::rs_pressure(double beta, double q) const {
  return 0.5 * beta * beta * (xihat_.value(1.0) - xihat_.value(q)) + 0.5 * std::log(1.0 - q) +
         q / (2.0 * (1.0 - q));
}

SphericalGlass::RsLines SphericalGlass::rs_lines() const {
  RsLines out;
  if (xihat_.derivative(0.0) != 0.0 || xihat_.second_derivative(0.0) != 0.0) return out;
  auto T2 = [this](double q) { return (1.0 - q) * (1.0 - q) * xihat_.derivative(q) / q; };
  const ScalarExtremum top = maximise(T2, 1e-6, 1.0 - 1e-9, 1e-13);
  out.q_spinodal = top.x;
  out.T_spinodal = std::sqrt(top.value);
  // On the upper branch (q > q_spinodal) beta is a function of q; the transition is the root of
  // A_RS(q) - A_para = -(beta^2/2) xihat(q) + ln(1-q)/2 + q/(2(1-q)).
  auto gap = [&](double q) {
    const double beta2 = 1.0 / T2(q);
    return -0.5 * beta2 * xihat_.value(q) + 0.5 * std::log(1.0 - q) + q / (2.0 * (1.0 - q));
  };
  try {
    out.q_transition = find_root(gap, out.q_spinodal, 1.0 - 1e-9, 1e-14);
  } catch (const std::domain_error&) {
    return out;
  }
  out.T_transition = std::sqrt(T2(out.q_transition));
  out.status = LineStatus::found;
  return out;
}

SphericalGlass::Lines SphericalGlass::lines() const {
  Lines out;
  if (xihat_.derivative(0.0) != 0.0 || xihat_.second_derivative(0.0) != 0.0)
    return out;  // not p-spin-like
  // Dynamical: the x = 1 stationarity beta^2 xihat'(q) = q/(1-q) first has a solution at the
  // maximum over q of T^2(q) = (1-q) xihat'(q)/q.
  auto T2 = [this](double q) { return (1.0 - q) * xihat_.derivative(q) / q; };
  const ScalarExtremum top = maximise(T2, 1e-6, 1.0 - 1e-9, 1e-13);
  out.q_d = top.x;
  out.T_d = std::sqrt(top.value);
  // Static: eliminate beta between the two x = 1 conditions,
  //   g(q) = xihat(q) q / ((1-q) xihat'(q)) + q + ln(1-q) = 0, on the upper branch q > q_d.
  auto g = [this](double q) {
    return xihat_.value(q) * q / ((1.0 - q) * xihat_.derivative(q)) + q + std::log(1.0 - q);
  };
  try {
    out.q_s = find_root(g, out.q_d, 1.0 - 1e-12, 1e-14);
  } catch (const std::domain_error&) {
    return out;
  }
  out.T_s = std::sqrt(T2(out.q_s));
  out.status = LineStatus::found;
  return out;
}

}  // namespace dhn::theory
