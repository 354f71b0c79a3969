#include "transport_finite_n.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/core.h>

#include "dhn/theory/finite_n_overlap.hpp"
#include "dhn/theory/p2_heat_equation.hpp"
#include "dhn/theory/signal_pressure.hpp"

namespace dhn::cli {
namespace {

namespace th = dhn::theory;

// Second derivative at the grid's centre x = 0 by the 8th-order central stencil (Fornberg), the
// same order as the heat equation's own differences.
double second_derivative_at_zero(const std::vector<double>& x, const std::vector<double>& A) {
  constexpr double kSecond[] = {-205.0 / 72.0, 8.0 / 5.0, -1.0 / 5.0, 8.0 / 315.0, -1.0 / 560.0};
  const std::size_t centre = x.size() / 2;  // x = -L + j dx with L a whole number of dx
  const double dx = x[1] - x[0];
  double sum = kSecond[0] * A[centre];
  for (std::size_t k = 1; k <= 4; ++k) sum += kSecond[k] * (A[centre + k] + A[centre - k]);
  return sum / (dx * dx);
}

double relative_difference(double a, double b) {
  return std::abs(a - b) / std::abs(b);
}

}  // namespace

analysis::FiniteNTransport compute_finite_n_transport(const FiniteNTransportRequest& r,
                                                      const FiniteNProgress& progress) {
  analysis::FiniteNTransport out;
  out.N = r.N;
  out.T = r.T;
  const std::size_t nT = r.T.size();
  const bool heat = r.model.P == 2 && !r.heat_N.empty();
  const std::size_t total = r.N.size() + (heat ? r.heat_N.size() * nT : 0);
  std::size_t done = 0;
  for (std::int32_t N : r.N) {
    const th::FiniteNOverlapCurve curve = th::finite_n_overlap_curve(r.model, N, r.T);
    out.m.insert(out.m.end(), curve.m.begin(), curve.m.end());
    out.abs_m.insert(out.abs_m.end(), curve.abs_m.begin(), curve.abs_m.end());
    out.m_squared.insert(out.m_squared.end(), curve.m_squared.begin(), curve.m_squared.end());
    for (double T : r.T)
      out.A.push_back(th::finite_n_signal_pressure(r.model.P, r.model.variant, N, 1.0 / T, 0.0).A);
    progress(++done, total);
  }
  for (double T : r.T) out.m_limit.push_back(th::signal_pressure_limit(r.model.P, 1.0 / T, 0.0).m);
  if (!heat) return out;

  // P = 2: Z_t = Z_xx/(2N) from t = 0 to each 1/T, against the binomial sum at the same (N, T)
  out.heat_N = r.heat_N;
  out.heat_n_dx = r.heat_n_dx;
  out.heat_max_relative_difference_A = 0.0;
  out.heat_max_relative_difference_m_squared = 0.0;
  for (std::int32_t N : r.heat_N) {
    for (double T : r.T) {
      const th::HeatEquationSolution s =
          th::integrate_p2_heat_equation(r.model.variant, N, 1.0 / T, {.dx = r.heat_n_dx / N});
      if (!s.completed)
        throw std::runtime_error(fmt::format(
            "transport: the heat equation at N = {}, T = {} spent its step budget", N, T));
      out.heat_steps += s.accepted_steps;
      const double A = s.A[s.x.size() / 2];
      const double m_squared = second_derivative_at_zero(s.x, s.A) / N;  // <m> = 0 at x = 0
      out.heat_A.push_back(A);
      out.heat_m_squared.push_back(m_squared);
      const th::SignalPressure exact =
          th::finite_n_signal_pressure(2, r.model.variant, N, 1.0 / T, 0.0);
      out.heat_max_relative_difference_A =
          std::max(out.heat_max_relative_difference_A, relative_difference(A, exact.A));
      out.heat_max_relative_difference_m_squared =
          std::max(out.heat_max_relative_difference_m_squared,
                   relative_difference(m_squared, exact.m_squared));
      progress(++done, total);
    }
  }
  return out;
}

}  // namespace dhn::cli
