#include "dhn/theory/rsb1_hopfield.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "dhn/theory/exp_abs_average.hpp"
#include "dhn/theory/quadrature.hpp"
#include "dhn/theory/scalar_solvers.hpp"
#include "dhn/theory/solve.hpp"
#include "dhn/theory/zero_temperature.hpp"

namespace dhn::theory {

Rsb1GroundStateHopfield::Evaluation Rsb1GroundStateHopfield::evaluate(double m, double q0, double C,
                                                                      double mu) const {
  Evaluation out;
  const double A1 = 1.0 - C, A0 = A1 - mu * (1.0 - q0);
  if (!(A0 > 0.0 && A1 > 0.0 && q0 > 0.0 && q0 < 1.0 && mu > 0.0)) return out;
  const double alpha = alpha_;
  const double r0 = q0 / (A0 * A0), r1 = r0 + (1.0 / A0 - 1.0 / A1) / mu;
  const double s1 = std::sqrt(alpha * r0), s2 = std::sqrt(alpha * (r1 - r0));
  const GaussianGrid grid(-m / s1, std::min(1.0, std::max(s2, 1e-3) / s1));
  double E_s = 0, E_s2 = 0, E_phi = 0, E_log = 0, E_rest = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const double a = m + s1 * grid.nodes()[i], w = grid.weights()[i];
    const ExpAbsAverage inner = exp_abs_average(a, mu, s2);
    const double log_I = inner.log_I, s = inner.s;
    const double phi_over_I = std::exp(-0.5 * (a / s2) * (a / s2) - log_I) / std::sqrt(2.0 * M_PI);
    E_s += w * s;
    E_s2 += w * s * s;
    E_phi += w * phi_over_I;
    E_log += w * log_I;
    E_rest += w * (mu * s2 * s2 + a * s + 2.0 * s2 * phi_over_I);
  }
  out.m = E_s;
  out.q0 = E_s2;
  out.C = 2.0 * E_phi / s2;
  out.dmu = -alpha / (2.0 * mu * mu) * std::log(A0 / A1) - alpha * (1.0 - q0) / (2.0 * mu * A0) -
            alpha * q0 * (1.0 - q0) / (2.0 * A0 * A0) + 0.5 * alpha * (r1 - r0 * q0) +
            E_log / (mu * mu) - E_rest / mu;
  out.energy = alpha / 2.0 + m * m / 2.0 + alpha / (2.0 * mu) * std::log(A0 / A1) -
               alpha * q0 / (2.0 * A0) + 0.5 * alpha * (r1 * C + mu * (r1 - r0 * q0)) - E_log / mu;
  out.admissible = true;
  return out;
}

namespace {

constexpr double kDmuScale = 1e6;  // dmu is ~1e-8 near the capacity: scale it to O(1) for Newton

// (m, q0, C) at fixed (alpha, mu), from several starts; the largest-m (retrieval) solution.
std::optional<Vec<3>> solve_maps(double alpha, double mu, const std::optional<Vec<3>>& warm) {
  const Rsb1GroundStateHopfield g(alpha);
  auto image = [&](const Vec<3>& y) -> std::optional<Vec<3>> {
    const auto e = g.evaluate(y(0), y(1), y(2), mu);
    if (!e.admissible) return std::nullopt;
    return Vec<3>(e.m, e.q0, e.C);
  };
  std::vector<Vec<3>> starts;
  if (warm) starts.push_back(*warm);
  for (double q0 : {0.99, 0.995, 0.98}) {
    for (double C : {0.05, 0.1, 0.15, 0.2}) starts.emplace_back(0.97, q0, C);
  }
  std::optional<Vec<3>> best;
  for (const Vec<3>& start : starts) {
    const SolveResult<3> r =
        newton_fixed_point<3>(image, start, 1e-7, {.tolerance = 1e-12, .max_iterations = 60});
    if (r.converged && r.x(0) > 0.5 && (!best || r.x(0) > (*best)(0) + 1e-9)) best = r.x;
    if (best && warm) break;
  }
  return best;
}

// A stationary point at alpha: mu scanned geometrically on [1, 500] for dmu turning from + to -
// (a maximum of e over mu), refined by bisection.
std::optional<std::pair<double, Vec<3>>> stationary_point(double alpha) {
  const Rsb1GroundStateHopfield g(alpha);
  std::optional<Vec<3>> warm;
  double previous_dmu = NAN, previous_mu = NAN;
  for (int k = 0; k <= 32; ++k) {
    const double mu = std::pow(500.0, k / 32.0);
    const std::optional<Vec<3>> x = solve_maps(alpha, mu, warm);
    if (!x) {
      warm.reset();
      previous_dmu = NAN;
      continue;
    }
    warm = x;
    const double dmu = g.evaluate((*x)(0), (*x)(1), (*x)(2), mu).dmu;
    if (previous_dmu > 0.0 && dmu < 0.0) return std::pair{std::sqrt(previous_mu * mu), *x};
    previous_dmu = dmu;
    previous_mu = mu;
  }
  return std::nullopt;
}

}  // namespace

