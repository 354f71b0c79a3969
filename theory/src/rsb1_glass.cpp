#include "dhn/theory/rsb1_glass.hpp"

#include <gsl/gsl_sf_erf.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

#include "dhn/theory/quadrature.hpp"
#include "dhn/theory/rs_equations.hpp"
#include "dhn/theory/scalar_solvers.hpp"
#include "dhn/theory/tilted_gaussian.hpp"

namespace dhn::theory {

Rsb1Glass::Rsb1Glass(const NoiseCovariance& xihat) : xihat_(xihat) {
  if (xihat_.has_random_field()) {
    throw std::invalid_argument(
        "Rsb1Glass needs xihat'(0) = 0 (q1 = 0); a random field needs q1 > 0");
  }
}

double Rsb1Glass::q2_map_theta1(double beta, double q2) const {
  const double v = beta * beta * xihat_.derivative(q2);
  return tanh_moments(v, v).t2;
}

double Rsb1Glass::theta_derivative_theta1(double beta, double q2) const {
  const double v = beta * beta * xihat_.derivative(q2);
  return -0.5 * v + tanh_moments(v, v).log_cosh - 0.5 * beta * beta * xihat_.theta_function(q2);
}

Rsb1Glass::Tilted Rsb1Glass::tilted(double beta, double q2, double theta) const {
  // q1 = 0: the whole field h = beta sqrt(xihat'(q2)) z is the inner (tilted) Gaussian.
  const TiltedAverages t = tilted_averages(0.0, beta * std::sqrt(xihat_.derivative(q2)), theta);
  return {t.log_mean, t.t2, t.log_cosh};
}

double Rsb1Glass::pressure(double beta, double q2, double theta) const {
  const Tilted t = tilted(beta, q2, theta);
  const double b2 = beta * beta;
  return M_LN2 + t.log_mean_cosh_theta / theta +
         0.5 * b2 * (xihat_.value(1.0) - xihat_.value(q2) - (1.0 - q2) * xihat_.derivative(q2)) -
         0.5 * theta * b2 * xihat_.theta_function(q2);
}

double Rsb1Glass::theta_derivative(double beta, double q2, double theta) const {
  const Tilted t = tilted(beta, q2, theta);
  return -t.log_mean_cosh_theta / (theta * theta) + t.log_cosh / theta -
         0.5 * beta * beta * xihat_.theta_function(q2);
}

std::optional<double> Rsb1Glass::q2_at(double beta, double theta, double q2_start) const {
  // The fixed point of q2 <- F(q2) = <tanh^2>_theta reached by the plain iteration from q2_start,
  // accelerated by Aitken's delta^2 (Steffensen): near a stable fixed point each double step
  // converges quadratically, where the plain iteration crawls at rate F' (hundreds of steps near
  // T_s). The accelerated point is kept only inside (0, 1] and where it does not move further
  // than the plain steps suggest; the stopping rule is the plain one (|F(q2) - q2| < 1e-13).
  auto F = [&](double q2) { return tilted(beta, q2, theta).tanh2; };
  double q2 = q2_start;
  for (int k = 0; k < 1000; ++k) {
    const double f1 = F(q2);
    if (!(f1 > 0.0)) return std::nullopt;
    if (std::abs(f1 - q2) < 1e-13) return f1 > 1e-6 ? std::optional<double>(f1) : std::nullopt;
    const double f2 = F(f1);
    if (!(f2 > 0.0)) return std::nullopt;
    if (std::abs(f2 - f1) < 1e-13) return f2 > 1e-6 ? std::optional<double>(f2) : std::nullopt;
    const double curvature = f2 - 2.0 * f1 + q2;
    const double accelerated = q2 - (f1 - q2) * (f1 - q2) / curvature;
    const double ratio = (f2 - f1) / (f1 - q2);  // ~F' at the fixed point
    const bool contracting = ratio > -1.0 && ratio < 1.0;
    q2 = contracting && accelerated > 0.0 && accelerated <= 1.0 &&
                 std::abs(accelerated - f2) <= std::abs(f2 - f1) / (1.0 - std::abs(ratio))
             ? accelerated
             : f2;
  }
  return std::nullopt;
}

Rsb1Glass::State Rsb1Glass::solve(double T, double theta_hint) const {
  const double beta = 1.0 / T;
  State out;
  double warm = 1.0;
  auto G = [&](double theta) {
    const std::optional<double> q2 = q2_at(beta, theta, warm);
    if (!q2) return std::numeric_limits<double>::quiet_NaN();
    warm = std::min(1.0, *q2 + 1e-6);
    return theta_derivative(beta, *q2, theta);
  };
  double root = NAN;
  // Brackets [lo, hi] are tried in order: around the hint first (widening), then a full scan
  // downwards from theta = 1 in steps of 0.01.
  auto try_bracket = [&](double lo, double hi) {
    lo = std::max(lo, 1e-6);
    hi = std::min(hi, 1.0);
    const double G_hi = G(hi), G_lo = G(lo);
    if (std::isfinite(G_lo) && std::isfinite(G_hi) && G_lo * G_hi < 0.0)
      root = find_root(G, lo, hi, 1e-13).x;  // NaN if G's warm-started ends lost the bracket
  };
  if (theta_hint > 0.0 && theta_hint < 1.0) {
    for (double width : {0.02, 0.08, 0.3}) {
      try_bracket(theta_hint - width, theta_hint + width);
      if (!std::isnan(root)) break;
    }
  }
  double theta_hi = 1.0, G_hi = std::isnan(root) ? G(1.0) : NAN;
  for (int k = 1; k <= 100 && std::isnan(root); ++k) {
    const double theta_lo = 1.0 - 0.01 * k;
    if (theta_lo <= 0.0) break;
    const double G_lo = G(theta_lo);
    if (std::isfinite(G_lo) && std::isfinite(G_hi) && G_lo * G_hi < 0.0) {
      root = find_root(G, theta_lo, theta_hi, 1e-13).x;
    }
    theta_hi = theta_lo;
    G_hi = G_lo;
  }
  if (std::isnan(root)) {  // no frozen state: theta = 1, the paramagnet's free energy
    out.theta = 1.0;
    out.q2 = q2_at(beta, 1.0, 1.0).value_or(0.0);
    out.f = -(M_LN2 + 0.5 * beta * beta * xihat_.value(1.0)) / beta;
    out.converged = true;
    return out;
  }
  const std::optional<double> q2 = q2_at(beta, root, warm);
  if (!q2) return out;
  out.theta = root;
  out.q2 = *q2;
  out.f = -pressure(beta, *q2, root) / beta;
  out.frozen = true;
  out.converged = true;
  return out;
}

namespace {

// The theta = 1 solution q2(T) on the upper (q2 -> 1 as T -> 0) branch, from a warm start.
std::optional<double> solve_theta1(const Rsb1Glass& glass, double beta, double q2_start) {
  const double xi1 = glass.xihat().derivative(1.0);
  auto linearise = [&](const Vec<1>& y) -> std::optional<Linearisation<1>> {
    const double q2 = y(0);
    if (!(q2 > 0.0 && q2 <= 1.0)) return std::nullopt;
    const double v = beta * beta * glass.xihat().derivative(q2);
    const TanhMoments t = tanh_moments(v, v);
    // d/dv E tanh^2(v + sqrt(v) z) = (a-derivative) + (v-derivative) with a = v.
    const double dF_dv = 2.0 * (t.t1 - t.t3) + (1.0 - 4.0 * t.t2 + 3.0 * t.t4);
    Linearisation<1> lin;
    lin.residual << t.t2 - q2;
    lin.jacobian << dF_dv * beta * beta * glass.xihat().second_derivative(q2) - 1.0;
    return lin;
  };
  (void)xi1;
  const SolveResult<1> r =
      newton<1>(linearise, Vec<1>(q2_start), {.tolerance = 1e-14, .max_iterations = 60});
  if (!r.converged || r.x(0) < 1e-6) return std::nullopt;
  return r.x(0);
}

}  // namespace

Rsb1GlassLines rsb1_glass_lines(const NoiseCovariance& xihat) {
  const Rsb1Glass glass(xihat);
  Rsb1GlassLines out;
  const double xi_1 = xihat.value(1.0);
  if (!(xi_1 > 0.0)) return out;
  const double T_ref = std::sqrt(xi_1 / (2.0 * M_LN2));  // the REM-like entropy-crisis scale
  // A low-T start on the upper branch: iterate the theta = 1 map from q2 = 1, then polish.
  std::optional<double> start_q2;
  double start_T = 0.0;
  for (double fraction : {0.5, 0.3, 0.15, 0.05}) {
    const double beta = 1.0 / (fraction * T_ref);
    double q2 = 1.0;
    for (int k = 0; k < 200; ++k) q2 = glass.q2_map_theta1(beta, q2);
    start_q2 = solve_theta1(glass, beta, q2);
    if (start_q2) {
      start_T = fraction * T_ref;
      break;
    }
  }
  if (!start_q2) return out;

  auto linearise = [&](const Vec<2>& y) -> std::optional<CurveLinearisation<1>> {
    const double q2 = y(0), tau = y(1);
    if (!(q2 > 0.0 && q2 <= 1.0 && tau > 0.0)) return std::nullopt;
    const double beta = 1.0 / (tau * T_ref);
    const double v = beta * beta * xihat.derivative(q2);
    const TanhMoments t = tanh_moments(v, v);
    const double dF_dv = 2.0 * (t.t1 - t.t3) + (1.0 - 4.0 * t.t2 + 3.0 * t.t4);
    CurveLinearisation<1> lin;
    lin.residual << t.t2 - q2;
    // v = xihat'(q2)/(tau T_ref)^2: dv/dq2 = beta^2 xihat''(q2), dv/dtau = -2 v / tau.
    lin.jacobian << dF_dv * beta * beta * xihat.second_derivative(q2) - 1.0,
        dF_dv * (-2.0 * v / tau);
    return lin;
  };
  auto reached_q2_zero = [](const Vec<2>& y) { return y(0) < 1e-7; };
  const FoldResult<1> fold =
      follow_to_fold<1>(linearise, reached_q2_zero, Vec<2>(*start_q2, start_T / T_ref));
  out.status = fold.status;
  if (fold.status != LineStatus::found || fold.ended_at_boundary) {
    if (fold.ended_at_boundary) out.status = LineStatus::absent;  // continuous: not a 1RSB glass
    return out;
  }
  out.q2_d = fold.y(0);
  out.T_d = fold.y(1) * T_ref;

  // Static transition: the complexity -dA/dtheta of the theta = 1 state changes sign on cooling.
  double warm = std::min(1.0, out.q2_d + 1e-3);
  const double low_sign =
      std::copysign(1.0, glass.theta_derivative_theta1(1.0 / start_T, *start_q2));
  auto below_static = [&](double T) {
    const std::optional<double> q2 = solve_theta1(glass, 1.0 / T, warm);
    if (!q2) return false;
    warm = *q2;
    return std::copysign(1.0, glass.theta_derivative_theta1(1.0 / T, *q2)) == low_sign;
  };
  const Transition ts = descend_to_event(below_static, out.T_d);
  out.T_s = ts.T;
  if (ts.status == LineStatus::found) {
    const std::optional<double> q2 = solve_theta1(glass, 1.0 / out.T_s, warm);
    out.q2_s = q2 ? *q2 : NAN;
  } else {
    out.status = ts.status;
  }
  return out;
}

double rsb1_m0_free_energy(const Rsb1Glass& glass, const Rsb1GlassLines& lines, double T) {
  if (!(T < lines.T_s)) return -T * M_LN2 - 0.5 * glass.xihat().value(1.0) / T;
  return glass.solve(T).f;
}

Rsb1GroundState rsb1_glass_ground_state(const NoiseCovariance& xihat) {
  const double s = std::sqrt(xihat.derivative(1.0));
  const double xi_1 = xihat.value(1.0);
  // g(mu) = (1/mu) ln(2 Phi(mu s)) + mu xihat(1)/2 is convex-like with one minimum; ln Phi from GSL
  // (log_erfc) stays accurate for large mu s.
  auto g = [&](double mu) {
    const double log_phi = gsl_sf_log_erfc(-mu * s / M_SQRT2) - M_LN2;  // ln Phi(mu s)
    return (M_LN2 + log_phi) / mu + 0.5 * mu * xi_1;
  };
  const double mu_scale = 1.0 / std::sqrt(xi_1);
  const ScalarExtremum best = maximise([&](double mu) { return -g(mu); }, 1e-3 * mu_scale,
                                       20.0 * mu_scale, 1e-12 * mu_scale);
  return {.energy = best.value, .mu = best.x};
}

}  // namespace dhn::theory
