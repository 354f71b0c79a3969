#include "dhn/theory/rsb1_ground_state.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "dhn/theory/exp_abs_average.hpp"
#include "dhn/theory/quadrature.hpp"

namespace dhn::theory {

Rsb1GroundStateDense::Rsb1GroundStateDense(const Model& model)
    : model_(model), xihat_(model), signal_(model.P) {
  if (model.P < 3) throw std::invalid_argument("Rsb1GroundStateDense needs P >= 3");
}

namespace {
// The outer z1 grid: refined at the sign change of a = b + s1 z1 with width ~ min(s2, 1/mu)/s1.
template <class F>
double outer_expectation(double b, double s1, double s2, double mu, F&& f) {
  if (s1 < 1e-14) return f(b);
  const double width = std::min({1.0, std::max(s2, 1e-3) / s1, 1.0 / (mu * s1)});
  return gaussian_expectation([&](double z) { return f(b + s1 * z); }, -b / s1, width);
}
}  // namespace

double Rsb1GroundStateDense::energy(double m, double q1, double mu) const {
  const double s1 = std::sqrt(xihat_.derivative(q1));
  const double s2 = std::sqrt(std::max(0.0, xihat_.derivative(1.0) - xihat_.derivative(q1)));
  const double mean_log_I = outer_expectation(
      signal_.value(m), s1, s2, mu, [&](double a) { return exp_abs_average(a, mu, s2).log_I; });
  const double neg_e = mean_log_I / mu -
                       0.5 * mu * (xihat_.theta_function(1.0) - xihat_.theta_function(q1)) -
                       signal_.legendre_term(m);
  return -neg_e;
}

Rsb1GroundStateDense::Averages Rsb1GroundStateDense::averages(double m, double q1,
                                                              double mu) const {
  const double s1 = std::sqrt(xihat_.derivative(q1));
  const double s2 = std::sqrt(std::max(0.0, xihat_.derivative(1.0) - xihat_.derivative(q1)));
  const double b = signal_.value(m);
  Averages out;
  out.m = outer_expectation(b, s1, s2, mu, [&](double a) { return exp_abs_average(a, mu, s2).s; });
  out.q1 = outer_expectation(b, s1, s2, mu, [&](double a) {
    const double s = exp_abs_average(a, mu, s2).s;
    return s * s;
  });
  return out;
}

Rsb1GroundStateDense::Stationarity Rsb1GroundStateDense::stationarity(double m, double q1,
                                                                      double mu) const {
  const double s1 = std::sqrt(xihat_.derivative(q1));
  const double s2sq = std::max(0.0, xihat_.derivative(1.0) - xihat_.derivative(q1));
  const double s2 = std::sqrt(s2sq);
  const double b = signal_.value(m);
  double E_s = 0, E_s2 = 0, E_log_I = 0, E_rest = 0;
  auto accumulate = [&](double a, double w) {
    const ExpAbsAverage in = exp_abs_average(a, mu, s2);
    E_s += w * in.s;
    E_s2 += w * in.s * in.s;
    E_log_I += w * in.log_I;
    // 2 s2 phi(a/s2)/I, formed in logs because I can be huge
    const double density =
        s2 > 0.0 ? 2.0 * s2 * std::exp(-0.5 * (a / s2) * (a / s2) - in.log_I) / std::sqrt(2 * M_PI)
                 : 0.0;
    E_rest += w * (a * in.s + density);
  };
  if (s1 < 1e-14) {
    accumulate(b, 1.0);
  } else {
    const double width = std::min({1.0, std::max(s2, 1e-3) / s1, 1.0 / (mu * s1)});
    const GaussianGrid grid(-b / s1, width);
    for (std::size_t i = 0; i < grid.size(); ++i)
      accumulate(b + s1 * grid.nodes()[i], grid.weights()[i]);
  }
  Stationarity out;
  out.dm = E_s - m;
  out.dq1 = E_s2 - q1;
  out.dmu = -E_log_I / (mu * mu) + s2sq + E_rest / mu -
            0.5 * (xihat_.theta_function(1.0) - xihat_.theta_function(q1));
  return out;
}

}  // namespace dhn::theory
