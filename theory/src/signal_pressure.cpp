#include "dhn/theory/signal_pressure.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "dhn/model/covariance.hpp"
#include "dhn/model/elementary_symmetric.hpp"
#include "dhn/theory/scalar_solvers.hpp"

namespace dhn::theory {
namespace {

void require_finite(double value, const char* name) {
  if (!std::isfinite(value))
    throw std::invalid_argument(std::string(name) + " must be finite, got " +
                                std::to_string(value));
}

void require_order(int P) {
  if (P < 2 || P > kMaxP)
    throw std::invalid_argument("P must be in [2, " + std::to_string(kMaxP) + "], got " +
                                std::to_string(P));
}

// ln 2cosh y without overflow.
double ln_two_cosh(double y) {
  const double a = std::abs(y);
  return a + std::log1p(std::exp(-2.0 * a));  // 2cosh y = e^|y| (1 + e^-2|y|)
}

constexpr int kScanIntervals = 512;  // bracketing intervals over the possible range of atanh m
constexpr double kRootTolerance = 1e-15;

}  // namespace

SignalPressure finite_n_signal_pressure(int P, Variant variant, int N, double t, double x) {
  require_order(P);
  if (N < 1) throw std::invalid_argument("N must be >= 1, got " + std::to_string(N));
  require_finite(t, "t");
  require_finite(x, "x");
  const double n = static_cast<double>(N);
  const double scale = std::pow(n, P - 1);
  const double inv_P_factorial = 1.0 / factorial(P);
  // exponent_k = ln C(N, k) + t g(S) + x S; g(S)/N is the per-spin signal, later averaged.
  std::vector<double> exponent(static_cast<std::size_t>(N) + 1), g(exponent.size());
  for (int k = 0; k <= N; ++k) {
    const double S = n - 2.0 * k;
    g[k] = variant == Variant::full ? std::pow(S, P) * inv_P_factorial / scale
                                    : elementary_symmetric_real(P, S, n) / scale;
    exponent[k] =
        std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + t * g[k] + x * S;
  }
  const double top = *std::max_element(exponent.begin(), exponent.end());
  double weight_sum = 0.0, m_sum = 0.0, g_sum = 0.0, abs_sum = 0.0, square_sum = 0.0;
  for (int k = 0; k <= N; ++k) {
    const double w = std::exp(exponent[k] - top);
    const double m = (n - 2.0 * k) / n;
    weight_sum += w;
    m_sum += w * m;
    g_sum += w * g[k] / n;
    abs_sum += w * std::abs(m);
    square_sum += w * m * m;
  }
  return {.A = (top + std::log(weight_sum)) / n,
          .m = m_sum / weight_sum,
          .dA_dt = g_sum / weight_sum,
          .abs_m = abs_sum / weight_sum,
          .m_squared = square_sum / weight_sum};
}

SignalPressure signal_pressure_limit(int P, double t, double x) {
  require_order(P);
  require_finite(x, "x");
  if (!(t >= 0.0) || !std::isfinite(t))
    throw std::invalid_argument("t must be finite and >= 0, got " + std::to_string(t));
  const Signal b(P);
  const double inv_P_factorial = 1.0 / factorial(P);
  // Stationary points in y = atanh m: y = x + t b(tanh y), and |b| <= b(1) = 1/(P-1)!.
  auto residual = [&](double y) { return y - x - t * b.value(std::tanh(y)); };
  const double reach = t / factorial(P - 1) + 1e-9;
  const double lo = x - reach, step = 2.0 * reach / kScanIntervals;
  SignalPressure best;
  best.A = -std::numeric_limits<double>::infinity();
  auto consider = [&](double y) {
    const double m = std::tanh(y);
    // phi at a stationary point: ln 2cosh y - t (P-1) m^P/P!  (s(m) + x m = ln 2cosh y - t b(m) m)
    const double A = ln_two_cosh(y) - t * (P - 1) * std::pow(m, P) * inv_P_factorial;
    if (A > best.A || (A == best.A && m > best.m))
      best = {.A = A,
              .m = m,
              .dA_dt = std::pow(m, P) * inv_P_factorial,
              .abs_m = std::abs(m),
              .m_squared = m * m};
  };
  double y0 = lo, r0 = residual(y0);
  for (int i = 1; i <= kScanIntervals; ++i) {
    const double y1 = lo + i * step, r1 = residual(y1);
    if (r0 == 0.0)
      consider(y0);
    else if (r0 * r1 < 0.0) {
      const ScalarRoot root = find_root(residual, y0, y1, kRootTolerance);
      if (root.bracketed()) consider(root.x);
    }
    y0 = y1;
    r0 = r1;
  }
  if (r0 == 0.0) consider(y0);
  return best;
}

}  // namespace dhn::theory