HopfieldGlassGroundState rsb1_hopfield_glass_ground_state(double alpha) {
  // At m = q0 = 0: A1 = 1 - C, A0 = 1 - C - mu, r1 = (1/A0 - 1/A1)/mu, s2^2 = alpha r1 and
  // I(0) = exp(mu^2 s2^2/2) 2 Phi(mu s2).
  struct Point {
    double C, e, dmu;
    bool ok;
  };
  auto at = [&](double mu, double C) -> Point {
    const double A1 = 1.0 - C, A0 = A1 - mu;
    if (!(A0 > 0.0 && A1 > 0.0)) return {C, NAN, NAN, false};
    const double r1 = (1.0 / A0 - 1.0 / A1) / mu, s2 = std::sqrt(alpha * r1);
    const double log_I = 0.5 * mu * mu * s2 * s2 + M_LN2 + log_normal_cdf(mu * s2);
    const double phi0_over_I = std::exp(-log_I) / std::sqrt(2.0 * M_PI);
    const double e = alpha / 2.0 + alpha / (2.0 * mu) * std::log(A0 / A1) +
                     0.5 * alpha * (r1 * C + mu * r1) - log_I / mu;
    const double dmu = -alpha / (2.0 * mu * mu) * std::log(A0 / A1) - alpha / (2.0 * mu * A0) +
                       0.5 * alpha * r1 + log_I / (mu * mu) -
                       (mu * s2 * s2 + 2.0 * s2 * phi0_over_I) / mu;
    return {2.0 * phi0_over_I / s2, e, dmu, true};
  };
  // C at fixed mu: the root of 2 phi(0)/(s2 I(0)) - C on (0, 1 - mu) by Brent (the map's slope is
  // strongly negative, so plain iteration would oscillate).
  auto solve_C = [&](double mu, double /*C_hint*/) -> std::optional<Point> {
    auto g = [&](double C) { return at(mu, C).C - C; };
    const double lo = 1e-12, hi = 1.0 - mu - 1e-12;
    if (!(hi > lo) || !(g(lo) * g(hi) < 0.0)) return std::nullopt;
    return at(mu, find_root(g, lo, hi, 1e-15).x);  // bracketed: checked just above
  };
  HopfieldGlassGroundState out;
  double C_warm = 0.01, previous_dmu = NAN, previous_mu = NAN;
  for (int k = 0; k <= 80; ++k) {
    const double mu = 1e-4 * std::pow(1e4, k / 80.0);  // mu in [1e-4, 1): A0 = 1 - C - mu > 0
    const std::optional<Point> p = solve_C(mu, std::min(C_warm, 0.5 * (1.0 - mu)));
    if (!p) continue;
    C_warm = p->C;
    if (previous_dmu > 0.0 && p->dmu < 0.0) {
      double C_local = C_warm;
      auto dmu_of = [&](double m_) {
        const std::optional<Point> q = solve_C(m_, std::min(C_local, 0.5 * (1.0 - m_)));
        if (!q) return std::numeric_limits<double>::quiet_NaN();
        C_local = q->C;
        return q->dmu;
      };
      const ScalarRoot mu_root = find_root(dmu_of, previous_mu, mu, 1e-14);
      if (!mu_root.bracketed()) return out;
      const double root = mu_root.x;
      const std::optional<Point> q = solve_C(root, std::min(C_local, 0.5 * (1.0 - root)));
      if (q) out = {q->e, root, q->C};
      return out;
    }
    previous_dmu = p->dmu;
    previous_mu = mu;
  }
  return out;
}

