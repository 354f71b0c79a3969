#include "dhn/theory/rsb1_dense.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "dhn/theory/quadrature.hpp"
#include "dhn/theory/scalar_solvers.hpp"
#include "dhn/theory/solve.hpp"
#include "dhn/theory/tilted_gaussian.hpp"

namespace dhn::theory {

Rsb1Dense::Rsb1Dense(const Model& model) : model_(model), xihat_(model), signal_(model.P) {
  if (model.P < 3) throw std::invalid_argument("Rsb1Dense needs P >= 3");
}

Rsb1Dense::Averages Rsb1Dense::averages(double beta, double m, double q1, double q2, double theta,
                                        double field) const {
  const double s1 = beta * std::sqrt(xihat_.derivative(q1));
  const double s2 = beta * std::sqrt(std::max(0.0, xihat_.derivative(q2) - xihat_.derivative(q1)));
  const double a0 = beta * (signal_.value(m) + field);
  const OuterTiltedAverages o = outer_tilted_averages(a0, s1, s2, theta);
  Averages out;
  out.m = o.t;
  out.q1 = o.t_squared;
  out.q2 = o.t2;
  out.mean_log = o.log_mean;
  out.mean_log_cosh = o.log_cosh;
  out.mean_log_gap = o.log_gap;
  return out;
}

double Rsb1Dense::pressure(double beta, double m, double q1, double q2, double theta,
                           double field) const {
  const Averages av = averages(beta, m, q1, q2, theta, field);
  const double b2 = beta * beta;
  return M_LN2 + av.mean_log / theta - beta * signal_.legendre_term(m) +
         0.5 * b2 * (xihat_.value(1.0) - xihat_.value(q2) - (1.0 - q2) * xihat_.derivative(q2)) -
         0.5 * theta * b2 * (xihat_.theta_function(q2) - xihat_.theta_function(q1));
}

double Rsb1Dense::theta_derivative(double beta, double m, double q1, double q2, double theta,
                                   double field) const {
  const Averages av = averages(beta, m, q1, q2, theta, field);
  return -av.mean_log_gap / (theta * theta) -
         0.5 * beta * beta * (xihat_.theta_function(q2) - xihat_.theta_function(q1));
}

std::array<double, 4> Rsb1Dense::stationarity(double T, double m, double q1, double q2,
                                              double theta) const {
  const double beta = 1.0 / T;
  const Averages av = averages(beta, m, q1, q2, theta);
  const double dA_dtheta =
      -av.mean_log_gap / (theta * theta) -
      0.5 * beta * beta * (xihat_.theta_function(q2) - xihat_.theta_function(q1));
  return {av.m - m, av.q1 - q1, av.q2 - q2, T * T * dA_dtheta};
}

std::optional<Rsb1Dense::State> Rsb1Dense::solve_at_theta(double T, double theta, double m,
                                                          double q1, double q2) const {
  const double beta = 1.0 / T;
  auto image = [&](const Vec<3>& x) -> std::optional<Vec<3>> {
    if (!(x(0) > 0.0 && x(0) <= 1.0 && x(1) > 0.0 && x(1) < x(2) && x(2) <= 1.0))
      return std::nullopt;
    const Averages av = averages(beta, x(0), x(1), x(2), theta);
    return Vec<3>(av.m, av.q1, av.q2);
  };
  auto residual = [&](const Vec<3>& x) -> std::optional<Vec<3>> {
    const std::optional<Vec<3>> f = image(x);
    if (!f) return std::nullopt;
    return Vec<3>(*f - x);
  };
  const SolveResult<3> r = broyden<3>(residual, Vec<3>(m, q1, q2), Vec<3>::Constant(1e-7),
                                      {.tolerance = 1e-11, .max_iterations = 40});
  if (!r.converged || r.x(2) - r.x(1) < 1e-7) return std::nullopt;  // collapsed onto RS
  State s;
  s.m = r.x(0);
  s.q1 = r.x(1);
  s.q2 = r.x(2);
  s.theta = theta;
  s.f = -pressure(beta, s.m, s.q1, s.q2, theta) / beta;
  s.residual = r.residual;
  s.converged = true;
  return s;
}

std::optional<Rsb1Dense::State> Rsb1Dense::solve_retrieval(double T, double m_guess,
                                                           double q_guess) const {
  const double beta = 1.0 / T;
  Vec<3> warm(m_guess, std::max(0.0, q_guess - 0.05), q_guess);
  auto G = [&](double theta) {
    const std::optional<State> s = solve_at_theta(T, theta, warm(0), warm(1), warm(2));
    if (!s) return std::numeric_limits<double>::quiet_NaN();
    warm = Vec<3>(s->m, s->q1, s->q2);
    return theta_derivative(beta, s->m, s->q1, s->q2, theta);
  };
  double theta_hi = 0.99, G_hi = G(theta_hi);
  for (int k = 1; k <= 20; ++k) {
    const double theta_lo = 0.99 * std::pow(0.75, k);
    const double G_lo = G(theta_lo);
    if (std::isfinite(G_lo) && std::isfinite(G_hi) && G_lo * G_hi < 0.0) {
      const ScalarRoot theta = find_root(G, theta_lo, theta_hi, 1e-12);
      if (!theta.bracketed()) return std::nullopt;  // G's warm-started ends lost the bracket
      const double root = theta.x;
      std::optional<State> s = solve_at_theta(T, root, warm(0), warm(1), warm(2));
      if (!s) return std::nullopt;
      s->residual =
          std::max(s->residual, std::abs(theta_derivative(beta, s->m, s->q1, s->q2, root)));
      return s;
    }
    theta_hi = theta_lo;
    G_hi = G_lo;
  }
  return std::nullopt;
}

std::optional<Rsb1Dense::State> Rsb1Dense::solve_from(double T, const State& guess,
                                                      Jacobian* jacobian) const {
  const double beta = 1.0 / T;
  auto residual = [&](const Vec<4>& x) -> std::optional<Vec<4>> {
    if (!(x(0) > 0.0 && x(0) <= 1.0 && x(1) > 0.0 && x(1) < x(2) && x(2) <= 1.0 && x(3) > 0.0 &&
          x(3) <= 1.0))
      return std::nullopt;
    const std::array<double, 4> c = stationarity(T, x(0), x(1), x(2), x(3));
    return Vec<4>(c[0], c[1], c[2], c[3]);
  };
  auto solve = [&](const Vec<4>& start, Mat<4>* J) -> std::optional<State> {
    // Steps of 1e-7 (rounding ~1e-14/1e-7), shortened near the q2 = 1 edge; theta's equation is
    // weak (its Jacobian row ~1e-8 at low T), so its column takes a longer step.
    const Vec<4> steps(1e-7, 1e-7, std::clamp(1e-3 * (1.0 - start(2)), 1e-10, 1e-7),
                       std::clamp(1e-4 * start(3), 1e-10, 1e-5));
    const SolveResult<4> r =
        broyden<4>(residual, start, steps, {.tolerance = 1e-10, .max_iterations = 40}, J);
    if (!r.converged || r.x(2) - r.x(1) < 1e-7) return std::nullopt;
    State s;
    s.m = r.x(0);
    s.q1 = r.x(1);
    s.q2 = r.x(2);
    s.theta = r.x(3);
    s.f = -pressure(beta, s.m, s.q1, s.q2, s.theta) / beta;
    s.residual = r.residual;
    s.converged = true;
    return s;
  };
  Mat<4> J = Mat<4>::Constant(NAN);
  if (jacobian != nullptr)
    J = Eigen::Map<const Eigen::Matrix<double, 4, 4, Eigen::RowMajor>>(jacobian->data());
  std::optional<State> s;
  if (J.allFinite()) s = solve(Vec<4>(guess.m, guess.q1, guess.q2, guess.theta), &J);
  if (!s) {
    // Cold: first (m, q1, q2) at the guessed theta (well conditioned), then all four: the step
    // from a point where only the weak theta equation is off follows the branch x(theta) closely.
    // Close to the fold in alpha of the full system the fixed-theta system can have no solution
    // (its own fold lies lower): then all four from the guess directly.
    const std::optional<State> at_theta =
        solve_at_theta(T, guess.theta, guess.m, guess.q1, guess.q2);
    J = Mat<4>::Constant(NAN);
    s = at_theta ? solve(Vec<4>(at_theta->m, at_theta->q1, at_theta->q2, guess.theta), &J)
                 : solve(Vec<4>(guess.m, guess.q1, guess.q2, guess.theta), &J);
  }
  if (s && jacobian != nullptr)
    Eigen::Map<Eigen::Matrix<double, 4, 4, Eigen::RowMajor>>(jacobian->data()) = J;
  return s;
}

}  // namespace dhn::theory
