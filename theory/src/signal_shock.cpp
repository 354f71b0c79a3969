#include "dhn/theory/signal_shock.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <vector>

#include "dhn/theory/signal_characteristics.hpp"

namespace dhn::theory {
namespace {

constexpr std::size_t kWindow = 6;  // cells either side of the jump in the mass balance
constexpr double kStopCells =
    12.0;  // stop sampling this close to x = 0 (window + branch cells + smear)
constexpr std::size_t kFitSamples = 20;  // samples in the final quadratic fit
constexpr int kNewtonIterations = 50;

// Least-squares quadratic y = c0 + c1 s + c2 s^2 in s = t - t_ref, and its root nearest s0.
double extrapolated_root(const std::vector<double>& t, const std::vector<double>& y, double t_ref) {
  const std::size_t n = t.size();
  Eigen::MatrixXd design(n, 3);
  Eigen::VectorXd rhs(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double s = t[i] - t_ref;
    design.row(static_cast<Eigen::Index>(i)) << 1.0, s, s * s;
    rhs(static_cast<Eigen::Index>(i)) = y[i];
  }
  const Eigen::Vector3d c = design.colPivHouseholderQr().solve(rhs);
  double s = -c(0) / c(1);  // the linear estimate, then Newton on the quadratic
  for (int k = 0; k < kNewtonIterations; ++k) {
    const double step = (c(0) + s * (c(1) + s * c(2))) / (c(1) + 2.0 * s * c(2));
    s -= step;
    if (std::abs(step) < 1e-15 * std::max(1.0, std::abs(s))) break;
  }
  return t_ref + s;
}

// P = 2: u = tanh(x + t u) gives u_x(t, 0) = 1/(1 - t) exactly while t < 1, so 1/u_x at x = 0 is
// linear in t and vanishes where the characteristics first cross (and the shock is born).
ShockArrival p2_shock_birth(const ConservationLawOptions& options, double t_star,
                            double output_step) {
  ShockArrival out;
  std::vector<double> times;
  for (double t = 0.5 * t_star; t <= 0.8 * t_star + 1e-12; t += output_step) times.push_back(t);
  std::vector<double> ts, inverse_slope;
  out.run = solve_signal_conservation_law(
      2, times, options, [&](double t, std::span<const double> x, std::span<const double> u) {
        // the cells either side of the face x = 0: a central difference, second order
        const auto right =
            static_cast<std::size_t>(std::lower_bound(x.begin(), x.end(), 0.0) - x.begin());
        ts.push_back(t);
        inverse_slope.push_back((x[right] - x[right - 1]) / (u[right] - u[right - 1]));
        return true;
      });
  if (!out.run.completed || ts.size() < 3) return out;
  out.t = extrapolated_root(ts, inverse_slope, ts.back());
  out.samples = ts.size();
  out.found = std::isfinite(out.t);
  return out;
}

}  // namespace

ShockLocation locate_shock(std::span<const double> x, std::span<const double> u, double min_jump) {
  ShockLocation out;
  const std::size_t n = u.size();
  std::size_t best = n;
  double best_jump = 0.0;
  for (std::size_t i = kWindow + 2; i + kWindow + 3 < n; ++i) {
    if (x[i] <= 0.0) continue;
    const double jump = u[i + 1] - u[i];
    if (jump > best_jump) {
      best_jump = jump;
      best = i;
    }
  }
  if (best == n) return out;
  // The window of cells [first, last] around the jump, and the smooth branches either side as
  // lines through the two cells just outside it.
  const std::size_t first = best - kWindow, last = best + 1 + kWindow;
  const double dx = x[1] - x[0];
  const double slope_left = (u[first - 1] - u[first - 2]) / dx;
  const double slope_right = (u[last + 2] - u[last + 1]) / dx;
  auto left_branch = [&](double at) { return u[first - 1] + (at - x[first - 1]) * slope_left; };
  auto right_branch = [&](double at) { return u[last + 1] + (at - x[last + 1]) * slope_right; };
  out.u_left = left_branch(x[best]);
  out.u_right = right_branch(x[best + 1]);
  if (!(out.u_right - out.u_left >= min_jump)) return out;
  // Conservation: the cells' mass over [a, b] equals int_a^xs left + int_xs^b right; with linear
  // branches this is a quadratic in xs, solved by Newton from the jump's face.
  const double a = x[first] - 0.5 * dx, b = x[last] + 0.5 * dx;
  double mass = 0.0;
  for (std::size_t i = first; i <= last; ++i) mass += u[i] * dx;
  auto integral = [](double lo, double hi, double value_lo, double value_hi) {
    return 0.5 * (value_lo + value_hi) * (hi - lo);
  };
  const double right_total = integral(a, b, right_branch(a), right_branch(b));
  auto residual = [&](double xs) {
    return integral(a, xs, left_branch(a) - right_branch(a), left_branch(xs) - right_branch(xs)) +
           right_total - mass;
  };
  double xs = x[best] + 0.5 * dx;
  for (int k = 0; k < kNewtonIterations; ++k) {
    const double step = residual(xs) / (left_branch(xs) - right_branch(xs));
    xs -= step;
    if (std::abs(step) < 1e-15) break;
  }
  if (!(xs > a && xs < b)) return out;
  out.x = xs;
  out.found = true;
  return out;
}

ShockArrival shock_arrival_at_zero_field(int P, const ConservationLawOptions& options,
                                         double output_step) {
  const CharacteristicPoint cusp = first_characteristic_crossing(P);
  const double step = std::isnan(output_step) ? cusp.t / 400.0 : output_step;
  if (P == 2) return p2_shock_birth(options, cusp.t, step);

  ShockArrival out;
  std::vector<double> times;
  for (double t = cusp.t + step; t <= 4.0 * cusp.t; t += step) times.push_back(t);
  std::vector<double> ts, xs;
  bool arrived = false;
  out.run = solve_signal_conservation_law(
      P, times, options, [&](double t, std::span<const double> x, std::span<const double> u) {
        const ShockLocation shock = locate_shock(x, u);
        if (!shock.found) return ts.empty();  // not yet born: go on; gone: stop
        if (shock.x < kStopCells * options.dx) {
          arrived = true;
          return false;
        }
        ts.push_back(t);
        xs.push_back(shock.x);
        return true;
      });
  if (!arrived || ts.size() < kFitSamples) return out;
  const std::vector<double> t_fit(ts.end() - kFitSamples, ts.end());
  const std::vector<double> x_fit(xs.end() - kFitSamples, xs.end());
  out.t = extrapolated_root(t_fit, x_fit, t_fit.back());
  out.samples = kFitSamples;
  out.found = std::isfinite(out.t);
  return out;
}

}  // namespace dhn::theory