Rsb1HopfieldCapacity rsb1_hopfield_capacity() {
  Rsb1HopfieldCapacity out;
  // The stationary curve exists just below the RS capacity 0.137905 (AGS): start there.
  std::optional<std::pair<double, Vec<3>>> start;
  double alpha0 = 0.1378;
  for (int k = 0; k < 5 && !start; ++k, alpha0 -= 0.0005) start = stationary_point(alpha0);
  if (!start) return out;
  auto curve = [&](double mu, const Vec<4>& guess) -> std::optional<Vec<4>> {
    auto F = [&](const Vec<4>& z) -> std::optional<Vec<4>> {
      const auto e = Rsb1GroundStateHopfield(z(3)).evaluate(z(0), z(1), z(2), mu);
      if (!e.admissible) return std::nullopt;
      return Vec<4>(e.m - z(0), e.q0 - z(1), e.C - z(2), kDmuScale * e.dmu);
    };
    auto linearise = [&](const Vec<4>& y) -> std::optional<Linearisation<4>> {
      const auto f = F(y);
      if (!f) return std::nullopt;
      const auto J = central_difference_jacobian<4, 4>(F, y, Vec<4>(1e-6, 1e-6, 1e-6, 1e-6 * y(3)));
      if (!J) return std::nullopt;
      return Linearisation<4>{*f, *J};
    };
    const SolveResult<4> r = newton<4>(linearise, guess, {.tolerance = 1e-9, .max_iterations = 60});
    if (!r.converged) return std::nullopt;
    return r.x;
  };
  Vec<4> warm(start->second(0), start->second(1), start->second(2), alpha0);
  const std::optional<Vec<4>> first = curve(start->first, warm);
  if (!first) return out;
  warm = *first;
  auto alpha_of_mu = [&](double mu) {
    const std::optional<Vec<4>> y = curve(mu, warm);
    if (!y) return -HUGE_VAL;
    warm = *y;
    return (*y)(3);
  };
  // Bracket the maximum of alpha(mu) by geometric steps upwards, then golden section in ln mu.
  double lo = std::log(start->first), mid = lo + 0.05, hi = mid + 0.05;
  double f_lo = alpha_of_mu(std::exp(lo)), f_mid = alpha_of_mu(std::exp(mid)),
         f_hi = alpha_of_mu(std::exp(hi));
  for (int k = 0; k < 200 && !(f_mid >= f_lo && f_mid >= f_hi); ++k) {
    if (f_hi > f_mid) {
      lo = mid, f_lo = f_mid, mid = hi, f_mid = f_hi, hi += 0.05, f_hi = alpha_of_mu(std::exp(hi));
    } else {
      hi = mid, f_hi = f_mid, mid = lo, f_mid = f_lo, lo -= 0.05, f_lo = alpha_of_mu(std::exp(lo));
    }
  }
  if (!(f_mid >= f_lo && f_mid >= f_hi)) {
    out.status = LineStatus::budget_spent;
    return out;
  }
  const double golden = 0.5 * (std::sqrt(5.0) - 1.0);
  double a = lo, b = hi;
  double c = b - golden * (b - a), d = a + golden * (b - a);
  double f_c = alpha_of_mu(std::exp(c)), f_d = alpha_of_mu(std::exp(d));
  for (int it = 0; it < 200 && b - a > 1e-10; ++it) {
    if (f_c > f_d) {
      b = d, d = c, f_d = f_c, c = b - golden * (b - a), f_c = alpha_of_mu(std::exp(c));
    } else {
      a = c, c = d, f_c = f_d, d = a + golden * (b - a), f_d = alpha_of_mu(std::exp(d));
    }
  }
  const double mu = std::exp(0.5 * (a + b));
  const std::optional<Vec<4>> y = curve(mu, warm);
  if (!y) {
    out.status = LineStatus::budget_spent;
    return out;
  }
  out.alpha_spinodal = (*y)(3);
  out.m_spinodal = (*y)(0);
  out.q0_spinodal = (*y)(1);
  out.C_spinodal = (*y)(2);
  out.mu_spinodal = mu;
  out.status = LineStatus::found;

  const RsGroundStateHopfield rs;
  auto gap = [&](double alpha) {
    return rs.retrieval_at(alpha).energy - rsb1_hopfield_glass_ground_state(alpha).energy;
  };
  const ScalarRoot crossing = find_root(gap, 0.01, 0.13, 1e-12);
  if (crossing.bracketed()) {  // else no global-minimum crossing: alpha_global, m_global NaN
    out.alpha_global = crossing.x;
    out.m_global = rs.retrieval_at(out.alpha_global).m;
  }
  return out;
}

}  // namespace dhn::theory
